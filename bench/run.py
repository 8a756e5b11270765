"""Benchmarks of XHHT Desktop at province and national scale, each against a baseline measured in
the same run on the same machine. Prints a table (Markdown) and optionally writes it as JSON.

    python bench/run.py [--scale province|nation] [--quick] [--only NAME ...] [--json OUT]
    python bench/run.py --scale province --only gui-block --json OUT   # max_block_ms of a Department session

Every measurement runs in a fresh child process (`python bench/run.py --child NAME ...`), so its
peak memory is its own (VmHWM, which restarts at exec) and no cache is shared between the app and
its baseline. Databases come from bench/generate.py (built on first use, then reused from
$XHHT_BENCH_DIR, default /tmp/xhht-bench). `--quick` uses a 1,000-commune nation and fewer GUI runs.

Not part of the test suite's pass/fail: the goals are printed next to the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import format_table, module_available, vm_hwm_mb  # noqa: E402

PY = sys.executable


# ---- child side: one measurement, printed as JSON ------------------------------------------------------

def _emit(**data) -> None:
    data["peak_mb"] = round(vm_hwm_mb(), 1)
    print("RESULT " + json.dumps(data, ensure_ascii=False))


def child_values(db_path: str, unit_code: str, period: str) -> None:
    from xhht_desktop.db import units_repo
    from xhht_desktop.db.aggregate import compute_values
    from xhht_desktop.installation import open_app_database

    db = open_app_database(db_path)
    unit = units_repo.find_unit(db, unit_code)
    t, c = time.perf_counter(), time.process_time()
    rows = compute_values(db, unit.id, period)
    _emit(cpu=time.process_time() - c, seconds=time.perf_counter() - t, rows=len(rows))


def child_values_baseline(db_path: str, unit_code: str, period: str) -> None:
    """The same sums as bare SQL: one GROUP BY over the communes below the unit."""
    import sqlite3
    conn = sqlite3.connect(db_path)
    t, c = time.perf_counter(), time.process_time()
    rows = conn.execute(
        """WITH RECURSIVE below(id) AS (
               SELECT p.unit_id FROM unit_parents p JOIN units r ON r.id=p.parent_id WHERE r.code=?
               UNION SELECT p.unit_id FROM unit_parents p JOIN below b ON p.parent_id=b.id)
           SELECT indicator, breakdown, SUM(numerator), SUM(denominator), SUM(value), COUNT(*)
           FROM indicator_values WHERE period=? AND deleted=0 AND unit_id IN (SELECT id FROM below)
           GROUP BY indicator, breakdown""", (unit_code, period)).fetchall()
    _emit(cpu=time.process_time() - c, seconds=time.perf_counter() - t, rows=len(rows))


def child_report(db_path: str, unit_code: str, period: str, fmt: str, out: str) -> None:
    from xhht_desktop.db import units_repo
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.reports.cli import generate

    db = open_app_database(db_path)
    unit = units_repo.find_unit(db, unit_code)
    t, c = time.perf_counter(), time.process_time()
    generate(db, "consolidated", unit, parse_period(period), fmt, out)
    _emit(cpu=time.process_time() - c, seconds=time.perf_counter() - t, bytes=os.path.getsize(out))


def child_xlsx_baseline(reference: str, out: str) -> None:
    """Write as many plain cells as the app's workbook has, with openpyxl write-only: the floor."""
    from openpyxl import Workbook, load_workbook
    shape = []
    src = load_workbook(reference, read_only=True)
    for ws in src.worksheets:  # write-only workbooks carry no dimension: count what is there
        rows = list(ws.iter_rows(values_only=True))
        shape.append((len(rows), max((len(r) for r in rows), default=1)))
    src.close()
    start_mb = vm_hwm_mb()
    t, c = time.perf_counter(), time.process_time()
    wb = Workbook(write_only=True)
    for rows, cols in shape:
        ws = wb.create_sheet()
        for r in range(rows):
            ws.append([r * 1.5 + c for c in range(cols)])
    wb.save(out)
    _emit(cpu=time.process_time() - c, seconds=time.perf_counter() - t, cells=sum(r * c for r, c in shape), start_mb=start_mb)


def child_export(db_path: str, out_dir: str) -> None:
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync.export import export_package

    db = open_app_database(db_path)
    t, c = time.perf_counter(), time.process_time()
    res = export_package(db, out_dir, full=True)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    db.conn.rollback() if db.conn.in_transaction else None
    _emit(seconds=seconds, cpu=cpu, bytes=os.path.getsize(res.path), counts=res.counts)


def child_export_baseline(db_path: str, out: str) -> None:
    """Read every synced row of the commune, serialise to JSON, compress and write: the floor."""
    import gzip
    import sqlite3
    conn = sqlite3.connect(db_path)
    t, c = time.perf_counter(), time.process_time()
    data = {}
    for table in ("indicator_values", "period_status", "clc_activities", "clc_centres"):
        try:
            cur = conn.execute(f"SELECT * FROM {table}")
        except sqlite3.OperationalError:
            continue
        data[table] = [list(r) for r in cur]
    blob = gzip.compress(json.dumps(data).encode(), 6)
    Path(out).write_bytes(blob)
    _emit(cpu=time.process_time() - c, seconds=time.perf_counter() - t, bytes=len(blob))


def _write_bytes() -> int:
    """Bytes this process has caused to be written to storage (/proc/self/io `write_bytes`;
    threads included), or -1 where there is no such file."""
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def child_merge(db_path: str, packages_dir: str) -> None:
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync import merge_read
    from xhht_desktop.sync.merge import merge_files

    # The helper process that opens (and plans) a large batch has its own memory: its peak (VmHWM) is
    # read just before it is stopped and reported beside the merge's own.
    helper_peaks: list[float] = []
    real_close = merge_read.Opener.close

    def close(self) -> None:
        for pid in list(getattr(self.pool, "_processes", None) or {}):
            try:
                helper_peaks.append(vm_hwm_mb(pid))
            except OSError:
                pass
        real_close(self)

    merge_read.Opener.close = close
    db = open_app_database(db_path)
    w0 = _write_bytes()
    t, c = time.perf_counter(), time.process_time()
    report = merge_files(db, [packages_dir])
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    written = _write_bytes() - w0
    codes: dict[str, int] = {}
    for p in report.packages:
        key = p.status if p.status != "rejected" else f"rejected:{p.code}"
        codes[key] = codes.get(key, 0) + 1
    _emit(seconds=seconds, cpu=cpu, packages=len(report.packages), codes=codes, write_bytes=written,
          helper_peak_mb=round(max(helper_peaks), 1) if helper_peaks else None)


def child_merge_floor(db_path: str, rows_file: str, history_file: str) -> None:
    """The merge's floor: what it must write - the same records and history rows, into the same
    schema and indexes - in one transaction (records sorted by UUID, as the merge writes them),
    then a checkpoint, on the app's own connection settings (WAL, synchronous=FULL) and the merge's
    page cache (merge.MERGE_CACHE_KIB). The bare
    executemany of the records alone, inside that transaction, is timed on the way."""
    import pickle
    import sqlite3
    with open(rows_file, "rb") as fh:
        tables = pickle.load(fh)
    with open(history_file, "rb") as fh:
        history = pickle.load(fh)
    from xhht_desktop.sync.merge import MERGE_CACHE_KIB
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")  # the merge's own page cache
    w0 = _write_bytes()
    t, c = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    n = 0
    for table, (columns, rows) in tables.items():
        conn.executemany(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                         f"VALUES ({', '.join('?' * len(columns))})", sorted(rows))
        n += len(rows)
    bare = time.perf_counter() - t
    # `arrival` as the merge wrote it (migration 0009): a first arrival's rows stay out of the index.
    conn.executemany("INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, "
                     "changed_at, changed_by, origin, source, arrival) VALUES (?,?,?,?,?,?,?,?,?,?,?)", history)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    _emit(cpu=cpu, seconds=seconds, rows=n, history=len(history), bare_seconds=bare,
          write_bytes=_write_bytes() - w0)


def child_merge_baseline(db_path: str, rows_file: str) -> None:
    """A bare executemany of the same rows the batch carries, in one transaction, same pragmas."""
    import pickle
    import sqlite3
    with open(rows_file, "rb") as fh:
        tables = pickle.load(fh)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    t, c = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    n = 0
    for table, (columns, rows) in tables.items():
        conn.executemany(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                         f"VALUES ({', '.join('?' * len(columns))})", rows)
        n += len(rows)
    conn.execute("COMMIT")
    _emit(cpu=time.process_time() - c, seconds=time.perf_counter() - t, rows=n)


CHILDREN = {
    "values": child_values, "values_baseline": child_values_baseline, "report": child_report,
    "xlsx_baseline": child_xlsx_baseline, "export": child_export, "export_baseline": child_export_baseline,
    "merge": child_merge, "merge_baseline": child_merge_baseline, "merge_floor": child_merge_floor,
}


# ---- parent side ----------------------------------------------------------------------------------------

def run_child(name: str, *args: str, timeout: int = 1800) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([PY, str(HERE / "run.py"), "--child", name, *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, cwd=str(HERE.parent))
    wall = time.perf_counter() - t
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            data = json.loads(line[7:])
            data["wall"] = wall
            return data
    return {"error": (proc.stderr or proc.stdout)[-1500:], "wall": wall}


def cli_wall(db: Path, *args: str, runs: int = 3) -> float:
    """Median wall time of the command line as a user types it (interpreter start included)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([PY, "-m", "xhht_desktop", "--db", str(db), *args], capture_output=True, check=True,
                       cwd=str(HERE.parent))
        times.append(time.perf_counter() - t)
    return statistics.median(times)


class Table:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, name: str, app: dict | None, base: dict | None = None, *, goal_s: float | None = None,
            goal_ratio: float | None = None, goal_mb: float | None = None, note: str = "",
            extra: dict | None = None) -> None:
        row = {"benchmark": name, "note": note}
        extra = extra or {}
        if app is None or "error" in app:
            row["error"] = (app or {}).get("error", "not available")
            row["status"] = "n/a"
            self.rows.append(row)
            print(f"  {name}: {row['error'][-300:]}", file=sys.stderr)
            return
        row["app_s"] = app["seconds"]
        row["app_cpu"] = app.get("cpu")
        row["peak_mb"] = app.get("peak_mb")
        if base and "error" not in base:
            row["base_s"] = base["seconds"]
            row["ratio"] = app["seconds"] / base["seconds"] if base["seconds"] > 0 else None
        met = []
        if goal_s is not None:
            met.append(app["seconds"] <= goal_s)
        if goal_ratio is not None and row.get("ratio") is not None:
            met.append(row["ratio"] <= goal_ratio)
        if goal_mb is not None and row.get("peak_mb") is not None:
            met.append(row["peak_mb"] <= goal_mb)
        goal_gb = extra.get("goal_write_gb")
        if extra.get("write_gb") is not None:
            row["write_gb"] = extra["write_gb"]
            if goal_gb is not None:
                met.append(0 <= row["write_gb"] <= goal_gb)
        goals = []
        if goal_s is not None:
            goals.append(f"≤ {goal_s:g} s")
        if goal_ratio is not None:
            goals.append(f"≤ {goal_ratio:g}×")
        if goal_mb is not None:
            goals.append(f"≤ {goal_mb:g} MB")
        if goal_gb is not None:
            goals.append(f"≤ {goal_gb:g} GB written")
        row["goal"] = ", ".join(goals)
        row["status"] = "-" if not met else "met" if all(met) else "MISSED"
        self.rows.append(row)
        print(f"  {name}: {row['app_s']:.3f} s (baseline {row.get('base_s', float('nan')):.3f} s), "
              f"peak {row['peak_mb']} MB, written {row.get('write_gb')} GB — {row['status']}", file=sys.stderr)

    def render(self) -> str:
        def f(x, digits=3):
            return "" if x is None else f"{x:.{digits}f}"
        return format_table(
            ["benchmark", "app (s)", "app CPU (s)", "baseline (s)", "app ÷ baseline", "peak MB", "written GB",
             "goal", "status", "measured", "note"],
            [[r["benchmark"], f(r.get("app_s")), f(r.get("app_cpu")), f(r.get("base_s")),
              # Two decimals: a ratio the goal misses by a hair (1.53 against <= 1.5) must not read "1.5×".
              f(r.get("ratio"), 2) + ("×" if r.get("ratio") is not None else ""),
              f(r.get("peak_mb"), 0), f(r.get("write_gb"), 2), r.get("goal", ""), r["status"],
              r.get("measured", ""), r.get("note") or r.get("error", "")[:60]]
             for r in self.rows])


def bench_values(table: Table, nation: Path | None, province: Path) -> None:
    for db, label in (*(((nation, "nation"),) if nation else ()), (province, "province")):
        app = run_child("values", db, "62", "2020")
        base = run_child("values_baseline", db, "62", "2020")
        wall = cli_wall(db, "values", "--period", "2020", "--unit", "62", "--json")
        table.add(f"values: Kon Tum 2020 over the {label} DB", app, base, goal_s=1.0 if label == "nation" else None,
                  note=f"CLI `values --json` wall {wall:.2f} s (interpreter start included)")
    if nation is not None:
        app = run_child("values", nation, "VN", "2020")
        base = run_child("values_baseline", nation, "VN", "2020")
        table.add("values: whole nation 2020 (VN root)", app, base, note="no goal; for scale")


def bench_reports(table: Table, nation: Path | None, province: Path, tmp: Path) -> None:
    if not module_available("xhht_desktop.reports.cli"):
        table.add("reports", None)
        return
    for db, label in ((province, "province DB"), *(((nation, "nation DB"),) if nation else ())):
        for fmt in ("pdf", "xlsx"):
            out = tmp / f"kt_{label[:4]}.{fmt}"
            app = run_child("report", db, "62", "2020", fmt, out)
            base = run_child("xlsx_baseline", out, tmp / "base.xlsx") if fmt == "xlsx" and "error" not in app else None
            table.add(f"consolidated {fmt.upper()}: Kon Tum 2020 ({label})", app, base, goal_s=2.0,
                      note="baseline: openpyxl write-only, same cell count" if base else "")
    if nation:
        out = tmp / "vn.xlsx"
        app = run_child("report", nation, "VN", "2020", "xlsx", out)
        base = run_child("xlsx_baseline", out, tmp / "base.xlsx") if "error" not in app else None
        table.add("consolidated XLSX: whole nation 2020", app, base, goal_s=30.0, goal_mb=400.0,
                  note="baseline: openpyxl write-only, same cell count")


def bench_export(table: Table, tmp: Path) -> None:
    if not module_available("xhht_desktop.sync.export"):
        table.add("commune full export (10 years)", None)
        return
    from bench import packages
    db = packages.commune_ready_to_export(tmp / "export")
    out = tmp / "export" / "out"
    out.mkdir(parents=True, exist_ok=True)
    app = run_child("export", db, out)
    base = run_child("export_baseline", db, tmp / "export" / "base.json.gz")
    table.add("commune full export, 10 years (Đắk Pék)", app, base, goal_s=1.0,
              note="baseline: SELECT * + JSON + gzip, no signing/encryption")


def _history_written(db: Path, after_id: int, out: Path) -> int:
    """The history rows a merge wrote (id above `after_id`), pickled for the floor."""
    import pickle
    import sqlite3
    conn = sqlite3.connect(str(db))
    rows = conn.execute("SELECT table_name, record_uuid, field, old_value, new_value, revision, changed_at, "
                        "changed_by, origin, source, arrival FROM history WHERE id>? ORDER BY id",
                        (after_id,)).fetchall()
    conn.close()
    with open(out, "wb") as fh:
        pickle.dump(rows, fh)
    return len(rows)


def _migrate(db: Path) -> None:
    """Bring a cached database to this version's schema (a no-op when it is there). The copy the
    app keeps before an upgrade (backups/) is generated data here: removed, not to fill the disk."""
    from xhht_desktop.installation import open_app_database
    backups = db.parent / "backups"
    before = set(backups.glob("*")) if backups.exists() else set()
    open_app_database(db).conn.close()
    for made in (set(backups.glob("*")) if backups.exists() else set()) - before:
        made.unlink(missing_ok=True)


def _max_history_id(db: Path) -> int:
    import sqlite3
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute("SELECT COALESCE(MAX(id), 0) FROM history").fetchone()[0]
    finally:
        conn.close()


def bench_merge(table: Table, source_db: Path, communes: int | None, tmp: Path, *, label: str,
                goal_s: float, goal_ratio: float | None = 1.5, goal_gb: float | None = 3.0, repeats: int = 1) -> None:
    """The merge of a batch (one package per commune of `source_db`), against its floor (the same
    records and history rows, one transaction, checkpointed) and the bare executemany, same run.
    With `repeats` > 1 the merge and its floor run in turn that many times (merge, floor, merge,
    floor...: a machine that slows down for a minute slows both) and the row gives the medians, its
    note every pair; peak memory and bytes written are the largest of the runs."""
    if not module_available("xhht_desktop.sync.merge"):
        table.add(f"merge: {label}", None)
        return
    from bench import packages
    batch = packages.national_batch(source_db, communes, limit=communes)
    _migrate(batch.department_db)  # once, in place: the merge and its floor start from the same schema
    work = tmp / "merge.sqlite3"
    base_db = tmp / "merge_base.sqlite3"
    history_file = tmp / "history.pickle"
    apps: list[dict] = []
    floors: list[dict] = []
    n_history = 0
    for turn in range(max(1, repeats)):
        packages.copy_db(batch.department_db, work)
        before = _max_history_id(work)
        app = run_child("merge", work, batch.packages_dir, timeout=3600)
        if "error" in app:
            apps, floors = [app], []
            break
        if turn == 0:  # the same rows every time: the floor writes the first run's history
            n_history = _history_written(work, before, history_file)
        for suffix in ("", "-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
        packages.copy_db(batch.department_db, base_db)
        floor = run_child("merge_floor", base_db, batch.rows_file, history_file, timeout=3600)
        for suffix in ("", "-wal", "-shm"):
            Path(str(base_db) + suffix).unlink(missing_ok=True)
        apps.append(app)
        if "error" in floor:
            floors = [floor]
            break
        floors.append(floor)
        if repeats > 1:
            print(f"    run {turn + 1}: merge {app['seconds']:.2f} s, floor {floor['seconds']:.2f} s", file=sys.stderr)
    app = _median_run(apps)
    floor = _median_run(floors) if floors else None
    gb = app.get("write_bytes", -1) / 1e9 if app and "error" not in app else None
    floor_gb = floor.get("write_bytes", -1) / 1e9 if floor and "error" not in floor else None
    note = (f"floor: the same {batch.rows:,} records and {n_history:,} history rows, one "
            f"transaction + checkpoint; written {gb:.2f} GB (floor {floor_gb:.2f} GB); "
            f"outcomes {app.get('codes')}" if floor and "error" not in floor else "")
    if app and app.get("helper_peak_mb") is not None:
        note += f"; helper process peak {app['helper_peak_mb']:.0f} MB (not in 'peak MB')"
    if len(apps) > 1 and floor and "error" not in floor:
        pairs = ", ".join(f"{a['seconds']:.2f}/{f['seconds']:.2f}" for a, f in zip(apps, floors))
        note += (f"; median of {len(apps)} runs, merge and floor in turn (merge/floor s: {pairs}; "
                 "peak and bytes: the largest)")
    table.add(f"merge: {label}", app, floor, goal_s=goal_s, goal_ratio=goal_ratio, goal_mb=400.0, note=note,
              extra={"write_gb": gb, "goal_write_gb": goal_gb})
    if floor and "error" not in floor:
        table.add(f"bare executemany of the records only: {label}",
                  {"seconds": floor["bare_seconds"], "peak_mb": None}, None,
                  note="inside the floor's transaction, before its history rows and COMMIT (for scale)")


def _median_run(runs: list[dict]) -> dict:
    """One result for several runs of a child: the median of each time, the largest peak memory
    and bytes written, the first run's outcomes (the runs merge the same files into the same copy)."""
    if len(runs) == 1 or any("error" in r for r in runs):
        return runs[0]
    out = dict(runs[0])
    for key in ("seconds", "cpu", "bare_seconds", "wall"):
        if all(r.get(key) is not None for r in runs):
            out[key] = statistics.median(r[key] for r in runs)
    for key in ("peak_mb", "write_bytes", "helper_peak_mb"):
        if all(r.get(key) is not None for r in runs):
            out[key] = max(r[key] for r in runs)
    return out


def bench_gui(table: Table, province: Path, runs: int) -> None:
    if not module_available("ui.main_window"):
        table.add("GUI start to first painted main window", None)
        return
    from bench import gui_probe
    app_times, bare_times, peak = [], [], 0.0
    for _ in range(runs):
        for mode, acc in (("bare", bare_times), ("app", app_times)):
            r = gui_probe.measure(mode, province)
            if "error" in r:
                table.add("GUI start to first painted main window", r)
                return
            acc.append(r["seconds"])
            if mode == "app":
                peak = max(peak, r.get("peak_mb", 0))
    app = {"seconds": statistics.median(app_times), "peak_mb": peak}
    base = {"seconds": statistics.median(bare_times)}
    table.add("GUI start → first painted main window (province DB)", app, base, goal_ratio=1.5,
              note=f"median of {runs}; app runs {', '.join(f'{x:.2f}' for x in app_times)}; "
                   f"bare {', '.join(f'{x:.2f}' for x in bare_times)}")
    bench_gui_content(table, province, runs, bare_times)


def bench_gui_content(table: Table, province: Path, runs: int, bare_times: list[float]) -> None:
    """Start to the first page showing its content (MainWindow.after_content_shown), against the
    same bare window runs: what the official waits for, not the empty frame."""
    from bench import gui_probe
    times, peak = [], 0.0
    for _ in range(runs):
        r = gui_probe.measure("content", province)
        if "error" in r:
            table.add("GUI start → first page showing its content (province DB)", r)
            return
        times.append(r["seconds"])
        peak = max(peak, r.get("peak_mb", 0))
    table.add("GUI start → first page showing its content (province DB)",
              {"seconds": statistics.median(times), "peak_mb": peak}, {"seconds": statistics.median(bare_times)},
              goal_ratio=1.5, note=f"median of {runs}; app runs {', '.join(f'{x:.2f}' for x in times)}; "
                                   "baseline: the bare window's runs above")


def bench_gui_block(table: Table, province: Path) -> dict:
    """The longest the GUI thread stays away from the event loop in a scripted Department session
    (bench/gui_block.py). Goal: ≤ 100 ms."""
    from bench import gui_block
    from bench.generate import DEFAULT_DIR

    r = gui_block.measure(province, DEFAULT_DIR)
    name = "gui-block: Department session, longest GUI-thread block (province DB)"
    if "error" in r:
        table.add(name, r)
        return r
    row = {"benchmark": name, "max_block_ms": r["max_block_ms"], "p99_block_ms": r["p99_block_ms"],
           "where": r["where"], "goal": "≤ 100 ms", "status": "met" if r["max_block_ms"] <= 100 else "MISSED",
           "app_s": r["max_block_ms"] / 1000, "peak_mb": None,
           "note": (f"max {r['max_block_ms']} ms in «{r['where']}», p99 {r['p99_block_ms']} ms; "
                    f"log {r['clc_rows']} rows, merged {r['merged']}, saved during merge {r['saved_during_merge']}, "
                    f"report {r['report_pages']} pages printed {r['printed']}; session {r['session_s']} s")}
    table.rows.append(row)
    print(f"  {name}: max_block_ms {r['max_block_ms']} ({r['where']}) — {row['status']}", file=sys.stderr)
    return r


def machine() -> str:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""
    return "\n".join([f"nproc: {sh('nproc')}", sh("lscpu | head -15"), sh("free -h"),
                      f"python: {sys.version.split()[0]}, sqlite {__import__('sqlite3').sqlite_version}"])


DOCS = HERE.parent / "docs" / "benchmarks.md"
DOCS_JSON = HERE.parent / "docs" / "benchmarks.json"
MARK_START = "<!-- bench/run.py: results start (generated; do not edit by hand) -->"
MARK_END = "<!-- bench/run.py: results end -->"


def _commit() -> str:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, cwd=str(HERE.parent)).stdout.strip()
        except OSError:
            return ""
    head = git("rev-parse", "--short=10", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmarks.md",
                ":!docs/benchmarks.json")  # the documents this run writes do not count
    return head + (" + uncommitted changes" if dirty else "")


def write_documents(table: Table, run_info: dict, docs: Path = DOCS, docs_json: Path = DOCS_JSON) -> None:
    """Write this run's rows into docs/benchmarks.json and the results table of docs/benchmarks.md
    (between MARK_START and MARK_END). Rows this run did not measure keep their own date, commit
    and load (the `measured` column), so a figure never looks newer than it is."""
    previous = {}
    if docs_json.exists():
        previous = {r["benchmark"]: r for r in json.loads(docs_json.read_text(encoding="utf-8")).get("rows", [])}
    stamp = f"{run_info['date'][:16].replace('T', ' ')} UTC, {run_info['commit']}, load {run_info['load_start'][0]:.1f}"
    if run_info.get("imports"):
        stamp += ", from source" if "source" in run_info["imports"] else ", bytecode"
    for r in table.rows:
        r["measured"] = stamp
        r["run"] = run_info
        previous[r["benchmark"]] = r
    rows = list(previous.values())
    docs_json.write_text(json.dumps({"rows": rows, "last_run": run_info}, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    merged = Table()
    merged.rows = rows
    block = "\n".join([
        MARK_START,
        f"Last run: {run_info['date']} (UTC), commit {run_info['commit']}, `bench/run.py {' '.join(run_info['argv'])}`; "
        f"load average at start {', '.join(f'{x:.2f}' for x in run_info['load_start'])}, at end "
        f"{', '.join(f'{x:.2f}' for x in run_info['load_end'])} (1, 5, 15 min; {run_info['cpus']} CPUs). "
        + (f"Imports: {run_info['imports']}. " if run_info.get("imports") else "")
        + "Each row says when it was measured; rows of earlier runs keep their own date.",
        "",
        merged.render(),
        MARK_END])
    text = docs.read_text(encoding="utf-8") if docs.exists() else ""
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        text = head + block + rest.split(MARK_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Latest results (generated)\n\n" + block + "\n"
    docs.write_text(text, encoding="utf-8")


def bytecode_like_the_bundle(cache: Path) -> str:
    """Let every child import the app's modules from compiled bytecode, as the built app does.

    PyInstaller ships our modules compiled; a checkout run with PYTHONDONTWRITEBYTECODE=1 (this
    machine sets it) compiles every module of ours from source at each start, inside the measured
    time — on the GUI thread, or on a worker holding the GIL. The app's sources are compiled once
    here into a private cache (PYTHONPYCACHEPREFIX, nothing written into the checkout), and the
    children read it. Returns the condition, written beside the figures."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    root = HERE.parent
    subprocess.run([PY, "-m", "compileall", "-q", *(str(root / d) for d in ("ui", "xhht_desktop", "bench")),
                    str(root / "main.py")], env=env, check=True, capture_output=True)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache)
    return "app modules imported from compiled bytecode, as in the built app"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        CHILDREN[argv[1]](*argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=("province", "nation"), default="nation")
    ap.add_argument("--quick", action="store_true", help="1,000-commune nation, 3 GUI runs")
    ap.add_argument("--only", nargs="*", choices=("values", "reports", "export", "merge", "gui", "gui-block"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--repeats", type=int, default=3,
                    help="merge benchmarks: runs of the merge and its floor, in turn (the table gives medians)")
    ap.add_argument("--no-docs", action="store_true",
                    help="do not write docs/benchmarks.md's results table and docs/benchmarks.json")
    ap.add_argument("--source-imports", action="store_true",
                    help="let children compile the app's sources at import (a checkout with "
                         "PYTHONDONTWRITEBYTECODE=1) instead of reading bytecode as the built app does")
    args = ap.parse_args(argv)
    from bench.generate import DEFAULT_DIR

    imports = ("app modules compiled from source at each import (--source-imports)" if args.source_imports
               else bytecode_like_the_bundle(DEFAULT_DIR / "pycache"))
    run_info = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": _commit(),
                "argv": argv, "load_start": list(os.getloadavg()), "cpus": os.cpu_count(),
                "imports": imports,
                "scale": "province" if args.scale == "province" else
                         f"nation of {1000 if args.quick else 10_000:,} communes"}
    from bench import generate

    only = set(args.only or ("values", "reports", "export", "merge", "gui", "gui-block"))
    communes = 1000 if args.quick else 10_000
    print("Preparing databases (bench/generate.py; cached)…", file=sys.stderr)
    province = generate.build("province")
    nation = generate.build("nation", communes=communes) if args.scale == "nation" else None
    if nation is not None and ({"values", "reports"} & only):
        repaired = generate.ensure_tree(nation, communes)
        if repaired:
            print(f"  {nation.name}: {repaired:,} synthetic units put back under their parents", file=sys.stderr)
    today = generate.build("today") if args.scale == "nation" and "merge" in only else None
    table = Table()
    with tempfile.TemporaryDirectory(prefix="xhht-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "values" in only:
            bench_values(table, nation, province)
        if "reports" in only:
            bench_reports(table, nation, province, tmp)
        if "export" in only:
            bench_export(table, tmp)
        if "merge" in only:
            bench_merge(table, province, 100, tmp, label="province batch (100 packages into the province DB)",
                        goal_s=1.0, goal_ratio=None, goal_gb=None, repeats=args.repeats)
            if nation is not None:
                bench_merge(table, nation, communes, tmp,
                            label=f"national batch ({communes:,} packages into the {nation.stem} DB)",
                            goal_s=30.0 if communes == 10_000 else None,
                            goal_gb=3.0 if communes == 10_000 else None, repeats=args.repeats)
            if today is not None:
                bench_merge(table, today, None, tmp,
                            label=f"today's nation ({generate.TODAY_COMMUNES:,} packages of the year 2026 into the "
                                  "today DB: communes since 1 July 2025)", goal_s=30.0, goal_gb=3.0,
                            repeats=args.repeats)
        if "gui" in only:
            bench_gui(table, province, 3 if args.quick else 7)
        gui_block = bench_gui_block(table, province) if "gui-block" in only else None
    text = table.render()
    print(text)
    print()
    print(machine())
    run_info["load_end"] = list(os.getloadavg())
    if args.json:
        out = {"rows": table.rows, "machine": machine(), "run": run_info}
        if gui_block is not None:
            out["gui_block"] = gui_block
            out["max_block_ms"] = gui_block.get("max_block_ms")
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.no_docs:
        write_documents(table, run_info)
        print(f"Written: {DOCS.relative_to(HERE.parent)}, {DOCS_JSON.relative_to(HERE.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
