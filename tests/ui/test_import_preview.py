"""The Excel import preview pairs each problem with its own sheet and row, and lists the
learning-centre sheet's activities too."""

from __future__ import annotations

import datetime as dt

from xhht_desktop.clc.domain import Activity
from xhht_desktop.clc.xlsx import ROW_CODE
from xhht_desktop.domain.values import Entry
from xhht_desktop.io.xlsx_entry import ImportResult, RowProblem
from ui.models.import_preview import ActivityPreviewModel, activity_rows, preview_rows


def test_a_tthtcd_problem_is_not_put_on_the_chitieu_row_of_the_same_number(qapp):
    chitieu = Entry("XMC_15_60", None, 50, 40)
    result = ImportResult(unit_code="23353", period="2014", entries=[chitieu, Entry("XMC_15_35", None, 1, 2)])
    result.extra["rows"] = {chitieu.key: 9, ("XMC_15_35", None): 10}
    kept = Activity(date=dt.date(2014, 3, 5), title="Chuyên đề cà phê", category="agri_tech", format="topic",
                    sessions=1, visits=45)
    result.extra["clc"] = [kept]
    result.extra["clc_sheet_rows"] = [8]
    result.problems = [RowProblem(9, "XMC_15_60", "tử số lớn hơn mẫu số."),
                       RowProblem(10, ROW_CODE, "Ngày: 05/03/2030 ngoài kỳ báo cáo 2014."),
                       RowProblem(9, ROW_CODE, "Số buổi: không phải số.")]

    rows = {r.sheet_row: r for r in preview_rows(result, {})}
    assert rows[9].problems == ["tử số lớn hơn mẫu số."]  # ChiTieu row 9: its own problem only
    assert rows[10].problems == []  # TTHTCD row 10's problem is not ChiTieu row 10's

    acts = activity_rows(result)
    assert [(a.sheet_row, a.activity.title if a.activity else None, a.problems) for a in acts] == [
        (8, "Chuyên đề cà phê", []),
        (9, None, ["Số buổi: không phải số."]),
        (10, None, ["Ngày: 05/03/2030 ngoài kỳ báo cáo 2014."]),
    ]
    model = ActivityPreviewModel()
    model.set_rows(acts)
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert shown[0] == ["8", "05/03/2014", "Chuyên đề cà phê", "45", "✓ thêm mới"]
    assert shown[1][0] == "9" and shown[1][4] == "⛔ Số buổi: không phải số."
