"""Sync packages at national scale, written straight through the package API.

Each commune of a generated database is simulated as its own installation: a deterministic Ed25519
signing key per commune (seeded from its code), the installation id the generator used as the
rows' origin, and its sequence numbers. A package is built exactly as `sync.export.export_package`
builds one (same manifest fields, `encode_payload`, `build_package`: gzip, minisign signature, tar,
age encryption to the Department's key), without making 10,000 databases.

The Department database is a copy of the generated one in which every commune installation is
already known and confirmed (as after a first round of reporting), and their first package is on
record, so the national batch is the ordinary case: 10,000 incremental packages of a new half-year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import ACTIVITY_COLS, DEFAULT_DIR, installation_id  # noqa: E402
from bench.synth import sample_activities  # noqa: E402
from xhht_desktop.db.values_repo import RECORD_NAMESPACE, status_uuid, value_uuid  # noqa: E402
from xhht_desktop.domain.periods import parse_period  # noqa: E402
from xhht_desktop.sample import sample_entries  # noqa: E402

BATCH_PERIOD = "2024-H1"
# Since the 2021-2030 programme (0004_programmes) a commune enters its figures for the year, not the
# half-year: the ordinary round carries the year's figures and completeness mark, and the first
# half-year's centre activities and its mark.
BATCH_PERIODS = ("2024", BATCH_PERIOD)
# The round of today's nation (bench/generate.py `today`, whose communes have lived 2025-H2 and 2025).
TODAY_BATCH_PERIODS = ("2026", "2026-H1")
STAMP = "2024-07-05T09:30:00+07:00"


def signing_key_for(code: str):
    from nacl.signing import SigningKey
    return SigningKey(hashlib.sha256(f"xhht-bench-signing|{code}".encode()).digest())


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy (the source is closed: a file copy of the main file is enough in WAL off)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(str(src))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    _copy_in_pages(src, dst, page)
    return dst


def _copy_in_pages(src: Path, dst: Path, page: int) -> None:
    """Copy `src` writing one database page per write() - the way SQLite itself writes its file -
    rather than in large blocks (shutil.copyfile).

    Why it matters to the figures: on Linux 6.18 with ext4 the page cache of a file written in large
    blocks is held in large folios, and `/proc/self/io` `write_bytes` counts a whole folio each time
    one 4 KB page of it is dirtied. A merge (or its floor) writing pages at random into a block-copied
    database was charged 3.85 GB for a checkpoint that wrote 1.05-1.17 GB of pages (measured on the
    national copy, 5 December: 3.89 GB counted, 2.29 GB seen by the disk; after a page-by-page copy
    1.05 GB counted). A Department's database is written by SQLite a page at a time, so this copy is
    the one that behaves like it; both the merge and its floor get it."""
    with open(src, "rb", buffering=0) as fin, open(dst, "wb", buffering=0) as fout:
        while True:
            chunk = fin.read(256 * page)
            if not chunk:
                break
            view = memoryview(chunk)
            for i in range(0, len(view), page):
                fout.write(view[i:i + page])
        os.fsync(fout.fileno())


@dataclass
class Installation:
    unit_id: int
    key: str
    code: str
    name: str
    installation_id: str

    @property
    def signing_key(self):
        return signing_key_for(self.code)

    @property
    def fingerprint(self) -> str:
        from xhht_desktop.sync.keys import signing_fingerprint
        return signing_fingerprint(bytes(self.signing_key.verify_key))


def commune_installations(conn: sqlite3.Connection, limit: int | None = None) -> list[Installation]:
    rows = conn.execute(
        "SELECT DISTINCT u.id, u.key, u.code, u.name FROM units u JOIN indicator_values v ON v.unit_id=u.id "
        "WHERE u.level='xa' ORDER BY u.code").fetchall()
    return [Installation(uid, key, code, name, installation_id(code)) for uid, key, code, name in rows[:limit]]


def period_rows(inst: Installation, period: str, specs: dict, *, revision: int = 1, seed: str = "",
                activities: int = 25) -> dict[str, list[tuple]]:
    """The records a commune sends for one period, in each table's package column order."""
    p = parse_period(period)
    origin = inst.installation_id
    out: dict[str, list[tuple]] = {}
    vcols = specs["indicator_values"].columns
    rows = []
    for e in sample_entries(inst.code + seed, "xa", p):
        d = {"uuid": value_uuid(inst.key, p.code, e.indicator, e.breakdown), "unit": inst.key,
             "revision": revision, "base_revision": revision - 1, "updated_at": STAMP, "updated_by": "Cán bộ xã",
             "origin": origin, "deleted": 0, "period": p.code, "indicator": e.indicator,
             "breakdown": e.breakdown or "", "numerator": e.numerator, "denominator": e.denominator,
             "value": e.value, "comment": "", "decision_no": e.decision_no, "decision_date": e.decision_date,
             "decision_body": e.decision_body}
        rows.append(tuple(d[c] for c in vcols))
    out["indicator_values"] = rows
    scols = specs["period_status"].columns
    d = {"uuid": status_uuid(inst.key, p.code), "unit": inst.key, "revision": revision,
         "base_revision": revision - 1, "updated_at": STAMP, "updated_by": "Cán bộ xã", "origin": origin,
         "deleted": 0, "period": p.code, "complete": 1}
    out["period_status"] = [tuple(d[c] for c in scols)]
    if "clc_activities" in specs and activities and not p.is_year:
        acols = specs["clc_activities"].columns
        acts = []
        for i, a in enumerate(sample_activities(inst.code + seed, p, activities)):
            d = {c: None for c in acols}
            d.update({k: v for k, v in a.items()})
            d["date"] = a["date"].isoformat()
            d.update({"uuid": str(uuid.uuid5(RECORD_NAMESPACE, f"bench-activity|{inst.key}|{p.code}|{seed}|{i}")),
                      "unit": inst.key, "revision": revision, "base_revision": revision - 1, "updated_at": STAMP,
                      "updated_by": "Cán bộ xã", "origin": origin, "deleted": 0, "place": "", "notes": ""})
            for c in acols:
                if d[c] is None and c in ("partner", "funding", "place", "notes", "title"):
                    d[c] = ""
            acts.append(tuple(d[c] for c in acols))
        out["clc_activities"] = acts
    return out


def build_package_bytes(inst: Installation, tables: dict[str, list[tuple]], specs: dict, recipients: list[str],
                        *, sequence: int, previous: str | None, full: bool = False,
                        package_uuid: str | None = None, created: dt.datetime | None = None,
                        manifest_edit=None) -> tuple[bytes, dict]:
    """One package as `export_package` writes it. Returns (file bytes, manifest)."""
    from xhht_desktop import __version__
    from xhht_desktop.db import migrations
    from xhht_desktop.domain.catalogue import catalogue_version
    from xhht_desktop.sync.export import _periods
    from xhht_desktop.sync.package import FORMAT_VERSION, KIND, build_package, encode_payload

    created = created or dt.datetime(2024, 7, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    rows = {name: r for name, r in tables.items() if r}
    manifest = {
        "format": FORMAT_VERSION, "kind": KIND, "app_version": __version__,
        "schema_version": migrations.schema_version(),
        "package_uuid": package_uuid or str(uuid.uuid4()),
        "installation_id": inst.installation_id, "role": "commune",
        "unit": {"key": inst.key, "code": inst.code, "name": inst.name, "level": "xa"},
        "official": {"name": "Cán bộ xã", "title": "Công chức Văn hóa - Xã hội"},
        "sequence": sequence, "previous_package_uuid": previous, "full": full,
        "created_at": created.isoformat(), "catalogue_version": catalogue_version(),
        "periods": _periods(specs, {name: rows.get(name, []) for name in specs}),
        "counts": {name: len(r) for name, r in rows.items()},
        "deletions": {name: sum(row[specs[name].columns.index("deleted")] for row in r) for name, r in rows.items()},
    }
    if manifest_edit:
        manifest_edit(manifest)
    payload = encode_payload({name: (specs[name].columns, r) for name, r in rows.items()})
    data = build_package(manifest, payload, inst.signing_key, recipients, int(created.timestamp()))
    return data, manifest


def confirm_installations(conn: sqlite3.Connection, insts: list[Installation], *, first_sequence: bool = True) -> None:
    """Record every installation as known and confirmed, with its first package already merged."""
    import base64
    now = "2024-01-20T08:00:00+07:00"
    conn.executemany(
        "INSERT OR IGNORE INTO sync_installations (fingerprint, unit_key, public_key, installation_id, role, "
        "official, status, first_seen, status_changed_at, status_changed_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(i.fingerprint, i.key, base64.b64encode(bytes(i.signing_key.verify_key)).decode(), i.installation_id,
          "commune", "Cán bộ xã", "confirmed", now, now, "bench") for i in insts])
    if first_sequence:
        conn.executemany(
            "INSERT OR IGNORE INTO sync_imports (package_uuid, fingerprint, installation_id, unit_key, sequence, "
            "previous_uuid, full, created_at, received_at, received_by, file_name, file_sha256, counts, "
            "catalogue_version) VALUES (?,?,?,?,1,NULL,1,?,?,'bench','', '', '{}', '')",
            [(first_package_uuid(i), i.fingerprint, i.installation_id, i.key, now, now) for i in insts])


def first_package_uuid(inst: Installation) -> str:
    return str(uuid.uuid5(RECORD_NAMESPACE, f"bench-first-package|{inst.key}"))


def department_ready(src: Path, dst: Path, insts_limit: int | None = None) -> tuple[Path, list[Installation], str]:
    """Copy `src` to `dst`, make sure it has the Department's keys, confirm the commune installations.
    Returns (path, installations, Department recipient)."""
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync import keys
    copy_db(src, dst)
    db = open_app_database(dst)
    keys.ensure_keys(db, "department")
    recipient = keys.department_recipient(db)
    db.conn.close()
    conn = sqlite3.connect(str(dst), isolation_level=None)
    insts = commune_installations(conn, insts_limit)
    conn.execute("BEGIN")
    confirm_installations(conn, insts)
    conn.execute("COMMIT")
    conn.close()
    return dst, insts, recipient


@dataclass
class Batch:
    department_db: Path
    packages_dir: Path
    rows_file: Path
    rows: int
    packages: int


def national_batch(nation_db: Path, communes: int | None, out_dir: Path = DEFAULT_DIR, *, force: bool = False,
                   limit: int | None = None, periods: tuple[str, ...] | None = None) -> Batch:
    """The national batch for BATCH_PERIODS: one incremental package per commune (the year's 69
    figures and completeness mark, the half-year's 25 activities and mark; before the 2021-2030
    programme it was the half-year's 12 figures, a mark and 25 activities), and the Department
    database they go into. Cached. `periods`: the round's periods (default BATCH_PERIODS; today's nation,
    bench/generate.py `today`: TODAY_BATCH_PERIODS)."""
    from xhht_desktop.installation import open_app_database

    periods = periods or (TODAY_BATCH_PERIODS if nation_db.stem == "today" else BATCH_PERIODS)
    from xhht_desktop.sync.tables import table_specs

    root = out_dir / (f"batch-{nation_db.stem}" + (f"-{limit}" if limit and nation_db.stem == "province" else ""))
    done = root / "done.json"
    if done.exists() and not force:
        info = json.loads(done.read_text())
        return Batch(root / "department.sqlite3", root / "packages", root / "rows.pickle", info["rows"],
                     info["packages"])
    shutil.rmtree(root, ignore_errors=True)
    (root / "packages").mkdir(parents=True)
    dept, insts, recipient = department_ready(nation_db, root / "department.sqlite3", limit)
    db = open_app_database(dept)
    specs = table_specs(db)
    db.conn.close()
    baseline: dict[str, tuple[list[str], list[tuple]]] = {}
    total = 0
    for n, inst in enumerate(insts, start=1):
        tables: dict[str, list[tuple]] = {}
        for period in periods:
            for name, rows in period_rows(inst, period, specs).items():
                tables.setdefault(name, []).extend(rows)
        data, m = build_package_bytes(inst, tables, specs, [recipient], sequence=2,
                                      previous=first_package_uuid(inst),
                                      package_uuid=str(uuid.uuid5(RECORD_NAMESPACE, f"bench-pkg|{inst.key}|2")))
        (root / "packages" / f"XHHT_{inst.code}_{periods[-1]}_2.xhht").write_bytes(data)
        for name, rows in tables.items():
            cols = list(specs[name].columns)
            # The same rows as the database stores them: unit_id in place of the unit key.
            db_cols = ["unit_id" if c == "unit" else c for c in cols]
            ui = cols.index("unit")
            entry = baseline.setdefault(name, (db_cols, []))
            entry[1].extend(tuple(inst.unit_id if i == ui else v for i, v in enumerate(r)) for r in rows)
            total += len(rows)
        if n % 2000 == 0:
            print(f"  {n}/{len(insts)} packages", file=sys.stderr)
    with open(root / "rows.pickle", "wb") as fh:
        pickle.dump(baseline, fh)
    done.write_text(json.dumps({"rows": total, "packages": len(insts)}))
    return Batch(dept, root / "packages", root / "rows.pickle", total, len(insts))


def commune_ready_to_export(work: Path) -> Path:
    """The generated commune database (10 years), with the Department's public key trusted."""
    from bench import generate
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync import keys
    from pyrage import x25519
    src = generate.build("commune")
    work.mkdir(parents=True, exist_ok=True)
    dst = copy_db(src, work / "commune.sqlite3")
    db = open_app_database(dst)
    if not keys.package_recipients(db):
        keys.trust_department(db, str(x25519.Identity.generate().to_public()))
    db.conn.close()
    return dst


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description="Build (or show) the cached national batch of packages.")
    ap.add_argument("--communes", type=int, default=10_000)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    from bench import generate
    nation = generate.build("nation", communes=args.communes)
    b = national_batch(nation, args.communes, force=args.force)
    print(b, file=sys.stderr)
    os._exit(0)
