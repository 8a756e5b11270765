"""Charts for the consolidated report (reportlab.graphics): a rate by unit against its target line."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, Line, String
from reportlab.lib import colors

from xhht_desktop.domain.values import format_decimal
from xhht_desktop.reports.pdf_base import FONT, FONT_BOLD, register_fonts

BAR = colors.HexColor("#4F81BD")
BAR_MET = colors.HexColor("#2E7D32")
TARGET = colors.HexColor("#C62828")


def rate_by_unit_chart(title: str, labels: list[str], values: list[float | None], target: float | None,
                       width: float, height: float = 200) -> Drawing:
    """Bars of a rate per unit (units with no figure get no bar and "chưa BC" under their name),
    with the target as a red line across. Every string uses the embedded font."""
    register_fonts()
    # Shapes created without a font name take reportlab's default (Helvetica, never embedded): make
    # the default ours before any chart part is built.
    STATE_DEFAULTS["fontName"] = FONT
    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, title, fontName=FONT_BOLD, fontSize=11, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 58
    chart.width, chart.height = width - 60, height - 90
    chart.data = [list(values)]  # None draws no bar (a unit that has not reported is not at 0%)
    low = min([v for v in values if v is not None] + ([target] if target is not None else []), default=0)
    chart.valueAxis.valueMin = max(0, (int(low) // 10) * 10 - 10) if low > 40 else 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 10 if chart.valueAxis.valueMin >= 50 else 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v)}%"
    chart.categoryAxis.categoryNames = [
        lab if val is not None else f"{lab} (chưa BC)" for lab, val in zip(labels, values)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5 if len(labels) <= 14 else 6
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dx = 4
    chart.categoryAxis.labels.dy = -2
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7 if len(labels) <= 14 else 5.5
    chart.barLabelFormat = lambda v: format_decimal(v, 1) if v else ""
    chart.barLabels.nudge = 6
    for i, v in enumerate(values):  # bars that reach the target in green
        if v is not None and target is not None and v >= target:
            chart.bars[(0, i)].fillColor = BAR_MET
    d.add(chart)
    if target is not None:
        vmin, vmax = chart.valueAxis.valueMin, chart.valueAxis.valueMax
        y = chart.y + chart.height * (target - vmin) / (vmax - vmin)
        d.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=TARGET, strokeWidth=1.2,
                   strokeDashArray=[4, 2]))
        d.add(String(chart.x + chart.width, y + 3, f"Mục tiêu {format_decimal(target, 0)}%",
                     fontName=FONT_BOLD, fontSize=8, fillColor=TARGET, textAnchor="end"))
    return d
