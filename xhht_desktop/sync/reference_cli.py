"""The Department's catalogue rows and agencies (issue 11): `catalogue list|set`, `agencies list|set`.
What it sets travels in the next reference update (`publish`); installations `apply` it.

Every installation may list what is in force on it; only the Department sets.
"""

from __future__ import annotations

import argparse
import json
import sys

from xhht_desktop.cli import EXIT_OK, CliError, say, tr
from xhht_desktop.db import reference
from xhht_desktop.domain.catalogue import KINDS, PERIODICITIES, PROGRAMMES, TARGET_OPS, programme
from xhht_desktop.sync.updates import format_number


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _department(ctx):
    inst = ctx.installation()
    if inst.role != "department":
        raise CliError(tr("Lệnh này chỉ dùng trên máy của Sở.", "This command is only for the Department's installation."))
    return inst


def _list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _stored_row(ctx, programme_code: str, code: str) -> dict | None:
    return next((r for r in reference.indicator_rows(ctx.db, programme_code) if r["code"] == code), None)


def _programme_of(ctx, code: str, given: str | None) -> str:
    if given:
        if not any(p.code == given for p in PROGRAMMES):
            raise CliError("refrow.unknown_programme", code=code, programme=given)
        return given
    found = [p.code for p in PROGRAMMES if _stored_row(ctx, p.code, code) is not None]
    if len(found) == 1:
        return found[0]
    raise CliError(tr(f"Hãy chọn chương trình bằng --programme (KH2780 hoặc XHHT2130) cho chỉ tiêu {code}.",
                      f"Choose the programme with --programme (KH2780 or XHHT2130) for indicator {code}."))


def _parse_scale(text: str) -> list[int] | str:
    lo, sep, hi = text.partition("-")
    try:
        return [int(lo), int(hi)] if sep else text
    except ValueError:
        return text


def cmd_catalogue_set(args, ctx) -> int:
    inst = _department(ctx)
    code = args.code.strip()
    prog = _programme_of(ctx, code, args.programme)
    old = _stored_row(ctx, prog, code)
    if old is None and (args.name_vi is None or args.kind is None or args.levels is None or args.group is None):
        raise CliError(tr(f"Chỉ tiêu mới {code}: cần ít nhất --group, --name-vi, --kind và --levels.",
                          f"New indicator {code}: needs at least --group, --name-vi, --kind and --levels."))
    row = dict(old) if old else {
        "programme": prog, "code": code, "group": None, "name_vi": "", "name_en": "", "kind": "", "levels": [],
        "numerator_vi": "", "denominator_vi": "", "periodicity": "nam", "target_op": None, "breakdowns": [],
        "owner": "", "plan_ref": "", "scale": None}
    for key, value in (("group", args.group), ("name_vi", args.name_vi), ("name_en", args.name_en),
                       ("kind", args.kind), ("numerator_vi", args.numerator), ("denominator_vi", args.denominator),
                       ("periodicity", args.periodicity), ("owner", args.owner), ("plan_ref", args.plan_ref)):
        if value is not None:
            row[key] = value
    if args.levels is not None:
        row["levels"] = _list(args.levels)
    if args.breakdowns is not None:
        row["breakdowns"] = _list(args.breakdowns)
    if args.op is not None:
        row["target_op"] = None if args.op in ("", "-", "none") else args.op
    if args.scale is not None:
        row["scale"] = None if args.scale in ("", "-") else _parse_scale(args.scale)
    elif row["kind"] != "level":
        row["scale"] = None
    targets = []
    for spec in args.target or ():
        year, sep, value = spec.partition("=")
        try:
            targets.append((int(year), None if value.strip() in ("", "-") else float(value.replace(",", "."))))
        except ValueError:
            raise CliError(tr(f"--target «{spec}»: viết NĂM=SỐ, ví dụ 2030=75.",
                              f"--target «{spec}»: write YEAR=NUMBER, for example 2030=75.")) from None
        if not sep:
            raise CliError(tr(f"--target «{spec}»: viết NĂM=SỐ, ví dụ 2030=75.",
                              f"--target «{spec}»: write YEAR=NUMBER, for example 2030=75."))
    years = programme(prog).target_years
    for year, _v in targets:
        if year not in years:
            raise CliError(tr(f"Năm mục tiêu {year} không có trong {prog} (năm mục tiêu: "
                              f"{', '.join(map(str, years))}).",
                              f"{prog} has no target year {year} (target years: {', '.join(map(str, years))})."))
    try:
        with ctx.db.atomic():
            changed = reference.set_indicator(ctx.db, row, actor=inst.actor, note=args.note or "")
            for year, value in targets:
                reference.set_target(ctx.db, prog, code, year, value, actor=inst.actor, note=args.note or "")
    except reference.ReferenceProblem as exc:
        raise CliError(exc) from None
    except ValueError as exc:
        raise CliError(tr(f"Mục tiêu không hợp lệ: {exc}.", f"Target not valid: {exc}.")) from None
    print(say("refrow.saved_indicator", code=code, programme=prog) if changed or targets else say("refrow.unchanged"))
    return EXIT_OK


def cmd_catalogue_list(args, ctx) -> int:
    ctx.installation()
    out = []
    for p in PROGRAMMES:
        if args.programme and p.code != args.programme:
            continue
        cat = reference.catalogue_in_db(ctx.db, p.code)
        sources = dict(ctx.db.conn.execute("SELECT code, source FROM indicators WHERE programme=?", (p.code,)))
        for ind in cat:
            if args.department and sources.get(ind.code) != "department":
                continue
            out.append({"programme": p.code, "code": ind.code, "group": ind.group, "name_vi": ind.name_vi,
                        "name_en": ind.name_en, "kind": ind.kind, "levels": list(ind.levels),
                        "target_op": ind.target_op, "breakdowns": list(ind.breakdowns),
                        "scale": list(ind.scale) if ind.scale else None,
                        "targets": {str(y): v for y, v in ind.targets.items()},
                        "draft_targets": sorted(ind.draft_targets), "source": sources.get(ind.code, "catalogue")})
    if args.json:
        _print_json(out)
    else:
        for r in out:
            mark = " *" if r["source"] == "department" else ""
            targets = ", ".join(f"{y}: {'—' if v is None else format_number(v)}" for y, v in r["targets"].items())
            print(f"{r['programme']:<9} {r['code']:<24} {r['kind']:<6} {r['target_op'] or '':<8} "
                  f"{';'.join(r['levels']):<14} {targets:<22} {r['name_vi']}{mark}")
    return EXIT_OK


def cmd_agencies_set(args, ctx) -> int:
    inst = _department(ctx)
    name = " ".join(args.name.split())
    old = next((r for r in reference._agency_rows(ctx.db)
                if (r["name"], r["valid_from"]) == (name, args.valid_from)), None)
    if old is None and args.short is None:
        raise CliError(tr(f"Cơ quan mới «{name}»: cần ít nhất --short (tên viết tắt).",
                          f"New agency «{name}»: needs at least --short (the short name)."))
    row = dict(old) if old else {"name": name, "short": "", "name_en": "", "valid_from": args.valid_from,
                                 "valid_to": None, "successors": [], "note": ""}
    for key, value in (("short", args.short), ("name_en", args.name_en), ("note", args.note)):
        if value is not None:
            row[key] = value
    if args.valid_to is not None:
        row["valid_to"] = None if args.valid_to in ("", "-") else args.valid_to
    if args.successor is not None:
        row["successors"] = [list(s.split(":", 1)) if ":" in s else [s, ""] for s in args.successor if s.strip()]
    try:
        changed = reference.set_agency(ctx.db, row, actor=inst.actor)
    except reference.ReferenceProblem as exc:
        raise CliError(exc) from None
    print(say("refrow.saved_agency", name=name, valid_from=args.valid_from) if changed else say("refrow.unchanged"))
    return EXIT_OK


def cmd_agencies_list(args, ctx) -> int:
    ctx.installation()
    sources = {(n, vf): s for n, vf, s in ctx.db.conn.execute("SELECT name, valid_from, source FROM agencies")}
    rows = [{**r, "source": sources.get((r["name"], r["valid_from"]), "catalogue")}
            for r in reference.agencies_in_db(ctx.db).rows()]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            life = f"{r['valid_from']} … {r['valid_to'] or ''}"
            succ = "; ".join(s[0] + (f" ({s[1]})" if s[1] else "") for s in r["successors"])
            mark = " *" if r["source"] == "department" else ""
            print(f"{r['short']:<24} {life:<24} {r['name']}" + (f" → {succ}" if succ else "") + mark)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalogue", help=tr("danh mục chỉ tiêu đang áp dụng; Sở thêm hoặc sửa dòng",
                                            "the indicator catalogue in force; the Department adds or corrects rows"))
    cs = p.add_subparsers(dest="catalogue_command", required=True, metavar="CATALOGUE_COMMAND")
    q = cs.add_parser("list", help=tr("các chỉ tiêu đang áp dụng trên máy này (* = Sở đã thêm hoặc sửa)",
                                      "the indicators in force on this installation (* = added or corrected by "
                                      "the Department)"))
    q.add_argument("--programme", choices=[p.code for p in PROGRAMMES])
    q.add_argument("--department", action="store_true", help=tr("chỉ các dòng Sở đã thêm hoặc sửa",
                                                                "only the rows the Department added or corrected"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_catalogue_list)
    q = cs.add_parser("set", help=tr("(máy Sở) thêm một chỉ tiêu hoặc sửa một dòng; gửi đi bằng publish",
                                     "(Department) add an indicator or correct a row; sent by publish"))
    q.add_argument("code", help=tr("mã chỉ tiêu (chữ in hoa, số, _)", "indicator code (capitals, digits, _)"))
    q.add_argument("--programme", choices=[p.code for p in PROGRAMMES])
    q.add_argument("--group", type=int)
    q.add_argument("--name-vi")
    q.add_argument("--name-en")
    q.add_argument("--kind", help="/".join(KINDS))
    q.add_argument("--levels", help=tr("cấp nhập: xa;huyen;tinh", "levels that enter it: xa;huyen;tinh"))
    q.add_argument("--numerator", help=tr("tử số (loại rate, trend)", "numerator (kinds rate, trend)"))
    q.add_argument("--denominator", help=tr("mẫu số", "denominator"))
    q.add_argument("--periodicity", help="/".join(PERIODICITIES))
    q.add_argument("--op", help=tr(f"so với mục tiêu: {', '.join(TARGET_OPS)}; «-» để không so",
                                   f"comparison with the target: {', '.join(TARGET_OPS)}; «-» for none"))
    q.add_argument("--breakdowns", help="nu;dtts")
    q.add_argument("--owner", help=tr("cơ quan chủ trì", "the agency in charge"))
    q.add_argument("--plan-ref", help=tr("căn cứ", "the basis in the plan"))
    q.add_argument("--scale", help=tr("thang của loại level, ví dụ 0-2", "the scale of a level indicator, for example 0-2"))
    q.add_argument("--target", action="append", help=tr("NĂM=SỐ (lặp lại), ví dụ 2030=75",
                                                        "YEAR=NUMBER (repeat it), for example 2030=75"))
    q.add_argument("--note", help=tr("ghi chú (căn cứ của việc sửa)", "note (the basis of the change)"))
    q.set_defaults(func=cmd_catalogue_set)

    p = sub.add_parser("agencies", help=tr("các cơ quan của tỉnh (theo thời gian); Sở thêm hoặc sửa",
                                           "the province's agencies (over time); the Department adds or corrects them"))
    as_ = p.add_subparsers(dest="agencies_command", required=True, metavar="AGENCIES_COMMAND")
    q = as_.add_parser("list", help=tr("các cơ quan đang áp dụng trên máy này (* = Sở đã thêm hoặc sửa)",
                                       "the agencies in force on this installation (* = added or corrected by the "
                                       "Department)"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_agencies_list)
    q = as_.add_parser("set", help=tr("(máy Sở) thêm hoặc sửa một cơ quan; gửi đi bằng publish",
                                      "(Department) add or correct an agency; sent by publish"))
    q.add_argument("name", help=tr("tên đầy đủ", "full name"))
    q.add_argument("--valid-from", required=True, help=tr("có từ ngày YYYY-MM-DD (cùng tên: cùng một cơ quan)",
                                                          "in force from YYYY-MM-DD (same name: the same agency)"))
    q.add_argument("--short", help=tr("tên viết tắt, ví dụ Sở GD&ĐT", "short name, for example «Sở GD&ĐT»"))
    q.add_argument("--name-en")
    q.add_argument("--valid-to", help=tr("hết hiệu lực ngày YYYY-MM-DD; «-» để bỏ",
                                         "no longer in force from YYYY-MM-DD; «-» to clear"))
    q.add_argument("--successor", action="append",
                   help=tr("cơ quan kế nhiệm (lặp lại); TÊN:từ khóa;từ khóa cho phần việc theo chủ đề",
                           "a successor agency (repeat it); NAME:keyword;keyword for the work it takes by topic"))
    q.add_argument("--note")
    q.set_defaults(func=cmd_agencies_set)
