"""Honest verdicts: a higher level is judged only when enough units reported (default two thirds,
settable), says how many units it rests on, and the screen and the paper use one scale."""

import subprocess

import pytest
from openpyxl import load_workbook

from xhht_desktop.cli import main as cli
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.reports import rows as R
from xhht_desktop.reports import verdict as V
from xhht_desktop.reports.cli import generate

from tests.core.test_reports_fixtures import PEK, unit
from tests.core.test_reports_output import needs_poppler, reports_db  # noqa: F401


def _flat(path) -> str:
    """The PDF's text in reading order, whitespace folded (a cell's wrapped lines join up)."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(raw.split())


@needs_poppler
def test_province_from_a_few_communes_is_not_judged(reports_db, db_path, tmp_path):  # noqa: F811
    root = unit(reports_db, "62")
    literacy = {(r.indicator, r.breakdown): r for r in compute_values(reports_db, root.id, "2014")}[("XMC_15_60", None)]
    assert literacy.met is False and literacy.units_reported < literacy.units_expected * 2 / 3  # the old "Chưa đạt"
    out = generate(reports_db, "consolidated", root, parse_period("2014"), "pdf", tmp_path / "t.pdf")
    text = _flat(out)
    assert "Chưa đủ số đơn vị báo cáo để đánh giá" in text
    assert f"({literacy.units_reported}/{literacy.units_expected})" in text
    assert "Số đơn vị đã báo cáo chưa đủ để đánh giá" in text
    sheet = R.consolidated(reports_db, root.id, "2014").summary
    line = next(ln for ln in sheet.lines() if ln.code == "XMC_15_60")
    assert line.verdict == V.TOO_FEW
    # The same in the workbook.
    book = generate(reports_db, "consolidated", root, parse_period("2014"), "xlsx", tmp_path / "t.xlsx")
    ws = load_workbook(book)["Bieu02"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=3).value == "XMC_15_60")
    assert ws.cell(row=row, column=10).value.startswith("Chưa đủ số đơn vị báo cáo để đánh giá")
    # A lower threshold, set once (remembered): judged, with the units it rests on.
    out = tmp_path / "t2.pdf"
    assert cli(["--db", str(db_path), "report", "consolidated", "--period", "2014", "--unit", "62",
                "--coverage", "5", "--out", str(out)]) == 0
    assert V.coverage_threshold(reports_db) == pytest.approx(0.05)
    text = _flat(out)
    assert f"Chưa đạt ({literacy.units_reported}/{literacy.units_expected} đơn vị)" in text or \
        f"Gần đạt ({literacy.units_reported}/{literacy.units_expected} đơn vị)" in text


def test_bad_coverage_is_refused(reports_db, db_path, tmp_path, capsys):  # noqa: F811
    assert cli(["--db", str(db_path), "report", "consolidated", "--period", "2014", "--unit", "62",
                "--coverage", "0", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "Ngưỡng đánh giá phải là phần trăm từ 1 đến 100" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    assert V.coverage_threshold(reports_db) == pytest.approx(2 / 3)


def test_commune_verdicts_are_the_dashboards(reports_db):  # noqa: F811
    """Every figure of a commune and of the province: the paper's verdict is the screen's status."""
    from ui.models.dashboard_model import load_dashboard

    for code in (PEK, "62"):
        u = unit(reports_db, code)
        sheet = R.progress_sheet(reports_db, u.id, "2014")
        screen = {s.indicator.code: s.status for s in load_dashboard(reports_db, u, parse_period("2014")).summaries}
        for line in sheet.lines():
            if line.breakdown is None and line.indicator.kind != "level":
                assert line.verdict == screen[line.indicator.code], (code, line.code)
        if code == "62":  # 8 of 102 communes: the dashboard does not judge the province either
            from ui.models.presentation import status_label

            assert screen["XMC_15_60"] == V.TOO_FEW
            assert status_label(screen["XMC_15_60"]) == "Chưa đủ số đơn vị báo cáo để đánh giá"
    # "Gần đạt" on both: within 5 points of its target (and the paper explains the word).
    words = {V.VERDICT_VI[V.verdict(ln.now)] for ln in R.progress_sheet(reports_db, unit(reports_db, PEK).id,
                                                                          "2014-H2").lines()}
    assert "Gần đạt" in words or "Đạt" in words
