"""Issue 11: catalogue rows and agencies travel in reference updates, and the catalogue in force comes
from the database (the shipped catalogue is the seed), per database, between separate databases."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.test_returns import COMMUNE, IND, World, _members, run, run_json
from xhht_desktop.db import reference
from xhht_desktop.db.reference import ReferenceProblem, catalogue_in_db, set_indicator
from xhht_desktop.domain import catalogue as C
from xhht_desktop.installation import get_installation, open_app_database
from xhht_desktop.sync import keys, signed_doc, updates

NEW = "XHHT_HOC_TRUC_TUYEN"
NEW_ARGS = ("catalogue", "set", NEW, "--programme", "XHHT2130", "--group", "4",
            "--name-vi", "Tỷ lệ hộ gia đình có người học trực tuyến",
            "--name-en", "Share of households with an online learner", "--kind", "rate", "--levels", "xa;tinh",
            "--numerator", "Số hộ có người học trực tuyến", "--denominator", "Tổng số hộ", "--op", ">=",
            "--owner", "Sở GD&ĐT", "--plan-ref", "QĐ 1373/QĐ-TTg (Sở bổ sung 2026)", "--target", "2030=40")
NEW_EDUCATION = "Sở Giáo dục, Khoa học và Công nghệ"


@pytest.fixture
def world(tmp_path):
    return World(tmp_path)


def reference_fingerprint(path: Path) -> dict:
    """What a refused update must not change: every reference row, the versions applied, the figures."""
    db = open_app_database(path)
    try:
        return {t: db.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("indicators", "indicator_targets", "agencies", "reference_updates", "indicator_values",
                          "units")}
    finally:
        db.conn.close()


def values_of(path: Path, period: str = "2026") -> dict[str, dict]:
    return {r["indicator"]: r for r in run_json(path, "values", "--period", period) if not r["breakdown"]}


def fill_template(path: Path, code: str, numerator: int, denominator: int) -> None:
    wb = load_workbook(path)
    ws = wb["Nhap_lieu"] if "Nhap_lieu" in wb.sheetnames else wb.worksheets[0]
    header = next(r for r in ws.iter_rows() if any(c.value == "Tử số" for c in r))
    cols = {c.value: c.column for c in header}
    row = next(r[0].row for r in ws.iter_rows() if any(c.value == code for c in r))
    ws.cell(row=row, column=cols["Tử số"]).value = numerator
    ws.cell(row=row, column=cols["Mẫu số"]).value = denominator
    wb.save(path)


# ---- the round trip -----------------------------------------------------------------------------

def test_catalogue_rows_and_agencies_travel_between_separate_databases(world, tmp_path):
    w = world
    before = values_of(w.xa)
    assert NEW not in before and before[IND]["target"] == 60.0 and before[IND]["met"] is False
    # The Department adds an indicator (with a 2030 target), corrects a row's name, makes a comparison
    # strict, and renames itself (a new agency, the old one ended with it as successor).
    assert run(w.so, *NEW_ARGS)[0] == 0
    assert run(w.so, "catalogue", "set", IND, "--name-vi", "Cán bộ khuyến học cấp xã được tập huấn CNTT")[0] == 0
    rc, out = run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45", "--op", ">")
    assert rc == 0 and "«>»" in out
    assert run(w.so, "agencies", "set", NEW_EDUCATION, "--valid-from", "2025-08-01", "--short", "Sở GD,KH&CN",
               "--name-en", "Department of Education, Science and Technology")[0] == 0
    assert run(w.so, "agencies", "set", "Sở Giáo dục và Đào tạo", "--valid-from", "2013-12-02",
               "--valid-to", "2025-07-31", "--successor", NEW_EDUCATION)[0] == 0
    assert [r["code"] for r in run_json(w.so, "catalogue", "list", "--department")] == [IND, NEW]
    update = w.publish()
    doc, _ = _members(update)
    assert doc["format"] == 2 and [r["code"] for r in doc["indicators"]] == [IND, NEW]
    assert {a["name"] for a in doc["agencies"]} == {"Sở Giáo dục và Đào tạo", NEW_EDUCATION}
    # The commune checks first: the list of changes, nothing changed.
    unchanged = reference_fingerprint(w.xa)
    [dry] = run_json(w.xa, "apply", str(update), "--dry-run")
    assert dry["status"] == "checked"
    kinds = [(c["kind"], c.get("code") or c.get("indicator") or c.get("name")) for c in dry["changes"]]
    assert ("indicator", NEW) in kinds and ("indicator", IND) in kinds and ("agency", NEW_EDUCATION) in kinds
    assert ("target", NEW) in kinds and ("target", IND) in kinds
    fix = next(c for c in dry["changes"] if c["kind"] == "indicator" and c["code"] == IND)
    assert {f["field"] for f in fix["fields"]} == {"name_vi", "target_op"}
    assert any(line.startswith(f"Chỉ tiêu mới {NEW}") for line in dry["changes_vi"])
    assert reference_fingerprint(w.xa) == unchanged
    # Applied: values --json judges with the new comparison and shows the new indicator.
    [applied] = run_json(w.xa, "apply", str(update))
    assert applied["status"] == "applied"
    after = values_of(w.xa)
    assert after[IND]["target"] == 45.0 and after[IND]["met"] is True and after[NEW]["target"] == 40.0
    db = open_app_database(w.xa)
    try:
        cat = catalogue_in_db(db, "2026")
        assert cat.by_code[IND].target_op == ">" and cat.by_code[IND].name_vi.startswith("Cán bộ khuyến học")
        assert cat.by_code[NEW].group == 4 and cat.version != C.catalogue_for("2026").version
        codes = [i.code for i in cat]  # in catalogue order: the new row at the end of its group
        assert codes.index(NEW) == max(i for i, c in enumerate(codes) if cat.by_code[c].group == 4)
        assert NEW not in C.catalogue_for("2026").by_code  # the shipped seed is untouched
    finally:
        db.conn.close()
    # The Excel template carries the new row; a filled one imports; `check` knows the indicator.
    xlsx = tmp_path / "bieu.xlsx"
    assert run(w.xa, "template", "--period", "2026", "--out", str(xlsx))[0] == 0
    fill_template(xlsx, NEW, 30, 120)
    rc, out = run(w.xa, "import-xlsx", str(xlsx))
    assert rc == 0, out
    now = values_of(w.xa)[NEW]
    assert (now["numerator"], now["denominator"], now["value"], now["met"]) == (30, 120, 25.0, False)
    rc, out = run(w.xa, "check")
    assert rc == 0, out
    # The progress sheet shows the corrected name and the new row; the paper names the renamed Department.
    from xhht_desktop.reports.rows import progress_sheet  # noqa: PLC0415

    db = open_app_database(w.xa)
    try:
        unit = get_installation(db).unit
        sheet = progress_sheet(db, unit.id, "2026")
        labels = {ln.code: ln.label for ln in sheet.lines()}
        assert labels[IND] == "Cán bộ khuyến học cấp xã được tập huấn CNTT"
        assert labels[NEW] == "Tỷ lệ hộ gia đình có người học trực tuyến"
        assert sheet.header.receiving_unit.startswith(NEW_EDUCATION)
    finally:
        db.conn.close()
    # The package with the new indicator's figure passes the Department's merge validation.
    w.send_package()
    w.confirm()
    at_so = {r["indicator"]: r for r in run_json(w.so, "values", "--period", "2026", "--unit", COMMUNE)
             if not r["breakdown"]}
    assert at_so[NEW]["value"] == 25.0 and at_so[IND]["met"] is True
    so = open_app_database(w.so)
    try:
        from xhht_desktop.reports.rows import document_header  # noqa: PLC0415
        from xhht_desktop.domain.periods import parse_period  # noqa: PLC0415

        province = get_installation(so).unit
        header = document_header(so, province, parse_period("2026"), "consolidated")
        assert header.issuing_body == NEW_EDUCATION.upper()
    finally:
        so.conn.close()


def test_targets_set_op_changes_how_values_are_judged_after_apply(world):
    w = world
    assert values_of(w.xa)[IND]["met"] is False
    rc, out = run(w.so, "targets", "set", IND, "--year", "2030", "--value", "40", "--op", "-")
    assert rc == 0 and "«—»" in out  # no comparison any more
    rc, out = run(w.so, "targets", "set", IND, "--year", "2030", "--value", "40", "--op", "-")
    assert rc == 0 and "«" not in out.splitlines()[0]  # the same comparison again: nothing said about it
    assert run(w.xa, "apply", str(w.publish()))[0] == 0
    row = values_of(w.xa)[IND]
    assert row["target"] == 40.0 and row["met"] is None
    rc, _out = run(w.so, "targets", "set", IND, "--year", "2030", "--value", "40", "--op", "<=")
    assert rc == 1  # not a comparison the app knows: nothing changed
    db = open_app_database(w.so)
    try:
        assert catalogue_in_db(db, "2026").by_code[IND].target_op is None
    finally:
        db.conn.close()


# ---- refusals -----------------------------------------------------------------------------------

def _resign(w: World, doc: dict, path: Path) -> Path:
    so = open_app_database(w.so)
    try:
        sk = keys.signing_key(so)
    finally:
        so.conn.close()
    path.write_bytes(signed_doc.build("update", doc, sk, f"xhht reference update version {doc['version']}", 0))
    return path


def _refused(w: World, path: Path, code: str) -> dict:
    before = reference_fingerprint(w.xa)
    rc, out = run(w.xa, "apply", str(path), "--json")
    [row] = json.loads(out)
    assert rc == 1 and row["status"] == "rejected" and row["code"] == code, row
    assert row["reason"]
    assert reference_fingerprint(w.xa) == before
    return row


def _mutations(doc: dict) -> list[tuple[str, str, dict]]:
    """(name, expected code, mutated document) — each signed by the Department's own key."""
    out = []

    def with_row(label: str, expected: str, **changes) -> None:
        d = copy.deepcopy(doc)
        d["indicators"][-1].update(changes)
        out.append((label, expected, d))

    with_row("unknown kind", "unknown_kind", kind="ratio")
    with_row("bad op", "bad_op", target_op="<=")
    with_row("control character", "bad_text", name_vi="Tỷ lệ\x07 hộ")
    with_row("bidi line break", "bad_text", name_en="Share\u0085 of")
    with_row("absurd name", "bad_text", name_vi="x" * 100_000)
    with_row("bad code", "bad_row", code="xhht; DROP TABLE")
    with_row("unknown level", "bad_row", levels=["xa", "thon"])
    with_row("scale on a rate", "bad_row", scale=[0, 2])
    with_row("group out of the programme", "bad_row", group=42)
    with_row("unknown programme", "unknown_programme", programme="KH9999")
    with_row("extra field", "bad_row", sql="DROP")
    with_row("kind changes shape", "kind_change", code=IND, kind="count", breakdowns=[])
    with_row("code of the other programme", "code_collision", code="XMC_15_60", kind="count", breakdowns=[])
    with_row("a breakdown taken away", "breakdown_removed", code=IND, breakdowns=["nu"])
    d = copy.deepcopy(doc)
    d["indicators"] = [copy.deepcopy(doc["indicators"][-1]) for _ in range(updates.MAX_ROWS + 1)]
    out.append(("too many rows", "too_many", d))
    d = copy.deepcopy(doc)
    d["indicators"].append(copy.deepcopy(doc["indicators"][-1]))
    out.append(("the same row twice", "bad_row", d))
    d = copy.deepcopy(doc)
    d["agencies"][0].update(valid_to="2013-01-01")
    out.append(("agency ends before it starts", "bad_agency", d))
    d = copy.deepcopy(doc)
    d["agencies"][0].update(valid_to="2026-07-31", successors=[["Sở Không Có", ""]])
    out.append(("unknown successor", "unknown_agency", d))
    d = copy.deepcopy(doc)
    d["agencies"][0].update(short="Sở\x1b[31m")
    out.append(("agency with control characters", "bad_text", d))
    d = copy.deepcopy(doc)
    next(t for t in d["targets"] if t["indicator"] == NEW)["value"] = 150.0
    out.append(("a rate target above 100 %", "bad_target", d))
    d = copy.deepcopy(doc)
    d["format"] = 1
    out.append(("rows in a format 1 document", "bad_document", d))
    return out


def test_hostile_rows_in_an_update_are_refused_whole(world, tmp_path):
    w = world
    assert run(w.so, *NEW_ARGS)[0] == 0
    assert run(w.so, "agencies", "set", NEW_EDUCATION, "--valid-from", "2025-08-01", "--short", "Sở GD,KH&CN")[0] == 0
    good = w.publish()
    doc, _ = _members(good)
    for n, (name, code, mutated) in enumerate(_mutations(doc)):
        row = _refused(w, _resign(w, mutated, tmp_path / f"m{n}.xhhtu"), code)
        assert "từ chối" in row["reason"] or code in ("bad_document",), name
    # and the genuine one still applies whole afterwards
    assert run(w.xa, "apply", str(good))[0] == 0
    assert values_of(w.xa)[NEW]["target"] == 40.0


def test_the_department_is_refused_bad_rows_with_a_reason_in_its_language(world):
    w = world
    before = reference_fingerprint(w.so)
    rc, _ = run(w.so, "catalogue", "set", "BAD_KIND", "--programme", "XHHT2130", "--group", "1", "--name-vi", "x",
                "--kind", "ratio", "--levels", "xa")
    assert rc == 1
    for args in (("catalogue", "set", IND, "--kind", "count"),                      # kind_change
                 ("catalogue", "set", "XMC_15_60", "--programme", "XHHT2130", "--group", "1",
                  "--name-vi", "Biết chữ", "--kind", "count", "--levels", "xa"),      # code_collision
                 ("catalogue", "set", IND, "--name-vi", "Tên\ttab"),                  # bad_text
                 ("agencies", "set", "Sở Mới", "--valid-from", "2026-13-01", "--short", "SM"),
                 ("catalogue", "set", IND, "--target", "2030=150"),                   # a rate above 100 %
                 ("agencies", "set", "Sở Giáo dục và Đào tạo", "--valid-from", "2013-12-02",
                  "--valid-to", "2025-06-30", "--successor", "Sở Không Có")):
        assert run(w.so, *args)[0] == 1, args
    assert reference_fingerprint(w.so) == before
    import io  # noqa: PLC0415
    from contextlib import redirect_stderr  # noqa: PLC0415

    err = io.StringIO()
    with redirect_stderr(err):
        assert run(w.so, "--lang", "en", "catalogue", "set", IND, "--kind", "count")[0] == 1
    assert "cannot change from kind «rate» to «count»" in err.getvalue()
    err = io.StringIO()
    with redirect_stderr(err):
        assert run(w.so, "catalogue", "set", IND, "--kind", "count")[0] == 1
    assert "không đổi được từ loại «rate» sang «count»" in err.getvalue()
    rc, _ = run(w.xa, *NEW_ARGS)
    assert rc == 1  # only the Department sets rows


# ---- the catalogue in force, per database ----------------------------------------------------------

def _row(db, code: str, programme: str = "XHHT2130") -> dict:
    return next(r for r in reference.indicator_rows(db, programme) if r["code"] == code)


def test_each_open_database_has_its_own_catalogue(tmp_path):
    a, b = open_app_database(tmp_path / "a.sqlite3"), open_app_database(tmp_path / "b.sqlite3")
    a2 = open_app_database(tmp_path / "a.sqlite3")  # a second connection to the same file (the writer)
    try:
        shipped = C.catalogue_for("2026").by_code[IND]
        assert catalogue_in_db(a, "2026").by_code[IND] == shipped
        assert catalogue_in_db(a2, "2026").by_code[IND].name_vi == shipped.name_vi  # cached on a2 now
        set_indicator(a, {**_row(a, IND), "name_vi": "Đổi tên ở A"}, actor="t")
        assert catalogue_in_db(a, "2026").by_code[IND].name_vi == "Đổi tên ở A"
        assert catalogue_in_db(a2, "2026").by_code[IND].name_vi == "Đổi tên ở A"  # written by another connection
        assert catalogue_in_db(b, "2026").by_code[IND].name_vi == shipped.name_vi  # B is not A
        # a change rolled back leaves no stale catalogue behind
        with pytest.raises(RuntimeError):
            with a.atomic():
                set_indicator(a, {**_row(a, IND), "name_vi": "Không lưu"}, actor="t")
                assert catalogue_in_db(a, "2026").by_code[IND].name_vi == "Không lưu"
                raise RuntimeError
        assert catalogue_in_db(a, "2026").by_code[IND].name_vi == "Đổi tên ở A"
    finally:
        for d in (a, a2, b):
            d.conn.close()


def test_a_refresh_keeps_the_departments_rows_and_updates_the_others(tmp_path):
    path = tmp_path / "x.sqlite3"
    db = open_app_database(path)
    try:
        set_indicator(db, {**_row(db, IND), "name_vi": "Tên của Sở"}, actor="t")
        reference.set_agency(db, {**next(r for r in reference._agency_rows(db) if r["short"] == "Sở Nội vụ"),
                                  "name_en": "Home Affairs (Sở)"}, actor="t")
        # As if the installed resources had changed since: two rows differ from them, the reference
        # hash is stale; at the next open the refresh rewrites what the Department never touched.
        db.conn.execute("UPDATE indicators SET name_vi='cũ' WHERE code='XMC1_15_35'")
        db.conn.execute("UPDATE agencies SET name_en='old' WHERE short='Sở VHTTDL'")
        db.conn.execute("DELETE FROM meta WHERE key='reference_hash'")
        db.conn.commit()
    finally:
        db.conn.close()
    db = open_app_database(path)
    try:
        cat = catalogue_in_db(db, "2026")
        assert cat.by_code[IND].name_vi == "Tên của Sở"
        assert cat.by_code["XMC1_15_35"].name_vi == C.catalogue_for("2026").by_code["XMC1_15_35"].name_vi
        en = {r["short"]: r["name_en"] for r in reference._agency_rows(db)}
        assert en["Sở Nội vụ"] == "Home Affairs (Sở)" and en["Sở VHTTDL"] == "Department of Culture"
    finally:
        db.conn.close()


@pytest.mark.parametrize("sample", ["schema_v1.sqlite3", "schema_v3.sqlite3"])
def test_an_upgraded_database_keeps_every_figure_and_takes_rows(sample, tmp_path):
    src = Path(__file__).resolve().parents[1] / "data" / sample
    path = tmp_path / sample
    shutil.copy(src, path)
    conn = sqlite3.connect(path)
    figures = conn.execute("SELECT uuid, unit_id, period, indicator, breakdown, numerator, denominator, value, "
                           "comment, revision FROM indicator_values ORDER BY uuid").fetchall()
    conn.close()
    assert figures
    db = open_app_database(path)
    try:
        assert db.conn.execute("SELECT uuid, unit_id, period, indicator, breakdown, numerator, denominator, value, "
                               "comment, revision FROM indicator_values ORDER BY uuid").fetchall() == figures
        assert {r[0] for r in db.conn.execute("SELECT DISTINCT source FROM indicators")} == {"catalogue"}
        assert len(reference._agency_rows(db)) == len(reference._agencies().shipped_book().agencies)
        for p in ("2014", "2026"):
            mine, shipped = catalogue_in_db(db, p), C.catalogue_for(p)
            assert [(i, i.targets, i.draft_targets) for i in mine] == [(i, i.targets, i.draft_targets) for i in shipped]
        set_indicator(db, {**_row(db, "XMC_15_60", "KH2780"), "name_en": "Literacy, 15-60"}, actor="t")
        assert catalogue_in_db(db, "2014").by_code["XMC_15_60"].name_en == "Literacy, 15-60"
        assert db.conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0] == len(figures)
    finally:
        db.conn.close()


def test_rows_are_checked_by_the_core(tmp_path):
    db = open_app_database(tmp_path / "x.sqlite3")
    try:
        row = _row(db, IND)
        assert C.indicator_row_problem(row) is None
        assert C.indicator_row_problem({**row, "kind": "ratio"})[0] == "unknown_kind"
        assert C.indicator_row_problem({**row, "target_op": "<"})[0] == "bad_op"
        assert C.indicator_row_problem({**row, "owner": "a" * 201})[0] == "bad_text"
        assert C.indicator_row_problem({**row, "levels": []})[0] == "bad_row"
        assert C.indicator_row_problem({**row, "breakdowns": ["nu", "nu"]})[0] == "bad_row"
        level = _row(db, "XMC_MUC_DO")
        assert C.indicator_row_problem({**level, "scale": [0, 10]})[0] == "bad_row"
        with pytest.raises(ReferenceProblem) as caught:
            set_indicator(db, {**row, "kind": "flag", "breakdowns": []}, actor="t")
        assert caught.value.code == "refrow.kind_change"
        with pytest.raises(ReferenceProblem) as caught:
            set_indicator(db, {**row, "breakdowns": ["dtts"]}, actor="t")
        assert caught.value.code == "refrow.breakdown_removed"
        with pytest.raises(ReferenceProblem) as caught:
            set_indicator(db, {**level, "scale": [0, 1]}, actor="t")
        assert caught.value.code == "refrow.scale_shrunk"
        assert set_indicator(db, {**level, "scale": [0, 3]}, actor="t")  # widened: allowed
        assert set_indicator(db, {**row, "kind": "trend"}, actor="t")  # the same shape: allowed
        assert set_indicator(db, {**row, "kind": "trend"}, actor="t") is False  # nothing changed
    finally:
        db.conn.close()


def test_nothing_that_judges_figures_reads_the_shipped_catalogue_directly():
    """The shipped catalogue (domain/catalogue.py catalogue_for) is the seed; what judges or shows a
    unit's figures reads the database's (db/reference.py catalogue_in_db). Allowed: the seed itself, the
    sample data written at `init`, `check`'s fallback for a damaged file, the Excel reader without a
    database, the learning-centre suggestion of plan 2780 only."""
    import re  # noqa: PLC0415

    root = Path(__file__).resolve().parents[2]
    allowed = {"xhht_desktop/domain/catalogue.py", "xhht_desktop/db/reference.py", "xhht_desktop/sample.py",
               "xhht_desktop/maintenance/check.py", "xhht_desktop/io/xlsx_entry.py", "xhht_desktop/clc/summary.py",
               "xhht_desktop/domain/values.py"}
    found = []
    for folder in ("xhht_desktop", "ui"):
        for path in (root / folder).rglob("*.py"):
            rel = path.relative_to(root).as_posix()
            if rel not in allowed and re.search(r"\b(catalogue_for|all_catalogues)\(", path.read_text("utf-8")):
                found.append(rel)
    assert found == []


def test_an_indicator_moved_to_another_level_keeps_the_communes_figures_without_blocking_its_packages(world):
    """The Department moves an indicator to the province only: the commune keeps its figures, no longer
    enters or reports them, and its full package (which would carry them) still merges."""
    w = world
    assert IND in values_of(w.xa)
    assert run(w.so, "catalogue", "set", IND, "--levels", "tinh")[0] == 0
    assert run(w.xa, "apply", str(w.publish()))[0] == 0
    assert IND not in values_of(w.xa)  # a commune no longer reports it
    db = open_app_database(w.xa)
    try:
        kept = db.conn.execute("SELECT count(*) FROM indicator_values WHERE indicator=?", (IND,)).fetchone()[0]
    finally:
        db.conn.close()
    assert kept > 0  # nothing entered is lost
    w.send_package("--full")
    w.confirm()
    so = open_app_database(w.so)
    try:
        merged = so.conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
        carried = so.conn.execute("SELECT count(*) FROM indicator_values WHERE indicator=?", (IND,)).fetchone()[0]
    finally:
        so.conn.close()
    assert merged > 0 and carried == 0
