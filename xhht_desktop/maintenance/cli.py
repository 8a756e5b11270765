"""CLI commands: backup, restore, backups, check, self-test (registered by xhht_desktop.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

from xhht_desktop.maintenance import backup as bk

EXIT_OK, EXIT_REJECTED = 0, 1


def _fail(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return EXIT_REJECTED


def cmd_backup(args, ctx) -> int:
    """Copy the database (consistent even while the window has it open) to --out.

    A new file is created; an older XHHT backup there is replaced (and the output says so); any
    other existing file only with --force; the database's own files and folders never.
    """
    if not Path(ctx.db_path).is_file():
        return _fail(f"Chưa có cơ sở dữ liệu ở «{ctx.db_path}».")
    try:
        was_backup = bk.is_xhht_backup(args.out)
        replaced = bk.check_backup_target(Path(ctx.db_path), args.out, force=args.force)
        out = bk.backup_database(ctx.db_path, args.out, force=args.force)
    except bk.BackupError as exc:
        return _fail(str(exc))
    if replaced:
        print(f"Đã thay bản sao lưu cũ «{out}»." if was_backup else f"Đã ghi đè tệp «{out}» (--force).")
    print(f"Đã sao lưu vào {out} ({out.stat().st_size:,} byte).".replace(",", "."))
    return EXIT_OK


def cmd_restore(args, ctx) -> int:
    """Check FILE, keep the current database as a copy, then put FILE in its place."""
    from xhht_desktop.installation import open_app_database
    try:
        result = bk.restore_database(ctx.db_path, args.file, allow_other_unit=args.force)
    except bk.OtherUnitError as exc:
        return _fail(f"{exc}\nKhông có gì bị thay đổi.")
    except bk.BackupError as exc:
        return _fail(f"{exc}\nKhông có gì bị thay đổi.")
    if result.safety_copy:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ lại ở: {result.safety_copy}")
    # Open it once now, so an older copy is migrated (after its own backup) and proven to open.
    db = open_app_database(ctx.db_path)
    db.conn.close()
    print(f"Đã khôi phục từ {args.file}.\n{result.restored.describe_vi()}")
    return EXIT_OK


def cmd_backups(args, ctx) -> int:
    """List the copies kept beside the database."""
    copies = bk.list_backups(ctx.db_path)
    if not copies:
        print(f"Chưa có bản sao lưu nào trong {bk.backup_dir(ctx.db_path)}.")
        return EXIT_OK
    for c in copies:
        print(f"{c.modified:%d/%m/%Y %H:%M}  {c.kind_vi:<16} {c.size:>12,}  {c.path}".replace(",", "."))
    return EXIT_OK


def cmd_check(args, ctx) -> int:
    """SQLite's integrity and foreign-key checks plus the app's own rules; exit 1 on any finding."""
    from xhht_desktop.db.connection import open_database
    from xhht_desktop.maintenance.check import run_checks
    if not Path(ctx.db_path).is_file():
        return _fail(f"Chưa có cơ sở dữ liệu ở «{ctx.db_path}».")
    db = open_database(ctx.db_path, migrate=False)
    try:
        report = run_checks(db)
    finally:
        db.conn.close()
    print(f"Cơ sở dữ liệu: {ctx.db_path}")
    for finding in report.findings:
        print(f"- {finding.text()}")
    print(report.summary_vi())
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_self_test(args, ctx) -> int:
    """Start from nothing in a temporary folder: database, backup, one XLSX, one PDF, checks."""
    from xhht_desktop.maintenance.selftest import SelfTestFailed, run_self_test
    try:
        result = run_self_test(args.keep, log=lambda text: print(f"  {text}"))
    except SelfTestFailed as exc:
        return _fail(f"Tự kiểm tra thất bại: {exc}")
    print(f"Tự kiểm tra: đạt ({result.seconds:.1f} giây).")
    return EXIT_OK


def register(subparsers) -> None:
    """Add the maintenance commands to the main parser."""
    p = subparsers.add_parser("backup", help="sao lưu cơ sở dữ liệu ra một tệp")
    p.add_argument("--out", required=True, type=Path,
                   help="tệp sao lưu sẽ tạo (.sqlite3); một bản sao lưu XHHT cũ cùng tên được thay")
    p.add_argument("--force", action="store_true",
                   help="đồng ý ghi đè cả khi tệp đã có không phải là bản sao lưu XHHT")
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser("restore", help="khôi phục từ một tệp sao lưu (giữ lại bản hiện tại)")
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true",
                   help="đồng ý khôi phục cả khi bản sao lưu thuộc đơn vị khác")
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser("backups", help="liệt kê các bản sao lưu tự động")
    p.set_defaults(func=cmd_backups)

    p = subparsers.add_parser("check", help="kiểm tra toàn vẹn và tính nhất quán của dữ liệu")
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("self-test", help="tự kiểm tra bản cài (cơ sở dữ liệu tạm, một PDF, một XLSX)")
    p.add_argument("--keep", type=Path, default=None, help="giữ các tệp tạo ra trong thư mục này")
    p.set_defaults(func=cmd_self_test)
