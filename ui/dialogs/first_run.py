"""First run: who uses this installation (role), for which unit, and who the official is.

Today's units come first: the 96 communes and wards of Quảng Ngãi (51), with no district step. A
search ("dak pek", accent-insensitive) also finds the units before 1 July 2025, listed after today's
and marked with their dates; a box lists all of them, district → commune. The Department works for
today's province (51), which merges the packages of 62 and old 51 and of their units too.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from xhht_desktop.db import units_repo
from xhht_desktop.domain.text import matches
from xhht_desktop.domain.units import NEW_PROVINCE_CODE, NEW_SYSTEM_FROM, OLD_SYSTEM_END
from xhht_desktop.installation import InitError, Installation, init_installation_by_key

from ui.i18n import core_words
from ui.models.presentation import role_label
from ui.widgets import messages
from ui.i18n import core_words

ROLE_HELP_VI = {
    "commune": QT_TRANSLATE_NOOP("RolePage", "Nhập chỉ tiêu của xã mỗi 6 tháng và cả năm, ghi sổ trung tâm học "
                                 "tập cộng đồng, in phiếu tiến độ, gửi gói số liệu lên cấp trên."),
    "district": QT_TRANSLATE_NOOP("RolePage", "Nhập các chỉ tiêu cấp huyện và xem tổng hợp của các xã trong huyện "
                                  "(đến 30/6/2025)."),
    "department": QT_TRANSLATE_NOOP("RolePage", "Nhận gói số liệu của các xã, huyện; hợp nhất, theo dõi đơn vị "
                                    "đã/chưa báo cáo và lập báo cáo toàn tỉnh."),
}
PAGE_ROLE, PAGE_UNIT, PAGE_OFFICIAL = 0, 1, 2


class RolePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Chào mừng đến với XHHT Desktop"))
        self.setSubTitle(self.tr("Theo dõi Kế hoạch 2780/KH-UBND xây dựng xã hội học tập tỉnh Kon Tum. "
                                 "Trước hết, cho biết máy này dùng ở đâu."))
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(QLabel("<b>" + self.tr("Vai trò của người dùng máy này") + "</b>"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for role in ("commune", "district", "department"):
            button = QRadioButton(role_label(role).replace("&", "&&"))  # "GD&ĐT", not a shortcut
            button.setObjectName(f"role_{role}")
            self.buttons[role] = button
            self.group.addButton(button)
            layout.addWidget(button)
            help_label = QLabel(self.tr(ROLE_HELP_VI[role]))
            help_label.setObjectName("muted")
            help_label.setWordWrap(True)
            help_label.setContentsMargins(26, 0, 0, 8)
            layout.addWidget(help_label)
            button.toggled.connect(self.completeChanged)
        self.buttons["commune"].setChecked(True)
        layout.addStretch(1)

    def role(self) -> str:
        return next((r for r, b in self.buttons.items() if b.isChecked()), "commune")

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.group.checkedButton() is not None

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return PAGE_OFFICIAL if self.role() == "department" else PAGE_UNIT


class UnitPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Chọn đơn vị"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.district_combo = QComboBox()
        self.district_label = QLabel(self.tr("Huyện, thành phố"))
        form.addRow(self.district_label, self.district_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Gõ tên hoặc mã, có dấu hay không dấu đều được (ví dụ: dak pek)"))
        self.search_edit.setClearButtonEnabled(True)
        form.addRow(self.tr("Tìm"), self.search_edit)
        layout.addLayout(form)
        self.unit_list = QListWidget()
        self.unit_list.setAlternatingRowColors(True)
        layout.addWidget(self.unit_list, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        layout.addWidget(self.count_label)
        self.new_units_box = QCheckBox(self.tr("Hiện cả các đơn vị trước 01/07/2025 (trước sắp xếp; có ghi ngày)"))
        self.new_units_box.setObjectName("old_units_box")
        layout.addWidget(self.new_units_box)

        self.district_combo.currentIndexChanged.connect(self.refresh_list)
        self.search_edit.textChanged.connect(self.refresh_list)
        self.new_units_box.toggled.connect(self._on_old_units)
        self.unit_list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.unit_list.itemDoubleClicked.connect(lambda *_: self.wizard().next())

    @property
    def db(self):
        return self._wizard.db

    @property
    def old_units_box(self) -> QCheckBox:
        return self.new_units_box

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        role = self._wizard.role()
        commune = role == "commune"
        self.setSubTitle(self.tr("Chọn xã, phường (từ 01/07/2025, thuộc tỉnh Quảng Ngãi), hoặc gõ tên để tìm; "
                                 "đơn vị cũ vẫn tìm được, có ghi ngày.") if commune
                         else self.tr("Chọn huyện, thành phố của phòng GD&ĐT (đến 30/6/2025)."))
        self.new_units_box.setVisible(commune)
        if not commune:
            self.new_units_box.setChecked(False)
        self._fill_districts()
        self._on_old_units(self.new_units_box.isChecked())

    def _fill_districts(self) -> None:
        self.district_combo.blockSignals(True)
        self.district_combo.clear()
        self.district_combo.addItem(self.tr("— Tất cả huyện, thành phố —"), None)
        for d in units_repo.search_units(self.db, "", level="huyen", on_day=OLD_SYSTEM_END):
            self.district_combo.addItem(f"{d.name} ({d.code})", d.id)
        self.district_combo.blockSignals(False)

    def _on_old_units(self, on: bool) -> None:
        # No district step for today's communes: the district filter is for the old ones only.
        commune = self._wizard.role() == "commune"
        self.district_label.setVisible(commune and on)
        self.district_combo.setVisible(commune and on)
        self.district_combo.setEnabled(commune and on)
        self.refresh_list()

    def _units(self) -> list[tuple[units_repo.Unit, bool]]:
        """(unit, is old) in the order shown: today's first, then the old ones."""
        role = self._wizard.role()
        query = self.search_edit.text()
        if role != "commune":  # a district office: the districts, which all ended on 30/6/2025
            return [(u, True) for u in units_repo.search_units(self.db, query, level="huyen")]
        today = [(u, False) for u in units_repo.search_units(self.db, query, level="xa", on_day=NEW_SYSTEM_FROM)]
        show_old = self.new_units_box.isChecked() or bool(query.strip())
        if not show_old:
            return today
        district_id = self.district_combo.currentData() if self.new_units_box.isChecked() else None
        if district_id is not None:
            old = [u for u in units_repo.children(self.db, district_id)
                   if u.level == "xa" and u.valid_to is not None and matches(query, u.name, u.code)]
            today = [] if not query.strip() else today
        else:
            old = [u for u in units_repo.search_units(self.db, query, level="xa", limit=1000)
                   if u.valid_to is not None]
        return today + [(u, True) for u in old]

    def refresh_list(self) -> None:
        units = self._units()
        previous = self.selected_key()
        self.unit_list.clear()
        for u, old in units:
            day = u.valid_to if old else NEW_SYSTEM_FROM
            parent = units_repo.parent_of(self.db, u.id, day)
            where = f" — {parent.name}" if parent is not None else ""
            label = (f"{u.name} ({u.code}, {units_repo.vi_date(u.valid_from)}–{units_repo.vi_date(u.valid_to)})"
                     if old else f"{u.name} ({u.code})")
            item = QListWidgetItem(label + where)
            item.setData(Qt.ItemDataRole.UserRole, u.key)
            if old:
                item.setToolTip(self.tr("Đơn vị trước sắp xếp: chỉ báo cáo các kỳ đến 6 tháng đầu năm 2025."))
            self.unit_list.addItem(item)
            if u.key == previous:
                self.unit_list.setCurrentItem(item)
        if self.unit_list.count() == 1:
            self.unit_list.setCurrentRow(0)
        self.count_label.setText(self.tr("{n} đơn vị").format(n=len(units)) if units else
                                 self.tr("Không tìm thấy đơn vị nào. Thử gõ ít chữ hơn, hoặc gõ mã đơn vị."))
        self.completeChanged.emit()

    def select_key(self, key: str) -> bool:
        for i in range(self.unit_list.count()):
            if self.unit_list.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.unit_list.setCurrentRow(i)
                return True
        return False

    def selected_key(self) -> str | None:
        item = self.unit_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.selected_key() is not None


class OfficialPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Cán bộ phụ trách"))
        self.setSubTitle(self.tr("Tên cán bộ được ghi vào lịch sử mỗi lần sửa số liệu và vào phiếu báo cáo."))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Họ và tên, ví dụ: Nguyễn Thị Hồng"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Ví dụ: Công chức Văn hóa - Xã hội"))
        form.addRow(self.tr("Họ và tên"), self.name_edit)
        form.addRow(self.tr("Chức vụ"), self.title_edit)
        layout.addLayout(form)
        self.sample_box = QCheckBox(self.tr("Nạp dữ liệu mẫu để làm quen"))
        layout.addWidget(self.sample_box)
        sample_help = QLabel(self.tr("Điền số liệu giả định các kỳ 2013–2020 để xem thử bảng tổng quan và báo cáo. "
                                     "Lịch sử ghi rõ nguồn «dữ liệu mẫu»; có thể nhập đè bằng số liệu thật. "
                                     "Không dùng trên máy báo cáo thật."))
        sample_help.setObjectName("muted")
        sample_help.setWordWrap(True)
        sample_help.setContentsMargins(26, 0, 0, 0)
        layout.addWidget(sample_help)
        layout.addStretch(1)
        self.name_edit.textChanged.connect(lambda *_: self.completeChanged.emit())

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        unit = self._wizard.chosen_unit()
        role = role_label(self._wizard.role())
        self.summary.setText(self.tr("Vai trò: <b>{role}</b><br>Đơn vị: <b>{unit} ({code})</b>").format(
            role=role, unit=unit.name, code=unit.code) if unit else "")

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.name_edit.text().strip())

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return -1


class FirstRunWizard(QWizard):
    """Sets up the installation; `installation` holds the result after `accept()`."""

    def __init__(self, db, db_path=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.db_path = db_path
        self.installation: Installation | None = None
        self._setting_up = False
        self.setWindowTitle(self.tr("Thiết lập XHHT Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        from xhht_desktop.paths import resource_path

        logo = resource_path("icons", "app.png")
        if logo.exists():
            from PySide6.QtGui import QPixmap

            self.setPixmap(QWizard.WizardPixmap.LogoPixmap,
                           QPixmap(str(logo)).scaled(56, 56, Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp theo  ›"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("‹  Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))
        self.role_page = RolePage(self)
        self.unit_page = UnitPage(self)
        self.official_page = OfficialPage(self)
        self.setPage(PAGE_ROLE, self.role_page)
        self.setPage(PAGE_UNIT, self.unit_page)
        self.setPage(PAGE_OFFICIAL, self.official_page)
        self.setStartId(PAGE_ROLE)
        self.resize(720, 560)

    def role(self) -> str:
        return self.role_page.role()

    def chosen_unit_key(self) -> str | None:
        if self.role() == "department":  # today's province (51), else the last one holding its code
            versions = [u for u in units_repo.units_with_code(self.db, NEW_PROVINCE_CODE) if u.level == "tinh"]
            return versions[-1].key if versions else None
        return self.unit_page.selected_key()

    def chosen_unit(self) -> units_repo.Unit | None:
        key = self.chosen_unit_key()
        return units_repo.unit_by_key(self.db, key) if key else None

    def accept(self) -> None:
        """Set the installation up through a writer of its own (the application's context and its
        writer do not exist yet): nothing is written through the GUI thread's connection `self.db`,
        which only reads here. The writer is closed before the wizard closes, so the main window's
        writer, started afterwards, is still the only one."""
        if self._setting_up:  # Hoàn tất pressed again while the set-up runs
            return
        from xhht_desktop.writer import Writer

        from ui.operations import wait_for

        key, role = self.chosen_unit_key(), self.role()
        name, title = self.official_page.name_edit.text(), self.official_page.title_edit.text()
        sample = self.official_page.sample_box.isChecked()

        def op(db, _progress) -> Installation:
            inst = init_installation_by_key(db, role, key or "", name, title)
            if sample:
                from xhht_desktop.sample import fill_sample_installation

                # Figures and the centre's log of one unit: a fraction of a second, once, at set-up.
                fill_sample_installation(db, inst.unit.id, origin=inst.installation_id)
            return inst

        self._setting_up = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        writer = Writer(self.db_path if self.db_path is not None else _file_of(self.db))
        try:
            future, _ = writer.submit(self.tr("Thiết lập XHHT Desktop"), op)
            inst = wait_for(future, self, self.tr("Đang thiết lập…"))
        except InitError as exc:
            messages.warn(self, core_words(exc))
            return
        finally:
            writer.close()
            self._setting_up = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.installation = inst
        super().accept()


def _file_of(db):
    """The file of a connection (the main database's)."""
    return next(row[2] for row in db.conn.execute("PRAGMA database_list") if row[1] == "main")
