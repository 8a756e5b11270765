"""Sync commands: keys, export, exports, merge, installations, conflicts, completeness.

Registered by xhht_desktop.cli (FEATURE_CLIS). Each command is a function (args, ctx) -> exit code.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from xhht_desktop import cli
from xhht_desktop.cli import EXIT_OK, EXIT_REJECTED, CliError, label, say, tr
from xhht_desktop.db import meta
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import format_int
from xhht_desktop.sync import completeness as completeness_mod
from xhht_desktop.sync import export as export_mod
from xhht_desktop.sync import keys, merge, repo
from xhht_desktop.sync.receipt import receipt_html, receipt_text


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _passphrase(args, *, confirm: bool) -> str:
    if args.passphrase_file:
        text = Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        return keys.check_passphrase(text)
    if not sys.stdin.isatty():
        raise CliError(tr("Cần mật khẩu: dùng --passphrase-file khi không chạy trong cửa sổ dòng lệnh.",
                          "A passphrase is needed: use --passphrase-file when not running in a terminal."))
    first = getpass.getpass(tr("Mật khẩu bảo vệ khóa: ", "Passphrase protecting the key: "))
    keys.check_passphrase(first)
    if confirm and getpass.getpass(tr("Nhập lại mật khẩu: ", "Passphrase again: ")) != first:
        raise CliError(tr("Hai lần nhập mật khẩu không giống nhau.", "The two passphrases differ."))
    return first


# ---- keys ---------------------------------------------------------------------------------------

def cmd_keys_show(args, ctx) -> int:
    ctx.installation()
    summary = keys.key_summary(ctx.db)
    if args.json:
        _print_json(summary)
    else:
        print(tr("Mã nhận dạng máy này: ", "This installation's fingerprint: ") + summary["installation_fingerprint"])
        print(tr("Khóa của Sở: ", "The Department's key: ")
              + (summary["department_phone_fingerprint"] or tr("chưa có", "none yet"))
              + (tr(" (máy này giữ khóa bí mật)", " (this installation holds the secret key)")
                 if summary["holds_department_key"] else "")
              + (tr(" (tệp khóa cũ: chỉ gồm khóa mã hóa, chưa có khóa ký của Sở)",
                    " (an old key file: the encryption key only, without the Department's signing key)")
                 if summary["department_phone_fingerprint"] and not summary["department_signing_pinned"] else ""))
        for fp in summary["extra_recipients"]:
            print(tr("Mã hóa thêm cho khóa: ", "Also encrypted for the key: ") + fp)
        if summary["department_email"]:
            print(tr("Thư điện tử của Sở: ", "The Department's e-mail: ") + summary["department_email"])
    return EXIT_OK


def cmd_keys_export_public(args, ctx) -> int:
    inst = ctx.installation()
    if inst.role == "department" and not args.signing:
        text = keys.department_public_key_text(ctx.db)
        what = tr(f"khóa công khai của Sở, mã {keys.department_phone_fingerprint(ctx.db)}",
                  f"the Department's public key, fingerprint {keys.department_phone_fingerprint(ctx.db)}")
    else:
        text = keys.signing_public_key_text(ctx.db)
        what = tr(f"khóa ký của máy này (minisign), mã {keys.installation_fingerprint(ctx.db)}",
                  f"this installation's signing key (minisign), fingerprint {keys.installation_fingerprint(ctx.db)}")
    path = keys.write_file(args.out, text)
    print(path)
    print(tr(f"Đã ghi {what}.", f"Wrote {what}."), file=sys.stderr)
    return EXIT_OK


def cmd_keys_trust(args, ctx) -> int:
    ctx.installation()
    text = keys.read_key_file(args.file)
    fp = keys.trust_department(ctx.db, text)
    print(tr(f"Đã nhận khóa của Sở. Mã nhận dạng: {fp}", f"Took the Department's key. Fingerprint: {fp}"))
    if keys.parse_signing_key_line(text) is not None:  # issue 11: one code for both keys
        print(tr("Mã này gồm cả khóa mã hóa (gói gửi Sở) và khóa ký của Sở (bản cập nhật, biên nhận).",
                 "This fingerprint covers both the encryption key (packages to the Department) and the "
                 "Department's signing key (updates, receipts)."))
    else:
        print(tr("Tệp khóa cũ: mã này chỉ gồm khóa mã hóa; tệp chưa có khóa ký của Sở nên chưa nhận được bản "
                 "cập nhật danh mục và biên nhận – hãy xin Sở tệp khóa công khai mới.",
                 "An old key file: this fingerprint covers the encryption key only; without the Department's "
                 "signing key, catalogue updates and receipts cannot be taken yet – ask the Department for its "
                 "new public key file."))
    print(tr("Hãy gọi điện cho Sở để đối chiếu mã này trước khi gửi gói đầu tiên.",
             "Call the Department to compare this fingerprint before sending the first package."))
    return EXIT_OK


def cmd_keys_add_recipient(args, ctx) -> int:
    ctx.installation()
    fp = keys.add_extra_recipient(ctx.db, keys.read_key_file(args.file))
    print(tr(f"Các gói sau này được mã hóa thêm cho khóa {fp}.", f"Later packages are also encrypted for key {fp}."))
    return EXIT_OK


def cmd_keys_export_identity(args, ctx) -> int:
    ctx.installation()
    path = keys.write_file(args.out, keys.identity_file_text(ctx.db), private=True)
    print(path)
    print(tr("Tệp chứa khóa BÍ MẬT của Sở, không mã hóa: cất giữ cẩn thận (age -d -i TỆP gói.xhht).",
             "The file holds the Department's SECRET key, unencrypted: keep it safe (age -d -i FILE package.xhht)."),
          file=sys.stderr)
    return EXIT_OK


def cmd_keys_export_receipt_identity(args, ctx) -> int:
    ctx.installation()
    from xhht_desktop.sync.receipts import receipt_identity_file_text  # noqa: PLC0415 - issue 11

    print(keys.write_file(args.out, receipt_identity_file_text(ctx.db), private=True))
    return EXIT_OK


def cmd_keys_backup(args, ctx) -> int:
    ctx.installation()
    keys.identity_file_text(ctx.db)  # fails early, before asking for a passphrase, if there is no key
    data = keys.backup_department_key(ctx.db, _passphrase(args, confirm=True))
    print(keys.write_file(args.out, data, private=True))
    return EXIT_OK


def cmd_keys_restore(args, ctx) -> int:
    inst = ctx.installation()
    if inst.role != "department":
        raise CliError(tr("Chỉ máy của Sở mới khôi phục khóa bí mật của Sở.",
                          "Only the Department's installation restores the Department's secret key."))
    data = keys.read_key_backup(args.file)
    fp = keys.restore_department_key(ctx.db, data, _passphrase(args, confirm=False))
    print(tr(f"Đã khôi phục khóa của Sở, mã nhận dạng {fp}.", f"Restored the Department's key, fingerprint {fp}."))
    return EXIT_OK


def cmd_keys_set_email(args, ctx) -> int:
    ctx.installation()
    meta.put(ctx.db, keys.META_DEPARTMENT_EMAIL, args.email.strip())
    print(tr("Địa chỉ thư của Sở: ", "The Department's e-mail address: ") + args.email.strip())
    return EXIT_OK


# ---- export -------------------------------------------------------------------------------------

def cmd_export(args, ctx) -> int:
    ctx.installation()
    result = export_mod.export_package(ctx.db, args.out, full=args.full)
    print(result.path)
    counts = ", ".join(f"{label(export_mod.TABLE_LABELS_VI.get(t, t))}: {n}" for t, n in result.counts.items())
    print(tr("Gói số ", "Package no. ") + f"{result.sequence}"
          + (tr(" (toàn bộ)", " (everything)") if result.full else "") + ": "
          + (counts or tr("không có số liệu mới, chỉ gửi trả lời đề nghị của Sở",
                          "no new figures, only replies to the Department's requests")) + ".", file=sys.stderr)
    return EXIT_OK


def cmd_exports(args, ctx) -> int:
    ctx.installation()
    from xhht_desktop.sync.receipts import exports_with_acks  # noqa: PLC0415 - receipts (issue 11)

    rows = exports_with_acks(ctx.db)
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"{r['sequence']:>4}  {r['created_at']}  {r['file_name']}  "
                  f"{sum(r['counts'].values())} " + tr("bản ghi", "records")
                  + (tr("  (toàn bộ)", "  (everything)") if r["full"] else "") + "  "
                  + (tr(f"Sở đã nhận ngày {r['acknowledged_at'][:10]}",
                        f"received by the Department on {r['acknowledged_at'][:10]}") if r["acknowledged"]
                     else tr("Sở chưa nhận", "not yet received by the Department")))
    return EXIT_OK


# ---- merge --------------------------------------------------------------------------------------

def cmd_merge(args, ctx) -> int:
    if ctx.installation().role != "department":  # said here in the CLI's language (merge says it in Vietnamese)
        raise CliError(tr("Chỉ máy của Sở (vai trò department) mới nhận và nhập gói đồng bộ.",
                          "Only the Department's installation (role department) receives and imports sync packages."))
    report = merge.merge_files(ctx.db, args.paths, dry_run=args.dry_run)
    if args.receipt:
        text = receipt_html(report) if args.receipt.suffix.lower() in (".html", ".htm") else receipt_text(report)
        keys.write_file(args.receipt, text)
    if args.json:
        _print_json(report.to_json())
    else:
        sys.stdout.write(receipt_text(report, cli.LANG))
    return EXIT_REJECTED if report.any_rejected else EXIT_OK


# ---- installations ------------------------------------------------------------------------------

def cmd_installations_list(args, ctx) -> int:
    ctx.installation()
    rows = merge.list_installations(ctx.db)
    if args.json:
        _print_json([{
            "fingerprint": r["fingerprint"], "unit": {"key": r["unit_key"], "code": r["unit_code"],
                                                       "name": r["unit_name"]},
            "status": r["status"], "packages_held": r["held"], "packages_imported": r["imported"],
            "missing_sequences": r["missing"], "missing_ranges": r["missing_ranges"],
            "missing_count": r["missing_count"], "units_claimed": r["units_claimed"],
            "installation_id": r["installation_id"], "official": r["official"],
            "first_seen": r["first_seen"], "last_received": r["last_received"]} for r in rows])
    else:
        for r in rows:
            missing = r["missing_ranges"]
            print(say("sync.installation_line", fp=r["fingerprint"], unit=r["unit_name"], code=r["unit_code"],
                      status=say(f"sync.status.{r['status']}"), held=r["held"], imported=r["imported"])
                  + (say("sync.missing", ranges_vi=merge.ranges_vi(missing), count=r["missing_count"],
                         ranges=", ".join(str(a) if a == b else f"{a}–{b}" for a, b in missing[:20])
                         + (" …" if len(missing) > 20 else "")) if missing else "")
                  + (f"  ⚠ {say('sync.units_claimed', n=r['units_claimed'])}" if r["units_claimed"] > 1 else ""))
    return EXIT_OK


def cmd_installations_confirm(args, ctx) -> int:
    ctx.installation()
    if args.unit and len(args.fingerprints) != 1:
        raise CliError("sync.unit_needs_one")
    items = [(args.fingerprints[0], args.unit)] if args.unit else args.fingerprints
    pairs = merge.resolve_pairs(ctx.db, items)  # checked before anything changes
    report = merge.confirm_installations(ctx.db, pairs)
    units = {r["unit_key"]: r for r in merge.list_installations(ctx.db)}
    for fp, unit_key in pairs:
        row = units.get(unit_key, {})
        print(say("sync.confirmed_one", fp=fp, unit=row.get("unit_name") or unit_key, code=row.get("unit_code") or ""))
    print(say("sync.confirmed_total", n=len(pairs), packages=len(report.packages)))
    for fp in dict.fromkeys(fp for fp, _u in pairs):
        waiting = [r for r in merge.list_installations(ctx.db) if r["fingerprint"] == fp and r["status"] == "pending"]
        for r in waiting:  # never confirmed along: said, so that nobody assumes it was
            print(say("sync.still_pending", fp=fp, unit=r["unit_name"], code=r["unit_code"],
                      claimed=say("sync.units_claimed", n=r["units_claimed"])))
    if report.packages:
        sys.stdout.write(receipt_text(report, cli.LANG))
    return EXIT_REJECTED if report.any_rejected else EXIT_OK


def cmd_installations_revoke(args, ctx) -> int:
    ctx.installation()
    merge.revoke_installation(ctx.db, args.fingerprint)
    print(say("sync.revoked", fp=keys.normalise_fingerprint(args.fingerprint)))
    return EXIT_OK


# ---- conflicts ----------------------------------------------------------------------------------

def cmd_conflicts_list(args, ctx) -> int:
    ctx.installation()
    rows = merge.list_conflicts(ctx.db, None if args.all else "open")
    if args.json:
        _print_json(rows)
    else:
        for c in rows:
            print(f"#{c['id']} {c['unit_name']} {c['table_name']} {c['record_uuid']}: "
                  + tr("ở Sở ", "here ") + json.dumps(c["current_data"], ensure_ascii=False) + " ↔ "
                  + tr("gửi đến ", "incoming ") + json.dumps(c["incoming_data"], ensure_ascii=False)
                  + f"  [{c['status']}]")
    return EXIT_OK


def cmd_conflicts_resolve(args, ctx) -> int:
    ctx.installation()
    for cid in args.ids:
        merge.resolve_conflict(ctx.db, cid, args.keep)
    print(tr(f"Đã xử lý {len(args.ids)} xung đột (giữ bản {'ở Sở' if args.keep == 'local' else 'gửi đến'}).",
             f"Resolved {len(args.ids)} conflicts (kept the {'local' if args.keep == 'local' else 'incoming'} "
             "version)."))
    return EXIT_OK


# ---- completeness -------------------------------------------------------------------------------

def cmd_completeness(args, ctx) -> int:
    ctx.installation()
    periods = [parse_period(p) for p in args.period]
    grid = completeness_mod.completeness(ctx.db, periods, district=args.district, agency=args.agency)
    if args.json:
        _print_json(grid.to_json())
        return EXIT_OK
    for p in grid.periods:
        totals = grid.totals(p)
        print(tr("Kỳ ", "Period ") + f"{p}: " + ", ".join(f"{label(completeness_mod.STATUS_LABELS_VI[s])} {format_int(n)}"
                                                         for s, n in totals.items()))
    for u in grid.units:
        cells = "  ".join(f"{label(completeness_mod.STATUS_LABELS_VI[grid.cell(u.key, p).status]) or '—':<13}"
                          for p in grid.periods)
        print(f"{u.code:<6} {u.name:<30} {cells}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help=tr("khóa ký và khóa mã hóa của đồng bộ", "the signing and encryption keys of sync"))
    ks = p.add_subparsers(dest="keys_command", required=True, metavar="KEYS_COMMAND")
    q = ks.add_parser("show", help=tr("mã nhận dạng của các khóa", "the keys' fingerprints"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_keys_show)
    q = ks.add_parser("export-public", help=tr("ghi khóa công khai (Sở: khóa age; xã/huyện: khóa ký minisign)",
                                               "write the public key (Department: the age key; commune/district: "
                                               "the minisign signing key)"))
    q.add_argument("--out", required=True, type=Path)
    q.add_argument("--signing", action="store_true", help=tr("ghi khóa ký minisign của máy này (cả ở máy Sở)",
                                                             "write this installation's minisign signing key "
                                                             "(also at the Department)"))
    q.set_defaults(func=cmd_keys_export_public)
    q = ks.add_parser("trust-department", help=tr("nhận khóa công khai của Sở từ tệp",
                                                  "take the Department's public key from a file"))
    q.add_argument("file", type=Path)
    q.set_defaults(func=cmd_keys_trust)
    q = ks.add_parser("add-recipient", help=tr("mã hóa các gói sau này cho thêm một khóa age (ví dụ khóa dự phòng "
                                               "của Sở)", "also encrypt later packages for one more age key (for "
                                               "example the Department's spare key)"))
    q.add_argument("file", type=Path)
    q.set_defaults(func=cmd_keys_add_recipient)
    q = ks.add_parser("export-identity", help=tr("ghi khóa bí mật của Sở thành tệp định danh age chuẩn",
                                                 "write the Department's secret key as a standard age identity file"))
    q.add_argument("--out", required=True, type=Path)
    q.set_defaults(func=cmd_keys_export_identity)
    q = ks.add_parser("export-receipt-identity",
                      help=tr("ghi khóa bí mật nhận biên nhận của máy này thành tệp định danh age chuẩn (age -d -i)",
                              "write this installation's secret key for receipts as a standard age identity file "
                              "(age -d -i)"))
    q.add_argument("--out", required=True, type=Path)
    q.set_defaults(func=cmd_keys_export_receipt_identity)
    q = ks.add_parser("backup", help=tr("sao lưu khóa bí mật của Sở, bảo vệ bằng mật khẩu (age scrypt)",
                                        "back up the Department's secret key, protected by a passphrase (age scrypt)"))
    q.add_argument("--out", required=True, type=Path)
    q.add_argument("--passphrase-file", type=Path)
    q.set_defaults(func=cmd_keys_backup)
    q = ks.add_parser("restore", help=tr("khôi phục khóa bí mật của Sở từ bản sao lưu",
                                         "restore the Department's secret key from a backup"))
    q.add_argument("file", type=Path)
    q.add_argument("--passphrase-file", type=Path)
    q.set_defaults(func=cmd_keys_restore)
    q = ks.add_parser("set-email", help=tr("địa chỉ thư điện tử nhận gói của Sở",
                                           "the Department's e-mail address for packages"))
    q.add_argument("email")
    q.set_defaults(func=cmd_keys_set_email)

    p = sub.add_parser("export", help=tr("xuất gói đồng bộ gửi Sở (in ra đường dẫn tệp)",
                                         "export a sync package for the Department (prints the file's path)"))
    p.add_argument("--out", required=True, type=Path, help=tr("thư mục (ví dụ ổ USB)", "folder (for example a USB drive)"))
    p.add_argument("--full", action="store_true", help=tr("gửi lại toàn bộ thay vì chỉ phần mới",
                                                          "send everything again instead of only what is new"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("exports", help=tr("các gói đã xuất", "the packages exported"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_exports)

    p = sub.add_parser("merge", help=tr("nhập các gói đồng bộ (tệp hoặc thư mục) vào cơ sở dữ liệu của Sở",
                                        "import sync packages (files or folders) into the Department's database"))
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--dry-run", action="store_true", help=tr("chỉ kiểm tra, không nhập", "only check, do not import"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--receipt", type=Path, help=tr("ghi biên nhận (.html để in, .txt)",
                                                   "write the receipt (.html to print, .txt; in Vietnamese)"))
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("installations", help=tr("các máy gửi gói: xem, xác nhận, thu hồi",
                                                "the installations sending packages: list, confirm, revoke"))
    ins = p.add_subparsers(dest="installations_command", required=True, metavar="INSTALLATIONS_COMMAND")
    q = ins.add_parser("list", help=tr("các máy gửi và gói còn thiếu", "the sending installations and missing packages"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_installations_list)
    q = ins.add_parser("confirm", help=tr("xác nhận máy gửi (sau khi đối chiếu mã qua điện thoại)",
                                          "confirm a sending installation (after comparing the fingerprint by phone)"))
    q.add_argument("fingerprints", nargs="+")
    q.add_argument("--unit", metavar=tr("MÃ[@NGÀY]", "CODE[@DATE]"),
                   help=tr("đơn vị được xác nhận cho máy này (mặc định: đơn vị máy gửi lần đầu)",
                           "the unit this installation is confirmed for (default: the unit it first sent for)"))
    q.set_defaults(func=cmd_installations_confirm)
    q = ins.add_parser("revoke", help=tr("thu hồi máy gửi: từ chối mọi gói sau này của nó",
                                         "revoke a sending installation: refuse all its later packages"))
    q.add_argument("fingerprint")
    q.set_defaults(func=cmd_installations_revoke)

    p = sub.add_parser("conflicts", help=tr("xung đột giữa các bản gửi đến", "conflicts between incoming versions"))
    cs = p.add_subparsers(dest="conflicts_command", required=True, metavar="CONFLICTS_COMMAND")
    q = cs.add_parser("list", help=tr("các xung đột chưa xử lý", "the open conflicts"))
    q.add_argument("--json", action="store_true")
    q.add_argument("--all", action="store_true", help=tr("cả các xung đột đã xử lý", "resolved conflicts too"))
    q.set_defaults(func=cmd_conflicts_list)
    q = cs.add_parser("resolve", help=tr("chọn bản giữ lại", "choose the version to keep"))
    q.add_argument("ids", nargs="+", type=int)
    q.add_argument("--keep", required=True, choices=["local", "incoming"])
    q.set_defaults(func=cmd_conflicts_resolve)

    p = sub.add_parser("completeness", help=tr("đơn vị nào đã báo cáo, kỳ nào", "which units reported, for which periods"))
    p.add_argument("--period", required=True, action="append", help=tr("kỳ (lặp lại để xem nhiều kỳ)",
                                                                       "period (repeat for several periods)"))
    p.add_argument("--district", help=tr("mã huyện", "district code"))
    p.add_argument("--agency", help=tr("cơ quan theo dõi (monitoring.csv)", "monitoring agency (monitoring.csv)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_completeness)

    from xhht_desktop.sync import returns_cli  # noqa: PLC0415 - the way back (issue 11)

    returns_cli.register(sub)
