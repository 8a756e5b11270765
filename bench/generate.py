"""Realistic synthetic installations for the benchmarks, built fast with bulk SQL.

Kinds:
- `province`: the Department of Kon Tum (real units: 10 districts, 102 communes until 30/06/2025),
  every commune with 10 years of figures (20 half-years 2014-H1…2023-H2 and the 10 years), their
  breakdowns (`xhht_desktop.sample.sample_entries`), ~25 centre activities per half-year, a
  completeness mark and the history rows a save writes.
- `nation`: the same for 10,000 communes: Kon Tum plus synthetic provinces (10 districts of 16
  communes each) whose codes cannot clash with real ones (province "9PP", district "9PPDD",
  commune "9PPDDCC"), and a synthetic root "VN" (tỉnh level, «Toàn quốc») above every province
  so that a national consolidated report can be asked for.
- `commune`: one commune installation (Xã Đắk Pék) with the same 10 years: the full-export case.
- `today`: the nation of today's map (since 1 July 2025): 3,321 communes with no district above them -
  Quảng Ngãi's 96 real ones (resources/units/quangngai_2025_units.csv, loaded by the app) and 33
  synthetic provinces (code "8PP", communes "8PPCCC", valid from 2025-07-01) under the root "VN" -
  each with what it has lived through before the benchmark's round: 2025-H2 and the year 2025
  (TODAY_PERIODS). A young database: the 10,000-commune `nation` stays the stress scale.

Rows go straight into a database created and migrated by the app (`open_app_database`), with the
record UUIDs, revisions and history the app itself would write, in one transaction with journaling
off; the file is switched back to WAL at the end. Deterministic: the same command gives the same
figures.

Run: `python bench/generate.py province|nation|commune|today [--out DIR] [--communes N] [--force]`.
The files are cached in DIR (default /tmp/xhht-bench) and reused by bench/run.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import sample_activities  # noqa: E402
from xhht_desktop.db.values_repo import RECORD_NAMESPACE, status_uuid, value_uuid  # noqa: E402
from xhht_desktop.domain.periods import Period  # noqa: E402
from xhht_desktop.domain.text import fold  # noqa: E402
from xhht_desktop.domain.units import BASE_DATE, OLD_SYSTEM_END, PROVINCE_CODE, unit_key  # noqa: E402
from xhht_desktop.sample import SAMPLE_ACTOR, sample_entries  # noqa: E402

DEFAULT_DIR = Path(os.environ.get("XHHT_BENCH_DIR", "/tmp/xhht-bench"))
FIRST_YEAR, LAST_YEAR = 2014, 2023  # 10 years: 20 half-years and 10 years
ACTIVITIES_PER_HALF = 25
NATION_ROOT = "VN"
STAMP = "2024-01-15T09:00:00+07:00"


def periods() -> list[Period]:
    out = []
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        out += [Period(y, 1), Period(y, 2), Period(y, 0)]
    return out


# Today's map (kind `today`): the communes since 1 July 2025, how many, and the periods they have lived
# through before the benchmark's round (bench/packages.py TODAY_BATCH_PERIODS: the year 2026).
TODAY_COMMUNES = 3321
TODAY_FROM = "2025-07-01"
TODAY_PERIODS = (Period(2025, 2), Period(2025, 0))
REAL_TODAY_PROVINCE = "51"  # Quảng Ngãi: its real communes come with the app's unit lists


def installation_id(code: str) -> str:
    """The (deterministic) installation id of the commune's own laptop: the rows' origin."""
    return str(uuid.uuid5(RECORD_NAMESPACE, f"bench-installation|{code}"))


# ---- units ----------------------------------------------------------------------------------------

def synthetic_units(communes: int) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) of the nation's synthetic units, provinces first.

    Kon Tum's 102 real communes count toward `communes`; the rest are 160-commune provinces.
    """
    out: list[tuple[str, str, str, str | None]] = [(NATION_ROOT, "Toàn quốc (dữ liệu thử nghiệm)", "tinh", None)]
    remaining = max(0, communes - 102)
    p = 0
    while remaining > 0:
        p += 1
        pcode = f"9{p:02d}"
        out.append((pcode, f"Tỉnh Thử Nghiệm {p:02d}", "tinh", NATION_ROOT))
        for d in range(1, 11):
            if remaining <= 0:
                break
            dcode = f"{pcode}{d:02d}"
            out.append((dcode, f"Huyện Thử Nghiệm {p:02d}-{d:02d}", "huyen", pcode))
            for c in range(1, 17):
                if remaining <= 0:
                    break
                out.append((f"{dcode}{c:02d}", f"Xã Thử Nghiệm {p:02d}-{d:02d}-{c:02d}", "xa", dcode))
                remaining -= 1
    return out


def today_units(conn: sqlite3.Connection, communes: int = TODAY_COMMUNES) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) of the synthetic part of today's nation: the root, and
    provinces of 98 communes with no district, as many as make `communes` with Quảng Ngãi's real ones."""
    real = conn.execute("SELECT count(*) FROM units WHERE level='xa' AND valid_from>=? AND code NOT LIKE '9%'",
                        (TODAY_FROM,)).fetchone()[0]
    out: list[tuple[str, str, str, str | None]] = [(NATION_ROOT, "Toàn quốc (bản đồ từ 01/07/2025, thử nghiệm)",
                                                    "tinh", None)]
    remaining, p = max(0, communes - real), 0
    while remaining > 0:
        p += 1
        pcode = f"8{p:02d}"
        out.append((pcode, f"Tỉnh Thử Nghiệm Mới {p:02d}", "tinh", NATION_ROOT))
        for c in range(1, 99):
            if remaining <= 0:
                break
            out.append((f"{pcode}{c:03d}", f"Xã Thử Nghiệm Mới {p:02d}-{c:03d}", "xa", pcode))
            remaining -= 1
    return out


def insert_today_units(conn: sqlite3.Connection, units: list[tuple[str, str, str, str | None]]) -> None:
    """Add today's synthetic units from 1 July 2025 (open-ended), and put every province of today's map
    (Quảng Ngãi included) under the root."""
    conn.executemany(
        "INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to) "
        "VALUES (?,?,?,?,?,?,?,NULL)",
        [(unit_key(code, TODAY_FROM), code, name, fold(name), level, name.split(" ")[0], TODAY_FROM)
         for code, name, level, _ in units])
    ids = {code: uid for code, uid in conn.execute("SELECT code, id FROM units WHERE valid_from=?", (TODAY_FROM,))}
    real = conn.execute("SELECT id FROM units WHERE code=? AND level='tinh' AND valid_to IS NULL",
                        (REAL_TODAY_PROVINCE,)).fetchone()
    links = [(ids[code], ids[parent], TODAY_FROM, None) for code, _, _, parent in units if parent]
    if real is not None:
        links.append((real[0], ids[NATION_ROOT], TODAY_FROM, None))
    conn.executemany("INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,?)", links)


def insert_units(conn: sqlite3.Connection, units: list[tuple[str, str, str, str | None]]) -> None:
    """Add synthetic units valid over the plan's years, attached to their parents (Kon Tum under VN)."""
    conn.executemany(
        "INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to) "
        "VALUES (?,?,?,?,?,?,?,?)",
        [(unit_key(code, BASE_DATE), code, name, fold(name), level, name.split(" ")[0], BASE_DATE, OLD_SYSTEM_END)
         for code, name, level, _ in units])
    ids = {code: uid for code, uid in conn.execute(
        "SELECT code, id FROM units WHERE valid_from=?", (BASE_DATE,))}
    links = [(ids[code], ids[parent], BASE_DATE, OLD_SYSTEM_END) for code, _, _, parent in units if parent]
    links.append((ids[PROVINCE_CODE], ids[NATION_ROOT], BASE_DATE, OLD_SYSTEM_END))
    conn.executemany("INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,?)", links)


def ensure_tree(path: Path, communes: int = 10_000) -> int:
    """Put back the nation's synthetic units under their parents if the app took them away; return how
    many links were missing.

    Opening a database whose stored reference data is older than the app's refreshes it, and that
    rebuilds `unit_parents` from the shipped unit lists (db/reference.write_units): the synthetic
    provinces, districts and communes, which no list ships, lose their parents, and a national
    figure or report then covers Kon Tum alone (seen on 5 December: "values: whole nation" 0.003 s).
    So the database is opened by the app first (any refresh happens now), then the links are checked."""
    from xhht_desktop.installation import open_app_database

    open_app_database(path).conn.close()
    units = synthetic_units(communes)
    conn = sqlite3.connect(str(path))
    try:
        ids = {code: uid for code, uid in conn.execute("SELECT code, id FROM units WHERE valid_from=?", (BASE_DATE,))}
        have = {(u, p) for u, p in conn.execute("SELECT unit_id, parent_id FROM unit_parents")}
        wanted = [(ids[code], ids[parent]) for code, _, _, parent in units if parent]
        wanted.append((ids[PROVINCE_CODE], ids[NATION_ROOT]))
        missing = [(u, p, BASE_DATE, OLD_SYSTEM_END) for u, p in wanted if (u, p) not in have]
        if missing:
            conn.executemany("INSERT OR IGNORE INTO unit_parents (unit_id, parent_id, valid_from, valid_to) "
                             "VALUES (?,?,?,?)", missing)
            conn.commit()
        return len(missing)
    finally:
        conn.close()


# ---- figures, activities, history -------------------------------------------------------------------

VALUE_SQL = """INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, numerator, denominator,
                   value, comment, revision, base_revision, updated_at, updated_by, origin)
               VALUES (?,?,?,?,?,?,?,?,'',1,0,?,?,?)"""
STATUS_SQL = """INSERT INTO period_status (uuid, unit_id, period, complete, revision, base_revision, updated_at,
                    updated_by, origin) VALUES (?,?,?,1,1,0,?,?,?)"""
HISTORY_SQL = """INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, changed_at,
                     changed_by, origin, source) VALUES (?,?,?,NULL,?,1,?,?,?,'sample')"""
ACTIVITY_COLS = ("uuid", "unit_id", "date", "end_date", "title", "category", "format", "place", "sessions",
                 "partner", "visits", "women", "ethnic_minority", "rural_workers", "learners",
                 "rural_workers_new", "cost", "funding", "notes", "revision", "base_revision", "updated_at",
                 "updated_by", "origin")
ACTIVITY_SQL = (f"INSERT INTO clc_activities ({', '.join(ACTIVITY_COLS)}) "
                f"VALUES ({', '.join('?' * len(ACTIVITY_COLS))})")


def commune_rows(unit_id: int, key: str, code: str, *, history: bool, activities: bool,
                 lived: list[Period] | tuple[Period, ...] | None = None):
    """Everything a commune's ten years (or the periods `lived`) put in the database: (values, status,
    history, activities)."""
    origin = installation_id(code)
    values, status, hist, acts = [], [], [], []
    for p in (lived or periods()):
        for e in sample_entries(code, "xa", p):
            rec = value_uuid(key, p.code, e.indicator, e.breakdown)
            values.append((rec, unit_id, p.code, e.indicator, e.breakdown or "", e.numerator, e.denominator,
                           e.value, STAMP, SAMPLE_ACTOR, origin))
            if history:
                if e.value is not None:
                    hist.append(("indicator_values", rec, "value", str(e.value), STAMP, SAMPLE_ACTOR, origin))
                else:
                    hist.append(("indicator_values", rec, "numerator", str(e.numerator), STAMP, SAMPLE_ACTOR,
                                 origin))
                    hist.append(("indicator_values", rec, "denominator", str(e.denominator), STAMP, SAMPLE_ACTOR,
                                 origin))
        status.append((status_uuid(key, p.code), unit_id, p.code, STAMP, SAMPLE_ACTOR, origin))
        if activities and not p.is_year:
            for i, a in enumerate(sample_activities(code, p, ACTIVITIES_PER_HALF)):
                rec = str(uuid.uuid5(RECORD_NAMESPACE, f"bench-activity|{key}|{p.code}|{i}"))
                acts.append((rec, unit_id, a["date"].isoformat(), None, a["title"], a["category"], a["format"], "",
                             a["sessions"], a["partner"], a["visits"], a["women"], a["ethnic_minority"],
                             a["rural_workers"], a["learners"], a["rural_workers_new"], a["cost"], a["funding"], "",
                             1, 0, STAMP, SAMPLE_ACTOR, origin))
                if history:
                    hist.append(("clc_activities", rec, "title", a["title"], STAMP, SAMPLE_ACTOR, origin))
    return values, status, hist, acts


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def fill(conn: sqlite3.Connection, communes: list[tuple[int, str, str]], *, history: bool = True,
         progress: bool = True, lived: tuple[Period, ...] | None = None) -> dict:
    """Bulk-insert the ten years of every commune in `communes` [(id, key, code)]."""
    activities = has_table(conn, "clc_activities")
    counts = {"values": 0, "history": 0, "activities": 0, "status": 0}
    batch: tuple[list, list, list, list] = ([], [], [], [])
    t0 = time.perf_counter()

    def flush():
        conn.executemany(VALUE_SQL, batch[0])
        conn.executemany(STATUS_SQL, batch[1])
        conn.executemany(HISTORY_SQL, batch[2])
        if batch[3]:
            conn.executemany(ACTIVITY_SQL, batch[3])
        for name, rows in zip(("values", "status", "history", "activities"), batch):
            counts[name] += len(rows)
            rows.clear()

    for n, (uid, key, code) in enumerate(communes, start=1):
        for acc, rows in zip(batch, commune_rows(uid, key, code, history=history, activities=activities,
                                                 lived=lived)):
            acc.extend(rows)
        if len(batch[0]) > 200_000:
            flush()
        if progress and n % 1000 == 0:
            print(f"  {n}/{len(communes)} communes, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    flush()
    return counts


# ---- building the databases ----------------------------------------------------------------------------

def _fresh(path: Path, role: str, unit_code: str | None):
    from xhht_desktop.installation import init_installation, open_app_database

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_app_database(path)
    init_installation(db, role, unit_code, "Nguyễn Thử Nghiệm", "Chuyên viên")
    return db


def build(kind: str, out_dir: Path = DEFAULT_DIR, *, communes: int = 10_000, history: bool = True,
          force: bool = False, quiet: bool = False) -> Path:
    """Build (or reuse) the database of `kind` in `out_dir`; returns its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = "" if kind != "nation" or communes == 10_000 else f"-{communes}"
    if kind == "today":
        communes, suffix = TODAY_COMMUNES, ""
    path = out_dir / f"{kind}{suffix}.sqlite3"
    if path.exists() and not force:
        return path
    t0 = time.perf_counter()
    tmp = path.with_name(path.name + ".building")
    if kind == "commune":
        db = _fresh(tmp, "commune", "23353")
    else:  # today's map: the Department of Quảng Ngãi, which Kon Tum joined on 1 July 2025
        db = _fresh(tmp, "department", REAL_TODAY_PROVINCE if kind == "today" else PROVINCE_CODE)
    db.conn.close()
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")  # 1 GB: the uuid index stays in memory while it grows
    conn.execute("BEGIN")
    if kind == "nation":
        insert_units(conn, synthetic_units(communes))
    elif kind == "today":
        insert_today_units(conn, today_units(conn, communes))
    day = "2023-12-31" if kind != "today" else "2026-06-30"
    if kind == "commune":
        rows = list(conn.execute("SELECT id, key, code FROM units WHERE code='23353' AND valid_from<=?", (day,)))
    else:
        root = NATION_ROOT if kind in ("nation", "today") else PROVINCE_CODE
        rows = list(conn.execute(
            """WITH RECURSIVE below(id) AS (
                   SELECT p.unit_id FROM unit_parents p JOIN units r ON r.id=p.parent_id WHERE r.code=?
                   UNION SELECT p.unit_id FROM unit_parents p JOIN below b ON p.parent_id=b.id)
               SELECT u.id, u.key, u.code FROM units u JOIN below b ON b.id=u.id
               WHERE u.level='xa' AND u.valid_from<=? AND (u.valid_to IS NULL OR u.valid_to>=?) ORDER BY u.code""",
            (root, day, day)))
    counts = fill(conn, rows, history=history, progress=not quiet,
                  lived=TODAY_PERIODS if kind == "today" else None)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("ANALYZE")
    conn.close()
    os.replace(tmp, path)
    size = path.stat().st_size / 1024 / 1024
    if not quiet:
        print(f"{kind}: {len(rows)} communes, {counts['values']:,} figures, {counts['activities']:,} activities, "
              f"{counts['history']:,} history rows; {size:.0f} MB in {time.perf_counter() - t0:.0f} s -> {path}",
              file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=("province", "nation", "commune", "today"))
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--communes", type=int, default=10_000, help="nation only (default 10,000)")
    ap.add_argument("--no-history", action="store_true", help="leave out the history rows (smaller, less real)")
    ap.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    args = ap.parse_args(argv)
    print(build(args.kind, args.out, communes=args.communes, history=not args.no_history, force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
