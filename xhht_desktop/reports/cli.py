"""`report progress|consolidated --period P [--unit CODE] --format pdf|xlsx --out FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import Period, parse_period
from xhht_desktop.messages import CodedError, Text
from xhht_desktop.paths import user_data_dir
from xhht_desktop.reports import frame as F
from xhht_desktop.reports import narrative
from xhht_desktop.reports import rows as R
from xhht_desktop.reports import verdict as V

KINDS = ("progress", "consolidated")
FORMATS = ("pdf", "xlsx")


class ReportError(CodedError):
    """A report that cannot be made for this unit: a code of xhht_desktop/messages.py with its
    parameters; str() is the Vietnamese sentence."""


def life_error(problem) -> ReportError:
    """The unit did not exist for the period: the Vietnamese sentence names where its data went."""
    others = ", ".join(f"{u.name} ({u.code})" for u in problem.successors[:6])
    if not others:
        where = ""
    elif problem.code == "not_yet":
        where = f": it begins on {problem.effective}; this period belongs to the units before the merger: {others}"
    else:
        where = f": from {problem.effective} its data belongs to {others}"
    return ReportError("report.unit_life", text=units_repo.life_problem_vi(problem), unit=problem.unit.name,
                       unit_code=problem.unit.code, period=problem.period, successor_en=where)


def reports_dir() -> Path:
    """Where reports go unless told otherwise: the data folder's reports/ (the official never hunts)."""
    return user_data_dir() / "reports"


def default_filename(kind: str, unit: units_repo.Unit, period: Period, fmt: str) -> str:
    stem = "phieu-tien-do" if kind == "progress" else "bao-cao-tong-hop"
    return f"{stem}_{unit.code}_{period.code}.{fmt}"


def check_unit(kind: str, unit: units_repo.Unit) -> None:
    if kind == "consolidated" and unit.level == "xa":
        raise ReportError("report.consolidated_needs_higher_level", unit=unit.name)


def generate(db: sqlite_utils.Database, kind: str, unit: units_repo.Unit, period: Period, fmt: str,
             out: str | Path, *, progress: R.ProgressFn | None = None, frame: F.Frame | None = None,
             by_former_district: bool = False) -> Path:
    """Make one report file; the single entry point the CLI and the Reports page share. `frame`:
    the number, date, recipients and signer chosen for this paper (default: what the installation
    remembers, frame.load). Reads only: remembering the frame is the caller's (frame.issue)."""
    if kind not in KINDS or fmt not in FORMATS:
        raise ReportError("report.bad_kind", kind=kind, fmt=fmt)
    if by_former_district and fmt != "pdf":
        # The workbook is written from the summary and detail tables, which the grouping leaves
        # as they are: refuse rather than hand over an ungrouped file as if it were grouped.
        raise ReportError("report.former_district_pdf_only")
    check_unit(kind, unit)
    # A unit prints only the periods it lived through: after its end, say where its data went. Before
    # its start, only a unit with predecessors to derive from prints (marked as derived).
    problem = units_repo.life_problem(db, unit, period)
    if problem is not None and (problem.code == "ended" or not units_repo.history_predecessors(db, unit.id)):
        raise life_error(problem)
    if frame is not None:
        F.check(frame)
    if kind == "progress":
        if progress:
            progress(0, 0, Text("progress.computing"))
        sheet = R.progress_sheet(db, unit.id, period)
        sheet.narrative = narrative.load(db, unit.id, period.code)
        if frame is not None:
            sheet.header = R.apply_frame(sheet.header, frame)
        if fmt == "pdf":
            from xhht_desktop.reports.progress_sheet import write_progress_pdf
            return write_progress_pdf(db, unit.id, period, out, sheet=sheet)
        from xhht_desktop.reports.xlsx import write_progress_xlsx
        return write_progress_xlsx(db, unit.id, period, out, sheet=sheet)
    # Only the PDF prints the centres' activities (over a whole country that summary is the slow part).
    rep = R.consolidated(db, unit.id, period, progress=progress, activities=fmt == "pdf")
    if by_former_district:
        rep = former_district_view(db, rep)
    rep.narrative = narrative.load(db, unit.id, period.code)
    if frame is not None:
        rep.header = R.apply_frame(rep.header, frame)
        assert rep.summary is not None
        rep.summary.header = rep.header
    if fmt == "pdf":
        from xhht_desktop.reports.consolidated import write_consolidated_pdf
        return write_consolidated_pdf(db, unit.id, period, out, report=rep, progress=progress)
    from xhht_desktop.reports.xlsx import write_consolidated_xlsx
    return write_consolidated_xlsx(db, unit.id, period, out, report=rep, progress=progress)


def former_district_view(db: sqlite_utils.Database, rep: R.Consolidated) -> R.Consolidated:
    """`--by-former-district`: communes of a unit without districts grouped by former district."""
    if rep.root.unit.level != "tinh":
        raise ReportError("report.former_district_province_only")
    grouped = R.group_by_former_district(db, rep)
    if grouped is rep:
        raise ReportError("report.former_district_not_needed", unit=rep.root.unit.name,
                          period_vi=R.period_phrase(rep.period), period=rep.period.code)
    return grouped


def cmd_report(args, ctx) -> int:
    from xhht_desktop.cli import EXIT_OK, CliError, tr

    period = parse_period(args.period)
    if args.unit:
        unit = units_repo.resolve_unit(ctx.db, args.unit, period=period)
    else:
        unit = ctx.installation().unit
    out = args.out or reports_dir() / default_filename(args.kind, unit, period, args.format)
    try:
        if args.by_former_district and args.kind != "consolidated":
            raise ReportError("report.former_district_consolidated_only")
        if args.coverage is not None:
            V.set_coverage_threshold(ctx.db, V.parse_coverage(args.coverage))
        frame = frame_from_args(ctx.db, args, unit, period)
        path = generate(ctx.db, args.kind, unit, period, args.format, out, frame=frame,
                        by_former_district=args.by_former_district)
    except ReportError as exc:
        raise CliError(exc) from exc
    except F.FrameError as exc:
        raise CliError(tr(F.message_vi(exc), frame_message_en(exc))) from exc
    except V.CoverageError as exc:
        raise CliError(tr(V.COVERAGE_MESSAGE_VI.format(**exc.params), COVERAGE_MESSAGE_EN.format(**exc.params))) \
            from exc
    F.issue(ctx.db, args.kind, unit, period, frame, remember=_frame_given(args))
    print(path)
    return EXIT_OK


# The refusals of the frame and of the coverage threshold in English (`xhht --lang en report`).
FRAME_MESSAGES_EN = {
    "number": "The document number must be a positive whole number (got «{value}»).",
    "date": "The date of issue must be day/month/year, for example 05/07/2014 (got «{value}»).",
    "too_long": "«{field}» is longer than {limit} characters.",
    "too_many": "«Nơi nhận» (recipients) has more than {limit} lines.",
}
FRAME_FIELDS_EN = {"prefix": "--prefix", "place": "--place", "collective": "--tm", "head_title": "--signer-title",
                   "deputy_title": "--kt", "signer_name": "--signer-name", "preparer_name": "--preparer-name",
                   "Nơi nhận": "--recipient"}
COVERAGE_MESSAGE_EN = "The coverage threshold must be a percentage from 1 to 100 (got «{value}»)."


def frame_message_en(exc: F.FrameError) -> str:
    params = dict(exc.params)
    if "field" in params:
        params["field"] = FRAME_FIELDS_EN.get(params["field"], params["field"])
    return FRAME_MESSAGES_EN[exc.code].format(**params)


FRAME_OPTIONS = ("prefix", "place", "recipient", "tm", "kt", "signer_title", "signer_name", "preparer_name")


def _frame_given(args) -> bool:
    return any(getattr(args, name, None) is not None for name in FRAME_OPTIONS)


def frame_from_args(db: sqlite_utils.Database, args, unit: units_repo.Unit, period: Period) -> F.Frame:
    """The remembered frame of this kind of paper and unit, changed by the options given."""
    frame = F.frame_for(db, args.kind, unit, period)
    if getattr(args, "date", None):
        frame.day = F.parse_day(args.date)
    number = getattr(args, "number", None)
    if number is None or number.strip().lower() in ("", "none"):
        frame.number = None
    elif number.strip().lower() == "next":
        doc = F.document_key(args.kind, unit.code, period.code)
        frame.number = F.next_number(db, doc, frame.day) or 1
    else:
        frame.number = F.parse_number(number)
    for option, name in (("prefix", "prefix"), ("place", "place"), ("tm", "collective"), ("kt", "deputy_title"),
                         ("signer_title", "head_title"), ("signer_name", "signer_name"),
                         ("preparer_name", "preparer_name")):
        value = getattr(args, option, None)
        if value is not None:
            setattr(frame, name, value.strip())
    if getattr(args, "recipient", None) is not None:
        frame.recipients = [r for r in args.recipient if r.strip()]
        if not any(r.strip().rstrip(".").startswith("Lưu") for r in frame.recipients):
            frame.recipients.append(F.KEEP_COPY)
    return F.check(frame)


def register(subparsers: argparse._SubParsersAction) -> None:
    from xhht_desktop.cli import tr  # noqa: PLC0415 - the CLI imports this module

    p = subparsers.add_parser("report", help=tr("in phiếu theo dõi tiến độ hoặc báo cáo tổng hợp (PDF, Excel)",
                                                "print the progress sheet or the consolidated report (PDF, Excel)"))
    p.add_argument("kind", choices=KINDS, help=tr("progress: phiếu theo dõi tiến độ; consolidated: báo cáo tổng hợp",
                                                  "progress: the progress sheet; consolidated: the consolidated report"))
    p.add_argument("--period", required=True, help=tr("kỳ báo cáo: 2014-H1, 2014-H2 hoặc 2014",
                                                      "reporting period: 2014-H1, 2014-H2 or 2014"))
    p.add_argument("--unit", help=tr("mã đơn vị hoặc mã@ngày, ví dụ 23341@2025-07-01 (mặc định: đơn vị của "
                                     "máy này); tổng hợp: mã huyện (đến 2025-H1), 62 (đến 2025-H1) hoặc 51",
                                     "unit code or code@date, for example 23341@2025-07-01 (default: this "
                                     "installation's unit); consolidated: a district's code (up to 2025-H1), 62 (up "
                                     "to 2025-H1) or 51"))
    p.add_argument("--format", choices=FORMATS, default="pdf")
    p.add_argument("--out", type=Path, help=tr("tệp kết quả (mặc định: thư mục reports/ trong thư mục dữ liệu)",
                                               "the file to write (default: the reports/ folder in the data folder)"))
    p.add_argument("--by-former-district", action="store_true",
                   help=tr("tổng hợp của tỉnh từ 01/07/2025: nhóm các xã, phường theo huyện cũ để phân tích "
                           "(không phải cấp báo cáo)",
                           "the province's consolidated report from 01/07/2025: group communes and wards by former "
                           "district for analysis (not a reporting level)"))
    p.add_argument("--coverage", help=tr("ngưỡng đánh giá cấp trên: phần trăm số đơn vị phải báo cáo (mặc định 66,67 "
                                         "= hai phần ba; được nhớ cho lần sau)",
                                         "the threshold for a higher level's verdict: the percentage of units that "
                                         "must have reported (default 66,67 = two thirds; remembered)"))
    g = p.add_argument_group(tr("khung văn bản (Nghị định 30/2020; trừ số và ngày, được nhớ cho lần in sau)",
                                "the document's frame (Decree 30/2020; remembered for the next print, except the "
                                "number and the date); the paper itself stays in Vietnamese"))
    g.add_argument("--number", help=tr("số văn bản: một số, «next» (số tiếp theo), hoặc bỏ trống để văn thư ghi",
                                       "document number: a number, «next» (the next number), or empty for the "
                                       "records clerk to write"))
    g.add_argument("--prefix", help=tr("ký hiệu sau số, ví dụ BC-UBND, BC-SGDĐT",
                                       "the symbol after the number, for example BC-UBND, BC-SGDĐT"))
    g.add_argument("--date", help=tr("ngày ban hành dd/mm/yyyy (mặc định: hôm nay)",
                                     "date of issue dd/mm/yyyy (default: today)"))
    g.add_argument("--place", help=tr("địa danh ở dòng ngày tháng", "the place name on the date line"))
    g.add_argument("--recipient", action="append", help=tr("một dòng «Nơi nhận» (lặp lại; «Lưu: VT» tự thêm cuối)",
                                                           "one line of «Nơi nhận» (recipients; repeat it; «Lưu: VT» "
                                                           "is added last)"))
    g.add_argument("--tm", help=tr("ký thay mặt tập thể: «ỦY BAN NHÂN DÂN» (chuỗi rỗng: không)",
                                   "signing on behalf of a body (TM.): «ỦY BAN NHÂN DÂN» (empty: none)"))
    g.add_argument("--kt", help=tr("cấp phó ký thay: chức vụ người ký, ví dụ «PHÓ CHỦ TỊCH» (chuỗi rỗng: không)",
                                   "a deputy signing for the head (KT.): the signer's title, for example «PHÓ CHỦ "
                                   "TỊCH» (empty: none)"))
    g.add_argument("--signer-title", help=tr("chức vụ người đứng đầu, ví dụ CHỦ TỊCH, GIÁM ĐỐC",
                                             "the head's title, for example CHỦ TỊCH, GIÁM ĐỐC"))
    g.add_argument("--signer-name", help=tr("họ tên người ký", "the signer's full name"))
    g.add_argument("--preparer-name", help=tr("họ tên người lập biểu", "the preparer's full name"))
    p.set_defaults(func=cmd_report)
    narrative.register(subparsers)
