"""CLI commands: backup, restore, backups, check, self-test (registered by xhht_desktop.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

from xhht_desktop import cli
from xhht_desktop import messages as M
from xhht_desktop.cli import tr
from xhht_desktop.maintenance import backup as bk

EXIT_OK, EXIT_REJECTED = 0, 1


def _fail(message: str) -> int:
    print(tr(f"Lỗi: {message}", f"Error: {message}"), file=sys.stderr)
    return EXIT_REJECTED


BACKUP_KINDS_EN = {"daily": "Daily", "migration": "Before upgrade", "restore": "Before restore"}
CHECKED_EN = {"số liệu": "figures", "dòng lịch sử": "history rows", "hoạt động TTHTCĐ": "learning-centre activities",
              "TTHTCĐ": "learning centres"}


def describe_en(info) -> str:
    """bk.DatabaseInfo.describe_vi in English."""
    unit = f"{info.unit_name} ({info.unit_code})" if info.unit_name else "no unit set up"
    last = bk._date_vi(info.last_change) if info.last_change else "none"
    return (f"Unit: {unit}\nFigures stored: {info.values_count}\nLast change: {last}\n"
            f"Schema version: {info.schema_version}")


def summary_en(report) -> str:
    """CheckReport.summary_vi in English."""
    looked = ", ".join(f"{n} {CHECKED_EN.get(label, label)}" for label, n in report.checked.items())
    if report.ok:
        return f"No problems found (checked {looked})."
    return f"Found {len(report.findings)} problems (checked {looked})."


def cmd_backup(args, ctx) -> int:
    """Copy the database (consistent even while the window has it open) to --out.

    A new file is created; an older XHHT backup there is replaced (and the output says so); any
    other existing file only with --force; the database's own files and folders never.
    """
    if not Path(ctx.db_path).is_file():
        return _fail(tr(f"Chưa có cơ sở dữ liệu ở «{ctx.db_path}».", f"There is no database at «{ctx.db_path}» yet."))
    try:
        was_backup = bk.is_xhht_backup(args.out)
        replaced = bk.check_backup_target(Path(ctx.db_path), args.out, force=args.force)
        out = bk.backup_database(ctx.db_path, args.out, force=args.force)
    except bk.BackupError as exc:
        return _fail(M.words(exc, cli.LANG))
    if replaced:
        print(tr(f"Đã thay bản sao lưu cũ «{out}».", f"Replaced the older backup «{out}».") if was_backup
              else tr(f"Đã ghi đè tệp «{out}» (--force).", f"Overwrote the file «{out}» (--force)."))
    print(tr(f"Đã sao lưu vào {out} ({out.stat().st_size:,} byte).".replace(",", "."),
             f"Backed up to {out} ({out.stat().st_size:,} bytes)."))
    return EXIT_OK


def cmd_restore(args, ctx) -> int:
    """Check FILE, keep the current database as a copy, then put FILE in its place."""
    from xhht_desktop.installation import open_app_database
    try:
        result = bk.restore_database(ctx.db_path, args.file, allow_other_unit=args.force)
    except bk.OtherUnitError as exc:
        return _fail(f"{M.words(exc, cli.LANG)}\n" + tr("Không có gì bị thay đổi.", "Nothing was changed."))
    except bk.BackupError as exc:
        return _fail(f"{M.words(exc, cli.LANG)}\n" + tr("Không có gì bị thay đổi.", "Nothing was changed."))
    if result.safety_copy:
        print(tr("Cơ sở dữ liệu trước khi khôi phục được giữ lại ở: ", "The database as it was before is kept at: ")
              + str(result.safety_copy))
    # Open it once now, so an older copy is migrated (after its own backup) and proven to open.
    db = open_app_database(ctx.db_path)
    db.conn.close()
    print(tr(f"Đã khôi phục từ {args.file}.\n{result.restored.describe_vi()}",
             f"Restored from {args.file}.\n{describe_en(result.restored)}"))
    return EXIT_OK


def cmd_backups(args, ctx) -> int:
    """List the copies kept beside the database."""
    copies = bk.list_backups(ctx.db_path)
    if not copies:
        print(tr(f"Chưa có bản sao lưu nào trong {bk.backup_dir(ctx.db_path)}.",
                 f"There are no backups in {bk.backup_dir(ctx.db_path)} yet."))
        return EXIT_OK
    for c in copies:
        kind = tr(c.kind_vi, BACKUP_KINDS_EN.get(c.kind, "Other"))
        print(f"{c.modified:%d/%m/%Y %H:%M}  {kind:<16} {c.size:>12,}  {c.path}".replace(",", "."))
    return EXIT_OK


def cmd_check(args, ctx) -> int:
    """SQLite's integrity and foreign-key checks plus the app's own rules; exit 1 on any finding."""
    from xhht_desktop.db.connection import open_database
    from xhht_desktop.maintenance.check import run_checks
    if not Path(ctx.db_path).is_file():
        return _fail(tr(f"Chưa có cơ sở dữ liệu ở «{ctx.db_path}».", f"There is no database at «{ctx.db_path}» yet."))
    db = open_database(ctx.db_path, migrate=False)
    try:
        report = run_checks(db)
    finally:
        db.conn.close()
    print(tr("Cơ sở dữ liệu: ", "Database: ") + str(ctx.db_path))
    for finding in report.findings:
        print(f"- {finding.words(cli.LANG)}")
    print(tr(report.summary_vi(), summary_en(report)))
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_self_test(args, ctx) -> int:
    """Start from nothing in a temporary folder: database, backup, one XLSX, one PDF, checks."""
    from xhht_desktop.maintenance.selftest import SelfTestFailed, run_self_test
    try:
        result = run_self_test(args.keep, log=lambda text: print(f"  {M.words(text, cli.LANG)}"))
    except SelfTestFailed as exc:
        return _fail(tr(f"Tự kiểm tra thất bại: {exc}", f"Self-test failed: {exc}"))
    print(tr(f"Tự kiểm tra: đạt ({result.seconds:.1f} giây).", f"Self-test: passed ({result.seconds:.1f} seconds)."))
    return EXIT_OK


def register(subparsers) -> None:
    """Add the maintenance commands to the main parser."""
    p = subparsers.add_parser("backup", help=tr("sao lưu cơ sở dữ liệu ra một tệp", "back up the database to a file"))
    p.add_argument("--out", required=True, type=Path,
                   help=tr("tệp sao lưu sẽ tạo (.sqlite3); một bản sao lưu XHHT cũ cùng tên được thay",
                           "the backup file to write (.sqlite3); an older XHHT backup of the same name is replaced"))
    p.add_argument("--force", action="store_true",
                   help=tr("đồng ý ghi đè cả khi tệp đã có không phải là bản sao lưu XHHT",
                           "overwrite even a file that is not an XHHT backup"))
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser("restore", help=tr("khôi phục từ một tệp sao lưu (giữ lại bản hiện tại)",
                                                 "restore from a backup file (the current database is kept)"))
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true",
                   help=tr("đồng ý khôi phục cả khi bản sao lưu thuộc đơn vị khác",
                           "restore even a backup of another unit"))
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser("backups", help=tr("liệt kê các bản sao lưu tự động", "list the automatic backups"))
    p.set_defaults(func=cmd_backups)

    p = subparsers.add_parser("check", help=tr("kiểm tra toàn vẹn và tính nhất quán của dữ liệu",
                                               "check the data's integrity and consistency"))
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("self-test", help=tr("tự kiểm tra bản cài (cơ sở dữ liệu tạm, một PDF, một XLSX)",
                                                   "test this installation (a temporary database, one PDF, one XLSX)"))
    p.add_argument("--keep", type=Path, default=None, help=tr("giữ các tệp tạo ra trong thư mục này",
                                                              "keep the files made in this folder"))
    p.set_defaults(func=cmd_self_test)
