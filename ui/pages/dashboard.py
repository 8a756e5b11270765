"""Tổng quan: every indicator of the unit for the chosen period against both target years of the
period's programme (2015 and 2020 for plan 2780, 2025 and 2030 for the 2021–2030 programme), judged
against the nearest one at or after the period; a draft target says so ("mục tiêu dự thảo, chưa được
Sở xác nhận").

Grouped by the programme's groups; each row has the value, a target bar (green met, amber close,
red far, hatched grey "chưa báo cáo"), both targets, đạt/chưa đạt with the gap, and the change since
the previous period. A level (mức độ) reads as a degree for the unit that is recognised, and as the
shares of the units below at or above each degree higher up. On top: the count of statuses, the
completeness of the period and the gap between women's and men's literacy the plan asks about.

Other features add their own sections to `extra_sections_layout` (e.g. the TTHTCĐ summary).
"""

from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.domain.values import format_decimal, format_percent

from ui.context import AppContext
from ui.models.dashboard_model import DashboardData, IndicatorSummary, load_dashboard
from ui.models.presentation import (
    CLOSE,
    FAR,
    MET,
    NO_TARGET,
    NOT_REPORTED,
    STATUS_COLOURS,
    breakdown_name,
    degree_text,
    derived_note,
    draft_note,
    format_number,
    format_points,
    format_signed_int,
    group_title,
    indicator_name,
    judge_status,
    period_name,
    programme_name,
    target_text,
    value_text,
)
from ui.operations import QueryOp
from ui.pages.base import Page
from ui.widgets.chips import StatusChip
from ui.widgets.target_bar import TargetBar

# A new set of rows is built this many at a time, a turn of the event loop each, when the figures
# came from a worker (a province's).
ROWS_PER_STEP = 6
# Fixed widths of the value, target, verdict and change columns (pixels at 96 dpi).
COLUMN_WIDTHS = {1: 112, 3: 136, 4: 140, 5: 118}  # 1: wide enough for «Chưa báo cáo»


class _Label(QLabel):
    """A label whose text the mouse can select, made selectable when the pointer first comes over
    it. A selectable label lays its text out through a text document: with every label of a
    province's dashboard selectable from the start, building and laying out its rows cost 40 %
    more of the GUI thread (290 → 173 ms for 31 rows, 88 → 60 ms for new figures in place)."""

    def enterEvent(self, event) -> None:  # noqa: N802 - Qt API
        from PySide6.QtCore import Qt  # see _qt()

        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)


def _qt():
    """PySide6's `Qt` namespace, imported where a row needs it: importing it builds all its enums
    (13 ms), and the page's first paint (no rows yet, or none in a half-year of the 2021–2030
    programme) needs none of them."""
    from PySide6.QtCore import Qt

    return Qt


def _label(text: str = "", *, name: str | None = None, wrap: bool = False,
           align: Qt.AlignmentFlag | None = None) -> QLabel:
    label = _Label(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if align is not None:
        label.setAlignment(align)
    return label


def _card(name: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    return frame, layout


class IndicatorRowWidgets:
    """The widgets of one indicator row in a group grid (kept so tests and refreshes can reach them)."""

    def __init__(self, summary: IndicatorSummary):
        self.summary = summary
        self.name = _label(wrap=True, name="indicatorName")
        self.detail = _label(wrap=True, name="muted")
        Qt = _qt()
        self.value = _label(name="indicatorValue", align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bar = TargetBar()
        self.targets = _label(name="muted", wrap=True)
        self.chip = StatusChip()
        self.chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.gap = _label(name="muted", wrap=True)
        self.change = _label(name="muted", wrap=True)
        for widget, col in ((self.value, 1), (self.targets, 3), (self.gap, 4), (self.change, 5)):
            widget.setFixedWidth(COLUMN_WIDTHS[col])
        self.province: QLabel | None = None  # the province's own figure, when the receipt has them


def _set_visible(widget: QWidget, visible: bool) -> None:
    """Show or hide a row's widget, only when that changes (setVisible costs even when it does not:
    0.4 ms), and never show a new one before it is laid out (it would open as a window)."""
    if getattr(widget, "_row_visible", True) != visible:
        widget._row_visible = visible
        widget.setVisible(visible)


def _set_style(widget: QWidget, sheet: str) -> None:
    """A widget's style sheet, only when it changes (setting one re-polishes the widget)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


class DashboardPage(Page):
    title = QT_TRANSLATE_NOOP("DashboardPage", "Tổng quan")
    icon_name = "dashboard"
    refreshed = Signal()  # new figures are on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.data: DashboardData | None = None
        self.rows: dict[str, IndicatorRowWidgets] = {}
        self._stale = True
        self._generation = 0
        self._applied_generation = -1
        self._task = None
        # What the group cards on screen show: (programme, province column, groups and their
        # indicators). Another period with the same shape only changes the values in them.
        self._groups_shape: tuple | None = None
        self._groups_building = 0  # cards still to be built (a new shape is built a card per turn)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)

        body = QWidget()
        body.setObjectName("pageBody")
        self.scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(20, 16, 20, 20)
        self.body_layout.setSpacing(14)

        self.heading = _label(name="pageTitle")
        self.subheading = _label(name="muted", wrap=True)
        self.body_layout.addWidget(self.heading)
        self.body_layout.addWidget(self.subheading)

        # Summary strip: status counts and completeness.
        self.summary_strip = QHBoxLayout()
        self.summary_strip.setSpacing(10)
        self.tiles: dict[str, QLabel] = {}
        for key, caption in ((MET, self.tr("Đạt mục tiêu")), (CLOSE, self.tr("Gần đạt")), (FAR, self.tr("Chưa đạt")),
                             (NOT_REPORTED, self.tr("Chưa báo cáo"))):
            tile, number = self._tile(caption, STATUS_COLOURS[key])
            self.tiles[key] = number
            self.summary_strip.addWidget(tile)
        completeness, self.completeness_label = self._tile(self.tr("Hoàn thành kỳ báo cáo"), "#37474f")
        self.completeness_label.setObjectName("tileText")
        self.completeness_detail = _label(name="muted", wrap=True)
        completeness.layout().addWidget(self.completeness_detail)
        self.summary_strip.addWidget(completeness, 2)
        self.body_layout.addLayout(self.summary_strip)

        # Women / men literacy.
        self.literacy_card, literacy_layout = _card()
        literacy_layout.addWidget(_label(self.tr("Cân bằng biết chữ giữa nữ và nam"), name="cardTitle"))
        literacy_layout.addWidget(_label(self.tr("Tỷ lệ của nam = (tổng số − nữ): tử số và mẫu số đều trừ đi phần "
                                                 "của nữ; chênh lệch tính bằng điểm phần trăm."),
                                         name="muted", wrap=True))
        self.literacy_grid = QGridLayout()
        self.literacy_grid.setHorizontalSpacing(14)
        self.literacy_grid.setVerticalSpacing(6)
        literacy_layout.addLayout(self.literacy_grid)
        self.body_layout.addWidget(self.literacy_card)

        # One card per group, rebuilt on refresh.
        self.groups_layout = QVBoxLayout()
        self.groups_layout.setSpacing(14)
        self.body_layout.addLayout(self.groups_layout)

        # Where other features add sections (the TTHTCĐ summary) without touching this file.
        self.extra_sections_layout = QVBoxLayout()
        self.extra_sections_layout.setSpacing(14)
        self.body_layout.addLayout(self.extra_sections_layout)
        self.body_layout.addStretch(1)
        # They sit below the fold: added once the page has been painted with its figures, so
        # start-up stays light (their module is imported on a worker, their own query runs after
        # the figures' — not beside it, sharing the interpreter).
        self.extra_sections: list[QWidget] = []
        self._sections_added = False
        self._sections_scheduled = False
        self._sections_importing = False

        ctx.period_changed.connect(self._mark_stale)
        ctx.data_changed.connect(self._mark_stale)
        ctx.installation_changed.connect(self._mark_stale)
        body.installEventFilter(self)  # its paints: _sections_due
        self.refresh()

    def add_extra_sections(self) -> None:
        """Add the extra sections (the learning centres' summary), once. Their module (9 ms with
        what it imports) is imported on a worker first if it is not yet."""
        if self._sections_added or self._sections_importing:
            return
        if not self.isVisible():
            # The window was closed (or the page left) meanwhile: building the sections now may
            # flash a parentless label as a window and cancel the application's quit. Next paint.
            self._sections_scheduled = False
            return
        if "ui.widgets.clc_summary" not in sys.modules:
            self._import_sections_module()
            return
        self._sections_added = True
        from ui.widgets.clc_summary import ClcSummaryWidget

        for section in (ClcSummaryWidget(self.ctx),):
            self.extra_sections.append(section)
            self.extra_sections_layout.addWidget(section)

    def _import_sections_module(self) -> None:
        from PySide6.QtCore import QCoreApplication

        from ui.tasks import run_task

        self._sections_importing = True

        def work(_progress) -> None:
            import ui.widgets.clc_summary  # noqa: F401, PLC0415

        def imported(*_args) -> None:
            if shiboken6.isValid(self):  # the page may be gone (the window closed at once)
                self._sections_importing = False
                self._sections_scheduled = False
                self.update()  # added at the next paint (add_extra_sections; a failed import shows there)

        # Parented to the application: a task deleted with its page before its result arrives
        # would leave its thread running.
        task = run_task(None, "", work, on_done=imported, on_error=imported, show_dialog=False)
        task.setParent(QCoreApplication.instance())

    # ---- refreshing --------------------------------------------------------------------------

    def _mark_stale(self, *args) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _sections_due(self) -> None:
        """Add the extra sections at the next turn once the page has been painted with figures (its
        own paint, or its body's in the scroll area: covered by it, the page is not always painted).
        Not while the first figures are computed on a worker: the sections' module import (8 ms of
        Python with what it imports) and their own read, on workers beside the figures' computation
        and paint, held the interpreter's lock from them and delayed the first figures at start."""
        if self._sections_scheduled or self.busy:
            return
        self._sections_scheduled = True
        QTimer.singleShot(0, self, self.add_extra_sections)  # not after the page is gone

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        self._sections_due()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:  # the page's body, in the scroll area (see __init__)
            self._sections_due()
        return False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Recompute and rebuild the rows.

        A commune's own figures take a few milliseconds: computed here. A district's or the
        province's take 30–100 ms over every unit below (two periods, trend targets): computed in a
        worker with its own connection so the window never stalls; the old figures stay on screen
        until the new ones arrive.
        """
        inst = self.ctx.installation
        if inst is None:
            return
        self._stale = False
        period = self.ctx.period
        self._generation += 1
        if inst.unit.level == "xa":
            self._apply(load_dashboard(self.ctx.db, inst.unit, period))
            return
        unit = inst.unit
        self.heading.setText(self.tr("Tổng quan — {period}").format(period=period_name(period)))
        self.subheading.setText(self.tr("Đang tổng hợp số liệu của các đơn vị cấp dưới…"))
        def load(db) -> DashboardData:
            return load_dashboard(db, unit, period)

        self._task = QueryOp(self, load, key="dashboard").success(self._apply_when_current).run_in_background()

    def _apply_when_current(self, data) -> None:
        self._task = None
        self._apply(data)

    @property
    def busy(self) -> bool:
        """True while figures are being computed in the background."""
        return self.data is None or self._applied_generation != self._generation or self._groups_building > 0

    def _apply(self, data: DashboardData) -> None:
        self.data = data
        self._applied_generation = self._generation
        unit, period = data.unit, data.period
        level_words = {"xa": self.tr("số liệu của xã"),
                       "huyen": self.tr("tổng hợp từ các xã và số liệu của huyện"),
                       "tinh": self.tr("tổng hợp toàn tỉnh từ các huyện, xã và số liệu của tỉnh")}[unit.level]
        self.heading.setText(self.tr("Tổng quan — {period}").format(period=period_name(period)))
        prev = data.previous_period
        self.subheading.setText(
            self.tr("{unit} ({code}) · {scope} · {programme} · so với mục tiêu năm {year}").format(
                unit=unit.name, code=unit.code, scope=level_words, year=period.target_year,
                programme=programme_name(data.programme or period.programme_code))
            + (self.tr(" · thay đổi so với kỳ trước: {period}").format(period=period_name(prev).lower())
               if prev else "")
            + ("" if data.summaries or period.is_year else
               self.tr(" · các chỉ tiêu của chương trình này báo cáo theo năm: chọn kỳ «Cả năm {year}»").format(
                   year=period.year)))
        self._fill_summary()
        self._fill_literacy()
        self._fill_groups()

    def _tile(self, caption: str, colour: str) -> tuple[QFrame, QLabel]:
        frame = QFrame()
        frame.setObjectName("tile")
        frame.setStyleSheet(f"QFrame#tile {{ border-left: 4px solid {colour}; }}")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        number = _label("–", name="tileNumber")
        number.setStyleSheet(f"color: {colour};")
        layout.addWidget(number)
        layout.addWidget(_label(caption, name="muted"))
        return frame, number

    def _fill_summary(self) -> None:
        data = self.data
        counts = data.status_counts()
        for key, label in self.tiles.items():
            label.setText(str(counts[key]))
        with_target = len(data.summaries) - counts[NO_TARGET]
        self.tiles[MET].setToolTip(self.tr("{met} trong {total} chỉ tiêu có mục tiêu").format(
            met=counts[MET], total=with_target))
        if data.unit.level == "xa":
            self.completeness_label.setText(self.tr("Đã đánh dấu hoàn thành") if data.own_complete
                                            else self.tr("Chưa đánh dấu hoàn thành"))
            self.completeness_detail.setText(self.tr("Đã báo cáo {n}/{total} chỉ tiêu của kỳ này.").format(
                n=data.reported, total=len(data.summaries)))
        else:
            self.completeness_label.setText(self.tr("{n}/{total} đơn vị").format(
                n=data.units_below_complete, total=data.units_below))
            self.completeness_detail.setText(
                self.tr("Đơn vị cấp dưới đã đánh dấu hoàn thành kỳ này; đơn vị mình đã đánh dấu hoàn thành.")
                if data.own_complete else
                self.tr("Đơn vị cấp dưới đã đánh dấu hoàn thành kỳ này; đơn vị mình chưa đánh dấu hoàn thành."))
        _set_style(self.completeness_label, "color: #2e7d32;" if data.own_complete else "color: #37474f;")

    def _fill_literacy(self) -> None:
        _clear_layout(self.literacy_grid)
        self.literacy_card.setVisible(bool(self.data.literacy))
        headers = (self.tr("Chỉ tiêu"), self.tr("Nữ"), self.tr("Nam"), self.tr("Chênh lệch (nam − nữ)"))
        for col, text in enumerate(headers):
            self.literacy_grid.addWidget(_label(text, name="columnHeader"), 0, col)
        for row, gap in enumerate(self.data.literacy, start=1):
            name = {"XMC_15_60": self.tr("Biết chữ 15–60 tuổi"),
                    "XMC_15_35": self.tr("Biết chữ 15–35 tuổi"),
                    "XMC2_15_60": self.tr("Biết chữ mức độ 2, 15–60 tuổi"),
                    "XMC1_15_35": self.tr("Biết chữ mức độ 1, 15–35 tuổi")}[gap.indicator]
            self.literacy_grid.addWidget(_label(name), row, 0)
            blank = self.tr("chưa báo cáo")
            self.literacy_grid.addWidget(_label(format_percent(gap.women_rate, blank=blank)), row, 1)
            self.literacy_grid.addWidget(_label(format_percent(gap.men_rate, blank=blank)), row, 2)
            points = gap.gap_points
            text = "—" if points is None else format_points(points, signed=False)
            gap_label = _label(text, name="gapValue")
            if points is not None:
                colour = "#2e7d32" if abs(points) <= 2 else "#e0a100" if abs(points) <= 5 else "#c62828"
                gap_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
                gap_label.setToolTip(self.tr("Nữ thấp hơn nam") if points > 0 else self.tr("Nữ cao hơn hoặc bằng nam"))
            self.literacy_grid.addWidget(gap_label, row, 3)
        self.literacy_grid.setColumnStretch(0, 2)
        for col in (1, 2, 3):
            self.literacy_grid.setColumnStretch(col, 1)

    def _fill_groups(self) -> None:
        """The group cards, then `refreshed`.

        The same indicators in the same groups as on screen (another period of the programme, new
        figures): the values go into the rows as they are. Otherwise the cards are built anew,
        ROWS_PER_STEP rows per turn of the event loop when the figures came from a worker (a
        province's 30–70 rows took 180–260 ms to build and lay out in one go, the window frozen
        meanwhile); a commune's, computed on the spot, at once.
        """
        data = self.data
        period = data.period
        programme = data.programme.code if data.programme else period.programme_code
        groups = sorted(data.by_group().items())
        province = bool(data.province)  # from the Department's receipt
        shape = (programme, province, tuple((group, tuple(s.indicator.code for s in summaries))
                                            for group, summaries in groups))
        generation = self._generation
        if shape == self._groups_shape and self._groups_building == 0:
            for _group, summaries in groups:
                for s in summaries:
                    self._set_row(self.rows[s.indicator.code], s, period, province)
            self.refreshed.emit()
            return
        self._groups_shape = shape
        _clear_layout(self.groups_layout)
        self.rows.clear()
        # The steps: each group's card, then its rows ROWS_PER_STEP at a time.
        steps: list[tuple] = []
        for group, summaries in groups:
            steps.append(("card", group))
            steps += [("rows", summaries[i:i + ROWS_PER_STEP]) for i in range(0, len(summaries), ROWS_PER_STEP)]
        sliced = data.unit.level != "xa"
        self._groups_building = len(steps)
        state: dict = {}

        def build_next() -> None:
            while steps:
                if generation != self._generation:
                    return  # a newer refresh took over
                kind, what = steps.pop(0)
                if kind == "card":
                    card, state["grid"] = self._group_card(what, programme, province)
                    state["row"] = 1
                    self.groups_layout.addWidget(card)
                else:
                    state["row"] = self._add_rows(state["grid"], state["row"], what, period, province)
                self._groups_building = len(steps)
                if steps and sliced and kind == "rows":
                    QTimer.singleShot(0, self, build_next)
                    return
            self.refreshed.emit()

        build_next()

    def _group_card(self, group, programme: str, province: bool) -> tuple[QFrame, QGridLayout]:
        """A group's card with its column headers; its rows come with _add_rows."""
        card, layout = _card()
        layout.addWidget(_label(group_title(group, programme), name="cardTitle"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        for col, text in enumerate((self.tr("Chỉ tiêu"), self.tr("Giá trị"), self.tr("So với mục tiêu"),
                                    self.tr("Mục tiêu"), self.tr("Đánh giá"), self.tr("So với kỳ trước"))):
            grid.addWidget(_label(text, name="columnHeader"), 0, col)
        if province:
            grid.addWidget(_label(self.tr("Tỉnh"), name="columnHeader"), 0, 6)
        # The same column widths in every card, so the groups line up under one another.
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(2, 3)
        for col, width in COLUMN_WIDTHS.items():
            grid.setColumnMinimumWidth(col, width)
        layout.addLayout(grid)
        return card, grid

    def _add_rows(self, grid: QGridLayout, r: int, summaries, period, province: bool) -> int:
        """Put these indicators' rows into a card's grid from row `r`; returns the next row."""
        Qt = _qt()
        for s in summaries:
            widgets = IndicatorRowWidgets(s)
            if province:
                widgets.province = _label()
                widgets.province.setObjectName("provinceFigure")
                widgets.province.setToolTip(self.tr("Số liệu của tỉnh kỳ này, theo biên nhận gần nhất của Sở"))
            self._set_row(widgets, s, period, province)
            self.rows[s.indicator.code] = widgets
            name_box = QVBoxLayout()
            name_box.setSpacing(0)
            name_box.addWidget(widgets.name)
            name_box.addWidget(widgets.detail)
            grid.addLayout(name_box, r, 0)
            grid.addWidget(widgets.value, r, 1)
            grid.addWidget(widgets.bar, r, 2)
            grid.addWidget(widgets.targets, r, 3)
            judge = QVBoxLayout()
            judge.setSpacing(2)
            judge.addWidget(widgets.chip, 0, Qt.AlignmentFlag.AlignLeft)
            judge.addWidget(widgets.gap)
            grid.addLayout(judge, r, 4)
            grid.addWidget(widgets.change, r, 5)
            if widgets.province is not None:
                grid.addWidget(widgets.province, r, 6)
            if r > 1:
                line = QFrame()
                line.setObjectName("rowRule")
                line.setFrameShape(QFrame.Shape.HLine)
                grid.addWidget(line, r - 1, 0, 1, 6, Qt.AlignmentFlag.AlignBottom)
            r += 1
        return r

    def _set_row(self, w: IndicatorRowWidgets, s: IndicatorSummary, period, province: bool) -> None:
        """Show `s` in the row's widgets (new ones, or those of the same indicator on screen)."""
        w.summary = s
        ind, row = s.indicator, s.total
        for widget in (w.value, w.targets):
            widget.setToolTip("")
        _set_visible(w.chip, True)
        _set_visible(w.bar, ind.kind != "count")
        w.name.setText(indicator_name(ind))
        w.name.setToolTip(f"{ind.code} · {ind.plan_ref} · {ind.owner}")
        w.name.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        w.name.setMinimumWidth(260)
        detail = [ind.code]
        if row.numerator is not None and row.denominator is not None and ind.kind != "flag":
            detail.append(f"{format_number(row.numerator)}/{format_number(row.denominator)}")
        for part in s.breakdowns:
            detail.append(f"{breakdown_name(part.breakdown, short=True)}: "
                          f"{format_percent(part.value, blank=self.tr('chưa báo cáo'))}")
        if ind.kind == "flag" and not s.own_flag and row.denominator:
            detail.append(self.tr("{n}/{total} đơn vị đạt").format(n=row.numerator, total=row.denominator))
        if s.is_level and not s.own_flag:
            for degree, share in sorted(s.shares.items()):
                if share is not None:
                    detail.append(self.tr("mức {n} trở lên: {share}").format(n=degree, share=format_percent(share)))
        if s.is_level and row.lapsed and row.recognised:
            detail.append(self.tr("công nhận mức độ {n} đã hết hiệu lực").format(n=row.recognised))
        if row.own_value is not None and not (s.is_level and s.own_flag):
            if ind.kind == "flag":
                own = self.tr("đạt") if row.own_value >= 1 else self.tr("chưa đạt")
            elif ind.kind == "level":
                own = degree_text(row.own_value).lower()
            else:
                own = format_number(row.own_value)
            detail.append(self.tr("của đơn vị mình: {value}").format(value=own))
        if row.units_expected > 1:
            # Indicators entered at several levels count the higher levels' own rows as reports too,
            # so "reported" can exceed the units expected below; then only the count is meaningful.
            if row.units_reported <= row.units_expected:
                detail.append(self.tr("{n}/{total} đơn vị đã báo cáo").format(
                    n=row.units_reported, total=row.units_expected))
            else:
                detail.append(self.tr("{n} đơn vị có số liệu").format(n=row.units_reported))
        this_year = period.target_year
        draft_years = set(row.draft_years or ()) | {y for y in period.target_years if ind.is_draft(y)}
        if ind.target_op != "increase" and this_year in draft_years:
            detail.append(self.tr("mục tiêu {year}: {draft}").format(year=this_year, draft=draft_note()))
        if row.derived:
            detail.append(derived_note(row.units_reported, row.units_expected))
        w.detail.setText(" · ".join(detail))
        if s.is_level and not s.own_flag:
            # Above the commune: the share of units at or above the target degree (or the top one);
            # the unit's own recognised degree, if any, is in the detail line.
            w.value.setText(self._share_headline(s) + (" *" if row.derived else ""))
        else:
            w.value.setText(value_text(ind.kind, row.value, own_flag=s.own_flag, derived=row.derived))
            if s.is_level and row.lapsed and row.recognised:
                w.value.setToolTip(self.tr("công nhận mức độ {n} đã hết hiệu lực").format(n=row.recognised))
        _set_style(w.value, f"color: {STATUS_COLOURS[s.status]};" if s.status != NO_TARGET else "")
        other_years = [y for y in period.target_years if y != this_year]
        # The bar: rates and shares on 0–100; a unit's own flag fills or not; a degree fills its share
        # of the scale; counts have no scale.
        if ind.kind == "count":
            pass  # no bar (hidden above)
        elif s.is_level:
            top = (ind.scale or (0, 1))[1] or 1
            if s.own_flag:
                bar_value = None if row.value is None else 100.0 * row.value / top
                scaled = [None if t is None else 100.0 * t / top
                          for t in (row.target, *(ind.targets.get(y) for y in other_years))]
                w.bar.set_state(bar_value, s.status, scaled[0], scaled[1] if len(scaled) > 1 else None)
                # The bar's own tooltip speaks in percent; a degree reads as a degree of the scale.
                if row.value is not None:
                    w.bar.setToolTip(self.tr("{value} trên thang 0–{top}").format(
                        value=degree_text(row.value), top=top) + (self.tr("; mục tiêu kỳ này: mức độ {n}").format(
                            n=int(row.target)) if row.target is not None else ""))
            else:
                degree = int(row.target) if row.target else top
                w.bar.set_state(s.shares.get(degree), s.status if row.value is not None else NO_TARGET)
                w.bar.setToolTip(self.tr("Tỷ lệ đơn vị đạt từ mức {n} trở lên").format(n=degree))
        else:
            bar_value = None if row.value is None else (100.0 * row.value if s.own_flag else row.value)
            target = row.target
            other = (None if ind.target_op == "increase" or s.own_flag or not other_years
                     else ind.targets.get(other_years[0]))
            w.bar.set_state(bar_value, s.status, None if s.own_flag else target, other)
        if ind.target_op == "increase":
            last = self.tr("chưa có số liệu") if row.target is None else format_percent(row.target)
            w.targets.setText(self.tr("Tăng so với cùng kỳ\n(cùng kỳ: {value})").format(value=last))
        else:
            lines = []
            for year in period.target_years:
                text = f"{year}: {target_text(ind, year)}"
                if year in draft_years:
                    text += self.tr(" (dự thảo)")
                lines.append(f"<b>{text}</b>" if year == this_year else text)
            w.targets.setText("<br>".join(lines))
            if draft_years:
                w.targets.setToolTip(self.tr("(dự thảo): {draft}").format(draft=draft_note()))
        w.chip.set_status(s.status)
        if s.status in (MET, CLOSE, FAR) and row.gap is not None and not s.own_flag:
            if abs(row.gap) < 0.005:
                w.gap.setText(self.tr("đúng mục tiêu"))
            else:
                points = format_points(row.gap, signed=False)
                w.gap.setText(self.tr("vượt {points}").format(points=points) if row.gap > 0
                              else self.tr("thiếu {points}").format(points=points))
        elif s.status == NO_TARGET and s.is_level and not s.own_flag and row.value is None:
            _set_visible(w.chip, False)
            w.gap.setText(self.tr("chưa có mức độ được công nhận của đơn vị mình"))
        elif s.status == NO_TARGET and this_year in draft_years:
            _set_visible(w.chip, False)
            w.gap.setText(self.tr("mục tiêu {year} là dự thảo").format(year=this_year))
        elif s.status == NO_TARGET:
            # No verdict to give: a quiet note instead of a coloured pill on every such row.
            _set_visible(w.chip, False)
            w.gap.setText(self.tr("không đặt mục tiêu"))
        else:
            w.gap.setText("")
        w.change.setText(self._change_text(s))
        if w.province is not None:
            figures, key = (self.data.province if province else {}), (ind.code, "")
            w.province.setText("" if key not in figures else "—" if figures[key] is None
                               else format_decimal(figures[key], 1))

    def _share_headline(self, s: IndicatorSummary) -> str:
        """"40,00%" over "từ mức 2": the share of units at or above the target degree (else the top one)."""
        top = (s.indicator.scale or (0, 1))[1]
        degree = int(s.total.target) if s.total.target else top
        share = s.shares.get(degree)
        if share is None:
            return value_text(s.indicator.kind, None, own_flag=False)
        return self.tr("{share}\ntừ mức {n}").format(share=format_percent(share), n=degree)

    def _change_text(self, s: IndicatorSummary) -> str:
        prev = s.previous
        if s.total.value is None:
            return ""
        if prev is None or prev.value is None:
            return self.tr("kỳ trước chưa báo cáo")
        change = s.change
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        if s.indicator.kind == "count":
            return f"{arrow} {format_signed_int(change)}"
        if s.is_level and s.own_flag:
            if change == 0:
                return self.tr("không đổi")
            return self.tr("{arrow} kỳ trước: {before}").format(arrow=arrow, before=degree_text(prev.value).lower())
        if s.own_flag and not prev.derived:
            before = self.tr("đạt") if prev.value >= 1 else self.tr("chưa đạt")
            return self.tr("không đổi") if change == 0 else self.tr("{arrow} kỳ trước: {before}").format(
                arrow=arrow, before=before)
        return f"{arrow} {format_points(change)}"


def _clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())


# Keep the judge importable from here for features that colour their own rows the same way.
__all__ = ["DashboardPage", "judge_status"]
