"""`report progress|consolidated --period P [--unit CODE] --format pdf|xlsx --out FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import Period, parse_period
from xhht_desktop.paths import user_data_dir
from xhht_desktop.reports import rows as R

KINDS = ("progress", "consolidated")
FORMATS = ("pdf", "xlsx")


class ReportError(ValueError):
    """A report that cannot be made for this unit; the message is in Vietnamese."""


def reports_dir() -> Path:
    """Where reports go unless told otherwise: the data folder's reports/ (the official never hunts)."""
    return user_data_dir() / "reports"


def default_filename(kind: str, unit: units_repo.Unit, period: Period, fmt: str) -> str:
    stem = "phieu-tien-do" if kind == "progress" else "bao-cao-tong-hop"
    return f"{stem}_{unit.code}_{period.code}.{fmt}"


def check_unit(kind: str, unit: units_repo.Unit) -> None:
    if kind == "consolidated" and unit.level == "xa":
        raise ReportError(f"Báo cáo tổng hợp dành cho huyện hoặc tỉnh; «{unit.name}» là cấp xã "
                          "(dùng phiếu theo dõi tiến độ).")


def generate(db: sqlite_utils.Database, kind: str, unit: units_repo.Unit, period: Period, fmt: str,
             out: str | Path, *, progress: R.ProgressFn | None = None, by_former_district: bool = False) -> Path:
    """Make one report file; the single entry point the CLI and the Reports page share."""
    if kind not in KINDS or fmt not in FORMATS:
        raise ReportError(f"Loại báo cáo «{kind}» / định dạng «{fmt}» không hợp lệ.")
    check_unit(kind, unit)
    # A unit prints only the periods it lived through: after its end, say where its data went. Before
    # its start, only a unit with predecessors to derive from prints (marked as derived).
    problem = units_repo.life_problem(db, unit, period)
    if problem is not None and (problem.code == "ended" or not units_repo.history_predecessors(db, unit.id)):
        raise ReportError(units_repo.life_problem_vi(problem))
    if kind == "progress":
        if progress:
            progress(0, 0, "Đang tính số liệu…")
        sheet = R.progress_sheet(db, unit.id, period)
        if fmt == "pdf":
            from xhht_desktop.reports.progress_sheet import write_progress_pdf
            return write_progress_pdf(db, unit.id, period, out, sheet=sheet)
        from xhht_desktop.reports.xlsx import write_progress_xlsx
        return write_progress_xlsx(db, unit.id, period, out, sheet=sheet)
    # Only the PDF prints the centres' activities (over a whole country that summary is the slow part).
    rep = R.consolidated(db, unit.id, period, progress=progress, activities=fmt == "pdf")
    if by_former_district:
        rep = former_district_view(db, rep)
    if fmt == "pdf":
        from xhht_desktop.reports.consolidated import write_consolidated_pdf
        return write_consolidated_pdf(db, unit.id, period, out, report=rep, progress=progress)
    from xhht_desktop.reports.xlsx import write_consolidated_xlsx
    return write_consolidated_xlsx(db, unit.id, period, out, report=rep, progress=progress)


def former_district_view(db: sqlite_utils.Database, rep: R.Consolidated) -> R.Consolidated:
    """`--by-former-district`: communes of a unit without districts grouped by former district."""
    if rep.root.unit.level != "tinh":
        raise ReportError("Nhóm theo huyện cũ chỉ dành cho báo cáo tổng hợp của tỉnh.")
    grouped = R.group_by_former_district(db, rep)
    if grouped is rep:
        raise ReportError(f"{rep.root.unit.name} còn cấp huyện trong {R.period_phrase(rep.period)}: "
                          "báo cáo đã nhóm theo huyện, không cần nhóm theo huyện cũ.")
    return grouped


def cmd_report(args, ctx) -> int:
    from xhht_desktop.cli import EXIT_OK, CliError

    period = parse_period(args.period)
    if args.unit:
        unit = units_repo.resolve_unit(ctx.db, args.unit, period=period)
    else:
        unit = ctx.installation().unit
    out = args.out or reports_dir() / default_filename(args.kind, unit, period, args.format)
    try:
        if args.by_former_district and args.kind != "consolidated":
            raise ReportError("--by-former-district chỉ dùng với báo cáo tổng hợp (consolidated).")
        path = generate(ctx.db, args.kind, unit, period, args.format, out,
                        by_former_district=args.by_former_district)
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    print(path)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help="in phiếu theo dõi tiến độ hoặc báo cáo tổng hợp (PDF, Excel)")
    p.add_argument("kind", choices=KINDS, help="progress: phiếu theo dõi tiến độ; consolidated: báo cáo tổng hợp")
    p.add_argument("--period", required=True, help="kỳ báo cáo: 2014-H1, 2014-H2 hoặc 2014")
    p.add_argument("--unit", help="mã đơn vị hoặc mã@ngày, ví dụ 23341@2025-07-01 (mặc định: đơn vị của "
                   "máy này); tổng hợp: mã huyện (đến 2025-H1), 62 (đến 2025-H1) hoặc 51")
    p.add_argument("--format", choices=FORMATS, default="pdf")
    p.add_argument("--out", type=Path, help="tệp kết quả (mặc định: thư mục reports/ trong thư mục dữ liệu)")
    p.add_argument("--by-former-district", action="store_true",
                   help="tổng hợp của tỉnh từ 01/07/2025: nhóm các xã, phường theo huyện cũ để phân tích "
                        "(không phải cấp báo cáo)")
    p.set_defaults(func=cmd_report)
