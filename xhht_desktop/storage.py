"""Storage failures (full disk, read-only files, a file held open) explained in Vietnamese, and the
one function every user-facing file is written through (write_atomically).

SQLite and the OS report these in English ("database or disk is full", "attempt to write a
readonly database", ENOSPC …); a commune official needs to know what happened and that nothing
already saved was lost.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from xhht_desktop.messages import TEMPLATES, Text

# The Vietnamese sentences (their codes and English in xhht_desktop/messages.py, "storage.*").
DISK_FULL = TEMPLATES["storage.disk_full"]["vi"]
READ_ONLY = TEMPLATES["storage.read_only"]["vi"]
IO_ERROR = TEMPLATES["storage.io_error"]["vi"]


def _where(path: str | os.PathLike | None) -> str:
    return f"«{path}» " if path else ""


def _kept(path: str | os.PathLike | None) -> Text:
    return Text("storage.kept", path=str(path)) if path else Text("storage.kept_no_path")


def explain_storage_error(exc: BaseException, path: str | os.PathLike | None = None) -> str | None:
    """A message for a full disk / read-only / I/O failure, or None if `exc` is not one: a coded
    Text (xhht_desktop/messages.py), its str() the Vietnamese sentence."""
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return Text("storage.disk_full")
        if "readonly" in text or "read-only" in text:
            return Text("storage.read_only", where=_where(path))
        if "disk i/o error" in text or "unable to open database" in text:
            if path is not None and _nearly_full(path):
                return Text("storage.disk_full")
            return Text("storage.io_error", where=f" «{path}»" if path else "")
        return None
    if isinstance(exc, StorageError):
        return describe(exc.code, path or exc.path, exc.cause)
    if isinstance(exc, OSError):
        target = path or exc.filename
        if _winerror(exc) in (WINERROR_SHARING_VIOLATION, WINERROR_LOCK_VIOLATION):
            return Text("storage.file_in_use", where=_kept(target))
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
            return Text("storage.disk_full")
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return Text("storage.read_only", where=_where(target))
        if exc.errno == errno.EIO:
            return Text("storage.io_error", where=f" «{target}»" if target else "")
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


# --------------------------------------------------------------------------------------------------
# One way to write every user-facing file (reports, templates, exports, packages, keys, receipts,
# backups): a temp file in the same folder, fsync, then os.replace — retried briefly, because on
# Windows a file another program holds open (Excel, a PDF reader, our own preview) or that an
# antivirus is scanning cannot be replaced for a moment.

FILE_IN_USE = TEMPLATES["storage.file_in_use"]["vi"]
WRITE_FAILED = TEMPLATES["storage.write_failed"]["vi"]

# Error codes of StorageError; the UI and the CLI turn them into words (explain_storage_error).
CODE_FILE_IN_USE = "file_in_use"
CODE_READ_ONLY = "read_only"
CODE_DISK_FULL = "disk_full"
CODE_IO_ERROR = "io_error"
CODE_FAILED = "failed"

# Windows: ERROR_ACCESS_DENIED (what MoveFileEx reports when the target is held open without
# FILE_SHARE_DELETE), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
WINERROR_ACCESS_DENIED = 5
WINERROR_SHARING_VIOLATION = 32
WINERROR_LOCK_VIOLATION = 33
_TRANSIENT_WINERRORS = {WINERROR_ACCESS_DENIED, WINERROR_SHARING_VIOLATION, WINERROR_LOCK_VIOLATION}

# How long a replace (or the temp file's fsync/removal) is retried: about 1.5 s in all.
RETRY_SECONDS = 1.5
RETRY_FIRST_DELAY = 0.05
RETRY_MAX_DELAY = 0.4


class StorageError(OSError):
    """A file could not be written. `code` is one of CODE_*; `path` is the file meant.

    It is an OSError (errno/strerror/filename of the cause) so existing `except OSError` handlers
    keep working; str() is the Vietnamese explanation, `coded` the same as a coded Text (the UI and
    the CLI's --lang word it with xhht_desktop/messages.words).
    """

    def __init__(self, code: str, path: str | os.PathLike, cause: BaseException | None = None,
                 attempts: int = 1):
        errno_ = getattr(cause, "errno", None)
        super().__init__(errno_, getattr(cause, "strerror", None) or str(cause or code), str(path))
        self.code = code
        self.path = Path(path)
        self.cause = cause
        self.attempts = attempts

    def __str__(self) -> str:
        return describe(self.code, self.path, self.cause)

    @property
    def coded(self) -> Text:
        return describe(self.code, self.path, self.cause)

    def __reduce__(self):  # picklable (a worker's exception may travel)
        return (type(self), (self.code, str(self.path), self.cause, self.attempts))


def describe(code: str, path: str | os.PathLike | None, cause: BaseException | None = None) -> str:
    """The sentence for a StorageError code: a coded Text, Vietnamese as a str."""
    if code == CODE_FILE_IN_USE:
        return Text("storage.file_in_use", where=_kept(path))
    if code == CODE_READ_ONLY:
        return Text("storage.read_only", where=_where(path))
    if code == CODE_DISK_FULL:
        return Text("storage.disk_full")
    if code == CODE_IO_ERROR:
        return Text("storage.io_error", where=f" «{path}»" if path else "")
    error = getattr(cause, "strerror", None) or cause or code
    return Text("storage.write_failed", where=_where(path), error=str(error))


def _winerror(exc: BaseException) -> int | None:
    return getattr(exc, "winerror", None)


def is_sharing_violation(exc: BaseException) -> bool:
    """A failure that another process holding the file (or scanning it) explains: retry, then say
    "đang mở trong chương trình khác"."""
    if not isinstance(exc, PermissionError):
        return False
    winerror = _winerror(exc)
    if winerror is not None:
        return winerror in _TRANSIENT_WINERRORS
    return os.name == "nt"


def _is_read_only_file(path: Path) -> bool:
    """The file itself is marked read-only (Windows attribute, or no write permission)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    # Windows reports the read-only attribute as a mode without write bits (and in
    # st_file_attributes); elsewhere the owner's write bit is what a user set.
    if getattr(st, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_READONLY", 0):
        return True
    return not st.st_mode & stat.S_IWUSR


def classify_os_error(exc: BaseException, dest: str | os.PathLike | None = None, *,
                      folder_writable: bool = False) -> str:
    """The StorageError code for `exc` met while writing `dest`.

    `folder_writable` is True once a temp file was made in dest's folder: then an access error on
    the final rename means the file is held open elsewhere, unless the file itself is read-only.
    """
    if isinstance(exc, StorageError):
        return exc.code
    if not isinstance(exc, OSError):
        return CODE_FAILED
    winerror = _winerror(exc)
    if winerror in (WINERROR_SHARING_VIOLATION, WINERROR_LOCK_VIOLATION):
        return CODE_FILE_IN_USE
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return CODE_DISK_FULL
    if exc.errno == errno.EROFS:
        return CODE_READ_ONLY
    if exc.errno in (errno.EACCES, errno.EPERM) or winerror == WINERROR_ACCESS_DENIED:
        if dest is not None and _is_read_only_file(Path(dest)):
            return CODE_READ_ONLY
        if folder_writable and (winerror is not None or os.name == "nt"):
            return CODE_FILE_IN_USE
        return CODE_READ_ONLY
    if exc.errno == errno.EIO:
        return CODE_IO_ERROR
    return CODE_FAILED


def retry_transient(op: Callable[[], object], *, sleep: Callable[[float], None] | None = None,
                    clock: Callable[[], float] | None = None, seconds: float | None = None,
                    should_retry: Callable[[OSError], bool] = is_sharing_violation):
    """Run `op`, retrying it while it fails with a sharing violation, for about `seconds`
    (RETRY_SECONDS), waiting 50, 100, 200, 400, 400 … ms in between.

    Returns (result, attempts). The last failure is raised as it came, with `attempts` set on it.
    """
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    budget = RETRY_SECONDS if seconds is None else seconds
    deadline = clock() + budget
    delay = RETRY_FIRST_DELAY
    attempts = 0
    while True:
        attempts += 1
        try:
            return op(), attempts
        except OSError as exc:
            if not should_retry(exc) or clock() + delay > deadline:
                exc.attempts = attempts  # type: ignore[attr-defined]
                raise
        sleep(delay)
        delay = min(delay * 2, RETRY_MAX_DELAY)


def replace_file(src: str | os.PathLike, dest: str | os.PathLike, *, sleep=None, clock=None) -> None:
    """os.replace(src, dest), retried briefly on a sharing violation; StorageError when it fails.

    `src` is left where it is on failure (the caller removes its own temp file).
    """
    try:
        # A file marked read-only is refused at once: waiting would not change it.
        retry_transient(lambda: _replace(src, dest), sleep=sleep, clock=clock,
                        should_retry=lambda exc: is_sharing_violation(exc) and not _is_read_only_file(Path(dest)))
    except OSError as exc:
        raise StorageError(classify_os_error(exc, dest, folder_writable=True), dest, exc,
                           getattr(exc, "attempts", 1)) from exc


def _remove_quietly(path: str, *, sleep=None, clock=None) -> None:
    """Remove a temp file; an antivirus holding it is waited for briefly."""
    try:
        retry_transient(lambda: os.unlink(path), sleep=sleep, clock=clock)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # nothing more can be done; never hide the original error


def _fsync_path(path: str) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _replace(src, dest) -> None:
    """os.replace, looked up at each call (tests simulate Windows's refusals on any platform)."""
    os.replace(src, dest)


def write_atomically(dest: str | os.PathLike, write: Callable[[str], None], *, suffix: str = ".tmp",
                     mode: int = 0o644, sleep: Callable[[float], None] | None = None,
                     clock: Callable[[], float] | None = None) -> Path:
    """Write a file through `write(temp_path)`, fsync it, then rename it over `dest`.

    The one way every user-facing file is written. A crash or power cut leaves either the old file
    or the complete new one, never a partial one; the temp file is never left behind. A failure is
    raised as StorageError (code CODE_*): a destination held open by another program, after about
    1.5 s of retries, is CODE_FILE_IN_USE — never "read-only". An exception raised by `write`
    itself that is not an OSError (a bug, a cancel) passes through unchanged.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.stem}.", suffix=suffix, dir=dest.parent)
        os.close(fd)
    except OSError as exc:
        raise StorageError(classify_os_error(exc, dest), dest, exc) from exc
    try:
        write(tmp)
        retry_transient(lambda: _fsync_path(tmp), sleep=sleep, clock=clock)
        os.chmod(tmp, mode)
        replace_file(tmp, dest, sleep=sleep, clock=clock)
        fsync_directory(dest.parent)
    except StorageError:
        _remove_quietly(tmp, sleep=sleep, clock=clock)
        raise
    except OSError as exc:
        _remove_quietly(tmp, sleep=sleep, clock=clock)
        raise StorageError(classify_os_error(exc, dest, folder_writable=True), dest, exc) from exc
    except BaseException:
        _remove_quietly(tmp, sleep=sleep, clock=clock)
        raise
    return dest


def write_bytes_atomically(dest: str | os.PathLike, data: bytes | str, *, mode: int = 0o644,
                           suffix: str = ".tmp", sleep=None, clock=None) -> Path:
    """write_atomically for data already in memory (str is written as UTF-8)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data

    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(payload)

    return write_atomically(dest, write, suffix=suffix, mode=mode, sleep=sleep, clock=clock)


def copy_file_atomically(src: str | os.PathLike, dest: str | os.PathLike, *,
                         progress: Callable[[int, int], None] | None = None,
                         sleep=None, clock=None) -> Path:
    """"Lưu thành…": copy `src` to `dest` through write_atomically (in 1 MB pieces, `progress(done,
    total)` after each, which may raise to cancel). Copying a file onto itself does nothing."""
    src, dest = Path(src), Path(dest)
    if dest.exists() and os.path.samefile(src, dest):
        return dest
    total = src.stat().st_size

    def write(tmp: str) -> None:
        done = 0
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            while chunk := fin.read(1024 * 1024):
                fout.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)

    return write_atomically(dest, write, suffix=dest.suffix or ".tmp", sleep=sleep, clock=clock)
