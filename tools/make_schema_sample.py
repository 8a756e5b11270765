"""Write tests/data/schema_vN.sqlite3: a database exactly as release N of the schema left it.

Run once when a schema is released (the files are committed and never regenerated: a sample made
by later code could hide an upgrade bug). Usage: python tools/make_schema_sample.py N
It applies the first N migrations only, sets up Xã Đắk Pék with the sample figures of 2014 and
2015, marks 2014 complete, and adds whatever feature data the code of that release can write.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xhht_desktop.db import migrations  # noqa: E402
from xhht_desktop.db.connection import apply_pragmas  # noqa: E402
from xhht_desktop.db.reference import refresh_reference_data  # noqa: E402
from xhht_desktop.db.values_repo import set_complete  # noqa: E402
from xhht_desktop.installation import init_installation  # noqa: E402
from xhht_desktop.sample import fill_sample_data  # noqa: E402

import sqlite_utils  # noqa: E402


def make(version: int, out: Path, extra=None) -> Path:
    names = migrations._names()
    if not 1 <= version <= len(names):
        raise SystemExit(f"this code knows schema versions 1..{len(names)}")
    if out.exists():
        raise SystemExit(f"{out} exists: released samples are never regenerated")
    db = sqlite_utils.Database(sqlite3.connect(str(out)))
    apply_pragmas(db)
    stop = names[version] if version < len(names) else None
    migrations.MIGRATIONS.apply(db, stop_before=stop)
    db.conn.execute(f"PRAGMA user_version={version}")
    refresh_reference_data(db)
    inst = init_installation(db, "commune", "23353", "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_sample_data(db, inst.unit.id, origin=inst.installation_id, until_year=2015)
    set_complete(db, inst.unit.id, "2014", True, actor=inst.actor, origin=inst.installation_id)
    if extra:
        extra(db, inst)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("VACUUM")
    db.conn.close()
    return out


def feature_data(db, inst, version: int) -> None:
    """What the features of each schema store: the centre log (v2), sync keys and one export (v3)."""
    import datetime as dt
    import tempfile

    if version >= 2:
        from xhht_desktop.clc.sample import fill_sample_log
        fill_sample_log(db, inst.unit.id, origin=inst.installation_id, first_year=2014,
                        until=dt.date(2015, 12, 31))
    if version >= 3:
        from xhht_desktop.installation import open_app_database
        from xhht_desktop.sync import export, keys
        with tempfile.TemporaryDirectory() as tmp:
            department = open_app_database(Path(tmp) / "so.sqlite3")
            init_installation(department, "department", None, "Phòng GDTX", "Sở GD&ĐT")
            keys.ensure_keys(department, "department")
            recipient = keys.department_recipient(department)
            department.conn.close()
            keys.ensure_keys(db, "commune")
            keys.trust_department(db, recipient)
            export.export_package(db, tmp)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("version", type=int)
    args = parser.parse_args()
    target = ROOT / "tests" / "data" / f"schema_v{args.version}.sqlite3"
    print(make(args.version, target, extra=lambda db, inst: feature_data(db, inst, args.version)))
