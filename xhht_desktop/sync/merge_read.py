"""Reading packages: from a file or bytes to an opened, checked package and what can be worked out
from it alone (its records' own rules, its figures' rules as if nothing were stored), with no database.
Runs a few packages ahead of the merge (`Opener`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import pickle
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from xhht_desktop.messages import Text
from xhht_desktop.sync.merge_common import EARLIEST_TIME, LATEST_TIME, PackageResult, _Batch, _describe, _reject
from xhht_desktop.sync.package import MAX_FILE_SIZE, SUFFIX, OpenedPackage, PackageRejected, open_package


def _utc(text: str) -> str:
    """An ISO time as UTC, so that times from different offsets compare as strings."""
    t = _parse_utc(text)
    return text if t is None else t.replace(microsecond=0).isoformat()


def _parse_utc(text) -> dt.datetime | None:
    """An ISO time as an aware UTC datetime (a time without offset is local time), or None when it
    does not parse or cannot be represented (year 9999 at UTC-12, year 1 at UTC+14)."""
    if type(text) is not str:
        return None
    try:
        t = dt.datetime.fromisoformat(text)
        if t.tzinfo is None:
            t = t.astimezone()
        return t.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def _time_ok(text) -> bool:
    if type(text) is str:
        try:
            if 2001 <= dt.datetime.fromisoformat(text).year <= 2098:
                return True  # the common case, whatever the offset: no conversion needed
        except ValueError:
            return False
    t = _parse_utc(text)
    return t is not None and EARLIEST_TIME <= t < LATEST_TIME


def _check_times(opened: OpenedPackage) -> None:
    """The package's time and its records' times parse and fall within EARLIEST_TIME..LATEST_TIME;
    otherwise the package is refused (alone) with its reason."""
    created = opened.manifest["created_at"]
    if not _time_ok(created):
        raise PackageRejected("bad_time", Text("merge.bad_created", created=str(created)[:40]))
    for name, rows in opened.tables.items():
        for stamp in {r[4] for r in rows}:
            if not _time_ok(stamp):
                raise PackageRejected("bad_time", Text("merge.bad_stamp", table=name, stamp=str(stamp)[:40]))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder gives its `.xhht` files (not its subfolders), by name."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted((c for c in p.iterdir() if c.is_file() and c.suffix.lower() == SUFFIX),
                              key=lambda c: c.name))
        else:
            out.append(p)
    return out


@dataclass
class _Figures:
    """merge_plan.figure_problems on a package's figures alone (as if nothing were stored for its unit
    and periods), worked out in the opener process; planning takes it only while that is the question
    (merge_plan._still_holds: nothing stored, every figure applied, same level, day and catalogues)."""

    rows: int  # how many figures the package carries
    level: str
    today: dt.date
    versions: tuple[tuple[str, str], ...]  # (period, version of the catalogue used)
    errors: list[str]
    warnings: list[str]


@dataclass
class _Prepared:
    """What can be worked out from a package alone, before it meets the database (see _prepare)."""

    problems: dict[str, list[str]] = field(default_factory=dict)  # record uuid -> its own rule breaches
    figures: _Figures | None = None  # in the opener process only (it has the catalogues)


def _open_item(batch: _Batch, name: str, source: bytes | Path
               ) -> tuple[bytes, OpenedPackage | PackageResult, _Prepared | None]:
    """Read and open one package: decrypt, verify, check its shape, and prepare it. No database:
    runs on the opener thread, a few packages ahead of the merge, overlapping the merge's writes
    (SQLite releases the GIL while it works)."""
    data = _read(source) if isinstance(source, Path) else source
    if isinstance(data, PackageResult):
        return b"", data, None
    try:
        opened = open_package(data, batch.identities, batch.own_fingerprints, batch.specs)
    except PackageRejected as exc:
        return data, _reject(PackageResult(file=name), exc.code, exc.reason), None
    except Exception as exc:  # noqa: BLE001 - a check we did not foresee: this file is refused, not the batch
        detail = Text("pkg.detail.unexpected", error=type(exc).__name__)
        return data, _reject(PackageResult(file=name), "damaged", Text("pkg.damaged", detail=detail)), None
    try:
        _check_times(opened)
    except PackageRejected as exc:
        result = PackageResult(file=name)
        _describe(result, opened)
        return data, _reject(result, exc.code, exc.reason), None
    try:
        return data, opened, _prepare(batch, opened)
    except Exception:  # noqa: BLE001 - prepared again while merging, where a failure rejects this package alone
        return data, opened, None


def _prepare(batch: _Batch, opened: OpenedPackage) -> _Prepared:
    """Per record, what depends on the record alone: the table's own rules (the centre log's, for
    live records; the unit's dates bound the activity dates). Which records apply is decided later,
    against the database.
    In the opener process (its batch has the catalogues), also the figures' rules on the package
    alone (`figures`), which planning takes while nothing is stored for them."""
    prep = _Prepared()
    unit = batch.units.get(opened.unit_key)
    for name, rows in opened.tables.items():
        spec = batch.specs[name]
        if spec.validate is not None and unit is not None:
            live = [r for r in rows if not r[7]]
            records = [dict(zip(spec.fields, r[8:])) for r in live]
            # Each table's rules speak of each record alone (tables.py: a list of each record's problems):
            # all at once first, and record by record only when something is wrong, to say which.
            if records and spec.validate(records, unit[5], unit[6]):
                for r, record in zip(live, records):
                    found = spec.validate([record], unit[5], unit[6])
                    if found:
                        prep.problems[r[0]] = found
    catalogues = getattr(batch, "catalogues", None)  # a _ProcessBatch's: the opener process's
    figures = opened.tables.get("indicator_values")
    if catalogues is not None and figures and unit is not None:
        prep.figures = _figures_alone(batch.specs["indicator_values"], figures, unit[4], catalogues)
    return prep


def _figures_alone(spec, rows: list[tuple], level: str, catalogues: dict) -> _Figures | None:
    """The figures' rules on the package alone (merge_plan.figure_problems with nothing stored), with
    the catalogues the merge started with; None if that cannot be worked out here (planning then does)."""
    from xhht_desktop.db.reference import _programme_of  # noqa: PLC0415
    from xhht_desktop.sync.merge_plan import figure_problems  # noqa: PLC0415 - it imports this module

    today = dt.date.today()
    try:
        errors, warnings, used = figure_problems(spec, rows, {}, level,
                                                 lambda period: catalogues[_programme_of(period).code], today)
    except Exception:  # noqa: BLE001 - worked out again while planning, where a failure rejects this package alone
        return None
    return _Figures(len(rows), level, today, tuple((p, c.version) for p, c in used.items()), errors, warnings)


def _read(path: Path) -> bytes | PackageResult:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            return PackageResult(path.name, code="too_large",
                                 reason=Text("pkg.too_large_mb", mb=size // (1024 * 1024)))
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_SIZE + 1)
    except OSError as exc:
        return PackageResult(path.name, code="unreadable",
                             reason=Text("pkg.unreadable", error=str(exc.strerror or exc)))
    if len(data) > MAX_FILE_SIZE:
        return PackageResult(path.name, code="too_large", reason=Text("pkg.too_large"))
    return data


class Opener:
    """Opens packages (`_open_item`) `ahead` of the one being merged, in order: on a helper thread,
    or with `processes=True` in a helper process (see _ReadState), so that opening (decrypt, verify,
    check, prepare: most of a package's CPU) runs beside the merge instead of taking turns with it
    on the GIL.

    `next()` gives (name, data, opened or refused result, prepared) for the next item, or None at
    the end; `pending()` names the items not yet given (on cancel); `close()` stops the helper. If
    the helper process fails (it cannot start, or dies), the items it had are opened here instead:
    the same checks, only slower."""

    def __init__(self, batch: _Batch, items: Iterable[tuple[str, bytes | Path]], ahead: int, *,
                 processes: bool = False, chunk: int = 1, plan_path: str | None = None):
        self.batch = batch
        self.iterator: Iterator = iter(items)
        self.ahead_n = ahead
        # In a helper process, `chunk` items go in one call: each call wakes the pool's threads and
        # hands over the GIL a few times, and per package that cost as much as planning it
        # (measured: 7.5 s of 10,000 packages in the pipe's write alone, one item per call).
        self.chunk = max(1, chunk)
        # (name, source, the future of its call, its place in that call's results)
        self.ahead: deque[tuple[str, bytes | Path, Future | None, int]] = deque()
        self.pool: Executor | None = None
        self.in_process = False
        self.last_source: bytes | Path | None = None
        # The helper process's plan of the item given last (merge_plan.Planned), or None: the merge
        # plans it. Plans are given only while every item so far went through the helper (its
        # AheadPlanner knows each one's dependencies): once an item is opened here, none is.
        self.last_planned = None
        self.plans_valid = plan_path is not None
        self._last_future: Future | None = None
        self._last_results: list = []
        # Items given out so far, shared with the helper process (which plans only while far enough
        # ahead of it: PLAN_WHEN_AHEAD) and `submitted`, the items sent to it.
        self.given = self.submitted = 0
        self._given_shared = None
        if processes:
            try:
                context = multiprocessing.get_context("spawn")
                state = _ReadState.of(batch, plan_path)
                if plan_path is not None:
                    self._given_shared = context.Value("q", 0, lock=False)
                self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_ReadState.install,
                                                initargs=(state, self._given_shared,
                                                          max(0, self.PLAN_WHEN_AHEAD)))
                self.in_process = True
            except (OSError, ValueError, RuntimeError, sqlite3.Error):
                self.pool = None  # opened on a thread, as before
        if self.pool is None:
            self.plans_valid = False
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xhht-open")
        self._fill()

    def _fill(self) -> None:
        while len(self.ahead) < self.ahead_n:
            if self.in_process:
                items = [item for item in (next(self.iterator, None) for _ in range(self.chunk)) if item is not None]
                if not items:
                    return
                future = self._submit(_open_many_in_process, items, self.submitted)
                self.submitted += len(items)
                self.ahead.extend((name, source, future, i) for i, (name, source) in enumerate(items))
                if len(items) < self.chunk:
                    return
            else:
                item = next(self.iterator, None)
                if item is None:
                    return
                name, source = item
                self.ahead.append((name, source, self._submit(_open_item, self.batch, name, source), -1))

    def _submit(self, fn, *args) -> Future | None:
        try:
            return self.pool.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):
            return None  # opened in next()

    def next(self) -> tuple[str, bytes, OpenedPackage | PackageResult, _Prepared | None] | None:
        if not self.ahead:
            return None
        name, source, future, place = self.ahead.popleft()
        self.last_source = source  # where the item given now came from (a path, or its bytes)
        try:
            if future is None:
                raise BrokenProcessPool("not submitted")
            if place < 0:
                data, opened, prepared = future.result()
                planned = None
            else:
                data, opened, prepared, planned = self._decoded(future)[place]
        except (BrokenProcessPool, OSError, EOFError):  # the helper process died: open it here
            data, opened, prepared = _open_item(self.batch, name, source)
            planned, self.plans_valid = None, False
        if planned is not None and not (self.plans_valid and self.batch.plans_trusted):
            if planned.light:  # sent without what only its plan made unneeded: opened here again
                data, opened, prepared = _open_item(self.batch, name, source)
            planned = None
        self.last_planned = planned
        self.given += 1
        if self._given_shared is not None:
            self._given_shared.value = self.given
        self._fill()
        return name, data, opened, prepared

    # The helper plans a package only while it is this many packages ahead of the merge (0: always),
    # judged when it comes to the package (the merge's count is shared with it). Planning there frees
    # the merge's thread; but when writing is cheap (a small database) opening alone keeps the helper
    # about as busy as the merge, and planning there too made the merge wait (measured: today's
    # 3,321 communes, 5.8 s planned by the merge, 8.0 s all planned in the helper). Judged when a
    # call was sent (600 packages earlier) instead, the helper planned calls it no longer had time
    # for: 8.3 s.
    PLAN_WHEN_AHEAD = 36

    def _decoded(self, future: Future) -> list:
        """A call's results, unpickled here, once. The helper process sends them pickled as one bytes
        object: the pool's own thread then only passes bytes along, instead of unpickling every opened
        package while holding the GIL the merge's thread needs between two SQLite steps (measured:
        the merge's SQLite calls waited that long for it that they took 40 s of wall time for 12 s
        of work, 10,000 packages profiled)."""
        if future is not self._last_future:
            self._last_future, self._last_results = future, pickle.loads(future.result())
        return self._last_results

    def pending(self) -> list[str]:
        return [n for n, _s, _f, _p in self.ahead] + [n for n, _ in self.iterator]

    def close(self) -> None:
        for _n, _s, future, _p in self.ahead:
            if future is not None:
                future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)


# ---- opening in a helper process ----------------------------------------------------------------

@dataclass
class _ReadState:
    """What opening a package needs, sent once to the helper process (spawned: on Windows, and in
    the frozen app through multiprocessing.freeze_support in main.py). The table specs hold
    functions, so the helper rebuilds them from the synced tables' CREATE statements; the
    Department's keys travel as text over the pipe to our own child process, never to a file."""

    identities: list[str]
    own_fingerprints: set[str]
    schema: list[str]
    units: dict[str, tuple]
    catalogues: dict  # programme code -> its Catalogue in force in the database (db.reference)
    # Planning ahead (merge_plan.AheadPlanner): the database file, opened read-only there, and the
    # batch's own words (its time, who merges); None: the helper only opens.
    plan_path: str | None = None
    now: str = ""
    actor: str = ""
    origin: str = ""

    @classmethod
    def of(cls, batch: _Batch, plan_path: str | None = None) -> _ReadState:
        from xhht_desktop.db.reference import all_catalogues_in_db  # noqa: PLC0415

        names = list(batch.specs)
        sql = [r[0] for r in batch.db.conn.execute(
            f"SELECT sql FROM sqlite_master WHERE type='table' AND name IN ({','.join('?' * len(names))})", names)]
        catalogues = {c.programme.code: c for c in all_catalogues_in_db(batch.db)}
        return cls([str(i) for i in batch.identities], set(batch.own_fingerprints), sql, dict(batch.units),
                   catalogues, plan_path, batch.now, batch.actor, batch.origin)

    @staticmethod
    def install(state: _ReadState, given=None, plan_when_ahead: int = 0) -> None:
        """In the helper process: `given` is the merge's count of items given out (a shared integer),
        against which it judges whether it is `plan_when_ahead` items ahead (Opener.PLAN_WHEN_AHEAD)."""
        global _PROCESS_BATCH, _PLANNER, _GIVEN, _PLAN_WHEN_AHEAD  # noqa: PLW0603 - the helper process's one batch
        _GIVEN, _PLAN_WHEN_AHEAD = given, plan_when_ahead
        import sqlite_utils  # noqa: PLC0415
        from pyrage import x25519  # noqa: PLC0415

        from xhht_desktop.sync.tables import table_specs  # noqa: PLC0415

        db = sqlite_utils.Database(memory=True)
        for statement in state.schema:
            db.conn.execute(statement)
        _PROCESS_BATCH = _ProcessBatch(identities=[x25519.Identity.from_str(i) for i in state.identities],
                                       own_fingerprints=state.own_fingerprints, specs=table_specs(db),
                                       units=state.units, catalogues=state.catalogues)
        db.conn.close()
        if state.plan_path is not None:
            _PLANNER = _planner(state, _PROCESS_BATCH)


def _planner(state: _ReadState, opening: _ProcessBatch):
    """The helper process's AheadPlanner, on a read-only connection of its own to the database; None
    if it cannot be opened (the merge then plans every package itself)."""
    from xhht_desktop.db import reference  # noqa: PLC0415
    from xhht_desktop.db.connection import DatabaseError, open_reader  # noqa: PLC0415
    from xhht_desktop.sync.merge_plan import AheadPlanner  # noqa: PLC0415 - it imports this module

    try:
        db = open_reader(state.plan_path)
        db.conn.execute("PRAGMA query_only=ON")  # this process never writes the database
        db.conn.execute(f"PRAGMA cache_size=-{PLAN_CACHE_KIB}")
        batch = _Batch(db=db, identities=opening.identities, own_fingerprints=opening.own_fingerprints,
                       specs=opening.specs, actor=state.actor, origin=state.origin, dry_run=False,
                       units=opening.units, now=state.now)
        reference.pin_stamp(db)  # a merge changes no catalogue (see merge.merge_items)
        return AheadPlanner(batch)
    except (sqlite3.Error, DatabaseError, OSError):
        return None


# Page cache of the helper's read-only connection (KiB): the records of the unit being planned.
PLAN_CACHE_KIB = 32 * 1024


@dataclass
class _ProcessBatch:
    """The part of a _Batch that `_open_item` reads."""

    identities: list
    own_fingerprints: set[str]
    specs: dict
    units: dict[str, tuple]
    catalogues: dict  # programme code -> Catalogue: the figures' rules are worked out here too


_PROCESS_BATCH: _ProcessBatch | None = None
_PLANNER = None  # merge_plan.AheadPlanner when the helper plans too
_GIVEN = None  # the merge's count of items given out (multiprocessing.Value), with a planner
_PLAN_WHEN_AHEAD = 0


def _open_many_in_process(items: list[tuple[str, bytes | Path]], first: int = 0) -> bytes:
    """Open `items` (the batch's from its `first`; with a planner, plan those it is far enough ahead
    of the merge to plan: Opener.PLAN_WHEN_AHEAD); their results - (data, opened, prepared, planned
    or None) - pickled as one bytes object (see Opener._decoded)."""
    out = []
    for place, (name, source) in enumerate(items, first):
        data, opened, prepared = _open_item(_PROCESS_BATCH, name, source)  # type: ignore[arg-type]
        planned = None
        if _PLANNER is not None and isinstance(opened, OpenedPackage):
            wanted = _GIVEN is None or place - _GIVEN.value >= _PLAN_WHEN_AHEAD
            planned = _PLANNER.plan(name, data, opened, prepared, wanted=wanted)
            if planned is not None and isinstance(source, Path) and _PLANNER.light(planned, opened):
                # The merge needs neither the bytes (it reads the file again if it must merge the
                # package again) nor the rows (its plan holds the records to write): a third of what
                # it unpickles for a national batch.
                data, opened = b"", dataclasses.replace(opened, tables={})
                planned.light = True
        out.append((data, opened, prepared, planned))
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
