"""Crash safety: SIGKILL a worker at random moments while it saves, imports Excel files, logs
centre activities, takes backups, restores them and merges packages; then reopen and check.

The worker (a child process) runs operations in a loop. Before each operation it appends an
*intent* line (what it is about to do, with every figure) to a log and fsyncs it; after the
operation returns it appends an *ack* line and fsyncs again. So when the worker dies, everything
acknowledged must be in the database, and the one operation in flight must be there whole or
not at all.

After every kill the parent:
1. runs `PRAGMA integrity_check` and `foreign_key_check` on the database as left (WAL included);
2. opens it the way the app does (`open_app_database`), which must succeed;
3. compares the database with its model (every acknowledged operation replayed): each figure and
   each activity must equal the model, or — for the operation in flight — the whole operation's
   result (all its rows), never a part of it;
4. checks each acknowledged backup file opens, passes its integrity check and holds exactly the
   state the model had when it was taken;
5. for merges: each package in flight is applied whole (all its records at their revisions) or
   not at all.

SIGKILL tests what a crash, a killed process or a closed laptop lid does. It does not simulate a
power cut (the kernel's page cache survives a kill); see docs/reliability.md.

Run: `python bench/crash.py [--kills 200] [--seed 1] [--json OUT]`.
Reduced CI version: tests/stress/test_crash_safety.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import DEMO_COMMUNE, format_table, fsync_append, integrity_check, module_available  # noqa: E402

PERIODS = ("2016-H1", "2016-H2", "2016", "2017-H1")
OPS = {"save": 40, "import": 20, "activity": 15, "backup": 10, "restore": 5}


# ---- the worker -----------------------------------------------------------------------------------------

def _entries_for(code: str, period: str, n: int, rng: random.Random):
    """Valid figures for a save: whole indicators (total with its breakdowns), a random subset."""
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.sample import sample_entries

    entries = sample_entries(f"{code}|{n}", "xa", parse_period(period))
    indicators = sorted({e.indicator for e in entries})
    chosen = set(rng.sample(indicators, k=rng.randint(1, len(indicators))))
    return [e for e in entries if e.indicator in chosen]


def _entry_json(e) -> list:
    return [e.indicator, e.breakdown or "", e.numerator, e.denominator, e.value, e.comment or ""]


def worker(db_path: str, log_path: str, start_n: int, seed: int) -> None:
    """Run operations until killed. Every operation: intent (fsync), do it, ack (fsync)."""
    from openpyxl import load_workbook

    from xhht_desktop.cli import extra_xlsx_importers
    from xhht_desktop.db import values_repo
    from xhht_desktop.installation import get_installation, open_app_database
    from xhht_desktop.io import xlsx_entry

    have_clc = module_available("xhht_desktop.clc.repository")
    have_backup = module_available("xhht_desktop.maintenance.backup")
    db = open_app_database(db_path)
    inst = get_installation(db)
    work = Path(db_path).parent
    n = start_n
    rng = random.Random(f"{seed}:{start_n}")
    ops = {k: w for k, w in OPS.items()
           if (k != "activity" or have_clc) and (k not in ("backup", "restore") or have_backup)}
    backups = sorted(work.glob("manual_*.sqlite3"))
    print("ready", flush=True)  # the parent's clock for the kill starts here, not at interpreter start
    while True:
        n += 1
        op = rng.choices(list(ops), weights=list(ops.values()))[0]
        period = rng.choice(PERIODS)
        if op == "save":
            entries = _entries_for(inst.unit.code, period, n, rng)
            fsync_append(log_path, json.dumps({"n": n, "phase": "intent", "op": op, "period": period,
                                               "entries": [_entry_json(e) for e in entries]}))
            values_repo.save_entries(db, inst.unit.id, period, entries, actor="crash", origin="crash")
        elif op == "import":
            entries = _entries_for(inst.unit.code, period, n, rng)
            fsync_append(log_path, json.dumps({"n": n, "phase": "intent", "op": op, "period": period,
                                               "entries": [_entry_json(e) for e in entries]}))
            path = work / f"import_{n}.xlsx"
            xlsx_entry.write_template(db, inst.unit, period, path, prefill=False)
            wb = load_workbook(path)
            ws = wb[xlsx_entry.SHEET]
            by_code = {(e.indicator + (f".{e.breakdown}" if e.breakdown else "")): e for e in entries}
            for r in range(7, ws.max_row + 1):
                e = by_code.get(ws.cell(row=r, column=1).value)
                if e is not None:
                    ws.cell(row=r, column=3).value = e.numerator
                    ws.cell(row=r, column=4).value = e.denominator
                    ws.cell(row=r, column=5).value = e.value
            wb.save(path)
            result = xlsx_entry.import_workbook(db, inst.unit, path, actor="crash", origin="crash",
                                                extra_importers=extra_xlsx_importers())
            if not result.applied:
                raise RuntimeError("import refused: " + xlsx_entry.problems_text(result))
            path.unlink()
        elif op == "activity":
            from xhht_desktop.clc import repository as clc_repo
            from xhht_desktop.clc.domain import Activity
            from xhht_desktop.domain.periods import parse_period

            from bench.synth import sample_activities
            p = parse_period(period)
            a = sample_activities(f"{inst.unit.code}|{n}", p, 1)[0]
            rec = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            fsync_append(log_path, json.dumps({"n": n, "phase": "intent", "op": op, "uuid": rec}))
            clc_repo.add_activity(db, inst.unit.id, Activity(**a), actor="crash", origin="crash", record_uuid=rec)
        elif op == "backup":
            from xhht_desktop.maintenance.backup import backup_database
            target = work / f"manual_{n:06d}.sqlite3"
            fsync_append(log_path, json.dumps({"n": n, "phase": "intent", "op": op, "file": target.name}))
            backup_database(db, target)
            backups.append(target)
        elif op == "restore":
            if not backups:
                n -= 1
                continue
            from xhht_desktop.maintenance.backup import restore_database
            source = rng.choice(backups[-5:])
            fsync_append(log_path, json.dumps({"n": n, "phase": "intent", "op": op, "file": source.name}))
            db.conn.close()
            restore_database(db_path, source, allow_other_unit=False)
            db = open_app_database(db_path)
        fsync_append(log_path, json.dumps({"n": n, "phase": "ack", "op": op}))


# ---- the parent: model, checks --------------------------------------------------------------------------

def db_state(conn: sqlite3.Connection, unit_id: int) -> tuple[dict, frozenset]:
    """(figures {(period, indicator, breakdown): (num, den, value, comment)}, live activity uuids)."""
    figures = {(p, i, b): (n, d, v, c or "") for p, i, b, n, d, v, c in conn.execute(
        "SELECT period, indicator, breakdown, numerator, denominator, value, comment FROM indicator_values "
        "WHERE unit_id=? AND deleted=0", (unit_id,))}
    try:
        acts = frozenset(r[0] for r in conn.execute(
            "SELECT uuid FROM clc_activities WHERE unit_id=? AND deleted=0", (unit_id,)))
    except sqlite3.OperationalError:
        acts = frozenset()
    return figures, acts


class Model:
    """What the database must hold: every acknowledged operation replayed."""

    def __init__(self, figures: dict, acts: frozenset):
        self.figures = dict(figures)
        self.acts = set(acts)
        self.snapshots: dict[str, tuple[dict, frozenset]] = {}  # backup file -> state when taken

    def state(self) -> tuple[dict, frozenset]:
        return dict(self.figures), frozenset(self.acts)

    def after(self, rec: dict) -> tuple[dict, frozenset]:
        """The state once `rec` (an intent) is applied."""
        figures, acts = dict(self.figures), set(self.acts)
        if rec["op"] in ("save", "import"):
            for ind, bd, num, den, val, comment in rec["entries"]:
                key = (rec["period"], ind, bd)
                if num is None and den is None and val is None and not comment:
                    continue
                figures[key] = (num, den, val, comment)
        elif rec["op"] == "activity":
            acts.add(rec["uuid"])
        elif rec["op"] == "restore":
            return self.snapshots[rec["file"]]
        return figures, frozenset(acts)

    def apply(self, rec: dict) -> None:
        if rec["op"] == "backup":
            self.snapshots[rec["file"]] = self.state()
            return
        figures, acts = self.after(rec)
        self.figures, self.acts = dict(figures), set(acts)


def _diff(a: tuple[dict, frozenset], b: tuple[dict, frozenset]) -> str:
    fa, aa = a
    fb, ab = b
    keys = sorted(set(fa) | set(fb), key=str)
    bad = [k for k in keys if fa.get(k) != fb.get(k)]
    out = [f"{len(bad)} figures differ, e.g. " + "; ".join(f"{k}: db={fa.get(k)} model={fb.get(k)}" for k in bad[:3])]
    if aa != ab:
        out.append(f"activities: {len(aa - ab)} extra, {len(ab - aa)} missing")
    return ", ".join(out)


def verify(k: int, workdir: Path, db_path: Path, unit_id: int, model: Model, pending: dict | None,
           in_flight: Counter, applied_in_flight: Counter) -> list[str]:
    """The checks after kill number `k`; updates `model` with an in-flight operation found applied.
    Returns the broken promises (empty = fine)."""
    failures: list[str] = []
    # 1. integrity as left
    text = integrity_check(db_path)
    if text != "ok":
        failures.append(f"kill {k}: integrity_check: {text}")
    # 2. the app opens it
    try:
        from xhht_desktop.installation import open_app_database
        adb = open_app_database(db_path)
        adb.conn.close()
    except Exception as exc:  # noqa: BLE001 - any failure to open is what we look for
        failures.append(f"kill {k}: the app cannot open the database: {exc!r}")
        return failures
    # 3. content = model, or model + the whole operation in flight
    conn = sqlite3.connect(str(db_path))
    state = db_state(conn, unit_id)
    conn.close()
    before = model.state()
    if pending is None:
        in_flight["(between operations)"] += 1
        if state != before:
            failures.append(f"kill {k}: acknowledged state not in the database: {_diff(state, before)}")
    else:
        in_flight[pending["op"]] += 1
        after = model.after(pending)
        if pending["op"] == "backup":
            target = workdir / pending["file"]
            if state != before:
                failures.append(f"kill {k}: a backup changed the database: {_diff(state, before)}")
            if target.exists():  # a backup that reached its final name must be whole
                if integrity_check(target) != "ok":
                    failures.append(f"kill {k}: half-written backup under its final name {target.name}")
                model.apply(pending)
                applied_in_flight[pending["op"]] += 1
        elif state == after and state != before:
            model.apply(pending)
            applied_in_flight[pending["op"]] += 1
        elif state != before:
            failures.append(f"kill {k}: {pending['op']} #{pending['n']} half-applied: neither before "
                            f"({_diff(state, before)}) nor after ({_diff(state, after)})")
            model.figures, model.acts = dict(state[0]), set(state[1])  # go on from what is there
        elif pending["op"] == "restore" and state == after:
            model.apply(pending)
    # 4. the latest acknowledged backups hold what they held when taken
    for name, snap in list(model.snapshots.items())[-2:]:
        path = workdir / name
        if not path.exists():
            failures.append(f"kill {k}: acknowledged backup {name} is missing")
            continue
        if integrity_check(path) != "ok":
            failures.append(f"kill {k}: acknowledged backup {name} fails integrity_check")
            continue
        bconn = sqlite3.connect(str(path))
        bstate = db_state(bconn, unit_id)
        bconn.close()
        if bstate != snap:
            failures.append(f"kill {k}: backup {name} differs from the state it was taken from: "
                            f"{_diff(bstate, snap)}")
    return failures


def run(kills: int, seed: int, workdir: Path, *, min_delay: float = 0.0, max_delay: float = 1.2,
        verbose: bool = False) -> dict:
    from bench.common import make_commune_db

    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "xa.sqlite3"
    log_path = workdir / "ops.log"
    db, inst = make_commune_db(db_path, sample_until=2015)
    unit_id = inst.unit.id
    db.conn.close()
    conn = sqlite3.connect(str(db_path))
    model = Model(*db_state(conn, unit_id))
    conn.close()
    rng = random.Random(seed)
    failures: list[str] = []
    in_flight: Counter = Counter()
    acked: Counter = Counter()
    applied_in_flight: Counter = Counter()
    n = 0
    log_pos = 0
    t0 = time.perf_counter()
    for k in range(kills):
        env = dict(os.environ, PYTHONHASHSEED="0")
        proc = subprocess.Popen([sys.executable, str(HERE / "crash.py"), "--worker", str(db_path), str(log_path),
                                 str(n), str(seed)], cwd=str(HERE.parent), env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.readline()  # "ready" (or EOF if it died first)
        time.sleep(rng.uniform(min_delay, max_delay))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        if proc.returncode != -signal.SIGKILL:
            failures.append(f"kill {k}: the worker stopped by itself (exit {proc.returncode}): "
                            f"{err.decode(errors='replace')[-600:]}")
        # Read what the worker logged since the last kill.
        with open(log_path, "a+") as fh:
            fh.seek(log_pos)
            lines = fh.read().splitlines()
            log_pos = fh.tell()
        pending = None
        for line in lines:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by the kill: its op never started (intent written before the op)
            n = max(n, rec["n"])
            if rec["phase"] == "intent":
                pending = rec
            elif rec["phase"] == "ack" and pending and pending["n"] == rec["n"]:
                model.apply(pending)
                acked[pending["op"]] += 1
                pending = None
        failures += verify(k, workdir, db_path, unit_id, model, pending, in_flight, applied_in_flight)
        if any("cannot open" in f for f in failures):
            break
        if verbose:
            print(f"kill {k}: in flight {pending['op'] if pending else '-'}; failures {len(failures)}",
                  file=sys.stderr)
    leftovers = sorted(p.name for p in workdir.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))
    return {
        "kills": kills, "seed": seed, "seconds": round(time.perf_counter() - t0, 1),
        "operations_acknowledged": dict(acked), "killed_during": dict(in_flight),
        "in_flight_found_applied": dict(applied_in_flight), "failures": failures,
        "leftover_temp_files": leftovers, "final_integrity": integrity_check(db_path),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        worker(argv[1], argv[2], int(argv[3]), int(argv[4]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xhht-crash-") as tmp:
        s = run(args.kills, args.seed, args.workdir or Path(tmp), verbose=args.verbose)
    print(format_table(["operation", "acknowledged", "killed during it", "found applied after the kill"],
                       [[op, s["operations_acknowledged"].get(op, 0), s["killed_during"].get(op, 0),
                         s["in_flight_found_applied"].get(op, 0)]
                        for op in sorted(set(s["operations_acknowledged"]) | set(s["killed_during"]))]))
    print(f"\n{s['kills']} kills (seed {s['seed']}) in {s['seconds']} s; {len(s['failures'])} failures; "
          f"final integrity_check {s['final_integrity']}; leftover temp files: {len(s['leftover_temp_files'])}")
    for f in s["failures"][:30]:
        print("FAIL", f)
    if args.json:
        args.json.write_text(json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if s["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
