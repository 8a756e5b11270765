"""Full disks and read-only files: what the official sees, and that nothing is damaged.

Each scenario runs the app's command line (the headless face of the same core functions the
window calls) in a child process against:
- a real full file system: a small tmpfs mounted for the purpose (we run as root), filled to the
  last byte; where mounting is not allowed, `PRAGMA max_page_count` makes the database "full"
  and RLIMIT_FSIZE makes file writes fail the same way;
- a read-only database file / folder: marked immutable (`chattr +i`; root ignores permission
  bits), else a read-only bind mount.

For each: the command must fail with exit code 1 and a Vietnamese message that names the cause
(disk full / read-only), never a Python traceback; afterwards the database must pass its integrity
check and hold exactly what it held before (fingerprint), and no half-written file may sit under
the name the user asked for.

Run: `python bench/disk.py` (prints a table). Test: tests/stress/test_disk_full_readonly.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import db_fingerprint, format_table, integrity_check, make_commune_db, module_available  # noqa: E402

FULL_WORDS = ("đầy", "hết chỗ", "dung lượng", "không đủ chỗ")
READONLY_WORDS = ("chỉ đọc", "không có quyền", "quyền ghi", "không ghi được")


@dataclass
class Outcome:
    scenario: str
    returncode: int
    stderr: str
    fingerprint_same: bool = True
    integrity: str = "ok"
    stray_output: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@contextlib.contextmanager
def small_filesystem(size_kb: int = 4096):
    """A fresh tmpfs of `size_kb` KB, or None when this machine does not allow mounting."""
    mnt = Path(tempfile.mkdtemp(prefix="xhht-fullfs-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)],
                             capture_output=True).returncode == 0 if os.geteuid() == 0 else False
    try:
        yield mnt if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
        shutil.rmtree(mnt, ignore_errors=True)


def fill_up(folder: Path, leave: int = 0) -> None:
    """Write a filler file until the file system says it is full, then give back `leave` bytes."""
    fd = os.open(folder / "filler.bin", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for size in (1 << 20, 65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    if leave:
        filler = folder / "filler.bin"
        os.truncate(filler, max(0, filler.stat().st_size - leave))


@contextlib.contextmanager
def read_only(path: Path):
    """Make a file or folder unwritable even for root: the immutable attribute (chattr +i), else a
    read-only bind mount of the folder. Yields how, or None when neither is possible here."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield "chattr +i"
        finally:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        return
    folder = path if path.is_dir() else path.parent
    ok = (subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode == 0
          and subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True).returncode == 0)
    try:
        yield "read-only mount" if ok else None
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def cli(db: Path, *args: str, env_extra: dict | None = None,
        fsize_limit: int | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(env_extra or {}))
    home = Path(tempfile.mkdtemp(prefix="xhht-home-"))
    env.update(HOME=str(home), XHHT_DATA_DIR=str(home / "data"), XDG_CONFIG_HOME=str(home / "cfg"))

    def pre():
        if fsize_limit is not None:
            import resource
            import signal
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG like a full disk, not a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_limit, fsize_limit))

    try:
        return subprocess.run([sys.executable, "-m", "xhht_desktop", "--db", str(db), *args], capture_output=True,
                              text=True, cwd=str(HERE.parent), env=env, preexec_fn=pre, timeout=300)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def judge(name: str, proc: subprocess.CompletedProcess, db: Path, before: str, words: tuple[str, ...],
          target: Path | None = None, *, allow_success: bool = False) -> Outcome:
    out = Outcome(name, proc.returncode, proc.stderr.strip())
    if "Traceback" in proc.stderr:
        out.problems.append("a Python traceback instead of a message")
    if proc.returncode == 0 and not allow_success:
        out.problems.append("reported success")
    if proc.returncode != 0:
        if proc.returncode != 1:
            out.problems.append(f"exit code {proc.returncode} (expected 1: input/environment rejected)")
        low = proc.stderr.lower()
        if not any(w in low for w in words):
            out.problems.append("the message does not say why (" + " / ".join(words) + ")")
    out.integrity = integrity_check(db)
    if out.integrity != "ok":
        out.problems.append("integrity_check: " + out.integrity)
    out.fingerprint_same = db_fingerprint(db) == before
    if not out.fingerprint_same and proc.returncode != 0:
        out.problems.append("the database changed although the command failed")
    if target is not None and target.exists() and proc.returncode != 0:
        out.stray_output = True
        out.problems.append(f"a file was left under the requested name {target.name}")
    return out


def _commune(folder: Path) -> Path:
    db_path = folder / "xa.sqlite3"
    db, inst = make_commune_db(db_path, sample_until=2015)
    from xhht_desktop.io.xlsx_entry import write_template
    from xhht_desktop.sample import sample_entries
    from xhht_desktop.domain.periods import parse_period
    write_template(db, inst.unit, "2016", folder / "t2016.xlsx", prefill=False)
    from openpyxl import load_workbook
    wb = load_workbook(folder / "t2016.xlsx")
    ws = wb["ChiTieu"]
    values = {e.indicator + (f".{e.breakdown}" if e.breakdown else ""): e
              for e in sample_entries("23353", "xa", parse_period("2016"))}
    for r in range(7, ws.max_row + 1):
        e = values.get(ws.cell(row=r, column=1).value)
        if e:
            ws.cell(row=r, column=3).value = e.numerator
            ws.cell(row=r, column=4).value = e.denominator
            ws.cell(row=r, column=5).value = e.value
    wb.save(folder / "t2016.xlsx")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return db_path


def scenarios(work: Path) -> list[Outcome]:
    """Every scenario, each on its own fresh copy of a commune database."""
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base"
    base.mkdir(exist_ok=True)
    src = _commune(base)
    workbook = base / "t2016.xlsx"
    out: list[Outcome] = []

    def fresh(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, folder / src.name)
        shutil.copy(workbook, folder / workbook.name)
        return folder / src.name

    with small_filesystem(8192) as fs:
        if fs is not None:
            # 1. the database itself on a full disk: an Excel import (a save of 46 figures)
            db = fresh(fs / "db")
            before = db_fingerprint(db)
            fill_up(fs)
            proc = cli(db, "import-xlsx", str(fs / "db" / "t2016.xlsx"))
            (fs / "filler.bin").unlink()
            out.append(judge("import-xlsx, database on a full disk", proc, db, before, FULL_WORDS))
            shutil.rmtree(fs / "db")
            # 1b. room to open the database, not to write the import (the save itself hits the wall)
            db = fresh(fs / "db")
            before = db_fingerprint(db)
            fill_up(fs, leave=40 * 1024)
            proc = cli(db, "import-xlsx", str(fs / "db" / "t2016.xlsx"))
            (fs / "filler.bin").unlink()
            out.append(judge("import-xlsx, database on a nearly full disk (40 KB free)", proc, db, before,
                             FULL_WORDS))
            shutil.rmtree(fs / "db")
            # 2-5. output files to a full disk, database elsewhere
            db = fresh(work / "out-db")
            before = db_fingerprint(db)
            (fs / "out").mkdir()
            fill_up(fs)
            target = fs / "out" / "template.xlsx"
            out.append(judge("template --out onto a full disk", cli(db, "template", "--period", "2016", "--out",
                                                                   str(target)), db, before, FULL_WORDS, target))
            if module_available("xhht_desktop.maintenance.cli"):
                target = fs / "out" / "copy.sqlite3"
                out.append(judge("backup onto a full disk", cli(db, "backup", "--out", str(target)), db, before,
                                 FULL_WORDS, target))
            if module_available("xhht_desktop.reports.cli"):
                target = fs / "out" / "report.pdf"
                out.append(judge("report (PDF) onto a full disk",
                                 cli(db, "report", "progress", "--period", "2016", "--format", "pdf", "--out",
                                     str(target)), db, before, FULL_WORDS, target))
            (fs / "filler.bin").unlink()
        else:
            # Fallback without mount: the file-size limit makes every write past it fail (EFBIG).
            db = fresh(work / "fsize")
            before = db_fingerprint(db)
            proc = cli(db, "import-xlsx", str(work / "fsize" / "t2016.xlsx"), fsize_limit=64 * 1024)
            # The disk is not really full here, so an I/O-error message is the honest one.
            out.append(judge("import-xlsx, no room to grow (RLIMIT_FSIZE)", proc, db, before,
                             FULL_WORDS + ("lỗi đọc/ghi",)))
    # 6. a read-only database file (marked immutable: root, which CI runs as, ignores permission bits)
    folder = work / "ro-file"
    db = fresh(folder)
    before = db_fingerprint(db)
    with read_only(db) as how:
        if how:
            out.append(judge(f"import-xlsx into a read-only database file ({how})",
                             cli(db, "import-xlsx", str(folder / "t2016.xlsx")), db, before, READONLY_WORDS))
            # 7. reading a read-only database must still work (looking at figures changes nothing)
            proc = cli(db, "values", "--period", "2015", "--json")
            o = judge(f"values from a read-only database file ({how})", proc, db, before, READONLY_WORDS,
                      allow_success=True)
            if proc.returncode != 0:
                o.problems.append("reading figures from a read-only file failed")
            out.append(o)
    # 8. a read-only folder for an output file
    folder = work / "ro-out"
    folder.mkdir()
    db = fresh(work / "ro-out-db")
    before = db_fingerprint(db)
    target = folder / "template.xlsx"
    with read_only(folder) as how:
        if how:
            out.append(judge(f"template --out into a read-only folder ({how})",
                             cli(db, "template", "--period", "2016", "--out", str(target)), db, before,
                             READONLY_WORDS, target))
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="xhht-disk-") as tmp:
        results = scenarios(Path(tmp))
    print(format_table(["scenario", "exit", "message (first line)", "DB unchanged", "integrity", "verdict"],
                       [[o.scenario, o.returncode, (o.stderr.splitlines() or [""])[-1][:90], o.fingerprint_same,
                         o.integrity, "ok" if o.ok else "; ".join(o.problems)] for o in results]))
    return 0 if all(o.ok for o in results) else 1


if __name__ == "__main__":
    sys.exit(main())
