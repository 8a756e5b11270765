"""Schema of the programmes (migration 0004): two catalogues on one timeline, as versioned reference data.

* `programmes` — plan 2780 (KH2780, 2013-H2 … 2020) and the 2021–2030 programme (XHHT2130), with their
  target years, legal basis and the content hash (`catalogue_version`) of the catalogue stored.
* `indicators` — rebuilt keyed by (programme, code): a code may exist in both programmes
  (TUAN_LE_HTSD). `scale_min`/`scale_max` hold the scale of kind `level`. No CHECK on `kind`: a newer
  catalogue may bring a kind, and a CHECK could only be widened by rebuilding the table again; the
  application validates kinds when it loads a catalogue.
* `indicator_targets` — one row per (programme, indicator, target year): the figure (NULL: none yet),
  `draft` (1 = "(unsure)" in the catalogue: shown as "mục tiêu dự thảo, chưa được Sở xác nhận"),
  `source` ('catalogue' as shipped; 'department' once the Department confirms or corrects it — a
  refresh from resources never overwrites a 'department' row), who and when.
* `indicator_values` — rebuilt without its foreign key to `indicators(code)` (the code alone no longer
  names an indicator; the period's programme does, and validation checks it), and with the
  recognition decision of kind `level`: `decision_no`, `decision_date` (YYYY-MM-DD), `decision_body`.
  Every row and column is copied; the targets of plan 2780 move from `indicators.target_2015/2020`
  to `indicator_targets`.

The statements run one by one (not executescript, which would commit half-way) inside the
migration's transaction.
"""

from __future__ import annotations

import sqlite_utils

_PROGRAMMES = """
CREATE TABLE programmes (
    code TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    first_period TEXT NOT NULL,
    last_period TEXT NOT NULL,
    target_years TEXT NOT NULL,          -- "2015;2020"
    legal_basis_vi TEXT NOT NULL DEFAULT '',  -- one reference per line
    legal_basis_en TEXT NOT NULL DEFAULT '',
    catalogue_version TEXT NOT NULL DEFAULT ''
)"""

_INDICATORS = """
CREATE TABLE indicators_v4 (
    programme TEXT NOT NULL REFERENCES programmes(code),
    code TEXT NOT NULL,
    grp INTEGER NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    levels TEXT NOT NULL,
    numerator_vi TEXT NOT NULL DEFAULT '',
    denominator_vi TEXT NOT NULL DEFAULT '',
    periodicity TEXT NOT NULL,
    target_op TEXT,
    breakdowns TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    plan_ref TEXT NOT NULL DEFAULT '',
    scale_min INTEGER,
    scale_max INTEGER,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (programme, code)
)"""

_TARGETS = """
CREATE TABLE indicator_targets (
    programme TEXT NOT NULL,
    indicator TEXT NOT NULL,
    target_year INTEGER NOT NULL,
    value REAL,
    draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0,1)),
    source TEXT NOT NULL DEFAULT 'catalogue',
    updated_at TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (programme, indicator, target_year),
    FOREIGN KEY (programme, indicator) REFERENCES indicators(programme, code)
)"""

_VALUES = """
CREATE TABLE indicator_values_v4 (
    uuid TEXT PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    indicator TEXT NOT NULL,
    breakdown TEXT NOT NULL DEFAULT '',
    numerator INTEGER,
    denominator INTEGER,
    value INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    base_revision INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0,
    decision_no TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    decision_body TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_id, period, indicator, breakdown)
)"""

_OLD_VALUE_COLUMNS = ("uuid, unit_id, period, indicator, breakdown, numerator, denominator, value, comment, "
                      "revision, base_revision, updated_at, updated_by, origin, deleted")


def migrate(db: sqlite_utils.Database) -> None:
    from xhht_desktop.domain.catalogue import programmes

    conn = db.conn
    conn.execute(_PROGRAMMES)
    conn.executemany(
        """INSERT INTO programmes (code, name_vi, name_en, first_period, last_period, target_years,
               legal_basis_vi, legal_basis_en) VALUES (?,?,?,?,?,?,?,?)""",
        [(p.code, p.name_vi, p.name_en, p.first_period, p.last_period, ";".join(map(str, p.target_years)),
          "\n".join(p.legal_basis_vi), "\n".join(p.legal_basis_en)) for p in programmes()],
    )
    # Figures first: their table loses the foreign key to indicators(code), so indicators can be rebuilt.
    conn.execute(_VALUES)
    conn.execute(f"INSERT INTO indicator_values_v4 ({_OLD_VALUE_COLUMNS}) "
                 f"SELECT {_OLD_VALUE_COLUMNS} FROM indicator_values")
    conn.execute("DROP TABLE indicator_values")
    conn.execute("ALTER TABLE indicator_values_v4 RENAME TO indicator_values")
    conn.execute("CREATE INDEX indicator_values_period ON indicator_values(period, indicator)")
    # The catalogue of plan 2780 as it stood, keyed by (programme, code); its targets to their own table.
    conn.execute(_INDICATORS)
    conn.execute(
        """INSERT INTO indicators_v4 (programme, code, grp, name_vi, name_en, kind, levels, numerator_vi,
               denominator_vi, periodicity, target_op, breakdowns, owner, plan_ref, position)
           SELECT 'KH2780', code, grp, name_vi, name_en, kind, levels, numerator_vi, denominator_vi,
                  periodicity, target_op, breakdowns, owner, plan_ref, rowid FROM indicators""")
    old_targets = conn.execute("SELECT code, target_2015, target_2020 FROM indicators").fetchall()
    conn.execute("DROP TABLE indicators")
    conn.execute("ALTER TABLE indicators_v4 RENAME TO indicators")
    conn.execute(_TARGETS)
    conn.executemany(
        "INSERT INTO indicator_targets (programme, indicator, target_year, value) VALUES ('KH2780',?,?,?)",
        [(code, year, value) for code, t15, t20 in old_targets for year, value in ((2015, t15), (2020, t20))],
    )
    # The reference data (both catalogues) is written at the next refresh (db/reference.py).
    conn.execute("DELETE FROM meta WHERE key='reference_hash'")
