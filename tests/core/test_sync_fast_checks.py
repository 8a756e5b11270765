"""The opener's fast paths agree with the slow ones they replace: the whole-table UUID derivation of
check_table (sync/tables.py) against uuid.uuid5 and the row-by-row derivation, including the row a
mismatch is reported for and what a name that cannot be encoded does."""

from __future__ import annotations

import dataclasses
import random
import uuid

import pytest

from xhht_desktop.db import values_repo
from xhht_desktop.sync import tables
from xhht_desktop.sync.tables import INDICATOR_VALUES, PERIOD_STATUS, SchemaProblem, check_table, uuid5_text

UNIT = "23353@2013-12-02"


def test_uuid5_text_is_uuid5_for_any_name_and_namespace():
    rng = random.Random(7)
    alphabet = "abcXYZ019|@-_ Đđắếộườ\u0301\n\t😀"
    for n in range(500):
        name = "".join(rng.choice(alphabet) for _ in range(n % 70))
        assert uuid5_text(name) == str(uuid.uuid5(values_repo.RECORD_NAMESPACE, name))
        other = uuid.UUID(int=rng.getrandbits(128))
        assert uuid5_text(name, other.bytes) == str(uuid.uuid5(other, name))


def _figure_rows(n: int, rng: random.Random) -> list[list]:
    rows = []
    for i in range(n):
        period, ind, bd = rng.choice(["2024", "2024-H1", "2014-H2"]), f"IND_{i}_Đặc", rng.choice(["", "nu", "dtts"])
        u = values_repo.value_uuid(UNIT, period, ind, bd or None)
        rows.append([u, UNIT, 1, 0, "2024-07-01T08:00:00+07:00", "Cán bộ", "inst", 0, period, ind, bd, 1, 2, None,
                     "", "", None, ""])
    return rows


def test_the_whole_table_derivation_gives_each_rows_own_uuid():
    rng = random.Random(11)
    rows = _figure_rows(200, rng)
    cols = dict(zip(INDICATOR_VALUES.columns, zip(*rows)))
    assert list(INDICATOR_VALUES.derive_uuids(UNIT, cols)) == [
        INDICATOR_VALUES.derive_uuid(UNIT, dict(zip(INDICATOR_VALUES.columns, r))) for r in rows] == list(cols["uuid"])
    statuses = [[values_repo.status_uuid(UNIT, p), UNIT, 1, 0, "2024-07-01T08:00:00+07:00", "x", "i", 0, p, 1]
                for p in ("2024", "2024-H1", "2013-H2")]
    scols = dict(zip(PERIOD_STATUS.columns, zip(*statuses)))
    assert list(PERIOD_STATUS.derive_uuids(UNIT, scols)) == list(scols["uuid"])
    assert check_table(INDICATOR_VALUES, list(INDICATOR_VALUES.columns), rows, UNIT) == [tuple(r) for r in rows]


def _slow(spec):
    """The spec as it was: the row-by-row derivation only."""
    return dataclasses.replace(spec, derive_uuids=None)


def _outcome(spec, rows):
    try:
        return ("ok", check_table(spec, list(spec.columns), rows, UNIT))
    except SchemaProblem as exc:
        return ("refused", exc.args[0].code, str(exc.args[0]))
    except Exception as exc:  # noqa: BLE001 - the same exception on both paths is the same behaviour
        return ("raises", type(exc))


@pytest.mark.parametrize("spec", [INDICATOR_VALUES, PERIOD_STATUS], ids=lambda s: s.name)
def test_a_borrowed_or_broken_uuid_is_refused_the_same_way_on_both_paths(spec):
    rng = random.Random(spec.name)
    for trial in range(60):
        if spec is INDICATOR_VALUES:
            rows = _figure_rows(12, rng)
        else:
            rows = [[values_repo.status_uuid(UNIT, p), UNIT, 1, 0, "2024-07-01T08:00:00+07:00", "x", "i", 0, p, 1]
                    for p in ("2024", "2024-H1", "2014-H2", "2015")]
        for i in rng.sample(range(len(rows)), rng.randint(0, 3)):
            kind = rng.choice(["other_unit", "random", "surrogate"])
            if kind == "other_unit":  # another unit's record, its UUID borrowed
                rows[i][0] = (values_repo.value_uuid("99999@2013-12-02", rows[i][8], rows[i][9], rows[i][10] or None)
                              if spec is INDICATOR_VALUES else values_repo.status_uuid("99999@2013-12-02", rows[i][8]))
            elif kind == "random":
                rows[i][0] = str(uuid.UUID(int=rng.getrandbits(128)))
            elif spec is INDICATOR_VALUES:  # a name that cannot be encoded (JSON lets "\ud800" through)
                rows[i][9] = "X\ud800"
        fast, slow = _outcome(spec, rows), _outcome(_slow(spec), rows)
        assert fast == slow, trial


def test_prepare_names_the_records_a_table_rule_refuses_as_record_by_record(tmp_path):
    """merge_read._prepare checks a package's live records all at once, then record by record only when
    something is wrong: each record gets exactly the problems its own check gives."""
    import types

    from tests.core.test_sync_fixtures import department
    from xhht_desktop.sync.merge_read import _prepare
    from xhht_desktop.sync.package import OpenedPackage

    dept = department(tmp_path)
    specs = tables.table_specs(dept.db)
    spec = specs["clc_activities"]
    unit = (1, UNIT, "23353", "Xã", "xa", "2013-12-02", None)
    batch = types.SimpleNamespace(units={UNIT: unit}, specs=specs)
    good = {"date": "2024-03-04", "title": "Lớp kỹ thuật", "category": "agri_tech", "format": "class", "sessions": 2,
            "visits": 40, "women": 20}
    variants = [good, {**good, "women": 41}, {**good, "title": "a\x07b"}, {**good, "date": "2013-12-01"}, good,
                {**good, "category": "nope", "sessions": 0}]
    rows = []
    for n, values in enumerate(variants):
        deleted = 1 if n == 4 else 0
        rows.append((str(uuid.UUID(int=n)), UNIT, 1, 0, "2024-07-01T08:00:00+07:00", "x", "i", deleted,
                     *(values.get(f) for f in spec.fields)))
    rows.append((str(uuid.UUID(int=99)), UNIT, 1, 0, "2024-07-01T08:00:00+07:00", "x", "i", 1,
                 *({**good, "women": 99}.get(f) for f in spec.fields)))  # a tombstone is not checked
    opened = OpenedPackage({"unit": {"key": UNIT}}, {"clc_activities": rows}, b"", "", "")
    expected = {}
    for r in rows:
        found = spec.validate([dict(zip(spec.fields, r[8:]))], unit[5], unit[6])
        if found and not r[7]:
            expected[r[0]] = found
    assert set(expected) == {str(uuid.UUID(int=n)) for n in (1, 2, 3, 5)}
    assert _prepare(batch, opened).problems == expected
    clean = OpenedPackage({"unit": {"key": UNIT}}, {"clc_activities": [rows[0], rows[4]]}, b"", "", "")
    assert _prepare(batch, clean).problems == {}
    dept.close()


def test_a_choice_column_gets_the_same_answer_as_value_by_value():
    """check_choice first asks whether every value has an allowed type and the distinct values are all
    choices (C speed); its answer, and its message, are those of the value-by-value test."""
    def by_value(choices, col):
        bad = [v for v in col if type(v) not in (int, str, type(None)) or v not in choices]
        return str(tables.Text("table.choice", values=", ".join(sorted({repr(v)[:20] for v in bad})[:3]))) \
            if bad else None

    pool = [0, 1, 2, -1, True, False, 1.0, 0.0, None, "", "nu", "dtts", "NU", "2024", "2024-H1", "1", [], [1], {},
            {"a": 1}, 10**30]
    rng = random.Random(3)
    for choices in ({0, 1}, {"", "nu", "dtts"}, tables._PERIOD_CODES):
        check = tables.check_choice(choices)
        for _ in range(3000):
            col = [rng.choice(pool) for _ in range(rng.randint(1, 6))]
            if rng.random() < 0.5:
                col = [rng.choice(sorted(choices, key=str))] * rng.randint(1, 4) + col[:rng.randint(0, 1)]
            found = check(col)
            assert (None if found is None else str(found)) == by_value(choices, col), col
