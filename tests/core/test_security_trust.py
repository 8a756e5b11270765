"""Issue 12, points 1-3 (trust): one key speaks for one unit, provenance comes from the signature,
sequence numbers and timestamps are checked within a budget before any work.

Every package here is signed with a real installation's key (a stolen commune laptop, or a
modified copy of the app): the signature is valid, only what it claims is hostile.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import time
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from tests.core.test_sync_fixtures import C44, C47, PEK, Site, confirm_all, department, figure, sender, statuses
from xhht_desktop.cli import main as cli_main
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import completeness, keys, merge, minisign, package, repo


@pytest.fixture
def world(tmp_path):
    """The Department and the communes Đắk Pék and 23344, each confirmed after a first package."""
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    c44 = sender(tmp_path, dept, "commune", C44)
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    c44.save("2014-H1", Entry("XMC_15_60", None, 700, 1000))
    merge.merge_files(dept.db, [pek.export(tmp_path / "first"), c44.export(tmp_path / "first")])
    confirm_all(dept)
    yield dept, pek, c44
    for s in (dept, pek, c44):
        s.close()


# ---- crafting signed packages ---------------------------------------------------------------------

def _parts(dept: Site, path: Path) -> tuple[dict, dict]:
    members = package.read_tar(pyrage.decrypt(path.read_bytes(), keys.department_identities(dept.db)))
    return json.loads(members[package.MANIFEST_NAME]), json.loads(gzip.decompress(members[package.PAYLOAD_NAME]))


def craft(dept: Site, path: Path, signer: Site, *, manifest=None, payload=None, name: str | None = None) -> Path:
    """`path` (a genuine package) taken apart, edited, and signed again with `signer`'s key, as
    `signer`'s installation: a package only that installation's key could have made."""
    m, doc = _parts(dept, path)
    if payload is not None:
        payload(doc)
    public = bytes(keys.signing_key(signer.db).verify_key)
    m["signer"] = {"algorithm": "ed25519-minisign", "public_key": base64.b64encode(public).decode(),
                   "fingerprint": keys.signing_fingerprint(public)}
    m["installation_id"] = signer.inst.installation_id
    if manifest is not None:
        manifest(m)
    raw = json.dumps(doc).encode()
    packed = gzip.compress(raw)
    m["payload"].update(sha256=hashlib.sha256(packed).hexdigest(), size=len(packed), uncompressed_size=len(raw))
    manifest_bytes = json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True).encode()
    sig = minisign.sign(keys.signing_key(signer.db), manifest_bytes, "test").encode("ascii")
    plain = package.write_tar([(package.MANIFEST_NAME, manifest_bytes), (package.SIGNATURE_NAME, sig),
                               (package.PAYLOAD_NAME, packed)], 0)
    out = path.parent / (name or f"crafted_{path.name}")
    out.write_bytes(pyrage.encrypt(plain, [x25519.Recipient.from_str(keys.department_recipient(dept.db))]))
    return out


def _rows(doc: dict, table: str = "indicator_values") -> list[dict]:
    t = doc["tables"][table]
    return [dict(zip(t["columns"], r)) for r in t["rows"]]


def _edit_rows(doc: dict, edit, table: str = "indicator_values") -> None:
    t = doc["tables"][table]
    rows = []
    for r in t["rows"]:
        d = dict(zip(t["columns"], r))
        edit(d)
        rows.append([d[c] for c in t["columns"]])
    t["rows"] = rows


def _pairs(dept: Site) -> dict[tuple[str, str], str]:
    return {(i["fingerprint"], i["unit_code"]): i["status"] for i in merge.list_installations(dept.db)}


def _another_unit_signed_by(tmp_path, dept, signer: Site, code: str, *entries: Entry, name="other") -> Path:
    """A package for unit `code` (its records, its UUIDs) signed with `signer`'s key."""
    fake = sender(tmp_path, dept, "commune", code, name=f"{name}-{code}")
    fake.save("2014-H1", *entries)
    path = craft(dept, fake.export(tmp_path / name), signer)
    fake.close()
    return path


# ---- 1. (key, unit) is the unit of trust ---------------------------------------------------------

def test_routine_confirmation_of_a_key_never_confirms_it_for_another_unit(world, tmp_path):
    dept, pek, c44 = world
    forged = _another_unit_signed_by(tmp_path, dept, pek, C44, Entry("XMC_15_60", None, 999, 1000),
                                     Entry("XMC_15_35", None, 9, 10))
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["held"]
    assert report.packages[0].code == "new_unit_for_key"
    assert "2 đơn vị" in report.packages[0].reason
    listed = [i for i in merge.list_installations(dept.db) if i["fingerprint"] == pek.fingerprint]
    assert sorted(i["units_claimed"] for i in listed) == [2, 2]

    # The routine confirmation of Đắk Pék's key (after a phone call, or for a key already trusted).
    again = merge.confirm_installations(dept.db, [pek.fingerprint])
    assert again.packages == []
    assert _pairs(dept)[(pek.fingerprint, C44)] == "pending"
    assert _pairs(dept)[(pek.fingerprint, PEK)] == "confirmed"
    assert figure(dept, C44, "2014-H1", "XMC_15_60") == (700, 1000, None)
    assert figure(dept, C44, "2014-H1", "XMC_15_35") is None
    assert repo.held_packages(dept.db, pek.fingerprint, c44.inst.unit.key) != []


def test_confirm_takes_the_unit_and_applies_only_that_pairs_held_packages(world, tmp_path, capsys):
    dept, pek, c44 = world
    laptop = sender(tmp_path, dept, "commune", PEK, name="laptop")  # a new machine, never confirmed
    laptop.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    own = laptop.export(tmp_path / "laptop")
    forged = _another_unit_signed_by(tmp_path, dept, laptop, C44, Entry("XMC_15_35", None, 9, 10))
    assert statuses(merge.merge_files(dept.db, [own, forged])) == ["held", "held"]
    fp = laptop.fingerprint
    dept_db = str(dept.path)
    dept.close()

    # Both units first seen in the same merge: a bare fingerprint is ambiguous.
    assert cli_main(["--db", dept_db, "installations", "confirm", fp]) == 1
    assert "--unit" in capsys.readouterr().err
    assert cli_main(["--db", dept_db, "installations", "list"]) == 0
    text = capsys.readouterr().out
    assert text.count("máy này đang gửi số liệu cho 2 đơn vị") == 2
    assert cli_main(["--db", dept_db, "installations", "list", "--json"]) == 0
    claimed = {(r["fingerprint"], r["unit"]["code"]): r for r in json.loads(capsys.readouterr().out)}
    assert claimed[(fp, C44)]["units_claimed"] == 2 and claimed[(pek.fingerprint, PEK)]["units_claimed"] == 1

    assert cli_main(["--db", dept_db, "installations", "confirm", fp, "--unit", f"{C44}@2014-06-30"]) == 0
    out = capsys.readouterr().out
    assert "đã xử lý 1 gói" in out
    assert f"còn gửi số liệu cho Xã Đắk Pék ({PEK}), chưa xác nhận" in out  # said, never done along
    site = Site.__new__(Site)
    from xhht_desktop.installation import open_app_database
    site.db = open_app_database(dept_db)
    assert figure(site, C44, "2014-H1", "XMC_15_35") == (9, 10, None)
    assert figure(site, PEK, "2014-H1", "XMC_15_35") is None  # Đắk Pék's pair is still waiting
    assert _pairs(site)[(fp, PEK)] == "pending" and _pairs(site)[(fp, C44)] == "confirmed"
    site.db.conn.close()

    assert cli_main(["--db", dept_db, "installations", "confirm", fp, "--unit", C47]) == 1
    assert "không gửi số liệu cho" in capsys.readouterr().err
    assert cli_main(["--db", dept_db, "installations", "confirm", fp, "--unit", PEK]) == 0
    assert "đã xử lý 1 gói" in capsys.readouterr().out
    laptop.close()


def test_a_bare_fingerprint_confirms_only_the_unit_it_was_first_seen_for(world, tmp_path):
    dept, _pek, _c44 = world
    laptop = sender(tmp_path, dept, "commune", PEK, name="laptop")
    laptop.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    merge.merge_files(dept.db, [laptop.export(tmp_path / "laptop")])
    time.sleep(1.1)  # first_seen is stored to the second
    forged = _another_unit_signed_by(tmp_path, dept, laptop, C44, Entry("XMC_15_35", None, 9, 10))
    assert statuses(merge.merge_files(dept.db, [forged])) == ["held"]
    report = merge.confirm_installations(dept.db, [laptop.fingerprint])
    assert statuses(report) == ["imported"] and report.packages[0].unit_code == PEK
    assert _pairs(dept)[(laptop.fingerprint, C44)] == "pending"
    assert figure(dept, C44, "2014-H1", "XMC_15_35") is None
    laptop.close()


def test_a_revoked_key_is_refused_for_every_unit_and_cannot_be_revived(world, tmp_path):
    dept, pek, _c44 = world
    merge.revoke_installation(dept.db, pek.fingerprint)
    forged = _another_unit_signed_by(tmp_path, dept, pek, C44, Entry("XMC_15_35", None, 9, 10))
    before = dept.dump()
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["rejected"] and report.packages[0].code == "revoked"
    assert dept.dump() == before  # not held, no new pair
    for item in ([pek.fingerprint], [(pek.fingerprint, pek.inst.unit.key)]):
        with pytest.raises(keys.KeyProblem, match="thu hồi"):
            merge.confirm_installations(dept.db, item)
    assert _pairs(dept)[(pek.fingerprint, PEK)] == "revoked"


def test_revoking_after_a_second_unit_was_claimed_refuses_both_and_confirming_cannot_revive(world, tmp_path):
    dept, pek, _c44 = world
    forged = _another_unit_signed_by(tmp_path, dept, pek, C44, Entry("XMC_15_35", None, 9, 10))
    assert statuses(merge.merge_files(dept.db, [forged])) == ["held"]
    merge.revoke_installation(dept.db, pek.fingerprint)
    with pytest.raises(keys.KeyProblem, match="thu hồi"):
        merge.confirm_installations(dept.db, [(pek.fingerprint, C44)])
    assert figure(dept, C44, "2014-H1", "XMC_15_35") is None
    assert {s for (fp, _u), s in _pairs(dept).items() if fp == pek.fingerprint} == {"revoked"}
    # Its held packages no longer make the unit look "waiting" in the completeness grid.
    assert C44 not in {k.split("@")[0] for k in repo.held_periods(dept.db)}


def test_a_package_reusing_the_uuid_of_one_held_for_another_key_is_rejected(world, tmp_path):
    dept, pek, _c44 = world
    stranger = sender(tmp_path, dept, "commune", C47, name="stranger")
    stranger.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    genuine = stranger.export(tmp_path / "stranger")
    assert statuses(merge.merge_files(dept.db, [genuine])) == ["held"]
    copy = craft(dept, genuine, pek)  # same package UUID, signed with Đắk Pék's confirmed key
    before = dept.dump()
    report = merge.merge_files(dept.db, [copy])
    assert statuses(report) == ["rejected"] and report.packages[0].code == "uuid_reused"
    assert dept.dump() == before
    assert [h["package_uuid"] for h in repo.held_packages(dept.db, stranger.fingerprint)] == \
        [report.packages[0].package_uuid]
    stranger.close()


# ---- 2. provenance comes from the signature ------------------------------------------------------

@pytest.fixture
def two_laptops(tmp_path):
    """Two confirmed laptops of Đắk Pék; A entered XMC_15_60 (revision 1)."""
    dept = department(tmp_path)
    a = sender(tmp_path, dept, "commune", PEK, name="a")
    b = sender(tmp_path, dept, "commune", PEK, name="b")
    a.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    b.save("2014-H1", Entry("XMC_15_35", None, 5, 10))
    merge.merge_files(dept.db, [a.export(tmp_path / "a")])
    merge.merge_files(dept.db, [b.export(tmp_path / "b")])
    confirm_all(dept)
    yield dept, a, b
    for s in (dept, a, b):
        s.close()


def test_a_record_claiming_another_installation_as_origin_is_the_signers(two_laptops, tmp_path):
    dept, a, b = two_laptops
    b.save("2014-H1", Entry("XMC_15_60", None, 190, 200))

    def as_a_next_revision(row):
        if row["indicator"] == "XMC_15_60":
            row.update(origin=a.inst.installation_id, revision=2, base_revision=1)

    forged = craft(dept, b.export(tmp_path / "b2"), b, payload=lambda doc: _edit_rows(doc, as_a_next_revision))
    report = merge.merge_files(dept.db, [forged])
    (p,) = report.packages
    assert p.status == "conflict" and p.counts["conflicts"] == 1 and p.counts["updated"] == 0
    assert any("máy ký gói" in w for w in p.warnings)
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)  # A's figure stays in force
    (c,) = merge.list_conflicts(dept.db)
    assert c["incoming_origin"] == b.inst.installation_id and c["local_origin"] == a.inst.installation_id
    origins = {r[0] for r in dept.db.conn.execute("SELECT origin FROM history WHERE source=?",
                                                  (f"sync:{p.package_uuid}",))}
    assert a.inst.installation_id not in origins


def test_a_known_key_presenting_another_installation_id_is_refused(two_laptops, tmp_path):
    dept, a, b = two_laptops
    b.save("2014-H1", Entry("XMC_15_60", None, 190, 200))
    forged = craft(dept, b.export(tmp_path / "b2"), b,
                   manifest=lambda m: m.update(installation_id="5f0c3b8e-0000-4000-8000-000000000001"))
    before = dept.dump()
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["rejected"] and report.packages[0].code == "identity_changed"
    assert dept.dump() == before


@pytest.mark.parametrize("existing", [True, False])
def test_an_enormous_revision_is_refused_and_cannot_freeze_a_record(two_laptops, tmp_path, existing):
    dept, a, _b = two_laptops
    breakdown = None if existing else "nu"  # the total A sent, or a record new here
    a.save("2014-H1", Entry("XMC_15_60", breakdown, 50, 100))

    def huge(row):
        if row["indicator"] == "XMC_15_60" and (row["breakdown"] or None) == breakdown:
            row.update(revision=10**12, base_revision=10**12 - 1)

    forged = craft(dept, a.export(tmp_path / "a2"), a, payload=lambda doc: _edit_rows(doc, huge))
    before = dept.dump()
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["rejected"] and report.packages[0].code == "revision_jump"
    assert "phiên bản" in report.packages[0].reason
    assert dept.dump() == before
    # The real owner's next edit still arrives.
    a.save("2014-H1", Entry("XMC_15_60", breakdown, 60, 100))
    assert statuses(merge.merge_files(dept.db, [a.export(tmp_path / "a3")])) == ["imported"]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60", breakdown) == (60, 100, None)


def test_revisions_stay_monotonic_per_record_and_origin(two_laptops, tmp_path):
    dept, a, _b = two_laptops
    a.save("2014-H1", Entry("XMC_15_60", None, 150, 200))  # revision 2

    def back_to_one(row):
        row.update(revision=1, base_revision=0)

    forged = craft(dept, a.export(tmp_path / "a2"), a, payload=lambda doc: _edit_rows(doc, back_to_one))
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["conflict"]  # same origin and revision, other content: both kept
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)  # never silently replaced


@pytest.mark.parametrize("path", ["conflict", "older"])
def test_a_version_kept_aside_is_still_checked_so_nothing_invalid_waits_in_a_conflict(two_laptops, tmp_path, path):
    """A conflict's incoming version can be chosen later (written without the merge's checks), and
    an older version is still what the sender signed: control text in either refuses the package."""
    dept, a, b = two_laptops
    site = b if path == "conflict" else a
    site.save("2014-H1", Entry("XMC_15_60", None, 120, 200))

    def bell(row):
        if row["indicator"] == "XMC_15_60":
            row["comment"] = "ghi chú \x07\x1b[31m"
            if path == "older":
                row.update(revision=1, base_revision=0)

    forged = craft(dept, site.export(tmp_path / "aside"), site, payload=lambda doc: _edit_rows(doc, bell))
    before = dept.dump()
    report = merge.merge_files(dept.db, [forged])
    (p,) = report.packages
    assert p.status == "rejected" and p.code == "invalid_figures"
    assert any("ký tự điều khiển" in x for x in p.problems)
    assert dept.dump() == before
    assert merge.list_conflicts(dept.db) == []


# ---- 3. sequence numbers and timestamps within a budget -----------------------------------------

@pytest.mark.parametrize("known", [True, False])
def test_a_sequence_jump_is_refused_with_its_reason(world, tmp_path, known):
    dept, pek, _c44 = world
    signer = pek if known else sender(tmp_path, dept, "commune", C47, name="stranger")
    signer.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    forged = craft(dept, signer.export(tmp_path / "seq"), signer, manifest=lambda m: m.update(sequence=10**12))
    before = dept.dump()
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["rejected"] and report.packages[0].code == "sequence_jump"
    assert "số thứ tự" in report.packages[0].reason
    assert dept.dump() == before
    assert all(i["missing"] == [] for i in merge.list_installations(dept.db))


def test_a_sequence_jump_held_by_an_older_version_is_refused_at_confirmation(tmp_path):
    """A package held before the bound existed does not vouch for its own number."""
    dept = department(tmp_path)
    laptop = sender(tmp_path, dept, "commune", PEK, name="laptop")
    laptop.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    good = laptop.export(tmp_path / "1")
    laptop.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    bad = craft(dept, laptop.export(tmp_path / "2"), laptop, manifest=lambda m: m.update(sequence=10**12))
    assert statuses(merge.merge_files(dept.db, [good])) == ["held"]
    m, _doc = _parts(dept, bad)
    with dept.db.atomic():
        repo.insert_held(dept.db, {"package_uuid": m["package_uuid"], "fingerprint": laptop.fingerprint,
                                   "unit_key": laptop.inst.unit.key, "sequence": 10**12, "created_at": m["created_at"],
                                   "received_at": "2014-07-06T08:00:00+07:00", "file_name": bad.name,
                                   "periods": m["periods"], "data": bad.read_bytes()})
    (row,) = merge.list_installations(dept.db)  # counted, never enumerated
    assert row["missing_count"] == 10**12 - 2 and row["missing_ranges"] == [(2, 10**12 - 1)]
    report = merge.confirm_installations(dept.db, [laptop.fingerprint])
    assert statuses(report) == ["imported", "rejected"] and report.packages[1].code == "sequence_jump"
    assert figure(dept, PEK, "2014-H1", "XMC_15_35") is None
    assert repo.held_packages(dept.db, laptop.fingerprint) == []
    assert merge.list_installations(dept.db)[0]["missing_count"] == 0
    dept.close()
    laptop.close()


def test_gaps_are_computed_from_what_was_received():
    received = {1: ("a", False), 10**12: ("b", False), 10**12 + 5: ("c", False)}
    assert merge.missing_ranges(received) == [(2, 10**12 - 1), (10**12 + 1, 10**12 + 4)]
    assert merge.missing_count(received) == 10**12 - 2 + 4
    assert merge.missing_sequences(received) == list(range(2, 2 + merge.MAX_MISSING_LISTED))
    assert merge.missing_ranges({3: ("a", True), 5: ("b", False)}) == [(4, 4)]  # a full one covers 1-2
    assert merge.missing_ranges({}) == []


def test_a_large_but_allowed_gap_is_listed_as_a_range(world, tmp_path, capsys):
    dept, pek, _c44 = world
    pek.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    top = merge.MAX_SEQUENCE_JUMP
    forged = craft(dept, pek.export(tmp_path / "seq"), pek, manifest=lambda m: m.update(sequence=top))
    report = merge.merge_files(dept.db, [forged])
    assert statuses(report) == ["imported"]
    assert report.gaps == [f"Thiếu gói số 2–{top - 1} (tổng cộng {top - 2:,} gói) của Xã Đắk Pék "
                           f"(máy {pek.fingerprint}).".replace(",", ".")]
    (row,) = [i for i in merge.list_installations(dept.db) if i["fingerprint"] == pek.fingerprint]
    assert row["missing_count"] == top - 2 and row["missing_ranges"] == [(2, top - 1)]
    assert len(row["missing"]) == merge.MAX_MISSING_LISTED
    dept_db = str(dept.path)
    assert cli_main(["--db", dept_db, "installations", "list", "--json"]) == 0
    listed = {r["fingerprint"]: r for r in json.loads(capsys.readouterr().out)}[pek.fingerprint]
    assert listed["missing_ranges"] == [[2, top - 1]] and listed["missing_count"] == top - 2


EXTREME_TIMES = ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00",
                 "9999-12-31T23:59:59", "1970-01-01T00:00:00+00:00", "2200-01-01T00:00:00+07:00"]


@pytest.mark.parametrize("created_at", EXTREME_TIMES)
def test_an_extreme_created_at_rejects_that_package_alone(world, tmp_path, created_at):
    dept, pek, c44 = world
    pek.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    c44.save("2014-H1", Entry("XMC_15_35", None, 4, 10))
    third = sender(tmp_path, dept, "commune", C47, name="c47")
    third.save("2014-H1", Entry("XMC_15_35", None, 5, 10))
    merge.merge_files(dept.db, [third.export(tmp_path / "c47-first")])
    confirm_all(dept)
    third.save("2014-H1", Entry("XMC_15_35", None, 6, 10))
    out = tmp_path / "batch"
    good1 = c44.export(out)
    bad = craft(dept, pek.export(tmp_path / "pek"), pek, manifest=lambda m: m.update(created_at=created_at),
                name="XHHT_b.xhht")
    good2 = third.export(out)
    report = merge.merge_files(dept.db, [good1, bad, good2])
    assert statuses(report) == ["imported", "rejected", "imported"]
    assert report.packages[1].code == "bad_time" and "thời điểm" in report.packages[1].reason
    assert figure(dept, C44, "2014-H1", "XMC_15_35") == (4, 10, None)
    assert figure(dept, C47, "2014-H1", "XMC_15_35") == (6, 10, None)
    assert figure(dept, PEK, "2014-H1", "XMC_15_35") is None
    third.close()


@pytest.mark.parametrize("updated_at", ["2014-13-45T25:61:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00"])
def test_an_impossible_record_time_rejects_that_package_alone(world, tmp_path, updated_at):
    dept, pek, c44 = world
    pek.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    c44.save("2014-H1", Entry("XMC_15_35", None, 4, 10))
    bad = craft(dept, pek.export(tmp_path / "pek"), pek,
                payload=lambda doc: _edit_rows(doc, lambda r: r.update(updated_at=updated_at)))
    report = merge.merge_files(dept.db, [bad, c44.export(tmp_path / "c44")])
    assert statuses(report) == ["rejected", "imported"]
    assert report.packages[0].code == "bad_time"
    assert figure(dept, PEK, "2014-H1", "XMC_15_35") is None


def test_confirming_a_sender_whose_held_package_has_an_extreme_time_never_crashes(tmp_path):
    """A package held before this check existed (or by an older version) is rejected alone at
    confirmation; the sender's other held packages are applied."""
    dept = department(tmp_path)
    laptop = sender(tmp_path, dept, "commune", PEK, name="laptop")
    laptop.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    good = laptop.export(tmp_path / "1")
    laptop.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    bad = craft(dept, laptop.export(tmp_path / "2"), laptop,
                manifest=lambda m: m.update(created_at="9999-12-31T23:59:59-12:00"))
    assert statuses(merge.merge_files(dept.db, [good])) == ["held"]
    m, _doc = _parts(dept, bad)
    with dept.db.atomic():
        repo.insert_held(dept.db, {"package_uuid": m["package_uuid"], "fingerprint": laptop.fingerprint,
                                   "unit_key": laptop.inst.unit.key, "sequence": 2, "created_at": m["created_at"],
                                   "received_at": "2014-07-06T08:00:00+07:00", "file_name": bad.name,
                                   "periods": m["periods"], "data": bad.read_bytes()})
    report = merge.confirm_installations(dept.db, [laptop.fingerprint])
    assert statuses(report) == ["imported", "rejected"] and report.packages[1].code == "bad_time"
    again = merge.confirm_installations(dept.db, [laptop.fingerprint])  # never a traceback, nothing left
    assert statuses(again) == []
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)
    assert repo.held_packages(dept.db, laptop.fingerprint) == []
    grid = completeness.completeness(dept.db, [parse_period("2014-H1")])
    assert grid.cell(laptop.inst.unit.key, "2014-H1").status in ("received", "late")
    dept.close()
    laptop.close()


def test_completeness_survives_a_package_time_stored_by_an_older_version(world):
    """Before times were checked, `_utc` kept a time it could not convert as sent: the grid reads it
    as late instead of failing for the whole province."""
    dept, pek, _c44 = world
    dept.db.conn.execute("UPDATE sync_import_periods SET created_at='2014-07-05 giờ lạ' WHERE unit_key=?",
                         (pek.inst.unit.key,))
    dept.db.conn.commit()
    grid = completeness.completeness(dept.db, ["2014-H1"])
    assert grid.cell(pek.inst.unit.key, "2014-H1").status == "late"
