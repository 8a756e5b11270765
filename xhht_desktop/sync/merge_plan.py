"""Planning: what a package does to the database, decided by reading it only. First the sender
(`decide`: duplicate, unknown unit, unit life, trust per (key, unit), identity, sequence budget),
then every record against what is stored, in bulk (`_plan`: new / updated / unchanged / older /
conflict, revision budget, provenance from the signature, each table's own rules). Nothing is
written here: merge_write applies the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from xhht_desktop.db import history, units_repo
from xhht_desktop.db.reference import catalogue_in_db
from xhht_desktop.domain.catalogue import Catalogue, catalogue_version
from xhht_desktop.domain.text import control_problem_vi
from xhht_desktop.domain.values import Entry, entries_sound, format_int, validate_entries
from xhht_desktop.messages import Text
from xhht_desktop.sync import repo
from xhht_desktop.sync.merge_common import (
    CONFLICT,
    COUNT_KEYS,
    DUPLICATE,
    HELD,
    IMPORTED,
    LEVEL_OF_ROLE,
    MAX_PROBLEMS_SHOWN,
    MAX_REVISION_JUMP,
    MAX_SEQUENCE_JUMP,
    PackageResult,
    _Batch,
    _describe,
    _reject,
)
from xhht_desktop.sync.merge_read import _Figures, _Prepared, _prepare, _utc
from xhht_desktop.sync.package import OpenedPackage
from xhht_desktop.sync.tables import TableSpec


# ---- planning: compare every record with what is stored, in bulk --------------------------------

@dataclass
class _Plan:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    writes: dict[str, list[tuple]] = field(default_factory=dict)  # table -> upsert rows
    history: list[tuple] = field(default_factory=list)
    # Records new here, by arrival group (xhht_desktop.db.history): the group's token - the record_uuid
    # of its row in `history` until repo.number_history writes it - -> the UUIDs of its records.
    arrived: dict[str, list[str]] = field(default_factory=dict)
    new_conflicts: list[dict] = field(default_factory=list)
    updated_conflicts: list[tuple] = field(default_factory=list)  # (id, origin, revision, data)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # records whose revision jumps beyond MAX_REVISION_JUMP
    ahead: bool = False  # made in the helper process (AheadPlanner): its records may wait in a window


def _record_data(spec: TableSpec, row: tuple) -> dict:
    """A package row as the JSON kept in a conflict."""
    d = dict(zip(spec.columns, row))
    d.pop("unit", None)
    d.pop("uuid", None)
    return d


def _stored_data(spec: TableSpec, ex: tuple) -> dict:
    d = {"revision": ex[2], "origin": ex[3], "deleted": ex[4]}
    d.update(zip(spec.fields, ex[5:]))
    return d


def _text(v) -> str | None:
    return None if v is None else str(v)


def _plan(batch: _Batch, opened: OpenedPackage, unit_id: int, level: str, prepared: _Prepared) -> _Plan:
    plan = _Plan()
    db = batch.db
    source = f"sync:{opened.package_uuid}"
    signer = opened.manifest["installation_id"]  # bound to the signing key (see _classify_and_apply)
    for name, rows in opened.tables.items():
        if not rows:
            continue
        spec = batch.specs[name]
        if any(r[6] != signer for r in rows):
            # Provenance comes from the signature: a record is the signing installation's version,
            # whatever origin the payload writes (it cannot pose as another installation's revision).
            claimed = sum(1 for r in rows if r[6] not in (signer, ""))
            if claimed:
                plan.warnings.append(Text("merge.claimed_origin", table=name, n=claimed))
            rows = [r if r[6] == signer else (*r[:6], signer, *r[7:]) for r in rows]
        if spec.has_period and spec.derive_uuid is not None:
            pi = spec.columns.index("period")
            periods = sorted({r[pi] for r in rows})
            existing = repo.existing_by_periods(db, spec, unit_id, periods)
        else:
            existing = repo.existing_by_uuids(db, spec, [r[0] for r in rows])
            if any(ex[1] != unit_id for ex in existing.values()):
                plan.errors.append(Text("merge.other_units_record", table=name))
                continue
        conflicts = repo.conflicts_for(db, [r[0] for r in rows]) if batch.conflicts_possible else {}
        writes = plan.writes.setdefault(name, [])
        hist_idx = [(f, spec.columns.index(f), 5 + spec.fields.index(f)) for f in spec.history_fields]
        nfields = len(spec.fields)
        # Records new here: one arrival group per (revision, updated_at, updated_by, origin), no row each.
        groups: dict[tuple, list[str]] = {}
        applied: list[tuple] = []
        aside: list[tuple] = []  # conflicts and older versions: not applied, still checked (_check_aside)
        for row in rows:
            uuid_, _unit, revision, _base, updated_at, updated_by, origin, deleted = row[:8]
            ex = existing.get(uuid_)
            known = ex[2] if ex is not None and ex[3] == origin else _seen_revision(conflicts.get(uuid_, ()), origin)
            if revision > known + MAX_REVISION_JUMP:
                plan.refused.append(Text("merge.refused_record", table=name, uuid=uuid_, revision=revision,
                                         known=known))
                continue
            action = _classify(row, ex, conflicts.get(uuid_, ()))
            if action in ("new", "updated", "meta"):
                writes.append((uuid_, unit_id, *row[8:8 + nfields], revision, row[3], updated_at, updated_by,
                               origin, deleted))
                applied.append(row)
                if action == "meta":
                    plan.counts["unchanged"] += 1
                    continue
                if deleted and (ex is None or not ex[4]):
                    plan.counts["deleted"] += 1
                else:
                    plan.counts[action] += 1
                if ex is None:
                    key = (revision, updated_at, updated_by, origin)
                    members = groups.get(key)
                    if members is None:
                        members = groups[key] = []
                    members.append(uuid_)
                    continue
                plan.history.extend(
                    (name, uuid_, f, _text(ex[ei]), _text(row[ri]), revision, updated_at, updated_by, origin, source)
                    for f, ri, ei in hist_idx if row[ri] != ex[ei])
                if deleted != ex[4]:
                    plan.history.append((name, uuid_, "deleted", str(ex[4]), str(deleted), revision, updated_at,
                                         updated_by, origin, source))
            elif action == "unchanged":
                plan.counts["unchanged"] += 1
            elif action == "older":
                plan.counts["older"] += 1
                aside.append(row)
            else:  # conflict
                plan.counts["conflicts"] += 1
                aside.append(row)
                open_one = next((c for c in conflicts.get(uuid_, ())
                                 if c["status"] == "open" and c["incoming_origin"] == origin), None)
                data = _record_data(spec, row)
                if open_one is not None:
                    plan.updated_conflicts.append((open_one["id"], origin, revision, data))
                else:
                    plan.new_conflicts.append({
                        "table_name": name, "record_uuid": uuid_, "unit_key": opened.unit_key, "status": "open",
                        "local_origin": ex[3], "local_revision": ex[2], "local_data": _stored_data(spec, ex),
                        "incoming_origin": origin, "incoming_revision": revision, "incoming_data": data,
                        "package_uuid": opened.package_uuid, "detected_at": batch.now})
        for n, ((revision, updated_at, updated_by, origin), members) in enumerate(groups.items()):
            token = f"{source}#{name}#{n}"  # never a record's UUID (tables.check_table)
            plan.arrived[token] = members
            plan.history.append((name, token, *history.group_row(name, len(members), revision, updated_at,
                                                                 updated_by, origin, source)[2:]))
        if name == "indicator_values":
            _validate_figures(plan, spec, applied, existing, level, db, prepared)
        elif spec.validate is not None:
            for r in applied:
                if not r[7]:
                    plan.errors.extend(prepared.problems.get(r[0], ()))
        if aside:
            _check_aside(plan, spec, aside, prepared)
    return plan


def _check_aside(plan: _Plan, spec: TableSpec, aside: list[tuple], prepared: _Prepared) -> None:
    """Rows not applied - kept as a conflict (which someone may later choose) or skipped as older -
    are still what the sender signed: the rules of the record alone (its text, the centre log's
    rules) refuse the package for them too, so nothing invalid waits in a conflict."""
    if spec.name == "indicator_values":
        col = {c: i for i, c in enumerate(spec.columns)}
        texts = [(f, col[f], f == "comment") for f in ("comment", "decision_no", "decision_body") if f in col]
        for r in aside:
            if r[7]:
                continue
            for f, i, multiline in texts:
                problem = control_problem_vi(r[i], multiline=multiline) if isinstance(r[i], str) else None
                if problem:
                    plan.errors.append(Text("merge.aside_text", period=r[col["period"]], code=r[col["indicator"]],
                                            field=f, problem=problem))
    elif spec.validate is not None:
        for r in aside:
            if not r[7]:
                plan.errors.extend(prepared.problems.get(r[0], ()))


def _seen_revision(conflicts, origin: str) -> int:
    """The highest revision of `origin`'s version of a record weighed in its conflicts (0 if none)."""
    seen = 0
    for c in conflicts:
        if c["local_origin"] == origin:
            seen = max(seen, c["local_revision"])
        if c["incoming_origin"] == origin:
            seen = max(seen, c["incoming_revision"])
    return seen


def _classify(row: tuple, ex: tuple | None, conflicts) -> str:
    """new | updated | meta (same content, newer revision) | unchanged | older | conflict."""
    if ex is None:
        return "new"
    revision, origin = row[2], row[6]
    same_content = row[7:] == ex[4:]
    if origin == ex[3]:
        if revision > ex[2]:
            return "updated" if not same_content else "meta"
        if revision == ex[2]:
            return "unchanged" if same_content else "conflict"  # one installation copied to two machines
        return "older"
    # Another installation's version: has this one (or a newer one of it) been weighed already?
    seen = _seen_revision(conflicts, origin)
    if seen and revision <= seen:
        return "older"
    if same_content:
        return "unchanged"
    return "conflict"


def _validate_figures(plan: _Plan, spec: TableSpec, applied: list[tuple], existing: dict[str, tuple],
                      level: str, db: sqlite_utils.Database, prepared: _Prepared | None = None) -> None:
    """The core rules (validate_entries) on each period as it will stand after the merge, and the
    rule that a unit sends only what its level enters. What the opener worked out for the package's
    figures alone (`prepared.figures`) is taken instead when it is the same question: see _still_holds."""
    if not applied:
        return
    today = dt.date.today()
    pre = prepared.figures if prepared is not None else None
    if pre is not None and _still_holds(pre, applied, existing, level, today, db):
        errors, warnings = pre.errors, pre.warnings
    else:
        errors, warnings, _used = figure_problems(spec, applied, existing, level,
                                                  lambda period: catalogue_in_db(db, period), today)
    plan.errors.extend(errors)
    plan.warnings.extend(warnings)


def _still_holds(pre: _Figures, applied: list[tuple], existing: dict[str, tuple], level: str, today: dt.date,
                 db: sqlite_utils.Database) -> bool:
    """Whether the opener's answer for the package's figures alone is this one: nothing stored for the
    unit in those periods (no overlay), every figure applied (none refused, older or unchanged: they
    are a subsequence of the package's rows, in order, so the same count is the same rows), the same
    level, day and catalogues (by their content version) as in the opener."""
    return (not existing and len(applied) == pre.rows and pre.level == level and pre.today == today
            and all(catalogue_in_db(db, period).version == version for period, version in pre.versions))


def figure_problems(spec: TableSpec, applied: list[tuple], existing: dict[str, tuple], level: str,
                    catalogue_of: Callable[[str], Catalogue], today: dt.date
                    ) -> tuple[list[str], list[str], dict[str, Catalogue]]:
    """_validate_figures' rules, with no database: (errors, warnings, the catalogue used per period).
    `catalogue_of(period)` is the catalogue in force for a period: catalogue_in_db while planning, the
    catalogues sent to the opener process there (merge_read._prepare)."""
    errors: list[str] = []
    warnings: list[str] = []
    col = {c: i for i, c in enumerate(spec.columns)}
    pi, ii, bi, di = col["period"], col["indicator"], col["breakdown"], col["deleted"]
    touched: dict[str, set[str]] = {}
    catalogues: dict[str, Catalogue] = {}  # period -> its programme's catalogue (once per period, not per row)
    for row in applied:
        cat = catalogues.get(row[pi])
        if cat is None:
            cat = catalogues[row[pi]] = catalogue_of(row[pi])  # in force here
        ind = cat.by_code.get(row[ii])  # the catalogue of the period's programme
        if ind is None:
            errors.append(Text("merge.unknown_indicator", period=row[pi], code=row[ii]))
            continue
        if level not in ind.levels and not row[di]:
            errors.append(Text("merge.wrong_level", period=row[pi], code=ind.code, level=Text(f"merge.level.{level}")))
            continue
        touched.setdefault(row[pi], set()).add(row[ii])
    if not touched:
        return errors, warnings, catalogues
    # What is stored for those periods, then overlaid with what the package brings: each figure as the
    # fields of an Entry (built only for a period the fast check does not vouch for).
    by_period: dict[str, dict[tuple, tuple]] = {}
    ef = [5 + spec.fields.index(f) for f in _ENTRY_FIELDS]
    ep = 5 + spec.fields.index("period")
    for ex in existing.values():
        if ex[4] or ex[ep] not in touched:
            continue
        t = _entry_fields(ex, ef)
        by_period.setdefault(ex[ep], {})[t[0], t[1]] = t
    rf = [col[f] for f in _ENTRY_FIELDS]
    for row in applied:
        entries = by_period.setdefault(row[pi], {})
        key = (row[ii], row[bi] or None)
        if row[di]:
            entries.pop(key, None)
        else:
            entries[key] = _entry_fields(row, rf)
    for period, entries in by_period.items():
        if period not in touched:
            continue
        cat = catalogues[period]
        if entries_sound(entries.values(), cat.by_code, today):
            continue  # validate_entries would find nothing
        for issue in validate_entries([Entry(*t) for t in entries.values()], catalogue=cat, today=today):
            if issue.indicator not in touched[period]:
                continue
            text = Text("merge.period_issue", period=period, issue=issue.message)
            (errors if issue.severity == "error" else warnings).append(text)
    return errors, warnings, catalogues


# Entry's fields in its order; _entry_fields normalises them as the Entry of a stored or sent figure.
_ENTRY_FIELDS = ("indicator", "breakdown", "numerator", "denominator", "value", "comment", "decision_no",
                 "decision_date", "decision_body")


def _entry_fields(r: tuple, at: list[int]) -> tuple:
    i, b, n, d, v, c, dno, dd, dbo = at
    return (r[i], r[b] or None, r[n], r[d], r[v], r[c] or "", r[dno] or "", r[dd], r[dbo] or "")


# ---- the sender: what a package may do at all ---------------------------------------------------

@dataclass
class Decision:
    """What applying a package writes (merge_write.apply). `kind`:
    "none" - nothing (duplicate, refused, or held again: `result` says which);
    "held" - kept whole until its (key, unit) pair is confirmed: `held` (and `installation` if the
             pair is new here);
    "import" - its records (`plan`) and its import record (`import_record`, `import_periods`)."""

    kind: str = "none"
    plan: _Plan | None = None
    installation: dict | None = None
    held: dict | None = None
    import_record: dict | None = None
    import_periods: list[tuple] = field(default_factory=list)


def decide(batch: _Batch, result: PackageResult, opened: OpenedPackage, data: bytes, held_package: bool,
           prepared: _Prepared | None = None) -> Decision:
    """Check the sender and plan the records, reading only; `result` gets the outcome and its words."""
    db = batch.db
    m = opened.manifest
    uuid_ = m["package_uuid"]
    unit_key = m["unit"]["key"]
    if uuid_ in batch.seen or repo.is_imported(db, uuid_):
        result.status = DUPLICATE
        result.reason = Text("merge.duplicate")
        return Decision()
    unit = batch.units.get(unit_key)
    if unit is None:
        _reject(result, "unknown_unit", Text("merge.unknown_unit", unit=m["unit"]["name"], key=unit_key))
        return Decision()
    unit_id, _key, code, unit_name, level, _valid_from, _valid_to = unit
    result.unit_code, result.unit_name = code, unit_name
    if LEVEL_OF_ROLE.get(m["role"]) != level:
        _reject(result, "bad_manifest", Text("merge.bad_role", role=m["role"], unit=unit_name))
        return Decision()
    # A unit reports only the periods it lived through (helper "units"): the rest of the batch goes on.
    outside = units_repo.first_life_problem(db, units_repo.get_unit(db, unit_id), m["periods"])
    if outside is not None:
        _reject(result, "outside_unit_life", Text("merge.outside_unit_life", period=outside.period,
                                                  life=units_repo.life_problem_vi(outside)))
        return Decision()
    fingerprint = opened.fingerprint
    # Trust is per (key, unit): `pairs` are every unit this key has signed for, first seen first.
    pairs = repo.key_pairs(db, fingerprint)
    revoked = next((p for p in pairs if p["status"] == "revoked"), None)
    if revoked is not None:  # a revoked key is refused for every unit, the ones it never claimed included
        _reject(result, "revoked", Text("merge.revoked" if revoked["unit_key"] == unit_key else "merge.revoked_other",
                                        fp=fingerprint, owner=revoked["unit_name"] or revoked["unit_key"],
                                        unit=unit_name))
        return Decision()
    if any(p["installation_id"] != m["installation_id"] for p in pairs):
        _reject(result, "identity_changed", Text("merge.identity_changed", fp=fingerprint,
                                                 before=pairs[0]["installation_id"], now=m["installation_id"]))
        return Decision()
    others = [i for i in repo.installations_by_id(db, m["installation_id"])
              if i["fingerprint"] != fingerprint and i["status"] != "revoked"]
    if others:
        _reject(result, "key_changed", Text("merge.key_changed", before=others[0]["fingerprint"], fp=fingerprint))
        return Decision()
    last = repo.last_sequence(db, fingerprint, besides=uuid_)
    if m["sequence"] > last + MAX_SEQUENCE_JUMP:
        _reject(result, "sequence_jump", Text("merge.sequence_jump", sequence=m["sequence"],
                                              max_jump=format_int(MAX_SEQUENCE_JUMP), fp=fingerprint, last=last))
        return Decision()
    inst = next((p for p in pairs if p["unit_key"] == unit_key), None)
    batch.touched.add((fingerprint, unit_key))
    plan = _plan(batch, opened, unit_id, level, prepared or _prepare(batch, opened))
    result.counts = plan.counts
    result.problems = plan.errors[:MAX_PROBLEMS_SHOWN]
    result.warnings = plan.warnings[:MAX_PROBLEMS_SHOWN]
    if m["catalogue_version"] != catalogue_version():
        result.warnings.insert(0, Text("merge.catalogue_differs"))
    if inst is None or inst["status"] == "pending":
        batch.seen.add(uuid_)
        result.status = HELD
        result.reason = Text("merge.held_new", unit=unit_name, fp=fingerprint)
        other_units = [p for p in pairs if p["unit_key"] != unit_key]
        if other_units:
            result.code = "new_unit_for_key"
            result.reason = Text("merge.held_new_unit_for_key", fp=fingerprint, unit=unit_name, n=len(other_units) + 1,
                                 others=", ".join(p["unit_name"] or p["unit_key"] for p in other_units))
        if plan.errors or plan.refused:
            result.reason = Text("merge.held_with_errors", reason=result.reason)
        if held_package:
            return Decision()
        holder = repo.held_by(db, uuid_)
        if holder is not None and holder != (fingerprint, unit_key):
            _reject(result, "uuid_reused", Text("merge.uuid_reused", uuid=uuid_))
            return Decision()
        if holder is not None:
            result.reason = Text("merge.still_held", fp=fingerprint)
            return Decision()
        installation = None
        if inst is None:
            installation = {
                "fingerprint": fingerprint, "unit_key": unit_key, "public_key": m["signer"]["public_key"],
                "installation_id": m["installation_id"], "role": m["role"],
                "official": " – ".join(x for x in (m["official"].get("name", ""),
                                                   m["official"].get("title", "")) if x),
                "status": "pending", "first_seen": batch.now, "status_changed_by": ""}
        return Decision("held", installation=installation, held={
            "package_uuid": uuid_, "fingerprint": fingerprint, "unit_key": unit_key, "sequence": m["sequence"],
            "created_at": m["created_at"], "received_at": batch.now, "file_name": result.file,
            "periods": m["periods"], "data": data})
    if plan.refused:
        _reject(result, "revision_jump", Text("merge.revision_jump", n=len(plan.refused), example=plan.refused[0]))
        result.problems = plan.refused[:MAX_PROBLEMS_SHOWN]
        return Decision()
    if plan.errors:
        _reject(result, "invalid_figures", Text("merge.invalid_figures", n=len(plan.errors)))
        return Decision()
    batch.seen.add(uuid_)
    same_seq = repo.received_sequences(db, fingerprint, unit_key).get(m["sequence"])
    if same_seq and same_seq[0] != uuid_:
        result.warnings.insert(0, Text("merge.same_sequence", sequence=m["sequence"]))
    if plan.counts["conflicts"]:
        result.status = CONFLICT
        result.reason = Text("merge.conflicts_dry" if batch.dry_run else "merge.conflicts", n=plan.counts["conflicts"])
    else:
        result.status = IMPORTED
        result.reason = Text("merge.imported" if not batch.dry_run else "merge.would_import")
    return Decision("import", plan=plan, import_record={
        "package_uuid": uuid_, "fingerprint": fingerprint, "installation_id": m["installation_id"],
        "unit_key": unit_key, "sequence": m["sequence"], "previous_uuid": m["previous_package_uuid"],
        "full": int(m["full"]), "created_at": m["created_at"], "received_at": batch.now,
        "received_by": batch.actor, "file_name": result.file, "file_sha256": opened.file_sha256,
        "counts": plan.counts, "catalogue_version": m["catalogue_version"]},
        import_periods=[(unit_key, p, _utc(m["created_at"])) for p in m["periods"]])


# ---- planning ahead, in the helper process -------------------------------------------------------
# A large batch is planned by the helper process that opens it (merge_read.Opener), against the
# database as last committed, while the merge's thread only writes: planning (~10 s of a national
# batch) then runs beside the writing instead of before each package's writes. A plan made there is
# the plan the merge would make if nothing the package's planning reads was written by an earlier
# package of the batch (committed since, or still in the merge's open transaction): `dependencies`
# names what it reads, and a package that shares any of it with an earlier package of the batch is
# planned by the merge itself, as before. Writes from outside the batch (another program, between
# two groups) are caught by the merge (merge.merge_items: PRAGMA data_version), which then plans
# everything left itself.

def dependencies(batch: _Batch, opened: OpenedPackage) -> set[tuple[str, str]]:
    """What `decide` reads that a package of the batch can write: the package UUID (imported, held),
    the unit (its records, by unit and period), the key (its pairs, sequences and held packages),
    the installation (its keys), and each record UUID the sender chose (such a record may be
    another unit's; a derived UUID names its unit). Units, catalogues and the sender's own rows
    are not written by a merge."""
    m = opened.manifest
    out = {("package", m["package_uuid"]), ("unit", opened.unit_key), ("key", opened.fingerprint),
           ("installation", m["installation_id"])}
    for name, rows in opened.tables.items():
        if batch.specs[name].derive_uuid is None:
            out.update(("record", r[0]) for r in rows)
    return out


@dataclass
class Planned:
    """A package decided ahead (AheadPlanner): the result `decide` filled, its decision, and what it
    added to the batch's state (the package UUID to `seen`, the (key, unit) pair to `touched`)."""

    result: PackageResult
    decision: Decision
    seen: bool
    touched: tuple[str, str] | None
    # Sent without the package's bytes and rows (merge_read._open_many_in_process): if the merge does
    # not take this plan, it opens the package again.
    light: bool = False

    def adopt(self, batch: _Batch, result: PackageResult) -> Decision:
        """Take this plan in the merge: `result` says what `decide` would have said."""
        for name, value in vars(self.result).items():
            if name != "file":
                setattr(result, name, value)
        if self.seen:
            batch.seen.add(result.package_uuid)
        if self.touched is not None:
            batch.touched.add(self.touched)
        if self.decision.plan is not None:
            self.decision.plan.ahead = True
        return self.decision


class AheadPlanner:
    """Decides packages in order against the committed database, on a read-only connection of its
    own (`batch.db`), in the helper process. `plan()` returns None for a package the merge must
    plan itself: one sharing a dependency with an earlier package of the batch, or one whose
    planning failed here (the merge then meets the same failure and rejects that package alone)."""

    def __init__(self, batch: _Batch):
        self.batch = batch
        self.claimed: set[tuple[str, str]] = set()  # every earlier package's dependencies
        self.planned = self.deferred = 0
        # Units with a correction request open when the batch began, read once. A merge only closes
        # requests (a unit still listed here then keeps its rows: heavier, never wrong); one opened
        # by another program meanwhile makes every plan untrusted (merge_write._Group.begin).
        self.requests_open = {r[0] for r in batch.db.conn.execute(
            "SELECT DISTINCT unit_key FROM correction_requests WHERE status='open'")}

    def light(self, planned: Planned, opened: OpenedPackage) -> bool:
        """Whether the merge can apply this plan without the package's rows: an import (a held package
        keeps its bytes), answering no correction request (receipts.on_package_imported reads the
        figures and activities of a package that may close one)."""
        return (planned.decision.kind == "import" and not opened.manifest.get("correction_replies")
                and opened.unit_key not in self.requests_open)

    def plan(self, name: str, data: bytes, opened: OpenedPackage, prepared, *, wanted: bool = True) -> Planned | None:
        """Its plan, or None; `wanted=False`: the merge plans it (this process is behind), but its
        dependencies are still noted, for the packages after it."""
        deps = dependencies(self.batch, opened)
        clash = not self.claimed.isdisjoint(deps)
        self.claimed |= deps
        if clash or not wanted:
            self.deferred += 1
            return None
        batch = self.batch
        batch.seen, batch.touched = set(), set()
        result = PackageResult(file=name)
        _describe(result, opened)
        try:  # batch.conflicts_possible stays True: repo.conflicts_for asks the database itself
            decision = decide(batch, result, opened, data, False, prepared)
        except Exception:  # noqa: BLE001 - planned again by the merge, where a failure rejects this package alone
            self.deferred += 1
            return None
        self.planned += 1
        return Planned(result, decision, opened.package_uuid in batch.seen, next(iter(batch.touched), None))
