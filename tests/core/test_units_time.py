"""Units in time (issue 10, points 3, 4, 6, 7): today's Quảng Ngãi, CODE@DATE, a unit reports only the
periods it lived through, move-to, `units import`, agencies in time — end to end with several databases."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.core.test_sync_fixtures import ON_TIME, PEK, Site, confirm_all, statuses
from xhht_desktop.cli import main as cli
from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.db.units_import import import_units_file
from xhht_desktop.domain import agencies
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import get_installation, init_installation, move_offer, move_to, open_app_database
from xhht_desktop.io.xlsx_entry import import_workbook, write_template
from xhht_desktop.paths import resource_path
from xhht_desktop.sync import export, keys, merge

NEW_PEK = "23341@2025-07-01"  # Xã Đăk Pék: Thị trấn Đắk Glei + Xã Đắk Pék + … from 1 July 2025
OLD_QN_COMMUNE = "21028@2013-12-02"  # Phường Nghĩa Lộ of old Quảng Ngãi
P = parse_period


def _csv(name: str) -> list[dict]:
    with resource_path("units", name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --- point 6: the map as data ------------------------------------------------------------------

def test_today_quang_ngai_has_96_units_40_from_kon_tum_56_from_old_quang_ngai(db):
    new = _csv("quangngai_2025_units.csv")
    mapping = _csv("quangngai_2025_mapping.csv")
    assert len(new) == 96 and {r["province_code"] for r in new} == {"51"}
    from_kt = {r["new_commune_code"] for r in mapping if r["old_province_code"] == "62"}
    from_qn = {r["new_commune_code"] for r in mapping if r["old_province_code"] == "51"}
    assert len(from_kt) == 40 and len(from_qn) == 56 and not from_kt & from_qn
    assert len({r["old_commune_code"] for r in mapping if r["old_province_code"] == "62"}) == 102
    assert len({r["old_commune_code"] for r in mapping if r["old_province_code"] == "51" and r["old_commune_code"]}) == 170
    # In the database: today's 51 holds all 96 on 2026-06-30; old 51 held 13 districts.
    today51 = units_repo.resolve_unit(db, "51@2026-06-30")
    below = units_repo.descendant_ids(db, today51.id, "2026-06-30")
    assert len(below) == 96 and set(below.values()) == {"xa"}
    old51 = units_repo.resolve_unit(db, "51@2020-12-31")
    assert old51.key == "51@2013-12-02" and old51.valid_to == "2025-06-30"
    assert len(units_repo.children(db, old51.id, "2020-12-31")) == 13
    assert {u.key for u in units_repo.predecessors(db, today51.id)} == {"62@2013-12-02", "51@2013-12-02"}


def test_the_spec_mapping_agrees_with_the_dataset_on_all_102_rows():
    spec = {r["old_commune_code"]: (r["new_commune_code"], r["new_commune_name"]) for r in _csv("kontum_2025_mapping.csv")}
    ours = {r["old_commune_code"]: (r["new_commune_code"], r["new_commune_name"])
            for r in _csv("quangngai_2025_mapping.csv") if r["old_province_code"] == "62"}
    assert len(spec) == 102 and spec == ours
    assert ("23302", "Phường Đăk Bla") in spec.values()  # the dataset's "Đăk BLa", our spelling


def test_divided_tra_bui_history_goes_to_the_default_successor_only(db):
    tra_bui = units_repo.resolve_unit(db, "21142")
    assert tra_bui.name == "Xã Trà Bùi" and tra_bui.valid_to == "2025-06-30"
    after = {u.name for u in units_repo.successors(db, tra_bui.id)}
    assert after == {"Xã Cà Đam", "Xã Tây Trà Bồng"}
    ca_dam, tay = units_repo.resolve_unit(db, "21136"), units_repo.resolve_unit(db, "21157")
    assert tra_bui.key in {u.key for u in units_repo.history_predecessors(db, ca_dam.id)}
    assert tra_bui.key not in {u.key for u in units_repo.history_predecessors(db, tay.id)}
    assert tra_bui.key in {u.key for u in units_repo.predecessors(db, tay.id)}
    assert [(a.name, b.name) for a, b in units_repo.divided_predecessors(db, tay.id)] == [("Xã Trà Bùi", "Xã Cà Đam")]
    problem = units_repo.life_problem(db, tra_bui, P("2026"))
    assert units_repo.life_problem_vi(problem).endswith("số liệu trước sáp nhập thuộc Xã Cà Đam (21136)")


def test_existing_kon_tum_keys_and_dates_are_kept(db):
    assert units_repo.unit_by_key(db, "23353@2013-12-02").name == "Xã Đắk Pék"
    assert units_repo.unit_by_key(db, "23535@2013-12-21") is not None  # Ia Đal, created Dec 2013
    assert units_repo.unit_by_key(db, "618@2015-03-11").name == "Huyện Ia H'Drai"
    assert units_repo.unit_by_key(db, "62@2013-12-02").valid_to == "2025-06-30"


# --- point 3: CODE and CODE@DATE ---------------------------------------------------------------

def test_resolve_unit(db):
    r = units_repo.resolve_unit
    assert r(db, "23341", today=dt.date(2026, 5, 1)).name == "Xã Đăk Pék"
    assert r(db, "23341@2025-07-01").name == "Xã Đăk Pék"
    assert r(db, "23341@2025-06-30").name == "Thị trấn Đắk Glei"
    assert r(db, "23341", period=P("2020")).name == "Thị trấn Đắk Glei"
    assert r(db, "23341", period=P("2025")).name == "Xã Đăk Pék"  # the year's last day is after 1 July
    assert r(db, "23353", today=dt.date(2026, 5, 1)).key == "23353@2013-12-02"  # gone: its last holder
    assert r(db, "51", today=dt.date(2026, 5, 1)).key == "51@2025-07-01"
    assert r(db, "51", period=P("2020")).key == "51@2013-12-02"
    assert r(db, "62", period=P("2026")).key == "62@2013-12-02"  # so that life_problem says where data went
    for spec, code in (("23341@2025-13-01", "bad_spec"), ("abc", "bad_spec"), ("99999", "unknown_code"),
                       ("23353@2025-07-01", "no_unit_on_date"), ("23341@2013-01-01", "no_unit_on_date")):
        with pytest.raises(units_repo.UnitSpecError) as exc:
            r(db, spec)
        assert exc.value.code == code
    assert "Xã Đắk Pék (02/12/2013–30/06/2025)" in str(pytest.raises(
        units_repo.UnitSpecError, r, db, "23353@2026-01-01").value)


def test_cli_init_takes_today_units(tmp_path, capsys):
    a, b, c = (str(tmp_path / n) for n in ("a.sqlite3", "b.sqlite3", "c.sqlite3"))
    assert cli(["--db", a, "init", "--role", "commune", "--unit", "23341", "--official", "A"]) == 0
    assert "Xã Đăk Pék (23341)" in capsys.readouterr().out
    assert cli(["--db", b, "init", "--role", "commune", "--unit", "23341@2025-07-01"]) == 0
    assert cli(["--db", c, "init", "--role", "department", "--unit", "51"]) == 0
    for path, key in ((a, NEW_PEK), (b, NEW_PEK), (c, "51@2025-07-01")):
        db = open_app_database(path)
        assert get_installation(db).unit.key == key
        db.conn.close()
    # An old unit stays reachable by its date; the wrong level is refused.
    assert cli(["--db", b, "init", "--role", "commune", "--unit", "23341@2020-01-01"]) == 0
    assert "02/12/2013–30/06/2025" in capsys.readouterr().out
    assert cli(["--db", b, "init", "--role", "commune", "--unit", "51"]) == 1
    assert cli(["--db", b, "init", "--role", "commune", "--unit", "23341@2025-06-31"]) == 1


def test_values_json_adds_unit_key(tmp_path, capsys):
    path = str(tmp_path / "a.sqlite3")
    assert cli(["--db", path, "init", "--role", "commune", "--unit", "23341"]) == 0
    capsys.readouterr()
    assert cli(["--db", path, "values", "--period", "2026", "--json"]) == 0
    import json
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["unit_key"] == NEW_PEK and r["unit"] == "23341" for r in rows)
    assert {"indicator", "breakdown", "unit", "period", "numerator", "denominator", "value", "target", "met",
            "units_reported", "units_expected"} <= set(rows[0])


# --- point 4: a unit reports only the periods it lived through ---------------------------------

def test_life_problem_messages(db):
    pek = units_repo.unit_by_key(db, "23353@2013-12-02")
    assert units_repo.life_problem(db, pek, P("2025-H1")) is None
    problem = units_repo.life_problem(db, pek, P("2025"))
    assert problem.code == "ended" and problem.effective == "2025-07-01"
    assert units_repo.life_problem_vi(problem) == "Xã Đắk Pék đã nhập vào Xã Đăk Pék (23341) từ 01/07/2025"
    kt = units_repo.unit_by_key(db, "62@2013-12-02")
    assert units_repo.life_problem_vi(units_repo.life_problem(db, kt, P("2026"))) == (
        "Tỉnh Kon Tum đã hợp nhất vào tỉnh Quảng Ngãi từ 01/07/2025: xem đơn vị 51")
    old51 = units_repo.unit_by_key(db, "51@2013-12-02")
    assert units_repo.life_problem_vi(units_repo.life_problem(db, old51, P("2026"))) == (
        "Tỉnh Quảng Ngãi (đến 30/06/2025) đã hợp nhất vào tỉnh Quảng Ngãi mới từ 01/07/2025: xem đơn vị 51")
    district = units_repo.unit_by_key(db, "610@2013-12-02")
    assert "xem đơn vị 51" in units_repo.life_problem_vi(units_repo.life_problem(db, district, P("2025-H2")))
    new = units_repo.unit_by_key(db, NEW_PEK)
    assert units_repo.life_problem(db, new, P("2025-H2")) is None and units_repo.life_problem(db, new, P("2025")) is None
    early = units_repo.life_problem(db, new, P("2025-H1"))
    assert early.code == "not_yet" and "Xã Đắk Pék (23353)" in units_repo.life_problem_vi(early)


def test_entry_template_and_import_refuse_periods_outside_the_unit_life(commune_db, tmp_path):
    pek = get_installation(commune_db).unit
    values_repo.save_entries(commune_db, pek.id, "2025-H1", [Entry("XMC2_15_60", None, 10, 20)], actor="t", origin="t")
    for period in ("2025-H2", "2025", "2026"):
        with pytest.raises(units_repo.UnitLifeError, match=r"đã nhập vào Xã Đăk Pék \(23341\) từ 01/07/2025"):
            values_repo.save_entries(commune_db, pek.id, period, [Entry("XMC2_15_60", None, 1, 2)], actor="t", origin="t")
        with pytest.raises(units_repo.UnitLifeError):
            write_template(commune_db, pek, period, tmp_path / f"{period}.xlsx")
    # A 2020 template edited to say 2026 is refused whole.
    out = write_template(commune_db, pek, "2020", tmp_path / "t.xlsx")
    from openpyxl import load_workbook
    wb = load_workbook(out)
    ws = wb.active
    cell = next(c for row in ws.iter_rows(max_row=6) for c in row if c.value == "2020")
    cell.value = "2026"
    wb.save(out)
    result = import_workbook(commune_db, pek, out, actor="t", origin="t")
    assert any("đã nhập vào Xã Đăk Pék (23341)" in p.message for p in result.problems)
    assert commune_db.conn.execute("SELECT count(*) FROM indicator_values WHERE period='2026'").fetchone()[0] == 0


def test_cli_refuses_template_and_report_outside_life(tmp_path, capsys):
    path = str(tmp_path / "a.sqlite3")
    assert cli(["--db", path, "init", "--role", "commune", "--unit", "23353"]) == 0
    assert cli(["--db", path, "template", "--period", "2026", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "Xã Đắk Pék đã nhập vào Xã Đăk Pék (23341) từ 01/07/2025" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
    assert cli(["--db", path, "report", "progress", "--period", "2026", "--out", str(tmp_path / "p.pdf")]) == 1
    assert cli(["--db", path, "report", "consolidated", "--period", "2026", "--unit", "62",
                "--out", str(tmp_path / "c.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Tỉnh Kon Tum đã hợp nhất vào tỉnh Quảng Ngãi từ 01/07/2025: xem đơn vị 51" in err
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "p.pdf").exists()
    assert cli(["--db", path, "template", "--period", "2026", "--unit", "23341", "--out", str(tmp_path / "n.xlsx")]) == 0


def _sender(tmp_path, dept, unit, name):
    site = Site(tmp_path / f"{name}.sqlite3", "commune", unit, f"Cán bộ {name}")
    keys.trust_department(site.db, keys.department_public_key_text(dept.db))
    return site


def _sneak(site: Site, period: str, *entries: Entry) -> None:
    """Figures an older version let in (no life check then): written straight into the database."""
    rows = [(values_repo.value_uuid(site.inst.unit.key, period, e.indicator, e.breakdown), site.unit_id, period,
             e.indicator, e.breakdown or "", e.numerator, e.denominator, e.value) for e in entries]
    site.db.conn.executemany(
        "INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, numerator, denominator, value, "
        "updated_at, updated_by, origin) VALUES (?,?,?,?,?,?,?,?,'2026-01-05T00:00:00','old','old')", rows)
    site.db.conn.execute(
        "INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, changed_at) "
        "SELECT 'indicator_values', uuid, 'numerator', NULL, numerator, 1, updated_at FROM indicator_values "
        "WHERE period=?", (period,))
    site.db.conn.commit()


def test_department_of_51_merges_old_and_new_units_and_rejects_an_abolished_unit_after_its_end(tmp_path, monkeypatch):
    dept = Site(tmp_path / "so.sqlite3", "department", "51@2025-07-01", "Sở GD&ĐT Quảng Ngãi")
    old_pek = _sender(tmp_path, dept, "23353@2013-12-02", "pek")
    new_pek = _sender(tmp_path, dept, NEW_PEK, "new")
    old_qn = _sender(tmp_path, dept, OLD_QN_COMMUNE, "nghialo")
    out = tmp_path / "out"
    # An old commune: 2020 and 2025-H1. A new commune: 2025-H2, 2025 and 2026. Old Quảng Ngãi: 2020.
    # (Plan 2780's XMC_15_60 up to 2020; the 2021–2030 programme's XMC2_15_60 after.)
    old_pek.save("2020", Entry("XMC_15_60", None, 900, 1000))
    old_pek.save("2025-H1", Entry("XMC2_15_60", None, 950, 1000))
    new_pek.save("2025-H2", Entry("XMC2_15_60", None, 1900, 2000))
    new_pek.save("2025", Entry("XMC2_15_60", None, 1950, 2000))
    new_pek.save("2026", Entry("XMC2_15_60", None, 1980, 2000))
    old_qn.save("2020", Entry("XMC_15_60", None, 400, 500))
    good = [old_pek.export(out / "pek", now=ON_TIME), new_pek.export(out / "new", now=ON_TIME),
            old_qn.export(out / "qn", now=ON_TIME)]
    # The abolished commune got 2026 figures from an older version: its export leaves them out ...
    _sneak(old_pek, "2026", Entry("XMC2_15_60", None, 5, 10))
    with pytest.raises(export.ExportProblem):
        old_pek.export(out / "pek2", now=ON_TIME)
    # ... and a package carrying them anyway (made by that older version) is rejected at the merge.
    monkeypatch.setattr(units_repo, "first_life_problem", lambda db, unit, codes: None)
    bad = old_pek.export(out / "pek2", now=ON_TIME)
    monkeypatch.undo()

    report = merge.merge_files(dept.db, [bad, *good])
    assert statuses(report) == ["rejected", "held", "held", "held"]
    rejected = report.packages[0]
    assert rejected.code == "outside_unit_life"
    assert "Xã Đắk Pék đã nhập vào Xã Đăk Pék (23341) từ 01/07/2025" in rejected.reason
    confirmed = confirm_all(dept)
    assert confirmed.status_counts.get("imported") == 3

    def value(spec, period, indicator):
        unit = units_repo.resolve_unit(dept.db, spec, period=P(period))
        row = next(r for r in compute_values(dept.db, unit.id, period) if r.indicator == indicator and not r.breakdown)
        return row.numerator, row.denominator

    def stored(spec, period):
        unit = units_repo.resolve_unit(dept.db, spec, period=P(period))
        return dept.db.conn.execute("SELECT numerator, denominator FROM indicator_values WHERE unit_id=? AND period=?",
                                    (unit.id, period)).fetchall()

    assert value("23353", "2020", "XMC_15_60") == (900, 1000)
    assert value("62", "2020", "XMC_15_60") == (900, 1000)
    assert value("51", "2020", "XMC_15_60") == (400, 500)  # old Quảng Ngãi
    assert stored("23353", "2025-H1") == [(950, 1000)]  # the old commune's last half-year
    assert stored("23341", "2025-H2") == [(1900, 2000)]  # the new commune's first
    assert value("51", "2025", "XMC2_15_60") == (1950, 2000)
    assert value("51", "2026", "XMC2_15_60") == (1980, 2000)
    assert dept.db.conn.execute("SELECT count(*) FROM indicator_values WHERE period='2026'").fetchone()[0] == 1
    # The abolished commune cannot report 2025 (the year ends after 1 July); the new one cannot report 2025-H1.
    with pytest.raises(units_repo.UnitLifeError):
        old_pek.save("2025", Entry("XMC2_15_60", None, 1, 2))
    with pytest.raises(units_repo.UnitLifeError):
        new_pek.save("2025-H1", Entry("XMC2_15_60", None, 1, 2))
    for s in (dept, old_pek, new_pek, old_qn):
        s.close()


def test_move_to_keeps_keys_and_history_and_the_department_sees_a_new_pair(tmp_path, capsys):
    dept = Site(tmp_path / "so.sqlite3", "department", "51@2025-07-01", "Sở")
    pek = _sender(tmp_path, dept, "23353@2013-12-02", "pek")
    pek.save("2020", Entry("XMC_15_60", None, 900, 1000))
    first = pek.export(tmp_path / "o1", now=ON_TIME)
    merge.merge_files(dept.db, [first])
    confirm_all(dept)
    before_id, before_fp = pek.inst.installation_id, keys.installation_fingerprint(pek.db)
    assert [u.key for u in move_offer(pek.db, today=dt.date(2026, 1, 10))] == [NEW_PEK]
    assert move_offer(pek.db, today=dt.date(2025, 6, 1)) == []
    with pytest.raises(ValueError, match="không phải là đơn vị kế tiếp"):
        move_to(pek.db, "23344@2025-07-01")
    old, inst = move_to(pek.db, "23341@2025-07-01")
    assert old.key == "23353@2013-12-02" and inst.unit.key == NEW_PEK
    assert inst.installation_id == before_id and keys.installation_fingerprint(pek.db) == before_fp
    assert pek.db.conn.execute("SELECT count(*) FROM indicator_values WHERE unit_id=?", (old.id,)).fetchone()[0] == 1
    values_repo.save_entries(pek.db, inst.unit.id, "2026", [Entry("XMC2_15_60", None, 5, 10)], actor="a", origin=before_id)
    second = export.export_package(pek.db, tmp_path / "o1", now=ON_TIME).path
    report = merge.merge_files(dept.db, [second])
    assert statuses(report) == ["held"]  # a (key, unit) pair the Department has not confirmed yet
    pairs = {(i["fingerprint"], i["unit_key"], i["status"]) for i in merge.list_installations(dept.db)}
    assert (before_fp, "23353@2013-12-02", "confirmed") in pairs and (before_fp, NEW_PEK, "pending") in pairs
    pek.close()
    dept.close()
    path = str(tmp_path / "cli.sqlite3")
    assert cli(["--db", path, "init", "--role", "commune", "--unit", "23353"]) == 0
    assert "move-to 23341@2025-07-01" in capsys.readouterr().out
    assert cli(["--db", path, "move-to", "23341@2025-07-01"]) == 0
    assert cli(["--db", path, "move-to", "23341@2025-07-01"]) == 1


# --- units import ------------------------------------------------------------------------------

def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "units.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_units_import_good_file_survives_the_reference_refresh(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    f = _write(tmp_path, "code,name,type,valid_from,predecessors\n"
                         "23341,Xã Đăk Pék Mới,Xã,2027-01-01,23341@2025-07-01;23344@2025-07-01\n")
    assert cli(["--db", str(path), "units", "import", str(f)]) == 0
    assert "Đã nhập 1 thay đổi" in capsys.readouterr().out
    db = open_app_database(path)
    new = units_repo.resolve_unit(db, "23341", today=dt.date(2027, 3, 1))
    assert new.key == "23341@2027-01-01" and new.name == "Xã Đăk Pék Mới"
    assert units_repo.unit_by_key(db, NEW_PEK).valid_to == "2026-12-31"
    assert units_repo.parent_of(db, new.id, "2027-06-30").key == "51@2025-07-01"
    assert {u.key for u in units_repo.predecessors(db, new.id)} == {NEW_PEK, "23344@2025-07-01"}
    # The next start with a changed app rewrites the shipped data: the change is replayed.
    db.conn.execute("UPDATE meta SET value='stale' WHERE key='reference_hash'")
    db.conn.commit()
    db.conn.close()
    db = open_app_database(path)
    assert units_repo.unit_by_key(db, "23341@2027-01-01").name == "Xã Đăk Pék Mới"
    assert units_repo.unit_by_key(db, NEW_PEK).valid_to == "2026-12-31"
    assert len(units_repo.predecessors(db, units_repo.unit_by_key(db, "23341@2027-01-01").id)) == 2
    db.conn.close()


def test_units_import_bad_file_names_every_bad_row_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    db = open_app_database(path)
    before = "\n".join(db.conn.iterdump())
    db.conn.close()
    f = _write(tmp_path, "code,name,type,valid_from,predecessors\n"
                         "23999,Xã Mới,Xã,2027-01-01,23344@2025-07-01\n"          # good
                         "2399x,Xã Sai Mã,Xã,2027-01-01,23344\n"                   # bad code
                         "23998,Xã Sai Ngày,Xã,2027-02-30,23344\n"                 # bad date
                         "23997,Xã Không Trước,Xã,2027-01-01,99999\n"              # unknown predecessor
                         "23996,Phường Sai Loại,Xã,2027-01-01,23347\n"             # name/type disagree
                         "23995,Xã Đã Hết,Xã,2027-01-01,23353\n"                   # predecessor gone by then
                         "23341,Xã Chiếm Mã,Xã,2027-01-01,23344\n")                # code held, not a predecessor
    assert cli(["--db", str(path), "units", "import", str(f)]) == 1
    err = capsys.readouterr().err
    for line in (3, 4, 5, 6, 7, 8):
        assert f"Dòng {line}:" in err
    assert "Dòng 2:" not in err and "7 lỗi" not in err and "6 lỗi" in err
    db = open_app_database(path)
    assert "\n".join(db.conn.iterdump()) == before
    assert units_repo.unit_by_key(db, "23999@2027-01-01") is None
    db.conn.close()
    assert cli(["--db", str(path), "units", "import", str(_write(tmp_path, "code;name\n1;2\n"))]) == 1
    assert "thiếu cột" in capsys.readouterr().err


# --- upgrades ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", sorted((Path(__file__).parent.parent / "data").glob("schema_v*.sqlite3")),
                         ids=lambda p: p.stem)
def test_upgrade_keeps_every_figure_on_the_same_unit_key(sample, tmp_path):
    target = tmp_path / "x.sqlite3"
    shutil.copyfile(sample, target)
    conn = sqlite3.connect(target)
    q = ("SELECT u.key, v.period, v.indicator, v.breakdown, v.numerator, v.denominator, v.value "
         "FROM indicator_values v JOIN units u ON u.id=v.unit_id ORDER BY 1,2,3,4")
    before = conn.execute(q).fetchall()
    conn.close()
    assert before
    db = open_app_database(target)
    assert db.conn.execute(q).fetchall() == before
    assert "is_default" in {r[1] for r in db.conn.execute("PRAGMA table_info(unit_lineage)")}
    assert units_repo.resolve_unit(db, "51", today=dt.date(2026, 1, 1)).key == "51@2025-07-01"
    inst = get_installation(db)
    assert inst is not None and inst.unit.valid_to == "2025-06-30"  # its old unit, untouched
    db.conn.close()


# --- point 7: agencies in time -----------------------------------------------------------------

def test_agencies_in_time():
    assert agencies.owner_on("Sở NN&PTNT; Sở LĐTBXH", P("2020"), "Lao động nông thôn qua đào tạo nghề") == \
        "Sở NN&PTNT; Sở LĐTBXH"
    assert agencies.owner_on("Sở NN&PTNT; Sở LĐTBXH", P("2026"), "Lao động nông thôn qua đào tạo nghề") == \
        "Sở NN&MT; Sở GD&ĐT"
    assert agencies.owner_on("Liên đoàn Lao động tỉnh; Sở LĐTBXH", P("2025"), "Người lao động") == \
        "Liên đoàn Lao động tỉnh; Sở Nội vụ"
    assert agencies.successor_of("Sở Thông tin và Truyền thông") == "Sở Khoa học và Công nghệ"
    names_2026 = {m.agency for m in agencies.monitoring_for(P("2026"))}
    assert {"Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Nội vụ"} <= names_2026
    assert not {"Sở Lao động - Thương binh và Xã hội", "Sở Thông tin và Truyền thông"} & names_2026
    assert agencies.monitoring_agency("Sở Lao động - Thương binh và Xã hội", P("2020")).district_codes == ("612", "611")
    with pytest.raises(agencies.AgencyNotInForce, match="Sở Giáo dục và Đào tạo, Sở Nội vụ"):
        agencies.monitoring_agency("Sở Lao động - Thương binh và Xã hội", P("2026"))


def test_completeness_agency_uses_the_agency_of_the_period(tmp_path, capsys):
    path = str(tmp_path / "so.sqlite3")
    assert cli(["--db", path, "init", "--role", "department", "--unit", "51"]) == 0
    capsys.readouterr()
    assert cli(["--db", path, "completeness", "--period", "2020", "--agency",
                "Sở Lao động - Thương binh và Xã hội", "--json"]) == 0
    import json
    units = json.loads(capsys.readouterr().out)["units"]
    assert units and {u["district"] for u in units} == {"611", "612"}
    assert cli(["--db", path, "completeness", "--period", "2026", "--agency",
                "Sở Lao động - Thương binh và Xã hội"]) == 1
    assert "không còn từ 01/07/2025" in capsys.readouterr().err
    assert cli(["--db", path, "completeness", "--period", "2026", "--agency", "Sở Nội vụ", "--json"]) == 0
    units = json.loads(capsys.readouterr().out)["units"]
    assert len(units) == 96


def test_make_units_tool_matches_the_committed_files():
    """tools/make_units.py --check: the committed CSVs are what the dataset gives (when it is installed)."""
    pytest.importorskip("shapely")  # vietnamadminunits' own dependency: present where the tool is set up
    import importlib.util
    if importlib.util.find_spec("vietnamadminunits") is None:
        pytest.skip("vietnamadminunits not installed (requirements-tools.txt)")
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent.parent
    done = subprocess.run([sys.executable, str(root / "tools" / "make_units.py"), "--check"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(r"96 new units of 51: 40 from Kon Tum's 102, 56 from old Quảng Ngãi's 170", done.stdout)
