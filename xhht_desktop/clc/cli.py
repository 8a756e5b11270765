"""`clc` commands: list the activity log, summarise it, export it.

    clc list    --period P [--unit CODE] [--category C] [--search TEXT] [--json]
    clc summary --period P [--unit CODE] [--json]
    clc export  --period P [--unit CODE] --out FILE.xlsx

For a district or the province, the communes below are included. Exit codes as in cli.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from xhht_desktop.cli import label, period_label, tr
from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import CATEGORY_LABELS_VI, CATEGORY_SHORT_VI, FORMAT_LABELS_VI, format_date, parse_category
from xhht_desktop.clc.summary import commune_ids, summarize, suggested_rural_workers
from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import format_int

EXIT_OK, EXIT_REJECTED = 0, 1


def _unit(args, ctx, period):
    if getattr(args, "unit", None):
        try:
            return units_repo.resolve_unit(ctx.db, args.unit, period=period)
        except units_repo.UnitSpecError as exc:
            from xhht_desktop import messages as M  # noqa: PLC0415
            from xhht_desktop import cli  # noqa: PLC0415

            print(tr("Lỗi: ", "Error: ") + M.words(exc, cli.LANG), file=sys.stderr)
            return None
    return ctx.installation().unit


def _dump(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def activity_json(a, unit_codes: dict[int, str]) -> dict:
    """One activity as JSON: the stored fields (dates ISO, codes for category and format)."""
    return {"uuid": a.uuid, "unit": unit_codes.get(a.unit_id, ""), **a.values(), "revision": a.revision}


def cmd_list(args, ctx) -> int:
    period = parse_period(args.period)
    unit = _unit(args, ctx, period)
    if unit is None:
        return EXIT_REJECTED
    category = None
    if args.category:
        category = parse_category(args.category)
        if category is None:
            print(tr(f"Lỗi: nhóm chuyên đề «{args.category}» không có. Các mã: {', '.join(CATEGORY_LABELS_VI)}.",
                     f"Error: there is no topic group «{args.category}». The codes: "
                     f"{', '.join(CATEGORY_LABELS_VI)}."), file=sys.stderr)
            return EXIT_REJECTED
    ids = commune_ids(ctx.db, unit.id, period.end)
    activities = repo.list_activities(ctx.db, ids, repo.ActivityFilter(period.start, period.end, category,
                                                                        args.search or ""))
    codes = {u: units_repo.get_unit(ctx.db, u).code for u in {a.unit_id for a in activities}}
    if args.json:
        _dump([activity_json(a, codes) for a in activities])
        return EXIT_OK
    if not activities:
        print(tr(f"{unit.name}: không có hoạt động nào trong kỳ {period.code}.",
                 f"{unit.name}: no activities in period {period.code}."))
        return EXIT_OK
    for a in activities:
        print(f"{format_date(a.date)}  {a.title[:50]:<50}  {label(CATEGORY_SHORT_VI.get(a.category, a.category)):<28}  "
              f"{label(FORMAT_LABELS_VI.get(a.format, a.format)):<12} {format_int(a.sessions):>4} "
              + tr("buổi", "session" if a.sessions == 1 else "sessions") + f" {format_int(a.visits):>7} "
              + tr("lượt", "visit" if a.visits == 1 else "visits"))
    print(tr(f"{len(activities)} hoạt động.",
             f"{len(activities)} activit{'y' if len(activities) == 1 else 'ies'}."))
    return EXIT_OK


def cmd_summary(args, ctx) -> int:
    period = parse_period(args.period)
    unit = _unit(args, ctx, period)
    if unit is None:
        return EXIT_REJECTED
    rows = summarize(ctx.db, unit.id, period.code)
    if args.json:
        _dump(rows)
        return EXIT_OK
    print(f"{unit.name} — {period_label(period)}")
    print(tr(f"{'Nhóm chuyên đề':<30} {'HĐ':>4} {'Buổi':>6} {'Lượt':>8} {'Người':>7} {'Nữ':>7} {'DTTS':>7} {'LĐNT':>7}",
             f"{'Topic group':<30} {'Act.':>4} {'Sess.':>6} {'Visits':>8} {'People':>7} {'Women':>7} {'Ethnic':>7} "
             f"{'RurWk':>7}"))
    for r in rows:
        name = tr("Tổng cộng", "Total") if r["category"] is None \
            else label(CATEGORY_SHORT_VI.get(r["category"], r["category"]))
        cells = [format_int(r[k], "–") for k in ("activities", "sessions", "visits", "learners", "women",
                                                  "ethnic_minority", "rural_workers")]
        print(f"{name:<30} {cells[0]:>4} {cells[1]:>6} {cells[2]:>8} {cells[3]:>7} {cells[4]:>7} {cells[5]:>7} "
              f"{cells[6]:>7}")
    suggestion = suggested_rural_workers(ctx.db, unit.id, period.code)
    if suggestion is not None:
        print(tr(f"Gợi ý tử số LDNT_HOC_TTHTCD (LĐNT không trùng): {format_int(suggestion)} người.",
                 f"Suggested numerator of LDNT_HOC_TTHTCD (rural workers, each counted once): "
                 f"{format_int(suggestion)} people."))
    return EXIT_OK


def cmd_export(args, ctx) -> int:
    from xhht_desktop.clc.xlsx import export_log_xlsx
    period = parse_period(args.period)
    unit = _unit(args, ctx, period)
    if unit is None:
        return EXIT_REJECTED
    out = export_log_xlsx(ctx.db, unit.id, repo.ActivityFilter(period.start, period.end), args.out)
    print(out)
    return EXIT_OK


def register(subparsers) -> None:
    """Add `clc list|summary|export` to the CLI."""
    p = subparsers.add_parser("clc", help=tr("sổ hoạt động trung tâm học tập cộng đồng (TTHTCĐ)",
                                             "the activity log of the community learning centres"))
    sub = p.add_subparsers(dest="clc_command", required=True, metavar=tr("LỆNH", "COMMAND"))
    unit_help = tr("mã đơn vị (mặc định: đơn vị của máy)", "unit code (default: this installation's unit)")

    q = sub.add_parser("list", help=tr("các hoạt động trong một kỳ", "the activities of a period"))
    q.add_argument("--period", required=True)
    q.add_argument("--unit", help=unit_help)
    q.add_argument("--category", help=tr("mã hoặc tên nhóm chuyên đề", "code or name of a topic group"))
    q.add_argument("--search", help=tr("tìm trong tên, đơn vị phối hợp, địa điểm, ghi chú (không phân biệt dấu)",
                                       "search the name, partner, place and notes (tone marks ignored)"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)

    q = sub.add_parser("summary", help=tr("tổng hợp theo nhóm chuyên đề", "totals per topic group"))
    q.add_argument("--period", required=True)
    q.add_argument("--unit")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_summary)

    q = sub.add_parser("export", help=tr("xuất sổ hoạt động ra Excel", "export the activity log to Excel"))
    q.add_argument("--period", required=True)
    q.add_argument("--unit")
    q.add_argument("--out", required=True, type=Path)
    q.set_defaults(func=cmd_export)
