"""The bundle's self-test: prove a build can do a user's day on a temporary database.

Run after every build (`XHHT --self-test`, `xhht-cli self-test`): starts from nothing, sets up a
commune with sample figures, takes a backup, writes one XLSX (the entry template) and one PDF (the
progress sheet when the reports feature is present), checks the database, and fails loudly if any
file is missing or empty. It never touches the user's own data folder.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xhht_desktop.messages import Text
from xhht_desktop.paths import resource_path, resource_root

SELF_TEST_UNIT = "23353"  # Xã Đắk Pék, the plan's own example commune
SELF_TEST_PERIOD = "2014"

# What a bundle must carry (relative to resources/); a missing one fails the self-test.
REQUIRED_RESOURCES: tuple[tuple[str, ...], ...] = (
    ("catalogue", "indicators.csv"),
    ("catalogue", "indicators_2021_2030.csv"),
    ("units", "kontum_2013-12-02_units.csv"),
    ("units", "kontum_2025_mapping.csv"),
    ("fonts", "NotoSans-Regular.ttf"),
    ("fonts", "LiberationSerif-Regular.ttf"),
    ("fonts", "LiberationSerif-Bold.ttf"),
    ("icons", "app.png"),
    ("translations", "xhht_en.qm"),
)


class SelfTestFailed(Exception):
    """A step of the self-test failed; the message says which."""


@dataclass
class SelfTestResult:
    pdf: Path
    xlsx: Path
    steps: list[str] = field(default_factory=list)
    seconds: float = 0.0


def user_guide_path() -> Path:
    """The user guide (docs/huong-dan-su-dung.md), beside resources/ in the checkout and the bundle."""
    return resource_root() / "docs" / "huong-dan-su-dung.md"


def missing_resources() -> list[str]:
    missing = ["resources/" + "/".join(parts) for parts in REQUIRED_RESOURCES if not resource_path(*parts).is_file()]
    if not user_guide_path().is_file():
        missing.append("docs/huong-dan-su-dung.md")
    return missing


def _progress_sheet_pdf(db, unit, period_code: str, out: Path) -> Path:
    """The commune progress sheet (the reports feature)."""
    from xhht_desktop.reports.progress_sheet import write_progress_pdf

    return Path(write_progress_pdf(db, unit.id, period_code, out))


def _assert_file(path: Path, magic: bytes, what: str) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise SelfTestFailed(f"{what} không được tạo hoặc rỗng: {path}")
    with path.open("rb") as fh:
        if fh.read(len(magic)) != magic:
            raise SelfTestFailed(f"{what} không đúng định dạng: {path}")


def run_self_test(out_dir: str | Path | None = None, *,
                  log: Callable[[str], None] = lambda _msg: None) -> SelfTestResult:
    """Run every step in a temporary folder (kept if `out_dir` is given). Raises SelfTestFailed."""
    from xhht_desktop.installation import init_installation, open_app_database
    from xhht_desktop.io.xlsx_entry import check_workbook, write_template
    from xhht_desktop.maintenance.backup import daily_backup, inspect_database_file
    from xhht_desktop.maintenance.check import run_checks
    from xhht_desktop.sample import fill_sample_data

    started = time.perf_counter()
    steps: list[str] = []

    def step(text: str) -> None:
        steps.append(text)
        log(text)

    missing = missing_resources()
    if missing:
        raise SelfTestFailed("Thiếu tài nguyên trong bản cài: " + ", ".join(missing))
    step(Text("selftest.resources"))
    work = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="xhht-selftest-"))
    work.mkdir(parents=True, exist_ok=True)
    db_path = work / "xhht.sqlite3"
    for stale in work.glob("xhht.sqlite3*"):
        stale.unlink()
    try:
        db = open_app_database(db_path)
        try:
            inst = init_installation(db, "commune", SELF_TEST_UNIT, "Kiểm tra", "Tự kiểm tra")
            n = fill_sample_data(db, inst.unit.id, origin=inst.installation_id, until_year=2015)
            step(Text("selftest.database", path=db_path, n=n))
            backup = daily_backup(db, db_path)
            if backup is None or not inspect_database_file(backup).ok:
                raise SelfTestFailed("Sao lưu hằng ngày không tạo được bản sao hợp lệ.")
            step(Text("selftest.backup", name=backup.name))
            xlsx = write_template(db, inst.unit, SELF_TEST_PERIOD, work / "bieu-nhap.xlsx")
            _assert_file(xlsx, b"PK", "Tệp Excel")
            checked = check_workbook(db, inst.unit, xlsx)
            if checked.problems:
                raise SelfTestFailed("Biểu nhập Excel vừa tạo không đọc lại được: "
                                     + "; ".join(p.text() for p in checked.problems[:3]))
            step(Text("selftest.excel", name=xlsx.name, size=xlsx.stat().st_size))
            pdf = _progress_sheet_pdf(db, inst.unit, SELF_TEST_PERIOD, work / "bao-cao.pdf")
            _assert_file(pdf, b"%PDF", "Tệp PDF")
            step(Text("selftest.pdf", name=pdf.name, size=pdf.stat().st_size))
            report = run_checks(db)
            if not report.ok:
                raise SelfTestFailed("Kiểm tra dữ liệu: " + "; ".join(f.text() for f in report.findings[:3]))
            step(Text("selftest.checked", summary_vi=report.summary_vi(), findings=len(report.findings)))
        finally:
            db.conn.close()
        with zipfile.ZipFile(xlsx) as zf:
            if zf.testzip() is not None:
                raise SelfTestFailed("Tệp Excel bị hỏng.")
    except SelfTestFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure is a failed self-test, said plainly
        raise SelfTestFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if out_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    return SelfTestResult(pdf=pdf, xlsx=xlsx, steps=steps, seconds=time.perf_counter() - started)
