"""The core's coded messages reach the interface in its language: progress texts through ui/tasks.py,
a report refusal on the Reports page."""

from __future__ import annotations

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.messages import Text
from xhht_desktop.reports import cli as report_cli
from ui import i18n
from ui.tasks import Progress


def test_progress_text_in_english_and_vietnamese(qtbot):
    seen = []
    progress = Progress()
    progress.changed.connect(lambda done, total, text: seen.append(text))
    i18n.install_language("en")
    try:
        progress.update(1, 3, Text("progress.signing"))
    finally:
        i18n.install_language("vi")
    progress.update(2, 3, Text("progress.signing"))
    progress.update(3, 3, "3/3: goi.xhht")  # not coded: as it is
    assert seen == ["Signing and encrypting…", "Đang ký và mã hóa…", "3/3: goi.xhht"]


def test_report_refusal_in_the_interface_language(commune_db, tmp_path):
    unit = units_repo.resolve_unit(commune_db, "23353")
    try:
        report_cli.generate(commune_db, "consolidated", unit, parse_period("2014"), "pdf", tmp_path / "x.pdf")
    except report_cli.ReportError as exc:
        error = exc
    i18n.install_language("en")
    try:
        english = i18n.core_words(error)
    finally:
        i18n.install_language("vi")
    assert english.startswith("The consolidated report is for a district or the province")
    assert i18n.core_words(error) == str(error)
