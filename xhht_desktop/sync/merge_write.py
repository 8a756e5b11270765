"""Writing: a planned package into the database. `apply` writes one decision (merge_plan.Decision):
its records and history (at once, or deferred to its group's sorted write), conflicts, the import
record, or the held package. `_Group` applies many packages in one transaction (see its doc)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xhht_desktop.sync import repo
from xhht_desktop.sync.merge_common import HELD, MergeReport, PackageResult, _Batch, _describe
from xhht_desktop.sync.merge_read import _read
from xhht_desktop.sync.package import OpenedPackage

if TYPE_CHECKING:
    from xhht_desktop.sync.merge_plan import Decision, Planned, _Plan
    from xhht_desktop.sync.merge_read import _Prepared

# (batch, result, opened, data, held_package, prepared, group, planned) -> None: check and apply one package.
ApplyOne = Callable[..., None]
# (batch, name, data, held_package=) -> PackageResult: one package in its own savepoint.
MergeOne = Callable[..., PackageResult]


def _first(row: tuple):
    return row[0]


def _second(row: tuple):
    return row[1]


# ---- groups: one transaction for many packages ---------------------------------------------------

@dataclass
class _Member:
    """A package of the group, as much as merging it again needs (it is opened again then: rare)."""

    index: int          # position in report.packages
    name: str
    source: bytes | Path  # the file's path (read again then), or its bytes when it came without one
    package_uuid: str
    held_package: bool
    marked_seen: bool   # this member put its package UUID in batch.seen


class _Group:
    """Packages applied in one transaction, committed every few seconds, with no savepoint per package.

    A savepoint keeps a copy of every page it changes, so that it can be rolled back; at national
    scale that copy cost as much as the writes themselves. A plain transaction rolls back for free
    (the WAL drops its frames). So each package goes into the group's transaction, and if one fails
    for a reason of its own (a record the database's constraints refuse), the whole group is rolled
    back and its packages are merged again one at a time, each in its own savepoint: only the
    package at fault is rejected, and every package stays whole or absent.

    With `flush_rows == 0` (every batch but a big one into a big database: merge.sorted_write) each
    package's records are written as soon as it is planned. Otherwise a package's records and the
    history rows of its changes are not written at once but kept and written with the whole group,
    sorted by UUID (`flush`); the history of a record's first arrival is written at once, since it
    is only appended (`defer`). Their keys are random, so each lands on its own index
    page; sorted, the rows that share a page are written together and the page is written out
    once per group, not once per package (the small bookkeeping rows are written at once). Until
    then the database does not show them, so a package of a unit already in the group, or one that
    touches a record the group holds, flushes the group before it is checked.

    The waiting records are kept in SQLite's own format, in an in-memory temporary table per synced
    table keyed by UUID (`_Waiting`), not as Python tuples: about a third of the memory, so that a
    whole national batch waits for one sorted write (each index page written once) within the
    merge's memory budget, and the write is one INSERT ... SELECT with no Python per row.

    While a group is open the connection keeps its statement journals in memory (temp_store=MEMORY;
    each covers one row's statement, so it stays small); the one-by-one path, whose savepoints can
    cover a whole package, goes back to temporary files. A dry run does not use groups: it is one
    transaction with a savepoint per package, rolled back at the end.
    """

    def __init__(self, batch: _Batch, *, apply_one: ApplyOne, merge_one: MergeOne, commit_every_seconds: float,
                 max_rows: int, max_packages: int, max_bytes: int, flush_rows: int | None = None,
                 window_rows: int = 0):
        self.batch = batch
        self.apply_one, self.merge_one = apply_one, merge_one
        self.commit_every_seconds, self.max_rows = commit_every_seconds, max_rows
        self.max_packages, self.max_bytes = max_packages, max_bytes
        # Rows waiting in memory before they are written (None: at commit; 0: none wait, each package's
        # records are written as soon as it is planned - see merge.FLUSH_ROWS).
        self.flush_rows = flush_rows
        self.waiting = 0
        self.conn = batch.db.conn
        self.members: list[_Member] = []
        self.started = 0.0
        self.rows_at_start = 0
        self.data_bytes = 0
        self.active = False
        self.units: set[str] = set()     # units whose records wait (or whose packages were checked)
        self.wait = _Waiting(batch)      # the records waiting, in temporary tables
        self.on_write: Callable[[int, int], None] | None = None  # (written, waiting) while they are written
        self.history: list[tuple] = []   # history rows waiting
        # Written at once (flush_rows == 0), the records of packages planned in the helper process wait
        # in a window of about `window_rows` rows (`_Window`), written table by table in UUID order.
        self.window_rows = window_rows
        self.window = _Window()

    def begin(self) -> None:
        if not self.batch.dry_run:
            self.conn.execute("PRAGMA temp_store=MEMORY")
        self.wait.made, self.wait.senders = set(), {}  # changing temp_store deletes the temporary tables
        self.conn.execute("BEGIN IMMEDIATE")
        # Read inside the transaction: another merge may have committed conflicts since the last group.
        self.batch.conflicts_possible = repo.any_conflicts(self.batch.db)
        if self.batch.plans_trusted and self.batch.outside_version is not None and \
                self.conn.execute("PRAGMA data_version").fetchone()[0] != self.batch.outside_version:
            self.batch.plans_trusted = False  # another connection committed: the helper's plans may be stale
        self.members = []
        self.started = time.monotonic()
        self.rows_at_start = self.batch.rows_written
        self.data_bytes = 0
        self.active = True
        self._clear_waiting()

    def _clear_waiting(self) -> None:
        self.units, self.history = set(), []
        self.wait.clear()
        self.waiting = 0
        self.window = _Window()

    def close(self) -> None:
        """Drop the temporary tables (their memory) once the merge is over."""
        self.wait.drop()

    def defer(self, plan: _Plan) -> None:
        """Keep a planned package's records and indexed history rows for the group's sorted write.
        The history of its new records' first arrival is written at once: it is only appended to
        the history table (an arrival block, migration 0009), and its records wait with their
        pointer to it. With `flush_rows == 0` nothing waits: everything is written now, in the
        package's order."""
        if self.flush_rows == 0:
            rows = sum(len(rows) for rows in plan.writes.values()) + len(plan.history)
            if plan.ahead and self.window_rows:
                self.window.add(plan, rows)  # written by flush_if_full (or before the next package planned here)
            else:
                _write_rows(self.batch, plan.writes, plan.history, plan.arrived, sort=False)
            self.batch.rows_written += rows
            return
        rest = plan.history
        firsts: dict[str, int] = {}
        if plan.arrived:
            arrived = plan.arrived
            numbered, firsts = repo.number_history(self.batch.db, [h for h in rest if h[1] in arrived], arrived)
            repo.insert_history_numbered(self.batch.db, numbered)
            rest = [h for h in rest if h[1] not in arrived]
        for name, rows in plan.writes.items():
            if rows:
                self.wait.add(name, rows, firsts)
            self.batch.rows_written += len(rows)
            self.waiting += len(rows)
        self.history.extend(rest)
        self.batch.rows_written += len(plan.history)
        self.waiting += len(rest)

    def flush_if_full(self, report: MergeReport) -> None:
        """Write what waits into the open transaction once `flush_rows` rows wait (memory bound), or
        once the window holds `window_rows`."""
        if self.active and self.flush_rows and self.waiting >= self.flush_rows:
            self.flush(report)
        elif self.active and self.window.rows and self.window.rows >= self.window_rows:
            self.flush(report)

    def flush(self, report: MergeReport) -> bool:
        """Write the records and history waiting, sorted by UUID (history: by record, each record's
        rows in their order). False if that failed and the group was merged again one by one."""
        if self.window.rows:
            try:
                self.window.write(self.batch)
            except sqlite3.OperationalError:
                raise  # disk full, locked, I/O: stop (the group is undone)
            except sqlite3.DatabaseError:
                self._merge_again_one_by_one(report)
                return False
            self.window = _Window()
        if not (self.wait.tables or self.history):
            self.units = set()
            return True
        try:
            self.history.sort(key=_second)
            self.wait.write(self.on_write)
            numbered, _firsts = repo.number_history(self.batch.db, self.history, set())
            repo.insert_history_numbered(self.batch.db, numbered)
        except sqlite3.OperationalError:
            raise  # disk full, locked, I/O: stop (the group is undone)
        except sqlite3.DatabaseError:
            self._merge_again_one_by_one(report)
            return False
        self._clear_waiting()
        return True

    def due(self) -> bool:
        """Time to commit: every few seconds, or when the group holds enough rows or files."""
        return (time.monotonic() - self.started > self.commit_every_seconds
                or self.batch.rows_written - self.rows_at_start >= self.max_rows
                or len(self.members) >= self.max_packages
                or self.data_bytes >= self.max_bytes)

    def commit(self, report: MergeReport) -> None:
        if self.active:
            self.flush(report)  # if it fails, the group is merged again and a new, empty one is open
            self.conn.execute("COMMIT")
            self.members = []
            self.active = False
            if self.batch.checkpointer is not None:
                self.batch.checkpointer.after_commit()

    def merge(self, report: MergeReport, name: str, data: bytes, opened: OpenedPackage, prepared: _Prepared,
              held_package: bool, source: bytes | Path | None = None, planned: Planned | None = None) -> None:
        """Check and apply one opened package in the group's transaction; append its result.
        `source`: the file it was read from, kept instead of its bytes to merge it again if the group
        fails (the group then holds no package bytes: `max_bytes` bounds only packages given as bytes).
        `planned`: its plan made in the helper process, which read nothing an earlier package of the
        batch writes (merge_plan.dependencies): it needs no flush of what waits."""
        batch = self.batch
        waiting = self.flush_rows != 0
        if held_package:
            planned = None
        if planned is None and self.window.rows:
            self.flush(report)  # planned here: it must see what the window holds
        if waiting and planned is None:
            # A derived UUID names its unit (the unit check covers it); a UUID the sender chose may be
            # another unit's record waiting in the group.
            if opened.unit_key in self.units or self.wait.holds_any(
                    {name: rows for name, rows in opened.tables.items() if batch.specs[name].derive_uuid is None}):
                self.flush(report)  # it must be checked against what the group holds
        result = PackageResult(file=name)
        _describe(result, opened)
        was_seen = opened.package_uuid in batch.seen
        kept = source if isinstance(source, Path) else data
        member = _Member(len(report.packages), name, kept, opened.package_uuid, held_package, False)
        report.packages.append(result)
        self.members.append(member)
        if not isinstance(kept, Path):
            self.data_bytes += len(data)
        try:
            self.apply_one(batch, result, opened, data, held_package, prepared, self, planned)
            if held_package and result.status != HELD:
                repo.delete_held(batch.db, opened.package_uuid)
        except sqlite3.OperationalError:
            raise  # disk full, locked, I/O: not this package's fault; stop (the group is undone)
        except Exception:  # noqa: BLE001 - merged again one by one: only the package at fault is rejected
            member.marked_seen = not was_seen and opened.package_uuid in batch.seen
            self._merge_again_one_by_one(report)
            return
        member.marked_seen = not was_seen and opened.package_uuid in batch.seen
        if waiting:
            # Held, duplicate or refused packages wait for nothing, but their checks read the same records.
            self.units.add(opened.unit_key)

    def _merge_again_one_by_one(self, report: MergeReport) -> None:
        """Undo the group and merge its packages again, each in its own savepoint."""
        self.conn.execute("ROLLBACK")
        self.active = False
        self._clear_waiting()
        members, self.members = self.members, []
        for m in members:
            if m.marked_seen:
                self.batch.seen.discard(m.package_uuid)
        self.conn.execute("PRAGMA temp_store=DEFAULT")
        self.conn.execute("BEGIN IMMEDIATE")
        for m in members:
            if isinstance(m.source, Path):
                data = _read(m.source)
                if isinstance(data, PackageResult):  # gone or changed since: said so, never half-merged
                    report.packages[m.index] = data
                    continue
            else:
                data = m.source
            report.packages[m.index] = self.merge_one(self.batch, m.name, data, held_package=m.held_package)
        # Kept at once: a failure in the next group must not undo them (they are no longer members).
        self.active = True
        self.commit(report)
        self.begin()


class _Window:
    """Records (and their history rows) of packages planned in the helper process, waiting to be
    written together: each table's rows in one statement, sorted by UUID, instead of every package
    writing a few rows into each table in turn (which keeps the index pages of every table competing
    for the page cache). Nothing planned by the merge itself reads them (its packages share nothing
    with these: merge_plan.dependencies), and a package it plans writes them first (_Group.merge).
    The ids of their history rows follow the packages' order, as if each had been written at once."""

    def __init__(self):
        self.writes: dict[str, list[tuple]] = {}
        self.history: list[tuple] = []
        self.arrived: dict[str, list[str]] = {}
        self.rows = 0

    def add(self, plan: _Plan, rows: int) -> None:
        for name, table_rows in plan.writes.items():
            if table_rows:
                self.writes.setdefault(name, []).extend(table_rows)
        self.history.extend(plan.history)
        self.arrived.update(plan.arrived)
        self.rows += rows

    def write(self, batch: _Batch) -> None:
        _write_rows(batch, self.writes, self.history, self.arrived, sort=True)


class _Waiting:
    """Records waiting for their group's write: one temporary table per synced table (in memory while
    the group is open: temp_store=MEMORY), WITHOUT ROWID and keyed by UUID, with the record's
    `arrival_id`. `write()` upserts each into its table in UUID order - parents before children -
    and empties it. Temporary tables belong to the connection's transaction: a rollback of the group
    empties them too.

    Who saved a record (`updated_by`) and on which installation (`origin`) are the same for all the
    records of a package: each pair is kept once, in `senders`, and a waiting row holds its number
    (about 50 bytes less a row: 70 MB of a national batch)."""

    PREFIX = "xhht_wait_"
    SENDERS = "temp.xhht_wait__senders"
    # Rows per INSERT ... SELECT. One statement for all would be simplest, but a statement that can fail
    # half-way keeps the original of every page it changes (its statement journal, in memory while
    # the group is open): for a national batch, 888 MB (measured). A few thousand rows change a few
    # thousand pages.
    CHUNK = 4096

    def __init__(self, batch: _Batch):
        self.batch = batch
        self.tables: set[str] = set()  # those holding rows now
        self.made: set[str] = set()    # those created on this connection
        self.senders: dict[tuple, int] = {}  # (updated_by, origin) -> its number in SENDERS

    def _columns(self, name: str) -> list[str]:
        """The record's columns as `upsert_rows` takes them, then arrival_id."""
        spec = self.batch.specs[name]
        return ["uuid", "unit_id", *spec.fields, "revision", "base_revision", "updated_at", "updated_by", "origin",
                "deleted", "arrival_id"]

    def _make(self, name: str) -> None:
        conn = self.batch.db.conn
        if not self.made:
            conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {self.SENDERS[5:]} "
                         "(id INTEGER PRIMARY KEY, updated_by, origin)")
        kept = [c for c in self._columns(name)[1:] if c not in ("updated_by", "origin")]
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {self.PREFIX}{name} (uuid TEXT NOT NULL PRIMARY KEY, "
                     f"{', '.join(kept)}, sender INTEGER NOT NULL) WITHOUT ROWID")
        self.made.add(name)

    def add(self, name: str, rows: list[tuple], firsts: dict[str, int]) -> None:
        """rows: as repo.upsert_rows takes them; firsts: record uuid -> its arrival_id."""
        conn = self.batch.db.conn
        if name not in self.made:
            self._make(name)
        senders = self.senders
        get = firsts.get
        out = []
        for r in rows:
            who = r[-3:-1]  # (updated_by, origin)
            number = senders.get(who)
            if number is None:
                number = senders[who] = len(senders) + 1
                conn.execute(f"INSERT INTO {self.SENDERS} (id, updated_by, origin) VALUES (?, ?, ?)", (number, *who))
            out.append((*r[:-3], r[-1], get(r[0]), number))
        width = len(self._columns(name)) - 1  # without updated_by and origin, with sender
        conn.executemany(f"INSERT OR REPLACE INTO temp.{self.PREFIX}{name} VALUES ({', '.join('?' * width)})", out)
        self.tables.add(name)

    def holds_any(self, tables: dict[str, list[tuple]]) -> bool:
        """Does any record of these rows (table -> package rows, UUID first) wait here?"""
        conn = self.batch.db.conn
        for name, rows in tables.items():
            if name in self.tables and rows:
                uuids = [r[0] for r in rows]
                for i in range(0, len(uuids), 500):
                    part = uuids[i:i + 500]
                    if conn.execute(f"SELECT 1 FROM temp.{self.PREFIX}{name} WHERE uuid IN "
                                    f"({','.join('?' * len(part))}) LIMIT 1", part).fetchone():
                        return True
        return False

    def write(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Write what waits; `progress(written, waiting)` after each chunk (a national batch's
        records take a while: the merge says so instead of sitting at its last package)."""
        conn = self.batch.db.conn
        total = sum(conn.execute(f"SELECT count(*) FROM temp.{self.PREFIX}{name}").fetchone()[0]
                    for name in self.tables) if progress is not None else 0
        done = 0
        for name in self.batch.specs:  # write order: parents before children
            if name not in self.tables:
                continue
            table = f"temp.{self.PREFIX}{name}"
            columns = self._columns(name)
            picked = ", ".join(f"s.{c}" if c in ("updated_by", "origin") else f"w.{c}" for c in columns)
            updates = ", ".join(f"{c}=excluded.{c}" for c in columns[2:-1])  # never arrival_id
            insert = (f"INSERT INTO main.{name} ({', '.join(columns)}) SELECT {picked} FROM {table} w "
                      f"JOIN {self.SENDERS} s ON s.id = w.sender WHERE w.uuid > ? AND w.uuid <= ? "
                      f"ORDER BY w.uuid ON CONFLICT(uuid) DO UPDATE SET {updates}")
            expected = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            written, last = 0, ""
            while True:
                upto = conn.execute(f"SELECT uuid FROM {table} WHERE uuid > ? ORDER BY uuid LIMIT 1 OFFSET ?",
                                    (last, self.CHUNK - 1)).fetchone()
                if upto is None:
                    upto = conn.execute(f"SELECT max(uuid) FROM {table}").fetchone()
                    if upto[0] is not None and upto[0] > last:
                        written += conn.execute(insert, (last, upto[0])).rowcount
                    break
                written += conn.execute(insert, (last, upto[0])).rowcount
                last = upto[0]
                if progress is not None:
                    progress(done + written, total)
            if written != expected:  # never expected; undone with the group, merged again one by one
                raise sqlite3.DatabaseError(f"{name}: {written} of {expected} waiting records written")
            done += written
        self.clear()

    def clear(self) -> None:
        """Empty them. Outside a transaction there is nothing to do: the rollback that ended it emptied
        them (and a statement here would open a transaction of its own)."""
        conn = self.batch.db.conn
        if conn.in_transaction:
            for name in self.tables:
                conn.execute(f"DELETE FROM temp.{self.PREFIX}{name}")
            if self.made:
                conn.execute(f"DELETE FROM {self.SENDERS}")
        self.tables, self.senders = set(), {}

    def drop(self) -> None:
        conn = self.batch.db.conn
        for name in self.made:
            conn.execute(f"DROP TABLE IF EXISTS temp.{self.PREFIX}{name}")
        if self.made:
            conn.execute(f"DROP TABLE IF EXISTS {self.SENDERS}")
        self.made, self.tables, self.senders = set(), set(), {}


def _write_rows(batch: _Batch, writes: dict[str, list[tuple]], history: list[tuple], arrived: set[str], *,
               sort: bool, firsts: dict[str, int] | None = None) -> None:
    """Records and their history rows, each record's rows together in `history`. The rows of a
    record's first arrival get consecutive ids (an arrival block, migration 0009) and the record points
    at the first: they are appended to the history table and never enter its record_uuid index."""
    db = batch.db
    numbered, new_firsts = repo.number_history(db, history, arrived)
    firsts = {**firsts, **new_firsts} if firsts else new_firsts
    for name, spec in batch.specs.items():  # write order: parents before children
        rows = writes.get(name)
        if rows:
            if sort:
                rows.sort(key=_first)
            repo.upsert_rows(db, spec, rows, firsts)
    repo.insert_history_numbered(db, numbered)


def _write(batch: _Batch, opened: OpenedPackage, plan: _Plan, group: _Group | None) -> None:
    """Records and history now, or with the group's sorted write; conflicts now."""
    db = batch.db
    if group is not None:
        group.defer(plan)
    else:
        _write_rows(batch, plan.writes, plan.history, plan.arrived, sort=False)
    for record in plan.new_conflicts:
        repo.insert_conflict(db, record)
        batch.conflicts_possible = True
    for conflict_id, origin, revision, data in plan.updated_conflicts:
        repo.update_conflict_incoming(db, conflict_id, origin, revision, data, opened.package_uuid)


def apply(batch: _Batch, opened: OpenedPackage, decision: Decision, group: _Group | None = None) -> None:
    """Write what `decision` says (nothing, a held package, or an import)."""
    db = batch.db
    if decision.kind == "held":
        if decision.installation is not None:
            repo.insert_installation(db, decision.installation)
        repo.insert_held(db, decision.held)
    elif decision.kind == "import":
        _write(batch, opened, decision.plan, group)
        repo.insert_import(db, decision.import_record, decision.import_periods)
        from xhht_desktop.sync.receipts import on_package_imported  # noqa: PLC0415 - the way back (issue 11)

        on_package_imported(db, opened, batch.now)
