"""End to end: communes and a district export, the Department merges — every rule of issue 4."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.core.test_sync_fixtures import (
    C44,
    C47,
    DAK_GLEI,
    NGOC,
    ON_TIME,
    PEK,
    confirm_all,
    department,
    figure,
    sender,
    statuses,
)
from xhht_desktop.cli import main as cli_main
from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import completeness, export, keys, merge, repo


@pytest.fixture
def world(tmp_path):
    """The Department, three communes of Đắk Glei, one of Ngọc Hồi and the Đắk Glei district office."""
    dept = department(tmp_path)
    sites = {code: sender(tmp_path, dept, "commune", code) for code in (PEK, C44, C47, NGOC)}
    sites[DAK_GLEI] = sender(tmp_path, dept, "district", DAK_GLEI)
    yield dept, sites
    for s in [dept, *sites.values()]:
        s.close()


def _fill(sites):
    sites[PEK].save("2014-H1", Entry("XMC_15_60", None, 1150, 1200), Entry("XMC_15_60", "nu", 560, 600))
    sites[PEK].save("2014", Entry("PC_THCS", value=1), Entry("GIA_DINH_HIEU_HOC", value=120))
    sites[C44].save("2014-H1", Entry("XMC_15_60", None, 700, 1000), Entry("XMC_15_60", "nu", 300, 480))
    sites[C44].save("2014", Entry("PC_THCS", value=0), Entry("GIA_DINH_HIEU_HOC", value=80))
    sites[C47].save("2014-H1", Entry("XMC_15_60", None, 50, 100))
    sites[NGOC].save("2014-H1", Entry("XMC_15_60", None, 900, 1000))
    sites[DAK_GLEI].save("2014", Entry("CN_DAO_TAO_NGHE", None, 40, 50))


def _value(db, code, period, indicator, breakdown=None):
    unit = units_repo.find_unit(db, code, parse_period(period))
    row = next(r for r in compute_values(db, unit.id, period) if r.indicator == indicator and r.breakdown == breakdown)
    return row


def test_export_merge_confirm_and_roll_up(world, tmp_path):
    dept, sites = world
    _fill(sites)
    out = tmp_path / "usb"
    files = [s.export(out, now=ON_TIME) for s in sites.values()]
    assert all(f.name.startswith("XHHT_") and f.name.endswith("_1.xhht") for f in files)
    assert files[0].name == "XHHT_23353_Xa_Dak_Pek_20140705-0930_1.xhht"

    before = dept.dump()
    first = merge.merge_files(dept.db, [out])
    # Nobody is confirmed yet: every package is held, nothing applied.
    assert statuses(first) == ["held"] * 5
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") is None
    assert "gọi điện" in first.packages[0].reason
    assert first.packages[0].counts["new"] > 0  # the preview still says what it brings
    assert dept.dump() != before  # held packages are kept (whole) in the database

    listed = {i["unit_code"]: i for i in merge.list_installations(dept.db)}
    assert listed[PEK]["status"] == "pending" and listed[PEK]["held"] == 1
    assert listed[PEK]["fingerprint"] == sites[PEK].fingerprint  # what the commune reads over the phone

    confirmed = confirm_all(dept)
    assert sorted(statuses(confirmed)) == ["imported"] * 5
    assert all(i["held"] == 0 and i["status"] == "confirmed" for i in merge.list_installations(dept.db))

    # Figures arrive as sent and roll up: district = its communes (+ its own), province = everything.
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (1150, 1200, None)
    district = _value(dept.db, DAK_GLEI, "2014-H1", "XMC_15_60")
    assert (district.numerator, district.denominator) == (1150 + 700 + 50, 1200 + 1000 + 100)
    province = _value(dept.db, "62", "2014-H1", "XMC_15_60")
    assert (province.numerator, province.denominator) == (1900 + 900, 2300 + 1000)
    women = _value(dept.db, DAK_GLEI, "2014-H1", "XMC_15_60", "nu")
    assert (women.numerator, women.denominator) == (860, 1080)
    flags = _value(dept.db, DAK_GLEI, "2014", "PC_THCS")
    assert (flags.numerator, flags.denominator) == (1, 2)  # share of communes that reach it
    assert _value(dept.db, DAK_GLEI, "2014", "GIA_DINH_HIEU_HOC").value == 200
    own = _value(dept.db, DAK_GLEI, "2014", "CN_DAO_TAO_NGHE")
    assert (own.numerator, own.denominator) == (40, 50)  # the district's own entry arrived too

    # History at the Department says where each figure came from.
    rec = values_repo.value_uuid(units_repo.find_unit(dept.db, PEK, parse_period("2014")).key, "2014-H1",
                                 "XMC_15_60", None)
    hist = values_repo.record_history(dept.db, rec)
    assert {h["field"] for h in hist} == {"numerator", "denominator"}
    assert all(h["source"].startswith("sync:") and h["changed_by"] == f"Cán bộ {PEK}" for h in hist)


def test_reimport_is_a_duplicate_and_changes_nothing(world, tmp_path):
    dept, sites = world
    _fill(sites)
    path = sites[PEK].export(tmp_path / "usb")
    merge.merge_files(dept.db, [path])
    confirm_all(dept)
    before = dept.dump()
    again = merge.merge_files(dept.db, [path, path])
    assert statuses(again) == ["duplicate", "duplicate"]
    assert "đã được nhập" in again.packages[0].reason
    assert dept.dump() == before
    assert not again.any_rejected


def test_out_of_order_arrival_never_lets_an_older_revision_win(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    p1 = pek.export(tmp_path / "a")
    merge.merge_files(dept.db, [p1])
    confirm_all(dept)
    pek.save("2014-H1", Entry("XMC_15_60", None, 110, 200))  # edit after export: revision 2
    p2 = pek.export(tmp_path / "b")
    pek.save("2014-H1", Entry("XMC_15_60", None, 120, 200), Entry("XMC_15_35", None, 5, 10))  # revision 3
    p3 = pek.export(tmp_path / "c")

    third = merge.merge_files(dept.db, [p3])
    assert statuses(third) == ["imported"]
    assert third.packages[0].counts["updated"] == 1 and third.packages[0].counts["new"] == 1
    assert third.gaps == [f"Thiếu gói số 2 của Xã Đắk Pék (máy {pek.fingerprint})."]
    assert merge.list_installations(dept.db)[0]["missing"] == [2]

    late = merge.merge_files(dept.db, [p2])
    assert statuses(late) == ["imported"]
    assert late.packages[0].counts["older"] == 1 and late.packages[0].counts["updated"] == 0
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (120, 200, None)
    assert late.gaps == [] and merge.list_installations(dept.db)[0]["missing"] == []


def test_a_full_export_covers_lost_packages(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    merge.merge_files(dept.db, [pek.export(tmp_path / "a")])
    confirm_all(dept)
    pek.save("2014-H1", Entry("XMC_15_60", None, 101, 200))
    pek.export(tmp_path / "lost")  # package 2 never arrives
    with pytest.raises(export.ExportProblem, match="Không có gì mới"):
        pek.export(tmp_path / "empty")
    full = pek.export(tmp_path / "full", full=True)
    report = merge.merge_files(dept.db, [full])
    assert report.packages[0].full and report.gaps == []
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (101, 200, None)


def test_cleared_figure_and_deleted_record_travel(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014", Entry("GIA_DINH_HIEU_HOC", value=120), Entry("PC_THCS", value=1))
    merge.merge_files(dept.db, [pek.export(tmp_path / "a")])
    confirm_all(dept)
    pek.save("2014", Entry("GIA_DINH_HIEU_HOC"))  # cleared: "not reported" again, never 0
    # A deletion is a tombstone: the record stays, marked deleted, with a new revision.
    rec = values_repo.value_uuid(pek.inst.unit.key, "2014", "PC_THCS", None)
    pek.db.conn.execute("UPDATE indicator_values SET deleted=1, revision=revision+1, base_revision=revision "
                        "WHERE uuid=?", (rec,))
    pek.db.conn.execute("INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, "
                        "changed_at) VALUES ('indicator_values', ?, 'deleted', '0', '1', 2, '2014-07-06')", (rec,))
    pek.db.conn.commit()
    report = merge.merge_files(dept.db, [pek.export(tmp_path / "b")])
    assert report.packages[0].counts["deleted"] == 1 and report.packages[0].counts["updated"] == 1
    assert figure(dept, PEK, "2014", "GIA_DINH_HIEU_HOC") == (None, None, None)
    assert figure(dept, PEK, "2014", "PC_THCS") is None
    assert dept.db.conn.execute("SELECT deleted FROM indicator_values WHERE uuid=?", (rec,)).fetchone() == (1,)
    assert _value(dept.db, DAK_GLEI, "2014", "PC_THCS").denominator is None


def test_conflict_keeps_both_versions_until_the_department_chooses(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    # A second laptop for the same commune, entering the same figure from scratch.
    other = sender(tmp_path, dept, "commune", PEK, name="pek-laptop-2")
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200), Entry("XMC_15_35", None, 7, 9))
    other.save("2014-H1", Entry("XMC_15_60", None, 150, 200), Entry("XMC_15_35", None, 7, 9))
    a, b = pek.export(tmp_path / "a"), other.export(tmp_path / "b")
    merge.merge_files(dept.db, [a, b])
    report = confirm_all(dept)
    assert sorted(statuses(report)) == ["conflict", "imported"]
    conflicted = next(p for p in report.packages if p.status == "conflict")
    assert conflicted.counts["conflicts"] == 1 and conflicted.counts["unchanged"] == 1  # same 7/9: no conflict
    assert "Xung đột" in conflicted.reason

    first = report.packages[0]
    winner_first = figure(dept, PEK, "2014-H1", "XMC_15_60")
    assert winner_first == ((100 if first.fingerprint == pek.fingerprint else 150), 200, None)
    (c,) = merge.list_conflicts(dept.db)
    assert {c["current_data"]["numerator"], c["incoming_data"]["numerator"]} == {100, 150}

    # Re-sending the losing package does not open the conflict twice.
    assert statuses(merge.merge_files(dept.db, [a, b])) == ["duplicate", "duplicate"]
    assert len(merge.list_conflicts(dept.db)) == 1

    merge.resolve_conflict(dept.db, c["id"], "incoming", actor="Trưởng phòng")
    assert figure(dept, PEK, "2014-H1", "XMC_15_60")[0] == c["incoming_data"]["numerator"]
    assert merge.list_conflicts(dept.db) == []
    choice = [h for h in values_repo.record_history(dept.db, c["record_uuid"]) if h["field"] == "conflict"]
    assert len(choice) == 1 and choice[0]["changed_by"] == "Trưởng phòng"
    assert json.loads(choice[0]["new_value"])["numerator"] == c["incoming_data"]["numerator"]
    with pytest.raises(merge.MergeError):
        merge.resolve_conflict(dept.db, c["id"], "local")

    # The chosen installation keeps editing: a plain update, no new conflict.
    chosen = pek if c["incoming_origin"] == pek.inst.installation_id else other
    chosen.save("2014-H1", Entry("XMC_15_60", None, 160, 200))
    assert statuses(merge.merge_files(dept.db, [chosen.export(tmp_path / "c")])) == ["imported"]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (160, 200, None)
    other.close()


def test_revoked_installation_is_rejected_and_nothing_changes(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    merge.merge_files(dept.db, [pek.export(tmp_path / "a")])
    confirm_all(dept)
    merge.revoke_installation(dept.db, pek.fingerprint.lower().replace("-", " "))
    pek.save("2014-H1", Entry("XMC_15_60", None, 190, 200))
    later = pek.export(tmp_path / "b")
    before = dept.dump()
    report = merge.merge_files(dept.db, [later])
    assert statuses(report) == ["rejected"] and report.packages[0].code == "revoked"
    assert "thu hồi" in report.packages[0].reason
    assert dept.dump() == before
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)  # what came before stays


def test_invalid_figures_are_refused_with_reasons(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    merge.merge_files(dept.db, [pek.export(tmp_path / "a")])
    confirm_all(dept)
    # A figure that slipped past the commune's checks (an old version, a hand-edited database).
    pek.db.conn.execute("UPDATE indicator_values SET numerator=250, revision=2, base_revision=1")
    pek.db.conn.execute("INSERT INTO history (table_name, record_uuid, field, revision, changed_at) "
                        "SELECT 'indicator_values', uuid, 'numerator', 2, '2014-07-06' FROM indicator_values")
    pek.db.conn.commit()
    before = dept.dump()
    report = merge.merge_files(dept.db, [pek.export(tmp_path / "b")], dry_run=True)
    (p,) = report.packages
    assert p.status == "rejected" and p.code == "invalid_figures"
    assert any("250 lớn hơn mẫu số (200)" in x for x in p.problems)
    assert dept.dump() == before


def test_dry_run_previews_exactly_and_keeps_nothing(world, tmp_path):
    dept, sites = world
    _fill(sites)
    out = tmp_path / "usb"
    for s in sites.values():
        s.export(out)
    merge.merge_files(dept.db, [out])
    confirm_all(dept)
    sites[PEK].save("2014-H1", Entry("XMC_15_60", None, 1160, 1200))
    sites[C44].save("2014-H1", Entry("XMC_15_60", None, 710, 1000))
    out2 = tmp_path / "usb2"
    for code in (PEK, C44):
        sites[code].export(out2)
    (out2 / "notes.txt").write_text("not a package")  # not .xhht: ignored in a folder
    before = dept.dump()
    preview = merge.merge_files(dept.db, [out2], dry_run=True)
    assert dept.dump() == before
    applied = merge.merge_files(dept.db, [out2])
    assert [(p.file, p.status, p.counts) for p in preview.packages] == \
        [(p.file, p.status, p.counts) for p in applied.packages]
    assert [p.counts["updated"] for p in applied.packages] == [1, 1]


def test_one_bad_file_never_stops_the_batch(world, tmp_path):
    dept, sites = world
    _fill(sites)
    out = tmp_path / "usb"
    good = [sites[c].export(out) for c in (PEK, C44)]
    confirm_all(dept)
    bad = out / "XHHT_broken.xhht"
    data = bytearray(good[0].read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    report = merge.merge_files(dept.db, [good[0], bad, good[1], tmp_path / "missing.xhht"])
    assert statuses(report) == ["held", "rejected", "held", "rejected"]
    assert report.packages[3].code == "unreadable"


def test_cli_merge_json_and_exit_codes(world, tmp_path, capsys):
    dept, sites = world
    _fill(sites)
    out = tmp_path / "usb"
    path = sites[PEK].export(out)
    dept_db = str(dept.path)
    dept.close()
    assert cli_main(["--db", dept_db, "merge", str(path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    (p,) = summary["packages"]
    assert p["file"] == path.name and p["status"] == "held" and p["reason"]
    assert summary["counts"]["held"] == 1

    assert cli_main(["--db", dept_db, "installations", "list", "--json"]) == 0
    (inst,) = json.loads(capsys.readouterr().out)
    assert inst["status"] == "pending" and inst["packages_held"] == 1 and inst["unit"]["code"] == PEK
    assert cli_main(["--db", dept_db, "installations", "confirm", inst["fingerprint"]]) == 0
    capsys.readouterr()

    truncated = out / "XHHT_cut.xhht"
    truncated.write_bytes(path.read_bytes()[:300])
    assert cli_main(["--db", dept_db, "merge", str(path), str(truncated), "--json",
                     "--receipt", str(tmp_path / "bien-nhan.html")]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert [p["status"] for p in summary["packages"]] == ["duplicate", "rejected"]
    assert "cắt" in summary["packages"][1]["reason"] or "hỏng" in summary["packages"][1]["reason"]
    assert "BIÊN NHẬN" in (tmp_path / "bien-nhan.html").read_text(encoding="utf-8")

    assert cli_main(["--db", dept_db, "installations", "confirm", "AAAA-BBBB-CCCC-DDDD"]) == 1
    assert "Không có máy gửi" in capsys.readouterr().err


def test_completeness_grid(world, tmp_path):
    dept, sites = world
    sites[PEK].save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    sites[C44].save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    sites[C47].save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    out = tmp_path / "usb"
    sites[PEK].export(out, now=ON_TIME)
    sites[C44].export(out, now=dt.datetime(2014, 9, 1, 8, 0))  # after the deadline
    merge.merge_files(dept.db, [out])
    merge.confirm_installations(dept.db, [sites[PEK].fingerprint, sites[C44].fingerprint])
    merge.merge_files(dept.db, [sites[C47].export(tmp_path / "b", now=ON_TIME)])  # held, unconfirmed

    grid = completeness.completeness(dept.db, ["2014-H1"], district=DAK_GLEI, today=dt.date(2014, 9, 2))
    status = {u.code: grid.cell(u.key, "2014-H1").status for u in grid.units}
    assert status[PEK] == "received" and status[C44] == "late" and status[C47] == "waiting"
    assert status["23341"] == "missing"  # another Đắk Glei commune that sent nothing
    assert NGOC not in status and DAK_GLEI not in status  # no district-level half-year indicator
    assert grid.cell(sites[PEK].inst.unit.key, "2014-H1").reported == 1
    early = completeness.completeness(dept.db, ["2014-H1"], district=DAK_GLEI, today=dt.date(2014, 7, 10))
    assert early.cell(next(u.key for u in early.units if u.code == "23341"), "2014-H1").status == "not_due"
    # Sở Thông tin và Truyền thông follows Đắk Glei only; the Department of Labour follows 612 and 611.
    info = completeness.completeness(dept.db, ["2014"], agency="Sở Thông tin và Truyền thông")
    assert {u.district_code for u in info.units} == {DAK_GLEI}
    labour = completeness.completeness(dept.db, ["2014"], agency="Sở Lao động - Thương binh và Xã hội")
    assert {u.district_code for u in labour.units} == {"611", "612"}
    with pytest.raises(ValueError):
        completeness.completeness(dept.db, ["2014"], agency="Không có")


def test_confirm_applies_held_packages_in_sequence_and_reports_gaps(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 1, 2))
    p1 = pek.export(tmp_path / "1")
    pek.save("2014-H1", Entry("XMC_15_60", None, 2, 2))
    pek.export(tmp_path / "2")  # lost
    pek.save("2014-H1", Entry("XMC_15_60", None, 0, 2))
    p3 = pek.export(tmp_path / "3")
    held = merge.merge_files(dept.db, [p3, p1])
    assert statuses(held) == ["held", "held"]
    assert held.gaps == [f"Thiếu gói số 2 của Xã Đắk Pék (máy {pek.fingerprint})."]
    assert statuses(merge.merge_files(dept.db, [p1])) == ["held"]  # again: still waiting, stored once
    assert dept.db.conn.execute("SELECT COUNT(*) FROM sync_held").fetchone() == (2,)
    report = merge.confirm_installations(dept.db, [pek.fingerprint])
    assert [p.sequence for p in report.packages] == [1, 3]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (0, 2, None)


def test_sequences_received_are_read_for_many_senders_at_once_each_pair_apart(world):
    """repo.received_sequences_of (a national batch's 10,000 gap checks in a few queries) gives each
    (key, unit) pair its own sequences: a key's packages for another unit and another key's for the
    same unit kept apart, held packages beside imported ones, an imported one first for a number
    both hold; received_sequences gives one pair the same."""
    dept, _sites = world
    conn = dept.db.conn
    imports = [("p1", "KEY-A", "U1", 1, 1), ("p2", "KEY-A", "U1", 4, 0), ("p3", "KEY-A", "U2", 2, 0),
               ("p4", "KEY-B", "U1", 7, 0)]
    for uuid_, fp, unit, seq, full in imports:
        conn.execute("INSERT INTO sync_imports (package_uuid, fingerprint, installation_id, unit_key, sequence, "
                     "full, created_at, received_at, file_sha256, counts) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (uuid_, fp, "inst", unit, seq, full, "2026-01-01", "2026-01-02", "x", "{}"))
    for uuid_, fp, unit, seq in [("h1", "KEY-A", "U1", 6), ("h2", "KEY-A", "U1", 4), ("h3", "KEY-B", "U2", 3)]:
        conn.execute("INSERT INTO sync_held (package_uuid, fingerprint, unit_key, sequence, created_at, received_at, "
                     "periods, data) VALUES (?,?,?,?,?,?,?,?)", (uuid_, fp, unit, seq, "2026-01-01", "2026-01-02",
                                                                  "[]", b""))
    conn.commit()
    pairs = [("KEY-A", "U1"), ("KEY-A", "U2"), ("KEY-B", "U1"), ("KEY-B", "U2"), ("KEY-C", "U1")]
    many = repo.received_sequences_of(dept.db, pairs)
    assert many == {("KEY-A", "U1"): {1: ("p1", True), 4: ("p2", False), 6: ("h1", False)},
                    ("KEY-A", "U2"): {2: ("p3", False)}, ("KEY-B", "U1"): {7: ("p4", False)},
                    ("KEY-B", "U2"): {3: ("h3", False)}, ("KEY-C", "U1"): {}}
    assert repo.received_sequences(dept.db, "KEY-A", "U1") == many[("KEY-A", "U1")]


def test_key_changed_for_a_known_installation_is_refused(world, tmp_path):
    dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 1, 2))
    merge.merge_files(dept.db, [pek.export(tmp_path / "1")])
    confirm_all(dept)
    # Someone takes the installation id but signs with a new key.
    pek.db.conn.execute("DELETE FROM meta WHERE key=?", (keys.META_SIGNING_SEED,))
    pek.db.conn.commit()
    pek.save("2014-H1", Entry("XMC_15_60", None, 2, 2))
    report = merge.merge_files(dept.db, [pek.export(tmp_path / "2")])
    assert report.packages[0].code == "key_changed"


def test_merge_needs_the_department(world, tmp_path):
    _dept, sites = world
    with pytest.raises(merge.MergeError, match="Chỉ máy của Sở"):
        merge.merge_files(sites[PEK].db, [])
    assert repo.list_exports(sites[PEK].db) == []


def test_cancel_keeps_finished_packages_whole_and_lists_the_rest(world, tmp_path):
    dept, sites = world
    _fill(sites)
    out = tmp_path / "usb"
    files = [sites[c].export(out) for c in (PEK, C44, C47)]
    merge.merge_files(dept.db, files)
    dept.db.conn.execute("DELETE FROM sync_held")  # start again: confirmed, nothing held
    dept.db.conn.execute("UPDATE sync_installations SET status='confirmed'")
    dept.db.conn.commit()
    seen: list[tuple[int, int, str]] = []
    report = merge.merge_files(dept.db, files, progress=lambda d, t, s: seen.append((d, t, s)),
                               should_cancel=lambda: len(seen) >= 1)
    assert report.cancelled and statuses(report) == ["imported"]
    assert report.not_processed == [files[1].name, files[2].name]
    # One package's progress; then, as the finished package is kept, the merge finishing (a coded text).
    assert [(d, t) for d, t, s in seen if getattr(s, "code", None) is None] == [(1, 3)]
    assert [s.code for _d, _t, s in seen if getattr(s, "code", None)] == ["merge.finishing"]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (1150, 1200, None)
    assert figure(dept, C44, "2014-H1", "XMC_15_60") is None
    rest = merge.merge_files(dept.db, files)
    assert statuses(rest) == ["duplicate", "imported", "imported"]


def test_cli_export_and_exports_list(world, tmp_path, capsys):
    _dept, sites = world
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
    db = str(pek.path)
    pek.close()
    assert cli_main(["--db", db, "export", "--out", str(tmp_path)]) == 0
    path = capsys.readouterr().out.strip()
    assert path.endswith("_1.xhht") and (tmp_path / path.split("/")[-1]).exists()
    assert cli_main(["--db", db, "export", "--out", str(tmp_path), "--full"]) == 0
    capsys.readouterr()
    assert cli_main(["--db", db, "exports", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["sequence"] for e in listed] == [2, 1] and listed[0]["full"]
    assert listed[1]["periods"] == ["2014-H1"] and listed[1]["counts"] == {"indicator_values": 1}
    assert cli_main(["--db", db, "export", "--out", str(tmp_path / "no-such-usb")]) == 1
