"""Issue 11: the Department speaks back — reference updates, receipts, correction requests, between
separate databases, through the CLI (exit codes and JSON as the issue specifies)."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import tarfile
from contextlib import redirect_stdout
from pathlib import Path

import pyrage
import pytest
from nacl.signing import SigningKey
from pyrage import x25519

from xhht_desktop.cli import main as cli_main
from xhht_desktop.installation import open_app_database
from xhht_desktop.sync import keys, minisign, receipts, signed_doc, updates

COMMUNE = "23341"  # Xã Đăk Pék, from 01/07/2025: reports the 2021–2030 programme
IND = "CB_KH_XA_CNTT"  # 2030 target 60, a draft in the catalogue


def run(db: Path, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        rc = cli_main(["--db", str(db), *argv])
    return rc, out.getvalue()


def run_json(db: Path, *argv: str):
    rc, out = run(db, *argv, "--json")
    assert rc == 0, out
    return json.loads(out)


class World:
    """A Department and a commune (sample figures), each in its own database."""

    def __init__(self, tmp: Path, *, department_name: str = "so", commune: str = COMMUNE, trust: bool = True):
        self.tmp = tmp
        self.so = tmp / f"{department_name}.sqlite3"
        self.xa = tmp / f"xa_{commune}_{department_name}.sqlite3"
        self.out = tmp / f"out_{department_name}"
        self.pk = tmp / f"pk_{department_name}_{commune}"
        self.out.mkdir(exist_ok=True)
        self.pk.mkdir(exist_ok=True)
        assert run(self.so, "init", "--role", "department", "--unit", "51", "--official", "Trần Sở")[0] == 0
        assert run(self.xa, "init", "--role", "commune", "--unit", commune, "--official", "Y Blong", "--sample")[0] == 0
        self.pub = tmp / f"{department_name}.pub"
        assert run(self.so, "keys", "export-public", "--out", str(self.pub))[0] == 0
        if trust:
            assert run(self.xa, "keys", "trust-department", str(self.pub))[0] == 0

    def publish(self, *extra: str) -> Path:
        rc, out = run(self.so, "publish", "--out", str(self.out), *extra)
        assert rc == 0
        return Path(out.strip())

    def send_package(self, *extra: str) -> Path:
        for f in self.pk.iterdir():
            f.unlink()
        rc, out = run(self.xa, "export", "--out", str(self.pk), *extra)
        assert rc == 0, out
        path = Path(out.strip())
        assert run(self.so, "merge", str(path))[0] == 0
        return path

    def confirm(self) -> None:
        fp = run_json(self.xa, "keys", "show")["installation_fingerprint"]
        assert run(self.so, "installations", "confirm", fp)[0] == 0

    def receipts(self) -> list[Path]:
        rc, out = run(self.so, "receipts", "--out", str(self.out))
        assert rc == 0
        return [Path(line) for line in out.splitlines()]

    def target(self, db: Path, period: str = "2026") -> tuple:
        row = next(r for r in run_json(db, "values", "--period", period) if r["indicator"] == IND and not r["breakdown"])
        return row["value"], row["target"], row["met"]


def fingerprint_of(world: World) -> dict:
    """What a refused file must not change: targets, the applied versions, receipts, keys."""
    db = open_app_database(world.xa)
    try:
        return {
            "targets": db.conn.execute("SELECT * FROM indicator_targets ORDER BY 1,2,3").fetchall(),
            "updates": db.conn.execute("SELECT * FROM reference_updates").fetchall(),
            "receipts": db.conn.execute("SELECT * FROM receipts").fetchall(),
            "acks": db.conn.execute("SELECT * FROM package_acks").fetchall(),
            "corrections": db.conn.execute("SELECT * FROM correction_requests").fetchall(),
            "units": db.conn.execute("SELECT key, valid_to FROM units ORDER BY key").fetchall(),
            "meta": db.conn.execute("SELECT key, value FROM meta WHERE key LIKE 'sync_%' ORDER BY key").fetchall(),
        }
    finally:
        db.conn.close()


@pytest.fixture
def world(tmp_path):
    return World(tmp_path)


# ---- the round trip -----------------------------------------------------------------------------

def test_round_trip_between_separate_databases(world):
    w = world
    value, target, met = w.target(w.xa)
    assert target == 60.0 and met is False and 45 < value < 46  # 45,45% against the draft 60%
    # The Department confirms a lower 2030 target and publishes it.
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45", "--op", ">=")[0] == 0
    update = w.publish()
    rc, dry = run(w.xa, "apply", str(update), "--dry-run", "--json")
    assert rc == 0 and json.loads(dry)[0]["status"] == "checked"
    assert w.target(w.xa)[1] == 60.0  # the dry run changed nothing
    [row] = run_json(w.xa, "apply", str(update))
    assert row["status"] == "applied" and row["version"] == 1
    assert [c["kind"] for c in row["changes"]] == ["target"] and row["changes"][0]["old"] == 60.0
    assert w.target(w.xa) == (value, 45.0, True)  # judged against the new target
    # The commune sends its package; the Department merges, confirms, asks for a check, writes receipts.
    w.send_package()
    w.confirm()
    assert run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
               "--message", "Đề nghị xã kiểm tra lại mẫu số")[0] == 0
    assert run_json(w.xa, "exports")[0]["acknowledged"] is False
    [receipt] = w.receipts()
    folder = receipt.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [receipt.name, updates.published_file_name(1), "thu-gui-don-vi.txt"])
    assert "Biên nhận số 1" in (folder / "thu-gui-don-vi.txt").read_text(encoding="utf-8")
    rc, out = run(w.xa, "apply", str(folder), "--json")  # the whole folder: its update was applied already
    rows = json.loads(out)
    assert rc == 0 and [(r["kind"], r["status"], r["code"]) for r in rows] == [
        ("update", "unchanged", "already_applied"), ("receipt", "applied", "")]
    applied = rows[1]
    assert applied["acknowledged"] == [1] and applied["corrections"] == 1
    # The same folder again (the official is not sure it went in): nothing to do, exit 0, nothing changed.
    before = fingerprint_of(w)
    rc, out = run(w.xa, "apply", str(folder), "--json")
    assert rc == 0 and [(r["kind"], r["status"], r["code"]) for r in json.loads(out)] == [
        ("update", "unchanged", "already_applied"), ("receipt", "unchanged", "already_applied")]
    assert fingerprint_of(w) == before
    rc, text = run(w.xa, "apply", str(folder))
    assert rc == 0 and "biên nhận số 1 đã được mở trước đó – không có gì phải làm." in text
    [export] = run_json(w.xa, "exports")
    assert export["acknowledged"] is True and export["acknowledged_at"]
    [req] = run_json(w.xa, "corrections", "list")
    assert (req["indicator"], req["period"], req["message"], req["status"]) == (
        IND, "2026", "Đề nghị xã kiểm tra lại mẫu số", "open")
    # The commune answers; the reply travels in its next package and closes the request at the Department.
    assert run(w.xa, "corrections", "reply", req["id"][:8], "--message", "Đã kiểm tra, mẫu số đúng")[0] == 0
    w.send_package()
    [closed] = run_json(w.so, "corrections", "list", "--all")
    assert closed["status"] == "closed" and closed["closed_how"] == "reply" and closed["reply"] == "Đã kiểm tra, mẫu số đúng"
    [receipt2] = [p for p in w.receipts()]
    [applied2] = run_json(w.xa, "apply", str(receipt2))
    assert applied2["acknowledged"] == [1, 2]
    assert run_json(w.xa, "corrections", "list") == []
    assert [r["status"] for r in run_json(w.xa, "corrections", "list", "--all")] == ["closed"]
    # The province's figure beside the commune's (from the receipt).
    db = open_app_database(w.xa)
    try:
        prov = receipts.province_figures(db, "2026")
    finally:
        db.conn.close()
    assert prov[(IND, "")] == pytest.approx(value)  # one commune reported: the province's figure is its own


def test_a_changed_figure_closes_the_request_too(world):
    w = world
    w.send_package()
    w.confirm()
    assert run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
               "--message", "Kiểm tra lại")[0] == 0
    assert run(w.xa, "apply", str(w.receipts()[0]))[0] == 0
    db = open_app_database(w.xa)
    try:
        from xhht_desktop.db import values_repo
        from xhht_desktop.domain.values import Entry
        from xhht_desktop.installation import get_installation
        inst = get_installation(db)
        values_repo.save_entries(db, inst.unit.id, "2026", [Entry(IND, None, 10, 22, None)], actor="Y Blong",
                                 origin=inst.installation_id)
    finally:
        db.conn.close()
    w.send_package()
    [req] = run_json(w.so, "corrections", "list", "--all")
    assert (req["status"], req["closed_how"]) == ("closed", "figure")


def test_request_correction_refuses_what_the_unit_does_not_report(world):
    rc, _ = run(world.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", "NOPE",
                "--message", "x")
    assert rc == 1
    rc, _ = run(world.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
                "--message", "bad\x07bell")
    assert rc == 1
    assert run(world.xa, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
               "--message", "x")[0] == 1  # only the Department


def test_request_correction_is_limited_to_the_departments_province(tmp_path, capsys):
    """The core itself refuses a unit outside the Department's province (not only the window's chooser),
    with a code; the CLI exits 1 with the reason. A commune of a province the Department was formed from
    stays in reach for the periods before the merger."""
    from xhht_desktop import messages
    from xhht_desktop.sync import corrections

    kon_tum = tmp_path / "kontum.sqlite3"
    assert run(kon_tum, "init", "--role", "department", "--unit", "62@2013-12-02")[0] == 0
    capsys.readouterr()
    rc, _ = run(kon_tum, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
                "--message", "Kiểm tra lại")
    err = capsys.readouterr().err
    assert rc == 1 and "không thuộc Tỉnh Kon Tum" in err and "Xã Đăk Pék (23341)" in err
    db = open_app_database(kon_tum)
    try:
        with pytest.raises(corrections.CorrectionProblem) as caught:
            corrections.request_correction(db, COMMUNE, "2026", "Kiểm tra lại", indicator=IND)
        assert caught.value.code == "correction.outside_province"
        assert caught.value.params["province"] == "Tỉnh Kon Tum"
        assert "is not in Tỉnh Kon Tum" in messages.words(caught.value, "en")
        assert db.conn.execute("SELECT COUNT(*) FROM correction_requests").fetchone()[0] == 0
    finally:
        db.conn.close()
    # Quảng Ngãi (51, from 01/07/2025) was formed from Kon Tum: a Kon Tum ward reports 2020 to it.
    so = tmp_path / "so51.sqlite3"
    assert run(so, "init", "--role", "department", "--unit", "51")[0] == 0
    assert run(so, "request-correction", "--unit", "23281@2013-12-02", "--period", "2020",
               "--indicator", "TUAN_LE_HTSD", "--message", "Kiểm tra lại")[0] == 0


def test_correction_errors_are_codes_worded_in_vietnamese_and_english(world, capsys):
    from xhht_desktop import messages
    from xhht_desktop.sync import corrections

    cases = [  # (argv after the database, expected code, a piece of the Vietnamese sentence kept as it was)
        (("--unit", COMMUNE, "--period", "2026", "--indicator", "NOPE", "--message", "x"),
         "correction.unknown_indicator", "Chỉ tiêu «NOPE» không có trong danh mục kỳ 2026 của Xã Đăk Pék."),
        (("--unit", COMMUNE, "--period", "2026", "--message", "x"),
         "correction.one_subject", "Cần nêu đúng một chỉ tiêu (--indicator) hoặc một hoạt động của TTHTCĐ"),
        (("--unit", COMMUNE, "--period", "2026", "--indicator", IND, "--message", "  "),
         "correction.message_empty", "Nội dung đề nghị không được để trống."),
        (("--unit", COMMUNE, "--period", "2026", "--indicator", IND, "--message", "bad\x07bell"),
         "correction.message_control", "Nội dung đề nghị chứa ký tự điều khiển không in được (U+0007)"),
        (("--unit", COMMUNE, "--period", "2026", "--activity", "00000000-0000-0000-0000-000000000000",
          "--message", "x"), "correction.unknown_activity", "Không có hoạt động «00000000-"),
        (("--unit", COMMUNE + "@2025-07-01", "--period", "2020", "--indicator", IND, "--message", "x"),
         "correction.not_reporting", "Xã Đăk Pék (23341@2025-07-01) không báo cáo kỳ 2020."),
    ]
    db = open_app_database(world.so)
    try:
        for argv, code, vi in cases:
            opts = dict(zip(argv[::2], argv[1::2]))
            with pytest.raises(corrections.CorrectionProblem) as caught:
                corrections.request_correction(db, opts["--unit"], opts["--period"], opts["--message"],
                                               indicator=opts.get("--indicator", ""),
                                               activity_uuid=opts.get("--activity", ""))
            assert caught.value.code == code and vi in str(caught.value), (code, str(caught.value))
            en = messages.words(caught.value, "en")
            assert en != str(caught.value) and "en" in messages.TEMPLATES[code], en
            capsys.readouterr()
            assert run(world.so, "request-correction", *argv)[0] == 1
            assert vi in capsys.readouterr().err
            assert run(world.so, "--lang", "en", "request-correction", *argv)[0] == 1
            assert en in capsys.readouterr().err
        assert db.conn.execute("SELECT COUNT(*) FROM correction_requests").fetchone()[0] == 0
    finally:
        db.conn.close()
    xa = open_app_database(world.xa)
    try:
        for ref, code in (("abc", "correction.not_found"), ("ffffffff", "correction.not_found")):
            with pytest.raises(corrections.CorrectionProblem) as caught:
                corrections.reply(xa, ref, "Đã kiểm tra")
            assert caught.value.code == code and str(caught.value) == f"Không tìm thấy đề nghị «{ref}»."
            assert messages.words(caught.value, "en") == f"No request «{ref}»."
    finally:
        xa.conn.close()
    capsys.readouterr()
    assert run(world.so, "corrections", "reply", "abcd", "--message", "x")[0] == 1
    assert "máy của Sở không trả lời" in capsys.readouterr().err


# ---- refused updates ----------------------------------------------------------------------------

def _applied_unchanged(w: World, path: Path) -> dict:
    """An update identical to one applied before: reported, exit 0, nothing changed."""
    before = fingerprint_of(w)
    rc, out = run(w.xa, "apply", str(path), "--json")
    [row] = json.loads(out)
    assert rc == 0 and row["status"] == "unchanged" and row["code"] == "already_applied", row
    assert row.get("version", row.get("number")) >= 1 and row["reason"]
    assert fingerprint_of(w) == before
    rc, text = run(w.xa, "apply", str(path))
    assert rc == 0 and "trước đó – không có gì phải làm." in text
    return row


def _applied_rejected(w: World, path: Path, code: str) -> dict:
    before = fingerprint_of(w)
    rc, out = run(w.xa, "apply", str(path), "--json")
    [row] = json.loads(out)
    assert rc == 1 and row["status"] == "rejected" and row["code"] == code, row
    assert row["reason"]
    assert fingerprint_of(w) == before
    return row


def _members(path: Path) -> tuple[dict, bytes]:
    body, sig = signed_doc.read_members(path.read_bytes(), "update", updates.MAX_JSON)
    return json.loads(body), sig


def test_update_refusals(world, tmp_path):
    w = world
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45")[0] == 0
    good = w.publish()
    data = good.read_bytes()
    # tampered: one figure changed after signing
    tampered = tmp_path / "tampered.xhhtu"
    tampered.write_bytes(data.replace(b'"value": 45.0', b'"value": 15.0'))
    assert tampered.read_bytes() != data
    _applied_rejected(w, tampered, "tampered")
    # truncated
    cut = tmp_path / "cut.xhhtu"
    cut.write_bytes(data[: len(data) // 2])
    _applied_rejected(w, cut, "truncated")
    # signed by another key (another Department)
    doc, _ = _members(good)
    forged = tmp_path / "forged.xhhtu"
    forged.write_bytes(signed_doc.build("update", doc, SigningKey.generate(), "xhht reference update version 1", 0))
    assert "Sở" in _applied_rejected(w, forged, "wrong_key")["reason"]
    # then the genuine one applies; the same again, an older and an equal version are refused
    assert run(w.xa, "apply", str(good))[0] == 0
    _applied_unchanged(w, good)  # the very same file again: nothing to do, not a refusal
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "50")[0] == 0
    v2 = w.publish()
    assert run(w.xa, "apply", str(v2))[0] == 0
    _applied_unchanged(w, good)  # the file applied before v2: still the same file, still nothing to do
    so = open_app_database(w.so)
    try:
        sk0 = keys.signing_key(so)
    finally:
        so.conn.close()
    doc1, _ = _members(good)
    doc1["targets"][0]["note"] = "khác"  # a different file with the older version number
    other_v1 = tmp_path / "other_v1.xhhtu"
    other_v1.write_bytes(signed_doc.build("update", doc1, sk0, "xhht reference update version 1", 0))
    _applied_rejected(w, other_v1, "older")
    so = open_app_database(w.so)
    try:
        sk = keys.signing_key(so)
    finally:
        so.conn.close()
    doc2, _ = _members(v2)
    doc2["targets"][0]["value"] = 10.0
    equal = tmp_path / "equal.xhhtu"
    equal.write_bytes(signed_doc.build("update", doc2, sk, "xhht reference update version 2", 0))
    _applied_rejected(w, equal, "older")
    assert w.target(w.xa)[1] == 50.0


def test_an_update_for_an_unknown_indicator_is_refused_whole(world, tmp_path):
    w = world
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45")[0] == 0
    doc, _ = _members(w.publish())
    doc["targets"].append(dict(doc["targets"][0], indicator="KHONG_CO"))
    so = open_app_database(w.so)
    try:
        sk = keys.signing_key(so)
    finally:
        so.conn.close()
    bad = tmp_path / "unknown.xhhtu"
    bad.write_bytes(signed_doc.build("update", doc, sk, "xhht reference update version 1", 0))
    _applied_rejected(w, bad, "unknown_reference")
    assert w.target(w.xa)[1] == 60.0  # the good target in the same file was not applied either


def test_an_old_public_key_file_still_works_but_updates_need_the_new_one(tmp_path):
    w = World(tmp_path, trust=False)
    old_file = tmp_path / "old.pub"
    old_file.write_text("".join(ln + "\n" for ln in w.pub.read_text(encoding="utf-8").splitlines()
                                if "signing-key" not in ln and "Khóa ký" not in ln), encoding="utf-8")
    assert run(w.xa, "keys", "trust-department", str(old_file))[0] == 0
    w.send_package()  # packages still go out and merge
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45")[0] == 0
    update = w.publish()
    _applied_rejected(w, update, "no_pinned_key")
    assert run(w.xa, "keys", "trust-department", str(w.pub))[0] == 0  # the extended file pins the key
    assert run(w.xa, "apply", str(update))[0] == 0


def test_signing_key_rotation_announced_by_the_old_key(world, tmp_path):
    w = world
    so = open_app_database(w.so)
    try:
        old_key = keys.signing_key(so)
    finally:
        so.conn.close()
    v1 = w.publish("--rotate-signing-key")
    doc, _ = _members(v1)
    assert doc["next_signing_key"] and doc["department"]["public_key"] == base64.b64encode(
        bytes(old_key.verify_key)).decode()
    [row] = run_json(w.xa, "apply", str(v1))
    assert [c["kind"] for c in row["changes"]] == ["signing_key"]
    # From now on the new key signs; an update signed by the old key is refused.
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45")[0] == 0
    v2 = w.publish()
    doc2, _ = _members(v2)
    stale = tmp_path / "stale.xhhtu"
    stale.write_bytes(signed_doc.build("update", dict(doc2, version=3, department=dict(
        doc2["department"], public_key=base64.b64encode(bytes(old_key.verify_key)).decode())), old_key,
        "xhht reference update version 3", 0))
    _applied_rejected(w, stale, "wrong_key")
    assert run(w.xa, "apply", str(v2))[0] == 0 and w.target(w.xa)[1] == 45.0


# ---- refused receipts ---------------------------------------------------------------------------

def _receipt_world(tmp_path) -> tuple[World, Path]:
    w = World(tmp_path)
    w.send_package()
    w.confirm()
    return w, w.receipts()[0]


def test_receipt_refusals(tmp_path):
    w, receipt = _receipt_world(tmp_path)
    data = receipt.read_bytes()
    # truncated, and one bit flipped in the encrypted part
    cut = tmp_path / "cut.xhhtr"
    cut.write_bytes(data[:120])  # inside the age header
    _applied_rejected(w, cut, "truncated")
    cut.write_bytes(data[:-40])  # inside the encrypted stream: age cannot tell a cut from damage
    assert "cắt ngắn" in _applied_rejected(w, cut, "damaged")["reason"]
    flipped = bytearray(data)
    flipped[-10] ^= 1
    bad = tmp_path / "flip.xhhtr"
    bad.write_bytes(bytes(flipped))
    _applied_rejected(w, bad, "damaged")
    # decrypted, changed and re-encrypted to the commune: the Department's signature no longer matches
    xa = open_app_database(w.xa)
    try:
        identity = receipts.receipt_identity(xa)
    finally:
        xa.conn.close()
    body, sig = signed_doc.read_members(pyrage.decrypt(data, [identity]), "receipt", receipts.MAX_JSON)
    from xhht_desktop.sync.package import write_tar
    changed = body.replace(b'"number": 1', b'"number": 7')
    tampered = tmp_path / "tampered.xhhtr"
    tampered.write_bytes(pyrage.encrypt(write_tar([("receipt.json", changed), ("receipt.json.minisig", sig)], 0),
                                        [identity.to_public()]))
    _applied_rejected(w, tampered, "tampered")
    # from another Department: signed by its key, encrypted to this commune
    doc = json.loads(body)
    other = tmp_path / "other.xhhtr"
    other.write_bytes(pyrage.encrypt(signed_doc.build("receipt", doc, SigningKey.generate(), "x", 0),
                                     [identity.to_public()]))
    _applied_rejected(w, other, "wrong_key")
    # the genuine one, then the very same file again (nothing to do), then the same receipt encrypted
    # anew — another file with the number already opened — refused as not newer
    assert run(w.xa, "apply", str(receipt))[0] == 0
    _applied_unchanged(w, receipt)
    again = tmp_path / "again.xhhtr"
    again.write_bytes(pyrage.encrypt(pyrage.decrypt(data, [identity]), [identity.to_public()]))
    _applied_rejected(w, again, "older")


def test_a_receipt_for_another_installation_is_refused(tmp_path):
    w, receipt = _receipt_world(tmp_path)
    # A second commune of the same Department: the receipt is not encrypted to it.
    other = World.__new__(World)
    other.__dict__.update(w.__dict__)
    other.xa = tmp_path / "xa2.sqlite3"
    assert run(other.xa, "init", "--role", "commune", "--unit", COMMUNE, "--official", "A")[0] == 0
    assert run(other.xa, "keys", "trust-department", str(w.pub))[0] == 0
    _applied_rejected(other, receipt, "not_for_us")
    # Encrypted to it, but written for the first installation: still not for it.
    xa = open_app_database(w.xa)
    so = open_app_database(w.so)
    x2 = open_app_database(other.xa)
    try:
        body, _sig = signed_doc.read_members(pyrage.decrypt(receipt.read_bytes(), [receipts.receipt_identity(xa)]),
                                             "receipt", receipts.MAX_JSON)
        doc = json.loads(body)
        fp = doc["installation"]["fingerprint"]
        resent = pyrage.encrypt(signed_doc.build("receipt", doc, keys.signing_key(so),
                                                 f"xhht receipt 1 for {fp} unit {doc['installation']['unit_key']}", 0),
                                [x25519.Recipient.from_str(receipts.receipt_recipient(x2))])
    finally:
        xa.conn.close(), so.conn.close(), x2.conn.close()
    redirected = tmp_path / "redirected.xhhtr"
    redirected.write_bytes(resent)
    _applied_rejected(other, redirected, "not_for_us")


def test_a_package_with_a_malformed_receipt_key_is_refused(world, tmp_path):
    from tests.core.test_sync_fixtures import Site  # noqa: F401 - fixtures exist; build by hand below
    from xhht_desktop.sync import merge
    xa = open_app_database(world.xa)
    try:
        from xhht_desktop.db import meta
        from xhht_desktop.db.schema_returns import META_RECEIPT_IDENTITY
        meta.put(xa, META_RECEIPT_IDENTITY, str(x25519.Identity.generate()))
        orig = receipts.manifest_additions
        receipts.manifest_additions = lambda db: {"receipt_recipient": "age1notakey"}
        try:
            from xhht_desktop.sync import export
            path = export.export_package(xa, world.pk).path
        finally:
            receipts.manifest_additions = orig
    finally:
        xa.conn.close()
    so = open_app_database(world.so)
    try:
        report = merge.merge_files(so, [path])
    finally:
        so.conn.close()
    assert report.packages[0].status == "rejected" and "receipt_recipient" in report.packages[0].reason


# ---- the standard tools open and verify them ----------------------------------------------------

@pytest.mark.skipif(not (shutil.which("age") and shutil.which("minisign")), reason="age/minisign not installed")
def test_age_and_minisign_open_and_verify_updates_and_receipts(tmp_path):
    w, receipt = _receipt_world(tmp_path)
    update = w.publish()
    # the Department's public-key file gives minisign's public key
    line = next(ln for ln in w.pub.read_text(encoding="utf-8").splitlines() if ln.startswith(keys.SIGNING_KEY_LINE))
    mpub = tmp_path / "so.minisign.pub"
    mpub.write_text("untrusted comment: XHHT Department\n" + line[len(keys.SIGNING_KEY_LINE):] + "\n")
    work = tmp_path / "u"
    work.mkdir()
    with tarfile.open(update) as t:
        t.extractall(work, filter="data")
    ok = subprocess.run(["minisign", "-V", "-p", str(mpub), "-m", str(work / "update.json")], capture_output=True,
                        text=True)
    assert ok.returncode == 0, ok.stderr
    assert "xhht reference update version 1" in ok.stdout
    (work / "update.json").write_bytes((work / "update.json").read_bytes().replace(b"51@", b"52@"))
    assert subprocess.run(["minisign", "-V", "-p", str(mpub), "-m", str(work / "update.json")],
                          capture_output=True).returncode != 0
    # the receipt: age -d with the installation's identity (keys export-identity), then minisign -V
    ident = tmp_path / "xa.agekey"
    assert run(w.xa, "keys", "export-receipt-identity", "--out", str(ident))[0] == 0
    tar = subprocess.run(["age", "-d", "-i", str(ident), str(receipt)], capture_output=True)
    assert tar.returncode == 0, tar.stderr
    rwork = tmp_path / "r"
    rwork.mkdir()
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as t:
        t.extractall(rwork, filter="data")
    ok = subprocess.run(["minisign", "-V", "-p", str(mpub), "-m", str(rwork / "receipt.json")], capture_output=True,
                        text=True)
    assert ok.returncode == 0, ok.stderr
    assert json.loads((rwork / "receipt.json").read_text(encoding="utf-8"))["packages"][0]["sequence"] == 1


def test_units_travel_in_an_update_and_unknown_predecessors_refuse_it(world, tmp_path):
    w = world
    csv = tmp_path / "units.csv"
    csv.write_text("code,name,type,valid_from,predecessors\n99001,Xã Thử Nghiệm,Xã,2026-07-01,23341\n",
                   encoding="utf-8")
    assert run(w.so, "units", "import", str(csv))[0] == 0
    update = w.publish()
    doc, _ = _members(update)
    assert [u["code"] for u in doc["units"]] == ["99001"]
    so = open_app_database(w.so)
    try:
        sk = keys.signing_key(so)
    finally:
        so.conn.close()
    bad = tmp_path / "bad_units.xhhtu"
    bad.write_bytes(signed_doc.build("update", dict(doc, units=[dict(doc["units"][0], predecessors="77777@2020-01-01")]),
                                     sk, "xhht reference update version 1", 0))
    _applied_rejected(w, bad, "unknown_reference")
    [row] = run_json(w.xa, "apply", str(update))
    assert [c["kind"] for c in row["changes"]] == ["unit"]
    xa = open_app_database(w.xa)
    try:
        assert xa.conn.execute("SELECT name FROM units WHERE key='99001@2026-07-01'").fetchone() == ("Xã Thử Nghiệm",)
        assert xa.conn.execute("SELECT valid_to FROM units WHERE key='23341@2025-07-01'").fetchone() == ("2026-06-30",)
    finally:
        xa.conn.close()


def test_one_phone_fingerprint_covers_the_age_key_and_the_signing_key(tmp_path, capsys):
    """The code read over the phone is the same at the Department and at the commune, and covers both
    keys: another signing key (same age key) gives another code. An old public-key file (no signing
    line) still works, gives the age key's code alone, and says so."""
    w = World(tmp_path, trust=False)
    capsys.readouterr()
    rc, out = run(w.so, "keys", "show")
    so = open_app_database(w.so)
    try:
        dept_fp = keys.department_phone_fingerprint(so)
        age_fp = keys.department_fingerprint(so)
        rec, pk = keys.department_recipient(so), keys.signing_public_key(so)
    finally:
        so.conn.close()
    assert rc == 0 and f"Khóa của Sở: {dept_fp}" in out and dept_fp != age_fp
    assert f"Mã nhận dạng (đọc qua điện thoại; gồm khóa mã hóa và khóa ký): {dept_fp}" in w.pub.read_text("utf-8")
    assert keys.phone_fingerprint(rec, SigningKey.generate().verify_key.encode()) != dept_fp  # the signing key counts
    assert keys.phone_fingerprint(rec, pk) == dept_fp
    rc, out = run(w.xa, "keys", "trust-department", str(w.pub))
    assert rc == 0 and f"Mã nhận dạng: {dept_fp}" in out and "gồm cả khóa mã hóa" in out
    assert run_json(w.xa, "keys", "show")["department_phone_fingerprint"] == dept_fp
    # An old file: the age key only.
    old = tmp_path / "old.pub"
    old.write_text("".join(line + "\n" for line in w.pub.read_text("utf-8").splitlines()
                           if not line.startswith("# xhht-department-signing-key")), encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite3"
    assert run(fresh, "init", "--role", "commune", "--unit", COMMUNE)[0] == 0
    rc, out = run(fresh, "keys", "trust-department", str(old))
    assert rc == 0 and f"Mã nhận dạng: {age_fp}" in out and "Tệp khóa cũ" in out
    shown = run_json(fresh, "keys", "show")
    assert (shown["department_phone_fingerprint"], shown["department_signing_pinned"]) == (age_fp, False)
    rc, out = run(fresh, "keys", "show")
    assert "tệp khóa cũ" in out


def test_an_upgraded_database_gets_its_receipt_key_with_its_first_package(tmp_path):
    from xhht_desktop.db.schema_returns import META_RECEIPT_IDENTITY
    src = Path(__file__).resolve().parents[1] / "data" / "schema_v3.sqlite3"
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(src, path)
    db = open_app_database(path)
    try:
        assert db.conn.execute("SELECT value FROM meta WHERE key=?", (META_RECEIPT_IDENTITY,)).fetchone() is None
        extra = receipts.manifest_additions(db)  # what the next package's manifest carries
        assert extra["receipt_recipient"].startswith("age1")
        assert extra["receipt_recipient"] == str(receipts.receipt_identity(db).to_public())
    finally:
        db.conn.close()


def test_a_request_on_a_learning_centre_activity_is_closed_by_the_changed_activity(world):
    import dataclasses

    from xhht_desktop.clc import repository as clc_repo
    w = world
    w.send_package()
    w.confirm()
    xa = open_app_database(w.xa)
    try:
        from xhht_desktop.installation import get_installation
        inst = get_installation(xa)
        act = next(a for a in clc_repo.list_activities(xa, [inst.unit.id]) if a.date.year == 2026)
    finally:
        xa.conn.close()
    # by the first 8 characters of its uuid (`clc list --json` shows it); too short or out of the period: refused
    assert run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--activity", act.uuid[:7],
               "--message", "x")[0] == 1
    assert run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2025-H2", "--activity", act.uuid,
               "--message", "x")[0] == 1
    rc, out = run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--activity", act.uuid[:8],
                  "--message", "Số lượt người tham gia có vẻ cao")
    assert rc == 0 and f"hoạt động «{act.title}» ngày {act.date:%d/%m/%Y}" in out
    rc, out = run(w.so, "corrections", "list")
    assert f"hoạt động «{act.title}»" in out
    assert run(w.xa, "apply", str(w.receipts()[0]))[0] == 0
    [req] = run_json(w.xa, "corrections", "list")
    assert (req["activity"], req["indicator"], req["status"]) == (act.uuid, "", "open")
    xa = open_app_database(w.xa)
    try:
        clc_repo.update_activity(xa, act.uuid, dataclasses.replace(act, notes=(act.notes + " Đã kiểm tra sổ.").strip()),
                                 actor="Y Blong", origin=inst.installation_id)
    finally:
        xa.conn.close()
    w.send_package()
    [closed] = run_json(w.so, "corrections", "list", "--all")
    assert (closed["status"], closed["closed_how"]) == ("closed", "figure")


def test_a_reply_cannot_close_another_units_request(world, monkeypatch):
    w = world
    w.send_package()
    w.confirm()
    so = open_app_database(w.so)
    try:
        other = so.conn.execute("SELECT code FROM units WHERE level='xa' AND valid_from='2025-07-01' AND code<>? "
                                "ORDER BY code LIMIT 1", (COMMUNE,)).fetchone()[0]
    finally:
        so.conn.close()
    assert run(w.so, "request-correction", "--unit", other, "--period", "2026", "--indicator", IND,
               "--message", "Kiểm tra lại")[0] == 0
    [theirs] = run_json(w.so, "corrections", "list")
    from xhht_desktop.sync import corrections
    monkeypatch.setattr(corrections, "manifest_replies",
                        lambda db: [{"uuid": theirs["id"], "reply": "Xong", "replied_at": "2026-12-01T00:00:00+07:00"}])
    w.send_package("--full")
    [still] = run_json(w.so, "corrections", "list", "--all")
    assert still["status"] == "open" and still["reply"] == ""


def test_receipts_skip_an_installation_that_has_not_sent_its_receipt_key(world):
    w = world
    w.send_package()
    w.confirm()
    so = open_app_database(w.so)
    try:
        with so.atomic():
            so.conn.execute("DELETE FROM receipt_keys")  # as if its packages came from an older version
    finally:
        so.conn.close()
    rc, out = run(w.so, "receipts", "--out", str(w.out))
    assert rc == 0 and out == ""
    assert not list(w.out.glob("*/*.xhhtr"))


def test_apply_on_a_folder_with_nothing_to_apply_is_refused_not_silent(tmp_path, capsys):
    """An empty folder (the wrong one chosen) must not look like success: exit 1 with the reason."""
    from xhht_desktop.cli import main

    dbp = str(tmp_path / "xa.sqlite3")
    assert main(["--db", dbp, "init", "--role", "commune", "--unit", "23341", "--official", "Y Blong"]) == 0
    empty = tmp_path / "tệp từ Sở"
    empty.mkdir()
    (empty / "ghi chú.txt").write_text("không phải tệp của Sở", encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", dbp, "apply", str(empty)]) == 1
    assert "Không thấy bản cập nhật danh mục (.xhhtu) hay biên nhận (.xhhtr)" in capsys.readouterr().err
    assert main(["--db", dbp, "--lang", "en", "apply", "--json", str(empty)]) == 1
    assert "No catalogue update (.xhhtu) or receipt (.xhhtr)" in capsys.readouterr().err
