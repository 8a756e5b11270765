"""Storage failures (full disk, read-only files) explained in Vietnamese, and durable file writes.

SQLite and the OS report these in English ("database or disk is full", "attempt to write a
readonly database", ENOSPC …); a commune official needs to know what happened and that nothing
already saved was lost.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

DISK_FULL = ("Ổ đĩa đã đầy (hết chỗ trống): chưa ghi được gì, dữ liệu đã lưu trước đó không bị thay đổi. "
             "Hãy giải phóng dung lượng hoặc chọn nơi lưu khác rồi thử lại.")
READ_ONLY = ("Tệp hoặc thư mục {where}chỉ đọc (không có quyền ghi): chưa ghi được gì, dữ liệu đã lưu trước đó "
             "không bị thay đổi. Hãy chọn nơi lưu khác hoặc nhờ cán bộ tin học cấp quyền ghi.")
IO_ERROR = ("Lỗi đọc/ghi ổ đĩa{where}: chưa ghi được gì. Kiểm tra ổ đĩa hoặc thẻ nhớ (USB) rồi thử lại.")


def _where(path: str | os.PathLike | None) -> str:
    return f"«{path}» " if path else ""


def explain_storage_error(exc: BaseException, path: str | os.PathLike | None = None) -> str | None:
    """A Vietnamese message for a full disk / read-only / I/O failure, or None if `exc` is not one."""
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return DISK_FULL
        if "readonly" in text or "read-only" in text:
            return READ_ONLY.format(where=_where(path))
        if "disk i/o error" in text or "unable to open database" in text:
            if path is not None and _nearly_full(path):
                return DISK_FULL
            return IO_ERROR.format(where=f" «{path}»" if path else "")
        return None
    if isinstance(exc, OSError):
        target = path or exc.filename
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
            return DISK_FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READ_ONLY.format(where=_where(target))
        if exc.errno == errno.EIO:
            return IO_ERROR.format(where=f" «{target}»" if target else "")
    return None


def _nearly_full(path: str | os.PathLike) -> bool:
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder if folder.is_dir() else folder.parent).free < 1024 * 1024
    except OSError:
        return False


def fsync_directory(folder: str | os.PathLike) -> None:
    """Make a rename inside `folder` survive a power cut (POSIX; a no-op on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(dest: str | os.PathLike, write: Callable[[str], None], *, suffix: str = ".tmp") -> Path:
    """Write a file through `write(temp_path)`, fsync it, then rename it over `dest`.

    A crash or power cut leaves either the old file or the complete new one, never a partial one.
    The temp file is removed on failure.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.stem}.", suffix=suffix, dir=dest.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
        fsync_directory(dest.parent)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return dest
