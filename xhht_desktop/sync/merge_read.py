"""Reading packages: from a file or bytes to an opened, checked package and what can be worked out
from it alone (its records' own rules, the history text of its new records), with no database.
Runs a few packages ahead of the merge (`Opener`)."""

from __future__ import annotations

import datetime as dt
import json
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

# json.dumps(..., ensure_ascii=False) without building an encoder per call (one per new activity).
_json_text = json.JSONEncoder(ensure_ascii=False).encode


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
class _Prepared:
    """What can be worked out from a package alone, before it meets the database (see _prepare)."""

    problems: dict[str, list[str]] = field(default_factory=dict)  # record uuid -> its own rule breaches
    created: dict[str, str] = field(default_factory=dict)  # record uuid -> history text if it is new


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
    live records; the unit's dates bound the activity dates) and, for tables whose new records get
    one history row, that row's text. Which records apply is decided later, against the database."""
    prep = _Prepared()
    unit = batch.units.get(opened.unit_key)
    for name, rows in opened.tables.items():
        spec = batch.specs[name]
        if spec.validate is not None and unit is not None:
            for r in rows:
                if not r[7]:
                    found = spec.validate([dict(zip(spec.fields, r[8:]))], unit[5], unit[6])
                    if found:
                        prep.problems[r[0]] = found
        if spec.history_on_insert == "record":
            at = [(f, spec.columns.index(f)) for f in spec.history_fields]
            for r in rows:  # the history text of a record new here: its filled fields as JSON
                prep.created[r[0]] = _json_text({f: r[i] for f, i in at if r[i] is not None and r[i] != ""})
    return prep


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
                 processes: bool = False, chunk: int = 1):
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
        self._last_future: Future | None = None
        self._last_results: list = []
        if processes:
            try:
                state = _ReadState.of(batch)
                self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_ReadState.install, initargs=(state,))
                self.in_process = True
            except (OSError, ValueError, RuntimeError, sqlite3.Error):
                self.pool = None  # opened on a thread, as before
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xhht-open")
        self._fill()

    def _fill(self) -> None:
        while len(self.ahead) < self.ahead_n:
            if self.in_process:
                items = [item for item in (next(self.iterator, None) for _ in range(self.chunk)) if item is not None]
                if not items:
                    return
                future = self._submit(_open_many_in_process, items)
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
            data, opened, prepared = future.result() if place < 0 else self._decoded(future)[place]
        except (BrokenProcessPool, OSError, EOFError):  # the helper process died: open it here
            data, opened, prepared = _open_item(self.batch, name, source)
        self._fill()
        return name, data, opened, prepared

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

    @classmethod
    def of(cls, batch: _Batch) -> _ReadState:
        names = list(batch.specs)
        sql = [r[0] for r in batch.db.conn.execute(
            f"SELECT sql FROM sqlite_master WHERE type='table' AND name IN ({','.join('?' * len(names))})", names)]
        return cls([str(i) for i in batch.identities], set(batch.own_fingerprints), sql, dict(batch.units))

    @staticmethod
    def install(state: _ReadState) -> None:
        global _PROCESS_BATCH  # noqa: PLW0603 - the helper process's one batch
        import sqlite_utils  # noqa: PLC0415
        from pyrage import x25519  # noqa: PLC0415

        from xhht_desktop.sync.tables import table_specs  # noqa: PLC0415

        db = sqlite_utils.Database(memory=True)
        for statement in state.schema:
            db.conn.execute(statement)
        _PROCESS_BATCH = _ProcessBatch(identities=[x25519.Identity.from_str(i) for i in state.identities],
                                       own_fingerprints=state.own_fingerprints, specs=table_specs(db),
                                       units=state.units)
        db.conn.close()


@dataclass
class _ProcessBatch:
    """The part of a _Batch that `_open_item` reads."""

    identities: list
    own_fingerprints: set[str]
    specs: dict
    units: dict[str, tuple]


_PROCESS_BATCH: _ProcessBatch | None = None


def _open_in_process(name: str, source: bytes | Path):
    return _open_item(_PROCESS_BATCH, name, source)  # type: ignore[arg-type]


def _open_many_in_process(items: list[tuple[str, bytes | Path]]) -> bytes:
    """Open `items`; their results pickled as one bytes object (see Opener._decoded)."""
    return pickle.dumps([_open_item(_PROCESS_BATCH, name, source) for name, source in items],  # type: ignore[arg-type]
                        protocol=pickle.HIGHEST_PROTOCOL)
