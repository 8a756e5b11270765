"""The Department's merge: many packages, any order, sent twice, some lost — never a figure
double-counted, lost or silently overwritten.

Per package: decrypt, verify, check (package.open_package); then, by the sending installation:
revoked → rejected; never confirmed for that unit → held (kept whole) until `confirm`; confirmed →
each record is compared with what is stored, in bulk:

* unknown here → new;
* same installation (origin), higher revision → updated; lower → older, skipped;
* same version → unchanged;
* another installation's version with different content → conflict: both kept, the Department
  chooses later (the stored one stays in force meanwhile); the choice is recorded in history.

Each package is applied whole or not at all, and one bad file never stops the batch. Packages
are applied in groups, one transaction each (see _Group), so ten thousand of them do not cost ten
thousand fsyncs or savepoints; a crash loses at most the current group, never half a package. A
dry run does the same work in one transaction and rolls it back, so the preview is exactly what
applying would do.

The work is in four modules, each testable alone: merge_read (open and check packages, no database),
merge_plan (decide what a package does, reading only), merge_write (write a decision; groups of
packages in one transaction) and merge_common (results and shared state). This module runs them
in order and keeps the public API (merge_files, merge_items, confirm_installations, ...). A large
batch is opened in a helper process, which also plans its packages against the committed database
when it is ahead (merge_plan.AheadPlanner): then this process only writes.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import meta, reference
from xhht_desktop.domain.values import format_int
from xhht_desktop.installation import get_installation
from xhht_desktop.messages import Text
from xhht_desktop.sync import keys, repo
from xhht_desktop.sync import merge_plan, merge_write
from xhht_desktop.sync.merge_common import (  # noqa: F401 - the public API, as before the split
    COUNT_KEYS,
    COUNT_LABELS_VI,
    CONFLICT,
    DRY_RUN_LABELS_VI,
    DUPLICATE,
    EARLIEST_TIME,
    HELD,
    IMPORTED,
    LATEST_TIME,
    LEVEL_OF_ROLE,
    MAX_MISSING_LISTED,
    MAX_PROBLEMS_SHOWN,
    MAX_REVISION_JUMP,
    MAX_SEQUENCE_JUMP,
    REJECTED,
    STATUS_LABELS_VI,
    MergeError,
    MergeReport,
    PackageResult,
    Progress,
    _Batch,
    _describe,
    _reject,
    _start,
    now_iso,
)
from xhht_desktop.sync.merge_plan import (  # noqa: F401
    _classify,
    _Plan,
    _plan,
    _stored_data,
    _text,
    _validate_figures,
)
from xhht_desktop.sync.merge_read import (  # noqa: F401
    Opener,
    _check_times,
    _open_item,
    _prepare,
    _Prepared,
    _read,
    _utc,
    expand_paths,
)
from xhht_desktop.sync.merge_write import _Group
from xhht_desktop.sync.package import OpenedPackage, PackageRejected, open_package
from xhht_desktop.sync.tables import table_specs

# Packages are committed together in groups: a crash loses at most the group under way (never half a
# package, and re-merging is idempotent), while each commit's fsync and WAL checkpoint is paid a few
# times per batch instead of once per package.
# A group's records (and the history rows of their changes) wait in memory to be written sorted by UUID
# (see _Group); they are written into the group's open transaction when FLUSH_ROWS of them wait, so
# memory stays bounded however large the group. With random UUIDs each flush writes index pages all
# over the file, and each commit's checkpoint copies every page the group changed into the database:
# the fewer flushes and commits, the fewer times the same pages are written. The group is committed
# at COMMIT_EVERY_SECONDS, GROUP_MAX_ROWS rows, or the package and byte limits, which bound the files
# kept in memory to merge a group again if one of its packages fails.
# Measured on the national batch (10,000 packages into the 7.9 GB nation; /proc I/O per phase):
#   30 s / 1,000,000 rows, flush 100,000, cache 128 MB: 14 flushes, 7 commits, 9.45 GB, 344 MB peak
#   120 s / 5,000,000 rows, flush 200,000, cache 32 MB:  6 flushes, 2 commits, 7.13 GB, 406 MB peak
#   (then 0.3 KB less per waiting record: merge_plan._shared)
#   120 s, one group, flush 250,000, cache 64 MB:       4 flushes, 1 commit,  5.91 GB, 509 MB peak
# In the app every write goes through one writer (xhht_desktop.writer), so a save waits for the whole
# merge operation, not for a group; a command run beside the app may wait a group's length.
COMMIT_EVERY_SECONDS = 120.0
FLUSH_ROWS = 1_000_000
# Whether records wait for the group's sorted write (above) or are written as soon as each package is
# planned (flush_rows=0). A record's UUID puts its index entry on a random page. Written at once, a page
# that left the page cache is changed again later: SQLite rewrites it in place in the WAL (one
# transaction), but if the system wrote it to disk meanwhile (Linux after 30 s; Windows' lazy writer
# within seconds) the disk writes it again. The sorted write changes each page once. That matters only
# when the UUID indexes are far larger than the page cache and the batch brings several records per
# index page: a big batch into a big database - the national stress scale, not a province's round.
# Measured 5 December (afternoon; the history of a first arrival one row per group):
#   national batch (10,000 packages, 7.9 GB): sorted 43.2 s, 2.38 GB, 356 MB; at once 35.9-39.7 s,
#     2.39 GB when it took under ~39 s, 3.5-3.6 GB in the runs that took longer, 155 MB
#   today's nation (3,321 packages, 200 MB): sorted 7.6-7.8 s; at once 5.7-6.1 s; 0.25 GB both
# Since the helper process plans a large batch (PLAN_AHEAD), the records of such a batch are written as
# they come, in windows (PLANNED_WINDOW_ROWS): the sorted write would start only after the helper's
# last package (measured on the national batch, planned ahead: sorted 47.5 s, written as they come
# 35.2-36.9 s and 2.40 GB). The sorted write stays for a big batch not planned ahead.
SORTED_WRITE_FROM_PACKAGES = 3_000
SORTED_WRITE_FROM_BYTES = 1024 * 1024 * 1024  # the database file
GROUP_MAX_ROWS = 5_000_000
GROUP_MAX_PACKAGES = 10_000
GROUP_MAX_BYTES = 64 * 1024 * 1024
# Page cache of the merging connection (KiB). A flush writes each table's rows in UUID order, so the
# index pages pass through the cache once; what it must hold is the unit-keyed index pages of the
# packages in the flush.
MERGE_CACHE_KIB = 64 * 1024
# The WAL is checkpointed beside the merge (repo.BackgroundCheckpointer); past this size the merge
# waits for the checkpoint to finish so that the WAL starts again from its beginning.
WAL_RESTART_BYTES = 768 * 1024 * 1024
# False: copy into the database only when the WAL passes WAL_RESTART_BYTES, and at the end, not
# beside every group's commit. Measured: 1,000 packages into a 750 MB database with 3 groups, 17.8 ->
# 14.1 s and 2.09 -> 0.59 GB; but 10,000 into the 7.9 GB one, 110 -> 141 s (72 -> 55 GB): the
# blocking checkpoints cost more than the overlap saved. Kept off; fewer, larger groups
# (FLUSH_ROWS) now do more for the bytes written.
CHECKPOINT_EVERY_COMMIT = True
WAL_KEEP_BYTES = 64 * 1024 * 1024  # journal_size_limit while merging: the WAL file shrinks back to this
# Packages opened (decrypted, verified, parsed) ahead of the one being merged, on a helper thread -
# or, for a batch of OPEN_IN_PROCESS_FROM packages or more, in a helper process (merge_read.Opener):
# opening is most of a package's CPU, and on a thread it takes turns with the merge on the GIL.
# Below that, starting the process (an interpreter, ~0.3 s) costs more than it saves.
OPEN_AHEAD = 4
OPEN_AHEAD_IN_PROCESS = 600
OPEN_CHUNK_IN_PROCESS = 12  # packages per call to the helper process (merge_read.Opener)
OPEN_IN_PROCESS_FROM = 300
# Whether that helper process also plans the packages (merge_plan.AheadPlanner), so that the merge's
# thread only writes. Measured on the national batch (10,000 packages into the 7.9 GB database): see
# docs/benchmarks.md.
PLAN_AHEAD = True
# Whether SQLite checks the foreign keys of the merge's own writes (see merge_items: the merge
# guarantees them; SQLite's check cost a fifth of the national batch's inserts).
CHECK_FOREIGN_KEYS = False
# Python's collection of its oldest objects (every object alive: a national batch's waiting records,
# report and plans) runs at most once per this many collections of the middle generation while a
# batch is merged, instead of Python's 10 (gc.set_threshold); the young generations are collected as
# usual, so cycles made while merging are still freed within a package or two.
GC_FULL_EVERY = 100
# Records of packages planned there wait for this many rows, then are written table by table in UUID
# order (merge_write._Window); 0: each package's as soon as it is applied.
PLANNED_WINDOW_ROWS = 50_000


def merge_files(db: sqlite_utils.Database, paths: Iterable[str | Path], *, dry_run: bool = False,
                progress: Progress | None = None, should_cancel: Callable[[], bool] | None = None,
                actor: str | None = None) -> MergeReport:
    """Merge package files (folders give their .xhht files). Usable without the GUI.

    `progress(done, total, text)` is called after each package; `should_cancel()` is checked
    between packages: what was done stays done (each package whole), the rest is listed in
    `not_processed`. With `dry_run` nothing is kept: the report says what applying would do.
    """
    files = expand_paths(paths)
    return merge_items(db, ((f.name, f) for f in files), total=len(files), dry_run=dry_run,
                       progress=progress, should_cancel=should_cancel, actor=actor)


def merge_items(db: sqlite_utils.Database, items: Iterable[tuple[str, bytes | Path]], *, total: int,
                dry_run: bool = False, progress: Progress | None = None,
                should_cancel: Callable[[], bool] | None = None, actor: str | None = None,
                held: bool = False) -> MergeReport:
    """Merge (display name, bytes or path) items; see merge_files."""
    batch = _start(db, dry_run, actor)
    report = MergeReport(dry_run=dry_run, started_at=batch.now, actor=batch.actor)
    conn = db.conn
    if conn.in_transaction:
        conn.execute("COMMIT")  # an implicit transaction left open by a caller's plain statement
    old_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    old_temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    old_autocheckpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    old_size_limit = conn.execute("PRAGMA journal_size_limit").fetchone()[0]
    old_foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    old_gc = gc.get_threshold()
    in_process = total >= OPEN_IN_PROCESS_FROM
    # Planned in the helper process too (merge_plan.AheadPlanner), unless the batch is a dry run (one
    # transaction, nothing committed to plan against) or held packages (few, and held_package rules).
    plan_path = repo.wal_file(db) if in_process and PLAN_AHEAD and not dry_run and not held else None
    # Another program's commit between two groups (this merge holds the write lock during each) would
    # make the helper's plans stale: the merge then plans the rest itself (_Group.begin).
    batch.outside_version = conn.execute("PRAGMA data_version").fetchone()[0]
    # Planned ahead, the records are written as they come (in windows): the sorted write would wait
    # for the helper's last package, then write alone (see SORTED_WRITE_FROM_PACKAGES).
    group = _Group(batch, apply_one=_classify_and_apply, merge_one=_merge_one,
                   commit_every_seconds=COMMIT_EVERY_SECONDS, max_rows=GROUP_MAX_ROWS,
                   flush_rows=FLUSH_ROWS if plan_path is None and sorted_write(db, total) else 0,
                   window_rows=PLANNED_WINDOW_ROWS, max_packages=GROUP_MAX_PACKAGES, max_bytes=GROUP_MAX_BYTES)
    done = 0
    if progress is not None:
        group.on_write = lambda written, waiting: progress(
            done, total, Text("merge.writing", done=format_int(written), total=format_int(waiting)))
    opener = Opener(batch, items, OPEN_AHEAD_IN_PROCESS if in_process else OPEN_AHEAD,
                    processes=in_process, chunk=OPEN_CHUNK_IN_PROCESS,
                    plan_path=plan_path)  # packages being opened (and planned) beside the merge
    reference.pin_stamp(db)  # the merge changes no catalogue: read its stamp once, not per package
    try:
        gc.set_threshold(old_gc[0], old_gc[1], max(old_gc[2], GC_FULL_EVERY))
        conn.execute(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")
        if not dry_run and not CHECK_FOREIGN_KEYS:
            # The merge's rows point only at parents it knows exist: a record's unit_id is the id of
            # a unit row read at the batch's start (no merge adds or removes units), an import's
            # periods follow their import in the same statement sequence. SQLite's own check of each
            # row against `units` (and the statement journal it makes every insert keep) cost 3.8 s
            # of the national batch's 18.4 s of inserts (measured on the floor, 6 December).
            # Checked after: tests/core/test_merge_ahead.py (PRAGMA foreign_key_check).
            conn.execute("PRAGMA foreign_keys=OFF")
        if not dry_run:
            batch.checkpointer = repo.BackgroundCheckpointer.for_database(db, WAL_RESTART_BYTES,
                                                                          every_commit=CHECKPOINT_EVERY_COMMIT)
        if batch.checkpointer is not None:
            conn.execute("PRAGMA wal_autocheckpoint=0")  # the checkpointer's thread does it
            # When the WAL restarts after a full checkpoint, its file shrinks back to this size, so
            # that its size says how much waits to be copied (BackgroundCheckpointer.after_commit).
            conn.execute(f"PRAGMA journal_size_limit={WAL_KEEP_BYTES}")
        group.begin()
        while opener.ahead:
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                report.not_processed = opener.pending()
                break
            name, data, opened, prepared = opener.next()
            if isinstance(opened, PackageResult):
                report.packages.append(opened)  # unreadable, or rejected before the database
                if held and opened.package_uuid and not dry_run:
                    repo.delete_held(db, opened.package_uuid)  # opened, then refused: it never will be applied
            elif dry_run:
                report.packages.append(_merge_one(batch, name, data, opened=opened, prepared=prepared,
                                                  held_package=held))
            else:
                group.merge(report, name, data, opened, prepared, held, source=opener.last_source,
                            planned=opener.last_planned)
            done += 1
            if progress is not None:
                progress(done, total, f"{done}/{total}: {name}")
            if not dry_run:
                group.flush_if_full(report)
            if not dry_run and group.due():
                group.commit(report)
                group.begin()
        if not dry_run:
            group.commit(report)
        report.gaps = _gap_messages(db, sorted(batch.touched))
    finally:
        try:
            # On an error that stops the merge, the group under way is undone (never half a package);
            # the groups committed before it stay. A dry run is undone whole.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        finally:
            group.active = False
            gc.set_threshold(*old_gc)
            reference.unpin_stamp(db)
            group.close()
            opener.close()
            if batch.checkpointer is not None:
                if progress is not None and report.packages:
                    progress(done, total, Text("merge.finishing"))
                batch.checkpointer.kick()
                batch.checkpointer.close()  # waits for the last checkpoint
                conn.execute(f"PRAGMA wal_autocheckpoint={int(old_autocheckpoint)}")
                conn.execute(f"PRAGMA journal_size_limit={int(old_size_limit)}")
            conn.execute(f"PRAGMA temp_store={int(old_temp_store)}")
            conn.execute(f"PRAGMA cache_size={int(old_cache)}")
            conn.execute(f"PRAGMA foreign_keys={int(old_foreign_keys)}")  # outside any transaction here
    report.finished_at = now_iso()
    return report


def sorted_write(db: sqlite_utils.Database, packages: int) -> bool:
    """Do this batch's records wait for one sorted write (see SORTED_WRITE_FROM_PACKAGES)?"""
    if packages < SORTED_WRITE_FROM_PACKAGES:
        return False
    pages, size = (db.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    return pages * size >= SORTED_WRITE_FROM_BYTES


def _merge_one(batch: _Batch, name: str, data: bytes, *, opened: OpenedPackage | None = None,
               prepared: _Prepared | None = None, held_package: bool = False) -> PackageResult:
    """One package in its own savepoint, its records written at once (the careful path)."""
    result = PackageResult(file=name)
    db = batch.db
    if opened is None:
        try:
            opened = open_package(data, batch.identities, batch.own_fingerprints, batch.specs)
        except PackageRejected as exc:
            return _reject(result, exc.code, exc.reason)
    _describe(result, opened)
    m = opened.manifest
    try:
        _check_times(opened)
        with db.atomic():
            _classify_and_apply(batch, result, opened, data, held_package, prepared)
    except PackageRejected as exc:
        _reject(result, exc.code, exc.reason)
    except sqlite3.OperationalError:
        raise  # disk full, locked, I/O: not this package's fault; stop, keep finished packages
    except Exception as exc:  # noqa: BLE001 - whatever fails in one package rejects that package alone
        _reject(result, "write_failed", f"Không ghi được gói vào cơ sở dữ liệu ({exc}); không có gì thay đổi.")
    if held_package and result.status != HELD:
        with db.atomic():
            repo.delete_held(db, m["package_uuid"])
    return result



def _classify_and_apply(batch: _Batch, result: PackageResult, opened: OpenedPackage, data: bytes,
                        held_package: bool, prepared: _Prepared | None = None, group: _Group | None = None,
                        planned: merge_plan.Planned | None = None) -> None:
    """Decide (merge_plan, reading only) - or take the helper process's plan - then write the
    decision (merge_write)."""
    if planned is not None:
        decision = planned.adopt(batch, result)
    else:
        decision = merge_plan.decide(batch, result, opened, data, held_package, prepared)
    merge_write.apply(batch, opened, decision, group)


# ---- sequence gaps ------------------------------------------------------------------------------
# Computed from the numbers received (a sort), never by walking the range between them: a package
# can claim any number up to MAX_SEQUENCE_JUMP above the last, and older databases may hold larger.

def missing_ranges(received: dict[int, tuple[str, bool]]) -> list[tuple[int, int]]:
    """(first, last) runs of sequence numbers never received, below the highest; a full package
    covers all before it."""
    if not received:
        return []
    last_full = max((s for s, (_u, full) in received.items() if full), default=0)
    out: list[tuple[int, int]] = []
    previous = last_full
    for seq in sorted(s for s in received if s > last_full):
        if seq > previous + 1:
            out.append((previous + 1, seq - 1))
        previous = seq
    return out


def missing_count(received: dict[int, tuple[str, bool]]) -> int:
    return sum(b - a + 1 for a, b in missing_ranges(received))


def missing_sequences(received: dict[int, tuple[str, bool]], limit: int = MAX_MISSING_LISTED) -> list[int]:
    """The first `limit` sequence numbers never received, below the highest (see missing_ranges)."""
    return _first_numbers(missing_ranges(received), limit)


def _first_numbers(ranges: list[tuple[int, int]], limit: int) -> list[int]:
    out: list[int] = []
    for a, b in ranges:
        out.extend(range(a, min(b + 1, a + limit - len(out))))
        if len(out) >= limit:
            break
    return out


def ranges_vi(ranges: list[tuple[int, int]], shown: int = 20) -> str:
    """"2, 5–9, 12" (at most `shown` runs), with the total when it is not plain from the list."""
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges[:shown]]
    text = ", ".join(parts) + (" …" if len(ranges) > shown else "")
    total = sum(b - a + 1 for a, b in ranges)
    if total > len(parts):
        text += f" (tổng cộng {format_int(total)} gói)"
    return text


def ranges_en(ranges: list[tuple[int, int]], shown: int = 20) -> str:
    """ranges_vi in English (the CLI's --lang en)."""
    return ranges_vi(ranges, shown).replace("tổng cộng", "in all").replace(" gói)", " packages)")


def _gap_messages(db: sqlite_utils.Database, touched: list[tuple[str, str]]) -> list[str]:
    out = []
    received = repo.received_sequences_of(db, touched)
    for fingerprint, unit_key in touched:
        ranges = missing_ranges(received[(fingerprint, unit_key)])
        if ranges:
            unit = repo.unit_row(db, unit_key)
            name = unit[3] if unit else unit_key
            out.append(Text("merge.gap", ranges_vi=ranges_vi(ranges), ranges=ranges_en(ranges), unit=name,  # english2
                            fp=fingerprint))
    return out


# ---- installations ------------------------------------------------------------------------------
# Trust is per (key, unit) pair: a key is confirmed for one unit at a time, never implicitly for
# another unit it also signs for; a revoked key is refused for every unit.

def list_installations(db: sqlite_utils.Database) -> list[dict]:
    """Sending (key, unit) pairs with unit, status, packages held and imported, missing sequences
    (`missing`: the first MAX_MISSING_LISTED, `missing_ranges`, `missing_count`) and `units_claimed`:
    how many units the key signs for (more than one is flagged wherever pairs are shown)."""
    out = []
    installations = repo.list_installations(db)
    received = repo.received_sequences_of(db, ((i["fingerprint"], i["unit_key"]) for i in installations))
    for inst in installations:
        ranges = missing_ranges(received[(inst["fingerprint"], inst["unit_key"])])
        inst["missing_ranges"] = ranges
        inst["missing_count"] = sum(b - a + 1 for a, b in ranges)
        inst["missing"] = _first_numbers(ranges, MAX_MISSING_LISTED)
        out.append(inst)
    return out


def units_claimed_vi(n: int) -> str:
    """The flag shown beside a key that signs for more than one unit."""
    return f"máy này đang gửi số liệu cho {n} đơn vị"


def _pairs_of(db: sqlite_utils.Database, fingerprint: str) -> list[dict]:
    fp = keys.normalise_fingerprint(fingerprint)
    pairs = repo.key_pairs(db, fp)
    if not pairs:
        raise keys.KeyProblem(Text("merge.no_such_sender", fp=fp))
    return pairs


def _unit_matches(pair: dict, spec: str) -> bool:
    """Whether a pair's unit is `spec`: its key ("CODE@YYYY-MM-DD" as stored), "CODE" or "CODE@DATE"
    (the unit holding CODE that day)."""
    if spec == pair["unit_key"]:
        return True
    code, _sep, day = spec.partition("@")
    if code.strip() != (pair["unit_code"] or pair["unit_key"].split("@")[0]):
        return False
    if not day:
        return True
    return (pair["valid_from"] or "") <= day.strip() and (not pair["valid_to"] or day.strip() <= pair["valid_to"])


def _unit_label(pair: dict) -> str:
    return f"{pair['unit_name'] or pair['unit_key']} ({pair['unit_code'] or ''})"


def resolve_pairs(db: sqlite_utils.Database, items: Iterable[str | tuple[str, str]]) -> list[tuple[str, str]]:
    """(fingerprint, unit key) pairs to confirm. An item is a (fingerprint, unit) pair - the unit as
    its key, "CODE" or "CODE@DATE", among the units the key signed for - or a bare fingerprint: then
    the unit it was first seen for, only. Raises KeyProblem (Vietnamese) for an unknown key or unit,
    a revoked key, or a bare fingerprint first seen for several units at once."""
    out: list[tuple[str, str]] = []
    for item in items:
        fingerprint, spec = (item, None) if isinstance(item, str) else item
        pairs = _pairs_of(db, fingerprint)
        fp = pairs[0]["fingerprint"]
        if any(p["status"] == "revoked" for p in pairs):
            raise keys.KeyProblem(Text("merge.sender_revoked", fp=fp))
        if spec is None:
            # Seen in the same merge, the order of the files decides which came first: not the sender's
            # word to take. Once the first is confirmed, a bare fingerprint only ever means that one.
            first = [p for p in pairs if p["first_seen"] == pairs[0]["first_seen"] and p["status"] == "pending"]
            if pairs[0]["status"] == "pending" and len(first) > 1:
                raise keys.KeyProblem(Text(
                    "merge.bare_fingerprint_ambiguous", fp=fp, n=len(first), total=len(pairs),
                    codes=", ".join(p["unit_code"] or p["unit_key"] for p in first)))
            chosen = pairs[0]
        else:
            matches = [p for p in pairs if _unit_matches(p, spec.strip())]
            if not matches:
                raise keys.KeyProblem(Text("merge.unit_not_sent", fp=fp, spec=spec,
                                           units=", ".join(_unit_label(p) for p in pairs)))
            if len(matches) > 1:
                raise keys.KeyProblem(Text("merge.unit_spec_ambiguous", fp=fp, spec=spec, n=len(matches)))
            chosen = matches[0]
        pair = (fp, chosen["unit_key"])
        if pair not in out:
            out.append(pair)
    return out


def confirm_installations(db: sqlite_utils.Database, items: Iterable[str | tuple[str, str]], *,
                          actor: str | None = None, progress: Progress | None = None,
                          should_cancel: Callable[[], bool] | None = None) -> MergeReport:
    """Confirm (key, unit) pairs (read back by phone) and apply the packages held for those pairs
    only. A bare fingerprint confirms the unit it was first seen for (see resolve_pairs)."""
    pairs = resolve_pairs(db, items)
    inst = get_installation(db)
    who = actor or (inst.actor if inst else "")
    with db.atomic():
        for fp, unit_key in pairs:
            repo.set_installation_status(db, fp, "confirmed", now_iso(), who, unit_key=unit_key)
    held = [h for fp, unit_key in pairs for h in repo.held_packages(db, fp, unit_key)]
    return merge_items(db, ((h["file_name"] or f"gói số {h['sequence']}", h["data"]) for h in held),
                       total=len(held), progress=progress, should_cancel=should_cancel, actor=actor, held=True)


def revoke_installation(db: sqlite_utils.Database, fingerprint: str, *, actor: str | None = None) -> int:
    """Refuse every later package signed with this key, for every unit (those it never claimed
    included). What it sent before stays; it cannot be confirmed again. Returns rows changed."""
    fp = _pairs_of(db, fingerprint)[0]["fingerprint"]
    inst = get_installation(db)
    with db.atomic():
        return repo.set_installation_status(db, fp, "revoked", now_iso(), actor or (inst.actor if inst else ""))


# ---- conflicts ----------------------------------------------------------------------------------

def list_conflicts(db: sqlite_utils.Database, status: str | None = "open") -> list[dict]:
    """Conflicts with the stored version as it is now (`current`) beside the incoming one."""
    specs = table_specs(db)
    out = []
    for c in repo.list_conflicts(db, status):
        spec = specs.get(c["table_name"])
        cur = repo.current_record(db, spec, c["record_uuid"]) if spec else None
        c["current_data"] = _stored_data(spec, cur) if cur else None
        out.append(c)
    return out


def resolve_conflict(db: sqlite_utils.Database, conflict_id: int, choice: str, *, actor: str | None = None) -> None:
    """Keep the stored version ("local") or take the other installation's ("incoming").

    The choice is written to history (field `conflict`, old = the version set aside, new = the one
    kept), with the figures' own changes when the incoming version is taken.
    """
    if choice not in ("local", "incoming"):
        raise ValueError("choice must be 'local' or 'incoming'")
    c = repo.get_conflict(db, conflict_id)
    if c is None or c["status"] != "open":
        raise MergeError(Text("merge.no_pending_conflict", conflict_id=conflict_id))
    spec = table_specs(db)[c["table_name"]]
    inst = get_installation(db)
    who = actor or (inst.actor if inst else "")
    stamp = now_iso()
    source = f"conflict:{conflict_id}"
    with db.atomic():
        cur = repo.current_record(db, spec, c["record_uuid"])
        current = _stored_data(spec, cur) if cur else {}
        incoming = c["incoming_data"]
        history: list[tuple] = []
        if choice == "incoming":
            unit_id = cur[1] if cur else repo.unit_row(db, c["unit_key"])[0]
            row = (c["record_uuid"], unit_id, *(incoming[f] for f in spec.fields), incoming["revision"],
                   incoming["base_revision"], incoming["updated_at"], incoming["updated_by"], incoming["origin"],
                   incoming["deleted"])
            repo.upsert_rows(db, spec, [row])
            for f in (*spec.history_fields, "deleted"):
                if current.get(f) != incoming.get(f):
                    history.append((spec.name, c["record_uuid"], f, _text(current.get(f)), _text(incoming.get(f)),
                                    incoming["revision"], stamp, who, inst.installation_id if inst else "", source))
            kept, aside = incoming, current
        else:
            kept, aside = current, incoming
        history.append((spec.name, c["record_uuid"], "conflict", json.dumps(_summary(aside), ensure_ascii=False),
                        json.dumps(_summary(kept), ensure_ascii=False), kept.get("revision", 0), stamp, who,
                        inst.installation_id if inst else "", source))
        repo.insert_history(db, history)
        repo.mark_conflict_resolved(db, conflict_id, choice, stamp, who)


def _summary(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("base_revision",)}


def department_email(db: sqlite_utils.Database) -> str:
    return meta.get(db, keys.META_DEPARTMENT_EMAIL) or ""
