"""Commands of the way back (issue 11): targets set, publish, receipts, request-correction, apply,
corrections. Registered from xhht_desktop.sync.cli.register."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from xhht_desktop import cli
from xhht_desktop.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, CliError, label, tr
from xhht_desktop.db import units_repo
from xhht_desktop.sync import corrections, receipts, updates
from xhht_desktop.sync.signed_doc import DocRejected

MAX_APPLY_FILE = max(updates.MAX_FILE, receipts.MAX_FILE)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _department(ctx):
    inst = ctx.installation()
    if inst.role != "department":
        raise CliError(tr("Lệnh này chỉ dùng trên máy của Sở.", "This command is only for the Department's installation."))
    return inst


# ---- targets ------------------------------------------------------------------------------------

def _programme_for(ctx, indicator: str, year: int) -> str:
    rows = ctx.db.conn.execute(
        "SELECT p.code, p.target_years FROM programmes p JOIN indicators i ON i.programme=p.code WHERE i.code=?",
        (indicator,)).fetchall()
    if not rows:
        raise CliError(tr(f"Không có chỉ tiêu «{indicator}» trong danh mục nào.",
                          f"There is no indicator «{indicator}» in any catalogue."))
    found = [code for code, years in rows if str(year) in years.split(";")]
    if not found:
        years = "; ".join(f"{code}: {years.replace(';', ', ')}" for code, years in rows)
        raise CliError(tr(f"Năm mục tiêu {year} không có cho chỉ tiêu {indicator} (năm mục tiêu: {years}).",
                          f"Indicator {indicator} has no target year {year} (target years: {years})."))
    return found[0]


def cmd_targets_set(args, ctx) -> int:
    from xhht_desktop.db.reference import set_target  # noqa: PLC0415

    inst = _department(ctx)
    programme = args.programme or _programme_for(ctx, args.indicator, args.year)
    from xhht_desktop.db.reference import ReferenceProblem, set_target_op  # noqa: PLC0415

    op_changed = False
    op = None if args.op is None or args.op.strip() in ("", "-", "none") else args.op.strip()
    try:
        value = None if args.value.strip().lower() in ("", "none", "-") else float(args.value.replace(",", "."))
        with ctx.db.atomic():  # the comparison and the figure together, or neither
            if args.op is not None:  # the comparison may change: it then travels with the indicator's row
                op_changed = set_target_op(ctx.db, programme, args.indicator, op, actor=inst.actor,
                                           note=args.note or "")
            set_target(ctx.db, programme, args.indicator, args.year, value, actor=inst.actor, note=args.note or "")
    except KeyError:
        raise CliError(tr(f"Không có chỉ tiêu {args.indicator} năm mục tiêu {args.year} trong {programme}.",
                          f"There is no indicator {args.indicator} with target year {args.year} in {programme}.")) \
            from None
    except ReferenceProblem as exc:
        raise CliError(exc) from None
    except ValueError:
        raise CliError(tr(f"Mục tiêu «{args.value}» không hợp lệ (một số ≥ 0).",
                          f"Target «{args.value}» is not valid (a number ≥ 0).")) from None
    if op_changed:
        from xhht_desktop.cli import say  # noqa: PLC0415
        print(say("refrow.op_changed", code=args.indicator, programme=programme, op=op or "—"))
    shown = updates.format_number(value) if value is not None else tr("không có", "none")
    print(tr(f"Đã đặt mục tiêu {args.indicator} năm {args.year} ({programme}): {shown}. "
             "Phát hành bản cập nhật (publish) để gửi cho các đơn vị.",
             f"Set the target of {args.indicator} for {args.year} ({programme}): {shown}. "
             "Publish an update (publish) to send it to the units."))
    return EXIT_OK


def cmd_publish(args, ctx) -> int:
    _department(ctx)
    try:
        result = updates.publish(ctx.db, args.out, rotate_signing_key=args.rotate_signing_key)
    except updates.PublishProblem as exc:
        raise CliError(str(exc)) from None
    print(result.path)
    print(tr(f"Bản cập nhật danh mục số {result.version}: {result.targets} mục tiêu, {result.units} thay đổi đơn vị, "
             f"{result.indicators} dòng chỉ tiêu, {result.agencies} cơ quan.",
             f"Catalogue update no. {result.version}: {result.targets} targets, {result.units} changes of units, "
             f"{result.indicators} indicator rows, {result.agencies} agencies."),
          file=sys.stderr)
    if result.rotated_to:
        print(tr(f"Khóa ký mới của Sở: {result.rotated_to} (đã thông báo trong bản cập nhật này, ký bằng khóa cũ).",
                 f"The Department's new signing key: {result.rotated_to} (announced in this update, signed with the "
                 "old key)."), file=sys.stderr)
    return EXIT_OK


def cmd_receipts(args, ctx) -> int:
    _department(ctx)
    try:
        result = receipts.write_receipts(ctx.db, args.out)
    except updates.PublishProblem as exc:
        raise CliError(str(exc)) from None
    for w in result.written:
        print(w.receipt)
        print(tr(f"{w.unit_name}: thư gửi đến {w.address or 'chưa biết địa chỉ thư điện tử (xem thư trong thư mục)'}",
                 f"{w.unit_name}: the letter goes to "
                 f"{w.address or 'an unknown e-mail address (see the letter in the folder)'}"), file=sys.stderr)
    for line in result.skipped:
        print(tr("Bỏ qua: ", "Skipped: ") + str(line), file=sys.stderr)
    print(tr(f"Đã viết {len(result.written)} biên nhận (mỗi đơn vị một thư mục: biên nhận, bản cập nhật, thư gửi).",
             f"Wrote {len(result.written)} receipts (one folder per unit: receipt, update, covering letter)."),
          file=sys.stderr)
    return EXIT_OK


def cmd_request_correction(args, ctx) -> int:
    _department(ctx)
    try:
        r = corrections.request_correction(ctx.db, args.unit, args.period, args.message,
                                           indicator=args.indicator or "", activity_uuid=args.activity or "")
    except corrections.CorrectionProblem as exc:
        raise CliError(exc) from None
    what = r["indicator"]
    what_en = what
    if not what:
        a = corrections.activity_summary(ctx.db, r["activity_uuid"])
        what = f"hoạt động «{a['title']}» ngày {units_repo.vi_date(a['date'])} ({r['activity_uuid'][:8]})"
        what_en = f"activity «{a['title']}» of {units_repo.vi_date(a['date'])} ({r['activity_uuid'][:8]})"
    print(tr(f"Đã ghi đề nghị {r['uuid'][:8]} cho {r['unit_key']}, kỳ {r['period']}, {what}: "
             "gửi kèm biên nhận sau (receipts).",
             f"Recorded request {r['uuid'][:8]} to {r['unit_key']}, period {r['period']}, {what_en}: "
             "sent with the next receipt (receipts)."))
    return EXIT_OK


# ---- apply (every installation) -----------------------------------------------------------------

def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_APPLY_FILE:
            raise DocRejected("too_large", f"Tệp quá lớn ({path.stat().st_size // 1024} KB) để là tệp của Sở.")
        return path.read_bytes()
    except OSError as exc:
        raise DocRejected("unreadable", f"Không đọc được tệp: {exc.strerror or exc}.") from None


def expand_paths(paths: list[Path]) -> list[Path]:
    """A folder ("Gửi cho các đơn vị" writes one per installation) stands for its .xhhtu and .xhhtr files."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (updates.SUFFIX, receipts.SUFFIX))
        else:
            out.append(p)
    return out


def apply_paths(db, paths: list[Path], *, dry_run: bool, actor: str) -> list[dict]:
    """Updates first (in version order), then receipts; each whole or not at all, one bad file never
    stops the others. Each row's status: "applied" ("checked" in a dry run), "rejected" (with `code` and
    `reason`), or "unchanged" — an update or receipt identical (same SHA-256) to one applied here before,
    which is nothing to do and not a refusal (code `already_applied`)."""
    items = []
    for path in expand_paths(paths):
        row = {"file": str(path), "kind": "", "status": "rejected", "code": "", "reason": ""}
        try:
            data = _read(path)
            if updates.is_update(data):
                row["kind"] = "update"
                version = _peek_version(data)
            elif receipts.is_receipt(data):
                row["kind"], version = "receipt", 0
            else:
                raise DocRejected("damaged", "Tệp không phải bản cập nhật danh mục hay biên nhận của Sở.")
            items.append((0 if row["kind"] == "update" else 1, version, row, data))
        except DocRejected as exc:
            row.update(code=exc.code, reason=exc.reason)
            items.append((2, 0, row, b""))
    out = []
    for _order, peeked, row, data in sorted(items, key=lambda t: (t[0], t[1])):
        if row["code"]:
            out.append(row)
            continue
        try:
            if row["kind"] == "update":
                check = updates.apply_update(db, data, dry_run=dry_run, actor=actor)
                row.update(status="checked" if dry_run else "applied", version=check.version,
                           changes=check.changes, changes_vi=[updates.change_text_vi(c) for c in check.changes])
            else:
                check = receipts.apply_receipt(db, data, dry_run=dry_run)
                row.update(status="checked" if dry_run else "applied", number=check.number,
                           acknowledged=check.acknowledged, missing=check.doc["missing"],
                           corrections=len(check.doc["corrections"]))
        except DocRejected as exc:
            row.update(status="rejected", code=exc.code, reason=exc.reason)
            if exc.code == "already_applied":  # the very file applied before (a folder sent again): no refusal
                row.update(status="unchanged", **({"version": peeked} if row["kind"] == "update"
                                                   else {"number": getattr(exc, "number", None)}))
        out.append(row)
    return out


def _peek_version(data: bytes) -> int:
    """Order of updates in one call (the signature is checked when each is applied)."""
    import re  # noqa: PLC0415

    m = re.search(rb'"version": (\d{1,9})', data[:updates.MAX_FILE])
    return int(m.group(1)) if m else 0


DOC_REASONS_EN = {
    "too_large": "The file is too large to be a file of the Department.",
    "unreadable": "The file cannot be read.",
    "truncated": "The file is cut short (copying or downloading did not finish).",
    "damaged": "The file is damaged or is not a file of the Department.",
    "tampered": "The signature does not match: the file was changed after the Department signed it.",
    "wrong_key": "The file is not signed with the Department's key this installation holds.",
    "newer_format": "The file has a newer format: install the newer version of the program.",
    "bad_document": "The file's content is not valid.",
    "not_for_us": "The file is not meant for this installation.",
    "no_pinned_key": "This installation does not have the Department's signing key yet, so it cannot check the "
                     "file: take the Department's key first (keys trust-department).",
    "older": "The file is not newer than the one already applied or opened.",
    "already_applied": "This update was applied before.",
    "unknown_reference": "The update names indicators, target years or units this installation does not have: "
                         "apply the earlier updates first.",
}


def doc_reason_en(row: dict) -> str:
    """A rejected file's reason in English: its coded sentence when the core gave one (signed_doc),
    else by its code (the Vietnamese sentence carries the details)."""
    from xhht_desktop import messages as M  # noqa: PLC0415

    reason = row.get("reason")
    if isinstance(getattr(reason, "code", None), str) and reason.code in M.TEMPLATES:
        return M.words(reason, "en")
    return DOC_REASONS_EN.get(row.get("code", ""), "The file was rejected.")


def unchanged_en(row: dict) -> str:
    """Why an applied file has nothing left to do, in English."""
    if row.get("kind") == "update":
        return f"catalogue update no. {row.get('version')} was applied before"
    return f"receipt no. {row.get('number')} was opened before" if row.get("number") else "this file was applied before"


def change_text_en(c: dict) -> str:
    """updates.change_text_vi in English."""
    if c["kind"] in ("indicator", "agency"):
        return updates.row_change_text(c, "en")
    if c["kind"] == "target":
        old = "none" if c["old"] is None else updates.format_number(c["old"])
        new = "target removed" if c["new"] is None else updates.format_number(c["new"])
        return f"Target of {c['indicator']} for {c['target_year']}: {old}{' (draft)' if c['was_draft'] else ''} → {new}"
    if c["kind"] == "unit":
        preds = f" (replaces {c['predecessors'].replace(';', ', ')})" if c["predecessors"] else ""
        return f"Unit {c['key']} {c['name']}{preds}"
    if c["kind"] == "department_key":
        return f"The Department's new encryption key, fingerprint {c['fingerprint']}"
    if c["kind"] == "signing_key":
        return f"The Department's new signing key, fingerprint {c['fingerprint']} (confirmed by the current key)"
    return updates.change_text_vi(c)  # a kind this build words only in Vietnamese


def cmd_apply(args, ctx) -> int:
    inst = ctx.installation()
    if inst.role == "department":
        raise CliError(tr("Máy của Sở phát hành bản cập nhật và biên nhận, không áp dụng chúng.",
                          "The Department's installation issues updates and receipts; it does not apply them."))
    rows = apply_paths(ctx.db, args.paths, dry_run=args.dry_run, actor=inst.actor)
    if not rows:  # an empty folder (or a folder of other files): saying nothing would look like success
        raise CliError(tr("Không thấy bản cập nhật danh mục (.xhhtu) hay biên nhận (.xhhtr) nào của Sở trong: "
                          + ", ".join(str(p) for p in args.paths) + ". Không có gì thay đổi.",
                          "No catalogue update (.xhhtu) or receipt (.xhhtr) of the Department found in: "
                          + ", ".join(str(p) for p in args.paths) + ". Nothing was changed."))
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            name = Path(r["file"]).name
            if r["status"] == "rejected":
                print(tr(f"{name}: BỊ TỪ CHỐI – {r['reason']} Không có gì thay đổi.",
                         f"{name}: REJECTED – {doc_reason_en(r)} Nothing was changed."))
            elif r["status"] == "unchanged":
                print(tr(f"{name}: {r['reason'][:1].lower()}{r['reason'][1:-1]} – không có gì phải làm.",
                         f"{name}: {unchanged_en(r)} – nothing to do."))
            elif r["kind"] == "update":
                verb = tr("Kiểm tra xong (chưa áp dụng)", "Checked (not applied)") if args.dry_run \
                    else tr("Đã áp dụng", "Applied")
                print(tr(f"{name}: {verb} bản cập nhật danh mục số {r['version']} ({len(r['changes'])} thay đổi).",
                         f"{name}: {verb} catalogue update no. {r['version']} ({len(r['changes'])} changes)."))
                for change, line in zip(r["changes"], r["changes_vi"]):  # English worded only when asked
                    print(f"  - {change_text_en(change) if cli.LANG == 'en' else line}")
            else:
                verb = tr("Kiểm tra xong (chưa mở)", "Checked (not opened)") if args.dry_run else tr("Đã mở", "Opened")
                acked = ", ".join(map(str, r["acknowledged"])) or tr("không gói nào", "no package")
                missing = ", ".join(map(str, r["missing"]))
                print(tr(f"{name}: {verb} biên nhận số {r['number']}: Sở đã nhận gói số {acked}"
                         + (f"; Sở chưa nhận gói số {missing}" if r["missing"] else "")
                         + (f"; {r['corrections']} đề nghị kiểm tra lại" if r["corrections"] else "") + ".",
                         f"{name}: {verb} receipt no. {r['number']}: the Department received packages {acked}"
                         + (f"; the Department has not received packages {missing}" if r["missing"] else "")
                         + (f"; {r['corrections']} requests to check figures again" if r["corrections"] else "")
                         + "."))
    return EXIT_REJECTED if any(r["status"] == "rejected" for r in rows) else EXIT_OK


# ---- this installation's e-mail address ---------------------------------------------------------

def cmd_email_show(args, ctx) -> int:
    from xhht_desktop.sync import contact  # noqa: PLC0415

    ctx.installation()
    email = contact.contact_email(ctx.db)
    if args.json:
        _print_json({"email": email})
    else:
        print(email or tr("Chưa có địa chỉ thư điện tử (email set ĐỊA_CHỈ để ghi).",
                          "No e-mail address yet (email set ADDRESS to set it)."))
    return EXIT_OK


def cmd_email_set(args, ctx) -> int:
    from xhht_desktop.sync import contact  # noqa: PLC0415

    if bool(args.clear) == bool(args.address.strip()):
        print(tr("Cần đúng một trong hai: ĐỊA_CHỈ hoặc --clear.", "Give exactly one of: ADDRESS or --clear."),
              file=sys.stderr)
        return EXIT_USAGE
    ctx.installation()
    try:
        email = contact.set_contact_email(ctx.db, "" if args.clear else args.address)
    except contact.ContactProblem as exc:
        raise CliError(exc) from None
    print(tr(f"Địa chỉ thư điện tử của máy này: {email}. Gửi cho Sở trong gói sau (export).",
             f"This installation's e-mail address: {email}. Sent to the Department in the next package (export).")
          if email else tr("Đã xóa địa chỉ thư điện tử của máy này (Sở biết điều đó sau gói sau).",
                           "Cleared this installation's e-mail address (the Department learns it with the next "
                           "package)."))
    return EXIT_OK


# ---- corrections --------------------------------------------------------------------------------

def cmd_corrections_list(args, ctx) -> int:
    inst = ctx.installation()
    unit = args.unit if inst.role == "department" else None
    rows = corrections.list_requests(ctx.db, unit_key=unit)
    if not args.all:
        rows = [r for r in rows if r["status"] != "closed"] if inst.role != "department" or not args.closed else rows
    if args.json:
        _print_json([{"id": r["uuid"], "unit": r["unit_key"], "indicator": r["indicator"],
                      "activity": r["activity_uuid"], "period": r["period"], "message": r["message"],
                      "status": r["status"], "reply": r["reply"], "created_at": r["created_at"],
                      "closed_at": r["closed_at"], "closed_how": r["closed_how"]} for r in rows])
    else:
        for r in rows:
            a = None if r["indicator"] else corrections.activity_summary(ctx.db, r["activity_uuid"])
            what = r["indicator"] or (tr(f"hoạt động «{a['title']}» ngày {units_repo.vi_date(a['date'])}",
                                         f"activity «{a['title']}» of {units_repo.vi_date(a['date'])}") if a else
                                      tr("hoạt động ", "activity ") + r["activity_uuid"][:8])
            print(f"{r['uuid'][:8]}  {r['unit_key']}  {r['period']}  {what}  "
                  f"[{label(corrections.STATUS_LABELS_VI[r['status']])}]"
                  f"  {r['message']}" + (f"  → {r['reply']}" if r["reply"] else ""))
    return EXIT_OK


def cmd_corrections_reply(args, ctx) -> int:
    ctx.installation()
    try:
        r = corrections.reply(ctx.db, args.id, args.message)
    except corrections.CorrectionProblem as exc:
        raise CliError(exc) from None
    print(tr(f"Đã ghi trả lời đề nghị {r['uuid'][:8]}: gửi cho Sở trong gói sau (export).",
             f"Recorded the reply to request {r['uuid'][:8]}: sent to the Department in the next package (export)."))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("targets", help=tr("mục tiêu của tỉnh (máy Sở)", "the province's targets (Department)"))
    ts = p.add_subparsers(dest="targets_command", required=True, metavar="TARGETS_COMMAND")
    q = ts.add_parser("set", help=tr("xác nhận, sửa hoặc thêm một mục tiêu theo chỉ tiêu và năm mục tiêu",
                                     "confirm, change or add a target by indicator and target year"))
    q.add_argument("indicator")
    q.add_argument("--year", required=True, type=int)
    q.add_argument("--value", required=True, help=tr("số (ví dụ 85 hoặc 85,5); «-» để bỏ mục tiêu",
                                                     "a number (for example 85 or 85,5); «-» to remove the target"))
    q.add_argument("--op", help=tr("cách so với mục tiêu (>=, >, increase): đổi cách so của chỉ tiêu (gửi đi bằng "
                                   "publish)", "the comparison with the target (>=, >, increase): changes the "
                                   "indicator's comparison (sent by publish)"))
    q.add_argument("--programme", help=tr("KH2780 hoặc XHHT2130 (mặc định: chương trình có năm mục tiêu đó)",
                                          "KH2780 or XHHT2130 (default: the programme with that target year)"))
    q.add_argument("--note", help=tr("ghi chú (căn cứ)", "note (the basis)"))
    q.set_defaults(func=cmd_targets_set)

    p = sub.add_parser("publish", help=tr("phát hành bản cập nhật danh mục đã ký (in ra đường dẫn tệp)",
                                          "publish a signed catalogue update (prints the file's path)"))
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--rotate-signing-key", action="store_true",
                   help=tr("đổi khóa ký của Sở: bản cập nhật này (ký bằng khóa cũ) thông báo khóa mới",
                           "change the Department's signing key: this update (signed with the old key) announces "
                           "the new one"))
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("receipts", help=tr("Gửi cho các đơn vị: mỗi máy một thư mục (biên nhận, bản cập nhật, thư)",
                                           "Send to the units: one folder per installation (receipt, update, letter)"))
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(func=cmd_receipts)

    p = sub.add_parser("request-correction", help=tr("đề nghị đơn vị kiểm tra lại một số liệu hoặc hoạt động TTHTCĐ",
                                                     "ask a unit to check a figure or a learning-centre activity again"))
    p.add_argument("--unit", required=True, help=tr("mã hoặc mã@ngày", "code or code@date"))
    p.add_argument("--period", required=True)
    p.add_argument("--indicator")
    p.add_argument("--activity", help=tr("mã (uuid, hoặc 8 ký tự đầu trở lên) hoạt động của TTHTCĐ: xem "
                                         "clc list --unit CODE --period P --json",
                                         "the learning-centre activity's id (uuid, or its first 8 characters or "
                                         "more): see clc list --unit CODE --period P --json"))
    p.add_argument("--message", required=True)
    p.set_defaults(func=cmd_request_correction)

    p = sub.add_parser("apply", help=tr("áp dụng bản cập nhật danh mục và mở biên nhận của Sở",
                                        "apply the Department's catalogue updates and open its receipts"))
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--dry-run", action="store_true", help=tr("chỉ kiểm tra, không thay đổi gì",
                                                             "only check, change nothing"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_apply)

    p = sub.add_parser("email", help=tr("địa chỉ thư điện tử của máy này (gửi kèm gói; thư của Sở gửi về đó)",
                                        "this installation's e-mail address (sent with the packages; the "
                                        "Department's mail goes there)"))
    es = p.add_subparsers(dest="email_command", required=True, metavar="EMAIL_COMMAND")
    q = es.add_parser("show", help=tr("xem địa chỉ", "show the address"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_email_show)
    q = es.add_parser("set", help=tr("ghi địa chỉ (đi kèm gói sau)", "set the address (sent with the next package)"))
    q.add_argument("address", nargs="?", default="")
    q.add_argument("--clear", action="store_true", help=tr("xóa địa chỉ", "clear the address"))
    q.set_defaults(func=cmd_email_set)

    p = sub.add_parser("corrections", help=tr("đề nghị kiểm tra lại số liệu", "requests to check figures again"))
    cs = p.add_subparsers(dest="corrections_command", required=True, metavar="CORRECTIONS_COMMAND")
    q = cs.add_parser("list", help=tr("các đề nghị chưa đóng", "the requests not closed"))
    q.add_argument("--json", action="store_true")
    q.add_argument("--all", action="store_true", help=tr("cả đề nghị đã đóng", "closed requests too"))
    q.add_argument("--closed", action="store_true", help=argparse.SUPPRESS)
    q.add_argument("--unit", help=tr("(Sở) chỉ một đơn vị, theo mã@ngày", "(Department) one unit only, by code@date"))
    q.set_defaults(func=cmd_corrections_list)
    q = cs.add_parser("reply", help=tr("trả lời một đề nghị (gửi trong gói sau)",
                                       "reply to a request (sent in the next package)"))
    q.add_argument("id", help=tr("mã đề nghị (8 ký tự đầu là đủ)", "the request's id (the first 8 characters will do)"))
    q.add_argument("--message", required=True)
    q.set_defaults(func=cmd_corrections_reply)
