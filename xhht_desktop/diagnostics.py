"""Diagnostics without Qt: the rotating log, faulthandler beside it, and the error hooks.

Everything goes to the per-user data folder's `logs/` (xhht_desktop.paths.user_data_dir):

    logs/xhht.log        the log of the window and of the command line (1 MB, 3 older files kept)
    logs/xhht.log.1 …    the older ones
    logs/crash.log       faulthandler's traceback of a hard crash (kept open for the process's life)

The windowed Windows build has `sys.stderr` and `sys.stdout` set to None: nothing here writes to
them unless they exist, and a hook never raises. The Qt layer (ui.app, ui.dialogs.error_report)
adds the dialog and Qt's own messages on top of `install_error_hooks`.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import platform
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from xhht_desktop import APP_NAME, __version__

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "xhht.log"
CRASH_FILE_NAME = "crash.log"
LOG_MAX_BYTES = 1024 * 1024
LOG_BACKUP_COUNT = 3
# A crash file larger than this at start is moved aside (crash.log.1) so it never grows for ever.
CRASH_MAX_BYTES = 256 * 1024
LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

log = logging.getLogger("xhht")


def logs_dir() -> Path:
    """The per-user data folder's logs/ (XHHT_DATA_DIR moves it, as it does the data folder)."""
    from xhht_desktop.paths import user_data_dir

    return user_data_dir() / LOG_DIR_NAME


class _SharedRotatingFileHandler(logging.FileHandler):
    """logging.handlers.RotatingFileHandler's rotation (by size, `backup_count` older files kept:
    xhht.log.1 the newest), which survives a rotation refused by Windows.

    The window and the command line may write the same file; on Windows a file open in another
    process cannot be renamed, so the rotation fails. Then the record is still written to the
    current file and rotation is tried again a minute later (never an error per record).

    A FileHandler doing the rotation itself, the standard library's way, rather than a subclass of
    RotatingFileHandler: importing logging.handlers (socket, pickle, queue) cost 5 ms of every start
    of the window and of every command.
    """

    retry_after_seconds = 60.0
    rotator = None  # as RotatingFileHandler's: called with (source, dest) instead of os.rename

    def __init__(self, filename, max_bytes: int, backup_count: int, encoding: str = "utf-8"):
        super().__init__(filename, mode="a", encoding=encoding)
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        self._rotation_refused_at: float | None = None

    def emit(self, record) -> None:
        try:
            if self.should_rotate(record):
                self.rotate_files()
            super().emit(record)
        except Exception:  # noqa: BLE001 - logging's rule: a failing handler never raises
            self.handleError(record)

    def should_rotate(self, record) -> bool:
        if self._rotation_refused_at is not None \
                and time.monotonic() - self._rotation_refused_at < self.retry_after_seconds:
            return False
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0:
            return False
        pos = self.stream.tell()
        if not pos or pos + len(f"{self.format(record)}\n") < self.max_bytes:
            return False
        return not os.path.exists(self.baseFilename) or os.path.isfile(self.baseFilename)

    def rotate_files(self) -> None:
        """xhht.log.N-1 -> .N, …, xhht.log -> .1, then a new xhht.log (RotatingFileHandler.doRollover)."""
        if self.stream:
            self.stream.close()
            self.stream = None
        try:
            for i in range(self.backup_count - 1, 0, -1):
                older, newer = f"{self.baseFilename}.{i}", f"{self.baseFilename}.{i + 1}"
                if os.path.exists(older):
                    if os.path.exists(newer):
                        os.remove(newer)
                    os.rename(older, newer)
            if self.backup_count > 0:
                first = f"{self.baseFilename}.1"
                if os.path.exists(first):
                    os.remove(first)
                if callable(self.rotator):
                    self.rotator(self.baseFilename, first)
                elif os.path.exists(self.baseFilename):
                    os.rename(self.baseFilename, first)
            self._rotation_refused_at = None
        except OSError:
            self._rotation_refused_at = time.monotonic()
        if self.stream is None:
            self.stream = self._open()


class _State:
    folder: Path | None = None
    handler: logging.Handler | None = None
    crash_file = None  # the open file faulthandler writes to
    faulthandler_was_enabled = False
    kind: str = ""


def setup_logging(kind: str, folder: str | os.PathLike | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send the log (root logger) to `folder`/xhht.log and enable faulthandler into crash.log.

    `kind` ("gui", "cli") is written in the first line. Calling it again with the same folder does
    nothing; with another folder (tests) it moves both files there. Returns the log file, or None
    when the folder cannot be written (the application then runs without a log: never fails).
    """
    folder = Path(folder) if folder is not None else logs_dir()
    if _State.folder == folder and _State.handler is not None:
        return folder / LOG_FILE_NAME
    shutdown_logging()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _SharedRotatingFileHandler(folder / LOG_FILE_NAME, max_bytes=LOG_MAX_BYTES,
                                             backup_count=LOG_BACKUP_COUNT, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(level)
    # On the root logger, so Qt's messages ("qt"), Python's warnings ("py.warnings") and any
    # library's warnings land here too; our own loggers ("xhht.…") log from INFO up.
    logging.getLogger().addHandler(handler)
    log.setLevel(level)
    logging.captureWarnings(True)
    _State.folder, _State.handler, _State.kind = folder, handler, kind
    _enable_faulthandler(folder)
    # platform.system/release/machine, not platform.platform(): on Linux that one reads the
    # interpreter's binary to find the C library's version (5.5 ms of every start, before the
    # window's first paint). The error report (environment_lines) still gives it in full.
    log.info("%s %s (%s) started: %s %s (%s); Python %s; %s", APP_NAME, __version__, kind, platform.system(),
             platform.release(), platform.machine(), platform.python_version(),
             "frozen" if getattr(sys, "frozen", False) else "source")
    return folder / LOG_FILE_NAME


def _enable_faulthandler(folder: Path) -> None:
    """faulthandler into crash.log — unless it already reports to a console someone watches
    (`python -X faulthandler`, pytest): the windowed build has no console, so it always gets it."""
    if faulthandler.is_enabled() and sys.stderr is not None and _State.crash_file is None:
        return
    _State.faulthandler_was_enabled = faulthandler.is_enabled()
    path = folder / CRASH_FILE_NAME
    try:
        if path.exists() and path.stat().st_size > CRASH_MAX_BYTES:
            os.replace(path, path.with_name(CRASH_FILE_NAME + ".1"))
        # Kept open until the process ends: faulthandler writes with the raw file descriptor when
        # the interpreter can no longer be trusted.
        crash = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        faulthandler.enable(file=crash, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        return
    _State.crash_file = crash


def shutdown_logging() -> None:
    """Remove the handler and close the files (tests; a normal process just ends)."""
    if _State.handler is not None:
        logging.getLogger().removeHandler(_State.handler)
        _State.handler.close()
    if _State.crash_file is not None:
        faulthandler.disable()
        _State.crash_file.close()
        if _State.faulthandler_was_enabled and sys.__stderr__ is not None:
            try:  # give it back to the console it reported to before (as near as can be)
                faulthandler.enable(file=sys.__stderr__, all_threads=True)
            except (OSError, ValueError, RuntimeError, AttributeError):
                pass
    _State.folder = _State.handler = _State.crash_file = None


def crash_file() -> Path | None:
    """The file faulthandler writes to, or None when it reports elsewhere (see _enable_faulthandler)."""
    return Path(_State.crash_file.name) if _State.crash_file is not None else None


def log_file() -> Path | None:
    """The log file in use, or None when there is none."""
    return _State.folder / LOG_FILE_NAME if _State.folder is not None and _State.handler is not None else None


def last_log_lines(count: int = 40, path: str | os.PathLike | None = None) -> list[str]:
    """The last `count` lines of the log (what "Sao chép thông tin lỗi" adds to the report)."""
    path = Path(path) if path is not None else log_file()
    if path is None:
        return []
    if _State.handler is not None:
        _State.handler.flush()
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 64 * 1024))
            data = fh.read()
    except OSError:
        return []
    return data.decode("utf-8", "replace").splitlines()[-count:]


def environment_lines(extra: dict[str, str] | None = None) -> list[str]:
    """Version, OS, Python (and whatever the caller adds: the Qt versions) — one line each."""
    lines = [
        f"{APP_NAME} {__version__}",
        f"Hệ điều hành: {platform.platform()} ({platform.machine()})",
        f"Python: {platform.python_version()} ({'bản đóng gói' if getattr(sys, 'frozen', False) else 'mã nguồn'})",
    ]
    lines += [f"{name}: {value}" for name, value in (extra or {}).items()]
    folder = _State.folder
    lines.append(f"Thư mục nhật ký: {folder if folder is not None else '(không có)'}")
    return lines


def error_report(error_text: str, *, extra: dict[str, str] | None = None, log_lines: int = 40) -> str:
    """The text "Sao chép thông tin lỗi" puts on the clipboard: environment, the error, the log's end."""
    parts = [*environment_lines(extra), f"Thời điểm: {time.strftime('%Y-%m-%d %H:%M:%S %z')}", "",
             "Lỗi:", error_text.rstrip(), ""]
    tail = last_log_lines(log_lines)
    if tail:
        parts += [f"{len(tail)} dòng cuối của nhật ký:", *tail]
    return "\n".join(parts) + "\n"


# ---- error hooks ---------------------------------------------------------------------------------

def write_stderr(text: str) -> None:
    """Write to stderr when there is one (None in the windowed build); never raises."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text)
        stream.flush()
    except Exception:  # noqa: BLE001 - a closed or broken stream must not hide the error
        pass


ShowFn = Callable[[str], None]


class ErrorHooks:
    """sys.excepthook and threading.excepthook that log the traceback, write it to stderr when there
    is one, and call `show(text)` (the UI's dialog). Never raise, whatever stderr is.

    A hook installed before (not Python's default), e.g. a test harness's, is still called after.
    """

    def __init__(self, show: ShowFn | None = None):
        self.show = show
        self.previous_sys = None
        self.previous_threading = None
        self.installed = False

    def install(self) -> ErrorHooks:
        if not self.installed:
            self.previous_sys = sys.excepthook
            self.previous_threading = threading.excepthook
            sys.excepthook = self.sys_hook
            threading.excepthook = self.threading_hook
            self.installed = True
        return self

    def uninstall(self) -> None:
        if self.installed:
            if sys.excepthook == self.sys_hook:
                sys.excepthook = self.previous_sys
            if threading.excepthook == self.threading_hook:
                threading.excepthook = self.previous_threading
            self.installed = False

    def handle(self, exc_type, exc, tb, *, where: str = "", show: bool = True) -> str:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            log.critical("Unhandled exception%s:\n%s", f" in thread {where}" if where else "", text.rstrip())
        except Exception:  # noqa: BLE001
            pass
        write_stderr(text)
        if show and self.show is not None and not issubclass(exc_type, KeyboardInterrupt):
            try:
                self.show(text)
            except Exception:  # noqa: BLE001 - the hook itself must never raise
                try:
                    log.exception("The error dialog could not be shown")
                except Exception:  # noqa: BLE001
                    pass
        return text

    def sys_hook(self, exc_type, exc, tb) -> None:
        self.handle(exc_type, exc, tb)
        previous = self.previous_sys
        if previous not in (None, sys.__excepthook__, self.sys_hook):
            try:
                previous(exc_type, exc, tb)
            except Exception:  # noqa: BLE001
                pass

    def threading_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, where=name)
        previous = self.previous_threading
        if previous not in (None, threading.__excepthook__, self.threading_hook):
            try:
                previous(args)
            except Exception:  # noqa: BLE001
                pass


def install_error_hooks(show: ShowFn | None = None) -> ErrorHooks:
    """Install the hooks (the CLI: show=None, the message goes to stderr and the log)."""
    return ErrorHooks(show).install()


# The bundle's own checks: run on a build machine as a fresh user, they write nothing there.
UNLOGGED_COMMANDS = {"self-test"}


def run_cli(argv: list[str] | None = None) -> int:
    """The command line with the log: `xhht COMMAND …` and `xhht-cli` start here.

    The command's name and exit code go to the log (never its arguments: a path may be private).
    An unexpected exception is logged with its traceback, which is also printed (as Python would),
    followed by a Vietnamese line saying where the log is; the exit code is then 1.
    """
    from xhht_desktop.cli import main as cli_main

    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_name(argv)
    if command in UNLOGGED_COMMANDS or any(a in ("--version", "--help", "-h") for a in argv):
        return cli_main(argv)  # they must leave the user's data folder untouched (tools/build.py)
    path = setup_logging("cli")
    hooks = install_error_hooks()
    code: object = 1
    stderr = sys.stderr
    if stderr is not None:
        sys.stderr = _StderrToLog(stderr)
    try:
        code = cli_main(argv)
        return code
    except SystemExit as exc:  # argparse: --help, a usage error
        code = exc.code
        raise
    except Exception as exc:  # noqa: BLE001 - logged and explained, never a bare traceback only
        hooks.handle(type(exc), exc, exc.__traceback__)
        write_stderr(f"Lỗi không mong muốn: {exc}. Chi tiết đã ghi vào nhật ký: {path or '(không có)'}\n")
        code = 1
        return 1
    finally:
        if isinstance(sys.stderr, _StderrToLog):
            sys.stderr.flush_line()
            sys.stderr = stderr
        log.info("cli %s: exit %s", command, code)
        hooks.uninstall()


def _command_name(argv: list[str]) -> str:
    args = list(argv)
    while args:
        head = args.pop(0)
        if head == "--db":
            if args:
                args.pop(0)
            continue
        if not head.startswith("-"):
            return head
    return "-"


class _StderrToLog:
    """stderr as it was, and each line written to it also logged ("Lỗi: …" the official saw)."""

    def __init__(self, stream):
        self._stream = stream
        self._line = ""

    def write(self, text: str) -> int:
        result = self._stream.write(text)
        self._line += text
        while "\n" in self._line:
            line, self._line = self._line.split("\n", 1)
            if line.strip():
                logging.getLogger("xhht.cli").warning("%s", line)
        return result

    def flush_line(self) -> None:
        if self._line.strip():
            logging.getLogger("xhht.cli").warning("%s", self._line)
        self._line = ""

    def __getattr__(self, name):
        return getattr(self._stream, name)
