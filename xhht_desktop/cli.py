"""The headless face of XHHT Desktop: `python -m xhht_desktop [--db PATH] COMMAND`.

Exit codes: 0 done, 1 rejected input (reasons printed), 2 wrong usage.
Feature modules add their own commands through a `register(subparsers)` function listed in
FEATURE_CLIS; each command is a function (args, ctx) -> int.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from xhht_desktop import messages as M
from xhht_desktop import __version__
from xhht_desktop.db import units_repo
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.db import connection
from xhht_desktop.db.connection import DatabaseError
from xhht_desktop.domain.periods import PeriodError, parse_period
from xhht_desktop.installation import InitError, get_installation, init_installation, open_app_database
from xhht_desktop.paths import default_db_path

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

# Modules that add subcommands (registered statically); each defines register(subparsers).
FEATURE_CLIS: tuple[str, ...] = (
    "xhht_desktop.clc.cli",
    "xhht_desktop.sync.cli",
    "xhht_desktop.sync.reference_cli",
    "xhht_desktop.reports.cli",
    "xhht_desktop.maintenance.cli",
)


class CliError(Exception):
    """Rejected input: printed to stderr, exit code 1. `CliError(code, **params)` with a code of
    xhht_desktop/messages.py (or a CodedError of the core) is worded in the CLI's language; any other
    text is printed as it is."""

    def __init__(self, message, /, **params):
        coded = M._coded(message)  # a Text, a CodedError or an exception of the core raised with a Text
        if coded is not None:
            self.code, self.params = coded[0], dict(coded[1])
        elif isinstance(message, str) and message in M.TEMPLATES:
            self.code, self.params = message, params
        super().__init__(M.render(self.code, self.params) if hasattr(self, "code") else str(message))


# The CLI's language (--lang / XHHT_LANG; Vietnamese by default), set by main().
LANG = M.DEFAULT


def say(code: str, /, **params) -> str:
    """A message of xhht_desktop/messages.py in the CLI's language."""
    return M.render(code, params, LANG)


def tr(vi: str, en: str) -> str:
    """The command line's own words (help texts, outputs) in its language: `vi` unless --lang en."""
    return en if LANG == "en" else vi


# The core's label tables the commands print (completeness statuses, the tables of a package, the
# states of a correction request, the centres' topic groups and formats), in English: the bundle carries
# no .ts file, so the words are here (the same as the interface's; tests/core/test_cli_english.py checks
# that every label of those tables has one).
LABELS_EN = {
    "Đã nhận": "Received", "Nhận muộn": "Received late", "Chờ xác nhận": "Awaiting confirmation",
    "Chưa nhận": "Not received", "Chưa đến hạn": "Not due yet",
    "số liệu chỉ tiêu": "indicator figures", "đánh dấu hoàn thành kỳ": "period-complete marks",
    "thông tin trung tâm học tập cộng đồng": "community learning centre details",
    "hoạt động của trung tâm học tập cộng đồng": "community learning centre activities",
    "phần đánh giá, kiến nghị của báo cáo": "report assessments and proposals",
    "chưa trả lời": "not answered", "đã trả lời, chưa gửi": "answered, not sent yet",
    "đã gửi trả lời": "answer sent", "đã đóng": "closed",
    "Xóa mù chữ, sau biết chữ": "Literacy, post-literacy", "Chuyển giao KHKT": "Technology transfer",
    "Pháp luật, chính sách": "Law and policy", "Sức khỏe, dân số, môi trường": "Health, population, environment",
    "Dạy nghề ngắn hạn": "Short vocational training", "Tin học, ngoại ngữ, KN số": "IT, languages, digital skills",
    "Văn hóa, thể thao, đọc sách": "Culture, sport, reading", "Kỹ năng sống": "Life skills",
    "Lớp học": "Class", "Chuyên đề": "Thematic session", "Nói chuyện": "Talk", "Tham quan": "Study visit",
    "Hội thi": "Contest", "Sinh hoạt câu lạc bộ": "Club meeting", "Khác": "Other",
}


def label(text: str) -> str:
    """A label of the core's tables (a status, a category, a table's name) in the CLI's language:
    LABELS_EN, else the interface's translation when the checkout has it (resources/translations/
    xhht_en.ts; not in the bundle), else the text as it is."""
    if LANG == "vi" or not text:
        return text
    return LABELS_EN.get(text) or _interface_translations(LANG).get(text, text)


_TRANSLATIONS: dict[str, dict[str, str]] = {}


def _interface_translations(lang: str) -> dict[str, str]:
    if lang not in _TRANSLATIONS:
        import xml.etree.ElementTree as ET  # noqa: PLC0415 - only in English mode

        from xhht_desktop.paths import resource_path  # noqa: PLC0415

        found: dict[str, str] = {}
        try:
            root = ET.parse(resource_path("translations", f"xhht_{lang}.ts")).getroot()
        except (OSError, ET.ParseError):
            root = None
        for context in (root.iter("context") if root is not None else ()):
            core = (context.findtext("name") or "") == "CoreLabels"
            for message in context.iter("message"):
                source, target = message.findtext("source"), message.find("translation")
                if source and target is not None and (target.text or "").strip() \
                        and target.get("type") not in ("unfinished", "obsolete", "vanished"):
                    if core or source not in found:  # the core's label tables win over a page's wording
                        found[source] = target.text
        _TRANSLATIONS[lang] = found
    return _TRANSLATIONS[lang]


def period_label(period) -> str:
    """"6 tháng đầu năm 2014" / "First half of 2014"."""
    en = {1: f"First half of {period.year}", 2: f"Second half of {period.year}"}.get(period.half,
                                                                                    f"Year {period.year}")
    return tr(period.label_vi, en)


def language_in(argv: list[str] | None) -> str:
    """The language asked for on the command line (before the parser is built: its help texts are
    written in it), else XHHT_LANG, else Vietnamese."""
    args = list(sys.argv[1:] if argv is None else argv)
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return M.cli_language(chosen)


@dataclass
class Context:
    db_path: Path
    _db: object = None

    @property
    def db(self):
        if self._db is None:
            self._db = open_app_database(self.db_path)
        return self._db

    def installation(self):
        inst = get_installation(self.db)
        if inst is None:
            raise CliError("cli.not_initialised")
        return inst

    def close(self):
        if self._db is not None:
            self._db.conn.close()


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_init(args, ctx: Context) -> int:
    inst = init_installation(ctx.db, args.role, args.unit, args.official or "", args.title or "", today_first=True)
    if args.sample:
        from xhht_desktop.sample import fill_sample_installation
        n = fill_sample_installation(ctx.db, inst.unit.id, origin=inst.installation_id)
        print(say("cli.sample_loaded", n=n))
    u = inst.unit
    print(say("cli.initialised", unit=u.name, code=u.code, role=inst.role, db=ctx.db_path))
    print(say("cli.unit_line", key=u.key, label_vi=units_repo.unit_label_vi(u), unit=u.name, code=u.code,
              life_en=f"from {u.valid_from}" + (f" to {u.valid_to}" if u.valid_to else "")))
    _print_move_offer(ctx)
    return EXIT_OK


def _print_move_offer(ctx: Context) -> None:
    from xhht_desktop.installation import move_offer  # noqa: PLC0415
    offer = move_offer(ctx.db)
    if offer:
        inst = ctx.installation()
        print(say("cli.move_offer", unit=inst.unit.name, year=inst.unit.valid_to[:4],
                  since_vi=units_repo.vi_date(offer[0].valid_from), since=offer[0].valid_from,
                  successors=", ".join(f"{u.name} ({u.code}@{u.valid_from})" for u in offer),
                  target=f"{offer[0].code}@{offer[0].valid_from}"))


def cmd_move_to(args, ctx: Context) -> int:
    from xhht_desktop.installation import MoveError, move_to  # noqa: PLC0415
    ctx.installation()
    try:
        old, inst = move_to(ctx.db, args.unit)
    except MoveError as exc:
        raise CliError(exc) from None
    print(tr(f"Đã chuyển máy từ {old.name} ({old.key}) sang {inst.unit.name} ({inst.unit.key}). "
             f"Số liệu của {old.name} vẫn giữ nguyên; khóa của máy không đổi.",
             f"Moved this installation from {old.name} ({old.key}) to {inst.unit.name} ({inst.unit.key}). "
             f"The figures of {old.name} are kept as they are; the installation's keys do not change."))
    print(tr("Gói đầu tiên gửi cho Sở sẽ chờ Sở xác nhận máy gửi cho đơn vị mới (đọc mã nhận dạng qua điện thoại).",
             "The first package sent to the Department waits until the Department confirms this installation "
             "for the new unit (read the fingerprint over the phone)."))
    return EXIT_OK


def cmd_units_import(args, ctx: Context) -> int:
    from xhht_desktop.db.units_import import import_units_file  # noqa: PLC0415
    result = import_units_file(ctx.db, args.file, dry_run=args.dry_run)
    if result.problems:
        print(tr(f"Tệp bị từ chối, không có gì thay đổi ({len(result.problems)} lỗi):",
                 f"File rejected, nothing was changed ({len(result.problems)} problems):"), file=sys.stderr)
        print(result.problems_vi(), file=sys.stderr)
        return EXIT_REJECTED
    if args.dry_run:
        print(tr(f"Kiểm tra xong: {len(result.rows)} dòng hợp lệ. Chưa nhập (--dry-run).",
                 f"Checked: {len(result.rows)} valid rows. Not imported (--dry-run)."))
    else:
        print(tr(f"Đã nhập {result.applied} thay đổi đơn vị hành chính.",
                 f"Imported {result.applied} changes of administrative units."))
    for r in result.rows:
        preds = r["predecessors"].replace(";", ", ")
        print(f"  {r['code']}@{r['valid_from']} {r['name']}" + (tr(f" (thay {preds})", f" (replaces {preds})") if preds else ""))
    return EXIT_OK


def cmd_units_show(args, ctx: Context) -> int:
    versions = units_repo.units_with_code(ctx.db, args.code.split("@")[0].strip())
    if not versions:
        raise CliError("cli.unknown_unit", code=args.code)
    for u in versions:
        print(f"{u.key:<18} " + tr(units_repo.unit_label_vi(u), f"{u.name} ({u.code}, from {u.valid_from}"
                                                          + (f" to {u.valid_to})" if u.valid_to else ")")))
        for p in units_repo.predecessors(ctx.db, u.id):
            print(f"    ← {p.key:<18} {p.name}")
        for s_ in units_repo.successors(ctx.db, u.id):
            print(f"    → {s_.key:<18} {s_.name}")
    return EXIT_OK


def cmd_template(args, ctx: Context) -> int:
    from xhht_desktop.io.xlsx_entry import write_template
    inst = ctx.installation()
    period = parse_period(args.period)
    unit = _resolve_unit(ctx, args.unit, period) if args.unit else inst.unit
    _check_life(ctx, unit, period)
    out = write_template(ctx.db, unit, period.code, args.out)
    print(out)
    return EXIT_OK


def cmd_import_xlsx(args, ctx: Context) -> int:
    from xhht_desktop.io.xlsx_entry import import_workbook, problems_text
    inst = ctx.installation()
    result = import_workbook(ctx.db, inst.unit, args.file, actor=inst.actor, origin=inst.installation_id,
                             dry_run=args.dry_run, extra_importers=extra_xlsx_importers())
    for w in result.warnings:
        print(say("cli.warning", text=M.words(w, LANG)), file=sys.stderr)
    if result.problems:
        print(say("cli.xlsx_rejected", n=len(result.problems)), file=sys.stderr)
        print(problems_text(result, LANG), file=sys.stderr)
        return EXIT_REJECTED
    if args.dry_run:
        print(say("cli.xlsx_checked", n=len(result.entries), period=result.period))
    else:
        print(say("cli.xlsx_imported", period=result.period, changed=result.changed, unchanged=result.unchanged))
        clc = result.extra.get("clc_applied")
        if clc:
            print(say("cli.xlsx_clc", added=clc["added"], updated=clc["updated"], unchanged=clc["unchanged"]))
    return EXIT_OK


def extra_xlsx_importers() -> tuple:
    """Importers of the template's other sheets (the CLC log)."""
    from xhht_desktop.clc.xlsx import ClcSheetImporter  # noqa: PLC0415

    return (ClcSheetImporter(),)


def _resolve_unit(ctx: Context, spec: str, period):
    """CODE or CODE@YYYY-MM-DD; a bare code is the unit holding it on the period's last day."""
    try:
        return units_repo.resolve_unit(ctx.db, spec, period=period)
    except units_repo.UnitSpecError as exc:
        raise CliError(exc) from None


def _check_life(ctx: Context, unit, period) -> None:
    problem = units_repo.life_problem(ctx.db, unit, period)
    if problem is not None:
        from xhht_desktop.reports.cli import life_error  # noqa: PLC0415
        raise CliError(life_error(problem))


def cmd_values(args, ctx: Context) -> int:
    period = parse_period(args.period)
    if args.unit:
        unit = _resolve_unit(ctx, args.unit, period)
    else:
        unit = ctx.installation().unit
    rows = compute_values(ctx.db, unit.id, period)
    if args.json:
        _print_json([
            {k: r.as_json()[k] for k in ("indicator", "breakdown", "unit", "period", "numerator",
                                          "denominator", "value", "target", "met")}
            | {"unit_key": unit.key}
            | {"units_reported": r.units_reported, "units_expected": r.units_expected, "derived": r.derived}
            for r in rows
        ])
    else:
        from xhht_desktop.db.reference import catalogue_in_db
        from xhht_desktop.domain.lineage import DERIVED_NOTE_VI
        from xhht_desktop.domain.values import format_int
        from xhht_desktop.reports.rows import NOT_REPORTED, value_text
        catalogue = catalogue_in_db(ctx.db, period).by_code  # the period's programme
        for r in rows:
            # as the papers print it: "97,80%", "12", "Đạt chuẩn" (a unit's own flag; a derived one is
            # the share of former communes), "Mức độ 2"
            val = value_text(catalogue[r.indicator], r, unit.level)
            if LANG == "en":
                val = value_text_en(catalogue[r.indicator], r, unit.level, val)
            if val == NOT_REPORTED:
                val = say("cli.not_reported")
            mark = f"  * {r.units_reported}/{r.units_expected}" if r.derived else ""
            print(f"{r.indicator:<22} {r.breakdown or '':<5} {val or say('cli.not_reported'):>14} "
                  f"{format_int(r.numerator):>10} / {format_int(r.denominator):<10}{mark}")
        if any(r.derived for r in rows):
            print(say("cli.derived_note", note_vi=DERIVED_NOTE_VI))
    return EXIT_OK


# The words of `values` in English: the catalogue's flag words and the degrees of a level indicator.
FLAG_WORDS_EN = {"Đạt chuẩn": "Meets the standard", "Chưa đạt": "Not met", "Đạt": "Met", "Có": "Yes",
                 "Không": "No", "Có tổ chức": "Organised", "Có ứng dụng": "Applied", "Hoàn thành": "Completed",
                 "Chưa": "Not yet", "Đã thành lập": "Established"}


def value_text_en(ind, row, level: str, text_vi: str) -> str:
    """reports.rows.value_text in English (numbers keep the papers' comma decimals)."""
    from xhht_desktop.domain.values import format_percent  # noqa: PLC0415
    from xhht_desktop.reports.rows import NOT_REPORTED, flag_words, is_own_flag  # noqa: PLC0415

    if text_vi == NOT_REPORTED:
        return text_vi
    if ind.kind == "level":
        if row.value is None:
            return "; ".join(f"{'Level' if i == 0 else 'level'} {d} or above: {format_percent(v)}"
                             for i, (d, v) in enumerate(sorted((row.shares or {}).items())) if v is not None)
        d = int(row.value)
        text = "Not met" if d == 0 else f"Level {d}"
        if row.lapsed and row.recognised:
            text += f" (recognition of level {row.recognised} has lapsed)"
        return text
    if row.value is not None and ind.kind == "flag" and is_own_flag(ind, level) and not row.derived:
        yes, no = flag_words(ind)
        word = yes if row.value >= 1 else no
        return FLAG_WORDS_EN.get(word, label(word))
    return text_vi


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xhht", description=tr("XHHT Desktop – dòng lệnh",
                                                                          "XHHT Desktop – command line"))
    parser.add_argument("--db", type=Path, default=None, help=tr("tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)",
                                                                "database file (default: the user's data folder)"))
    parser.add_argument("--lang", choices=M.LANGUAGES, default=None,
                        help=tr("ngôn ngữ thông báo: vi (mặc định) hoặc en; hoặc biến môi trường XHHT_LANG",
                                "language of the messages: vi (default) or en; or the environment variable XHHT_LANG"))
    parser.add_argument("--version", action="version", version=f"XHHT Desktop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help=tr("khởi tạo máy: vai trò, đơn vị, cán bộ",
                                         "set up this installation: role, unit, official"))
    p.add_argument("--role", required=True, choices=["commune", "district", "department"])
    p.add_argument("--unit", help=tr("mã đơn vị (xã, huyện; Sở: 51) hoặc mã@ngày, ví dụ 23341@2025-07-01; "
                                     "mã không kèm ngày là đơn vị mang mã đó hôm nay",
                                     "unit code (commune, district; the Department: 51) or code@date, for example "
                                     "23341@2025-07-01; a code without a date is the unit holding it today"))
    p.add_argument("--official", help=tr("họ tên cán bộ", "the official's full name"))
    p.add_argument("--title", help=tr("chức vụ", "position"))
    p.add_argument("--sample", action="store_true", help=tr("nạp dữ liệu mẫu để làm quen",
                                                            "load sample data to try the program"))
    p.set_defaults(func=cmd_init)

    unit_help = tr("mã đơn vị hoặc mã@ngày (mã không kèm ngày: đơn vị mang mã đó ngày cuối kỳ)",
                   "unit code or code@date (a code without a date: the unit holding it on the period's last day)")
    period_help = tr("kỳ báo cáo: 2014-H1, 2014-H2 hoặc 2014", "reporting period: 2014-H1, 2014-H2 or 2014")
    p = sub.add_parser("template", help=tr("tạo biểu nhập Excel cho một kỳ",
                                           "make the Excel entry form of a period"))
    p.add_argument("--period", required=True, help=period_help)
    p.add_argument("--unit", help=unit_help)
    p.add_argument("--out", required=True, type=Path, help=tr("tệp .xlsx sẽ tạo", "the .xlsx file to write"))
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("import-xlsx", help=tr("nhập biểu Excel (tất cả hoặc không)",
                                              "import an Excel entry form (all or nothing)"))
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help=tr("chỉ kiểm tra, không nhập",
                                                             "only check, do not import"))
    p.set_defaults(func=cmd_import_xlsx)

    p = sub.add_parser("values", help=tr("số liệu của một đơn vị trong một kỳ", "a unit's figures for a period"))
    p.add_argument("--period", required=True, help=period_help)
    p.add_argument("--unit", help=unit_help)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_values)

    p = sub.add_parser("move-to", help=tr("chuyển máy của một đơn vị đã sáp nhập sang đơn vị kế tiếp",
                                          "move the installation of a merged unit to the unit that follows it"))
    p.add_argument("unit", help=tr("mã@ngày của đơn vị kế tiếp, ví dụ 23341@2025-07-01",
                                   "code@date of the following unit, for example 23341@2025-07-01"))
    p.set_defaults(func=cmd_move_to)

    p = sub.add_parser("units", help=tr("danh mục đơn vị hành chính theo thời gian",
                                          "the list of administrative units over time"))
    us = p.add_subparsers(dest="units_command", required=True, metavar="SUBCOMMAND")
    q = us.add_parser("import", help=tr("nhập thay đổi đơn vị (CSV: code,name,type,valid_from,predecessors[,parent])",
                                      "import changes of units (CSV: code,name,type,valid_from,predecessors[,parent])"))
    q.add_argument("file", type=Path)
    q.add_argument("--dry-run", action="store_true", help=tr("chỉ kiểm tra, không nhập",
                                                             "only check, do not import"))
    q.set_defaults(func=cmd_units_import)
    q = us.add_parser("show", help=tr("các đơn vị đã mang một mã, với đơn vị trước và sau",
                                    "the units that have held a code, with the units before and after them"))
    q.add_argument("code")
    q.set_defaults(func=cmd_units_show)

    for module_name in FEATURE_CLIS:  # every one is part of the app: an import error is a bug
        importlib.import_module(module_name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    global LANG
    LANG = language_in(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    LANG = M.cli_language(args.lang)
    ctx = Context(db_path=args.db or default_db_path())
    # A command waits for another process's write lock only briefly (XHHT_BUSY_TIMEOUT overrides).
    wait_s = (connection.busy_timeout_seconds() if os.environ.get(connection.BUSY_TIMEOUT_ENV)
              else connection.CLI_BUSY_TIMEOUT)
    try:
        with connection.busy_timeout(wait_s):
            return args.func(args, ctx)
    except (CliError, InitError, PeriodError, DatabaseError, ValueError) as exc:
        if connection.busy_cause(exc) is not None and not isinstance(exc, connection.DatabaseBusy):
            exc = connection.DatabaseBusy(wait_s)
        print(say("cli.error", text=M.words(exc, LANG)), file=sys.stderr)
        return EXIT_REJECTED
    except Exception as exc:  # noqa: BLE001 - last resort: say what happened, never a traceback-only exit
        from xhht_desktop.db.values_repo import ValidationFailed
        from xhht_desktop.storage import explain_storage_error
        if connection.busy_cause(exc) is not None:
            # Another process holds the write lock (SQLITE_BUSY/LOCKED, by code, wherever it was raised).
            print(say("cli.error", text=connection.DatabaseBusy(wait_s)), file=sys.stderr)
            return EXIT_REJECTED
        if isinstance(exc, ValidationFailed):
            print(say("cli.rejected_values", text=exc), file=sys.stderr)
            return EXIT_REJECTED
        message = explain_storage_error(exc, ctx.db_path if isinstance(exc, sqlite3.Error) else None)
        if message:
            print(say("cli.error", text=message), file=sys.stderr)
            return EXIT_REJECTED
        raise
    finally:
        ctx.close()
