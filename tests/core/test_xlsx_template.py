import pytest
from openpyxl import load_workbook

from xhht_desktop.cli import main as cli
from xhht_desktop.db import values_repo
from xhht_desktop.installation import get_installation
from xhht_desktop.io.xlsx_entry import import_workbook, write_template


def header_and_rows(path):
    ws = load_workbook(path)["ChiTieu"]
    for r in range(1, 20):
        vals = [c.value for c in ws[r]]
        if "Mã" in vals and "Tử số" in vals:
            cols = {v: i for i, v in enumerate(vals) if v}
            return ws, r, cols
    raise AssertionError("no header row")


def fill(path, values):
    wb = load_workbook(path)
    ws = wb["ChiTieu"]
    _, hr, cols = header_and_rows(path)
    for r in range(hr + 1, ws.max_row + 1):
        code = ws.cell(row=r, column=cols["Mã"] + 1).value
        if code in values:
            for title, v in values[code].items():
                ws.cell(row=r, column=cols[title] + 1, value=v)
    wb.save(path)


def test_template_layout(commune_db, tmp_path):
    inst = get_installation(commune_db)
    out = write_template(commune_db, inst.unit, "2014", tmp_path / "t.xlsx")
    ws, hr, cols = header_and_rows(out)
    assert {"Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Ghi chú"} <= set(cols)
    assert ws["A2"].value == "Mã đơn vị" and ws["B2"].value == "23353"
    assert ws["A3"].value == "Kỳ báo cáo" and ws["B3"].value == "2014"
    codes = [ws.cell(row=r, column=1).value for r in range(hr + 1, ws.max_row + 1)]
    assert "XMC_15_60.nu" in codes and "XMC_15_60.dtts" in codes
    assert "CBTH_DAO_TAO_CHUAN" not in codes  # entered by districts, not communes
    half = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "h.xlsx")
    ws2, hr2, _ = header_and_rows(half)
    half_codes = {ws2.cell(row=r, column=1).value for r in range(hr2 + 1, ws2.max_row + 1)}
    assert "PC_THCS" not in half_codes and "XMC_15_60" in half_codes  # yearly-only rows left out


def test_round_trip_imports_everything(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014", tmp_path / "t.xlsx")
    fill(path, {
        "XMC_15_60": {"Tử số": 3900, "Mẫu số": 4000, "Ghi chú": "Theo điều tra phổ cập tháng 10"},
        "XMC_15_60.nu": {"Tử số": 1900, "Mẫu số": 1960},
        "PC_THCS": {"Giá trị": 1},
        "GIA_DINH_HIEU_HOC": {"Giá trị": "1.250"},
    })
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o")
    assert result.ok, result.problems
    stored = values_repo.load_entries(commune_db, inst.unit.id, "2014")
    assert stored[("XMC_15_60", None)].numerator == 3900
    assert stored[("XMC_15_60", None)].comment == "Theo điều tra phổ cập tháng 10"
    assert stored[("XMC_15_60", "nu")].denominator == 1960
    assert stored[("PC_THCS", None)].value == 1
    assert stored[("GIA_DINH_HIEU_HOC", None)].value == 1250
    # Writing the template again pre-fills what is stored.
    again = write_template(commune_db, inst.unit, "2014", tmp_path / "again.xlsx")
    ws, hr, cols = header_and_rows(again)
    row = next(r for r in range(hr + 1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "XMC_15_60")
    assert ws.cell(row=row, column=cols["Tử số"] + 1).value == 3900


def test_bad_rows_are_all_listed_and_nothing_is_imported(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014", tmp_path / "t.xlsx")
    fill(path, {
        "XMC_15_60": {"Tử số": 120, "Mẫu số": 100},
        "XMC_15_35": {"Tử số": "nhiều", "Mẫu số": 100},
        "PC_THCS": {"Giá trị": 3},
        "GIA_DINH_HIEU_HOC": {"Giá trị": 5},
    })
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o")
    assert not result.ok and not result.applied
    text = "\n".join(p.text() for p in result.problems)
    assert "XMC_15_60" in text and "lớn hơn mẫu số" in text
    assert "XMC_15_35" in text and "không phải là một số" in text
    assert "PC_THCS" in text
    assert all(p.row for p in result.problems)  # every problem points at its row
    assert values_repo.load_entries(commune_db, inst.unit.id, "2014") == {}


def test_wrong_unit_is_refused(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    wb["ChiTieu"]["B2"] = "23344"
    wb.save(path)
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o")
    assert any("23344" in p.message for p in result.problems)


def test_cli_flow_and_exit_codes(tmp_path, capsys):
    import json
    dbp = str(tmp_path / "c.sqlite3")
    assert cli(["--db", dbp, "init", "--role", "commune", "--unit", "23353", "--official", "Y Blong"]) == 0
    out = tmp_path / "t.xlsx"
    assert cli(["--db", dbp, "template", "--period", "2014", "--out", str(out)]) == 0
    fill(out, {"XMC_15_60": {"Tử số": 90, "Mẫu số": 100}})
    assert cli(["--db", dbp, "import-xlsx", str(out), "--dry-run"]) == 0
    capsys.readouterr()
    assert cli(["--db", dbp, "values", "--period", "2014", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    xmc = next(r for r in rows if r["indicator"] == "XMC_15_60" and r["breakdown"] is None)
    assert xmc["value"] is None  # dry run imported nothing
    assert cli(["--db", dbp, "import-xlsx", str(out)]) == 0
    capsys.readouterr()
    cli(["--db", dbp, "values", "--period", "2014", "--json"])
    rows = json.loads(capsys.readouterr().out)
    xmc = next(r for r in rows if r["indicator"] == "XMC_15_60" and r["breakdown"] is None)
    assert (xmc["numerator"], xmc["denominator"], xmc["value"], xmc["target"], xmc["met"]) == (90, 100, 90.0, 96.0, False)
    assert set(xmc) >= {"indicator", "breakdown", "unit", "period", "numerator", "denominator", "value", "target", "met"}
    fill(out, {"XMC_15_60": {"Tử số": 190, "Mẫu số": 100}})
    assert cli(["--db", dbp, "import-xlsx", str(out)]) == 1
    assert "lớn hơn mẫu số" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli(["--db", dbp, "values"])
    assert exc.value.code == 2
    assert cli(["--db", dbp, "init", "--role", "commune", "--unit", "999"]) == 1
