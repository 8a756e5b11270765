"""Shared helpers of the benchmark and stress harnesses: database fingerprints, timing, memory,
plain-text tables, and the small installations the hostile-file harnesses work on.

Nothing here is part of the product; it drives the product's public functions.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEMO_COMMUNE = "23353"  # Xã Đắk Pék, the commune the core tests use


# ---- database fingerprints ---------------------------------------------------------------------

def table_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def db_fingerprint(path_or_conn: str | Path | sqlite3.Connection) -> str:
    """A hash of every row of every table (and the schema): equal fingerprints = same content.

    Read through its own connection when given a path, so it sees only committed data.
    """
    own = not isinstance(path_or_conn, sqlite3.Connection)
    conn = sqlite3.connect(str(path_or_conn)) if own else path_or_conn
    try:
        h = hashlib.sha256()
        for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
            h.update(sql.encode())
        for name in table_names(conn):
            h.update(b"\x00table:" + name.encode())
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        if own:
            conn.close()


class CommitWatcher:
    """Tells whether anyone committed to a database since the last look, cheaply.

    `PRAGMA data_version` on a second connection changes exactly when another connection commits;
    a transaction that was rolled back leaves it unchanged. Used per case where a full fingerprint
    would cost too much (thousands of hostile packages against a province database).
    """

    def __init__(self, path: str | Path):
        self.conn = sqlite3.connect(str(path))
        self.last = self._version()

    def _version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def committed_since(self) -> bool:
        now = self._version()
        changed = now != self.last
        self.last = now
        return changed

    def close(self) -> None:
        self.conn.close()


def integrity_check(path: str | Path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    text = "; ".join(r[0] for r in rows)
    if fk:
        text += f"; foreign_key_check: {len(fk)} violations, e.g. {fk[:3]}"
    return text


# ---- timing and memory -----------------------------------------------------------------------------

@contextlib.contextmanager
def timer():
    """`with timer() as t: ...` then `t.seconds`."""
    class _T:
        seconds = 0.0
    t = _T()
    start = time.perf_counter()
    try:
        yield t
    finally:
        t.seconds = time.perf_counter() - start


def peak_rss_mb_self() -> float:
    """Peak resident memory of this process so far (MB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vm_hwm_mb(pid: int | str = "self") -> float:
    """Peak resident memory of a process (VmHWM, MB). Unlike ru_maxrss it restarts at exec, so a child
    started with subprocess does not inherit its parent's peak."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def fsync_append(path: str | Path, line: str) -> None:
    """Append one line and make it durable before returning (the crash harness's acknowledgement log)."""
    fd = os.open(str(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (line.rstrip("\n") + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


# ---- output -------------------------------------------------------------------------------------------

def format_table(headers: list[str], rows: list[list[object]]) -> str:
    """A plain-text table that is also valid Markdown (pipe table)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])])


# ---- small installations ---------------------------------------------------------------------------

def make_commune_db(path: str | Path, *, unit_code: str = DEMO_COMMUNE, sample_until: int | None = 2015):
    """A commune installation with sample figures up to `sample_until` (None: no figures).

    Returns (db, installation).
    """
    from xhht_desktop.installation import init_installation, open_app_database
    from xhht_desktop.sample import fill_sample_data

    db = open_app_database(path)
    inst = init_installation(db, "commune", unit_code, "Y Blong", "Công chức Văn hóa - Xã hội")
    if sample_until is not None:
        fill_sample_data(db, inst.unit.id, origin=inst.installation_id, until_year=sample_until)
    return db, inst


def module_available(name: str) -> bool:
    """Whether a feature module another engineer is building exists in this checkout yet."""
    import importlib.util
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
