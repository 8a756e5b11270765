"""Reference updates (bản cập nhật danh mục): what every installation shares, published by the
Department as one signed file whose version only grows; applied whole or not at all.

An update is cumulative: it carries every target the Department has confirmed, corrected or added
(`indicator_targets.source` = 'department'), every catalogue row it added or corrected
(`indicators.source` = 'department': names, kind, levels, comparison, …), every agency it added or
corrected (`agencies.source` = 'department') and every later change of the map (`unit_changes`), so the
latest update alone brings an installation up to date. Rows are checked as the Department's own input
is (domain/catalogue.py `indicator_row_problem`, db/reference.py `indicator_conflict`,
domain/agencies.py `agency_row_problem`): one bad row refuses the whole update with its reason code.
An update carrying rows or agencies is format 2 (an older app refuses it as `newer_format` rather than
apply half of it); one with only targets and units stays format 1. It also names the Department's keys: its age
recipient (packages are encrypted to it) and, when the Department rotates its signing key, the next
signing key — announced in an update signed by the current one, which installations pin from then on.

File: ustar(`update.json`, `update.json.minisig`), not encrypted (nothing in it is secret);
`minisign -V -p so.pub -m update.json` verifies it. See docs/sync-format.md §10.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from nacl.signing import SigningKey
from pyrage import x25519

from xhht_desktop import __version__
from xhht_desktop.db import meta
from xhht_desktop.db import reference
from xhht_desktop.db.reference import replay_unit_changes
from xhht_desktop.domain.agencies import AGENCY_FIELDS, agency_row_problem
from xhht_desktop.domain.catalogue import ROW_FIELDS, indicator_row_problem, target_problem
from xhht_desktop.messages import render
from xhht_desktop.domain.text import CONTROL_LINE_RE
from xhht_desktop.installation import get_installation
from xhht_desktop.sync import keys, minisign
from xhht_desktop.sync.signed_doc import DocRejected, build, parse_json, read_members, require, verify

KIND = "xhht-reference-update"
NAME = "update"
SUFFIX = ".xhhtu"
MAGIC_HINT = b"update.json"
MAX_FILE = 4 * 1024 * 1024
MAX_JSON = 4 * 1024 * 1024 - 4096
MAX_ITEMS = 20_000
MAX_ROWS = 2_000  # catalogue rows and agencies (the shipped catalogues hold 75 rows, 11 agencies)
ROW_META = ("position", "updated_at", "updated_by", "note")
AGENCY_META = ("position", "updated_at", "updated_by")
FORMAT_ROWS = 2  # an update carrying catalogue rows or agencies
WHAT = "bản cập nhật danh mục"


class PublishProblem(ValueError):
    """Publishing cannot proceed (message in Vietnamese)."""


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_info(public: bytes) -> dict:
    return {"public_key": _b64(public), "fingerprint": keys.signing_fingerprint(public)}


# ---- the Department's side ----------------------------------------------------------------------

def current_version(db: sqlite_utils.Database, direction: str) -> int:
    row = db.conn.execute("SELECT MAX(version) FROM reference_updates WHERE direction=?", (direction,)).fetchone()
    return row[0] or 0


def _targets(db: sqlite_utils.Database) -> list[dict]:
    rows = db.conn.execute(
        """SELECT programme, indicator, target_year, value, note, updated_at, updated_by FROM indicator_targets
           WHERE source='department' ORDER BY programme, indicator, target_year""").fetchall()
    return [{"programme": p, "indicator": i, "target_year": y, "value": v, "note": n, "updated_at": at,
             "updated_by": by} for p, i, y, v, n, at, by in rows]


def _units(db: sqlite_utils.Database) -> list[dict]:
    rows = db.conn.execute(
        """SELECT code, name, type_label, level, valid_from, predecessors, parent FROM unit_changes
           ORDER BY valid_from, id""").fetchall()
    return [dict(zip(("code", "name", "type_label", "level", "valid_from", "predecessors", "parent"), r))
            for r in rows]


@dataclass
class Published:
    path: Path
    version: int
    targets: int
    units: int
    rotated_to: str | None = None  # fingerprint of the new signing key announced
    indicators: int = 0
    agencies: int = 0


def publish(db: sqlite_utils.Database, out_dir: str | Path, *, rotate_signing_key: bool = False,
            now: str | None = None) -> Published:
    """Write the next update into `out_dir` (and keep it); with `rotate_signing_key`, the update
    announces a new Department signing key and is signed by the current one, which it then replaces."""
    inst = get_installation(db)
    if inst is None or inst.role != "department":
        raise PublishProblem("Chỉ máy của Sở mới phát hành bản cập nhật danh mục.")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise PublishProblem(f"Thư mục «{out_dir}» không tồn tại.")
    recipient = keys.department_recipient(db)
    current = keys.signing_key(db)
    created = now or _now()
    with db.atomic():
        version = current_version(db, "published") + 1
        next_seed = secrets.token_bytes(32) if rotate_signing_key else None
        next_public = bytes(SigningKey(next_seed).verify_key) if next_seed else None
        doc = {
            "format": 1, "kind": KIND, "version": version, "created_at": created, "app_version": __version__,
            "department": {"unit_key": inst.unit.key, "name": inst.unit.name, "recipient": recipient,
                           **_key_info(bytes(current.verify_key))},
            "next_signing_key": _key_info(next_public) if next_public else None,
            "targets": _targets(db),
            "units": _units(db),
        }
        rows, agencies = reference.department_indicator_rows(db), reference.department_agency_rows(db)
        if rows or agencies:
            doc.update(format=FORMAT_ROWS, indicators=rows, agencies=agencies)
        data = build(NAME, doc, current, f"xhht reference update version {version}",
                     int(dt.datetime.fromisoformat(created).timestamp()))
        name = f"XHHT_CapNhatDanhMuc_{version:04d}_{dt.datetime.fromisoformat(created).strftime('%Y%m%d-%H%M')}{SUFFIX}"
        db.conn.execute(
            """INSERT INTO reference_updates (version, direction, created_at, signer, file_sha256, summary, at, by,
                   data) VALUES (?,'published',?,?,?,?,?,?,?)""",
            (version, created, doc["department"]["fingerprint"], hashlib.sha256(data).hexdigest(),
             json.dumps({"targets": len(doc["targets"]), "units": len(doc["units"]),
                         "indicators": len(rows), "agencies": len(agencies)}), created, inst.actor, data))
        if next_seed:
            meta.set_many(db, {keys.META_SIGNING_SEED: _b64(next_seed)})
        path = keys.write_file(out_dir / name, data)
    return Published(path, version, len(doc["targets"]), len(doc["units"]),
                     keys.signing_fingerprint(next_public) if next_public else None, len(rows), len(agencies))


def latest_published(db: sqlite_utils.Database) -> tuple[int, bytes] | None:
    row = db.conn.execute("SELECT version, data FROM reference_updates WHERE direction='published' "
                          "ORDER BY version DESC LIMIT 1").fetchone()
    return (row[0], bytes(row[1])) if row else None


def published_file_name(version: int) -> str:
    return f"XHHT_CapNhatDanhMuc_{version:04d}{SUFFIX}"


# ---- reading ------------------------------------------------------------------------------------

def is_update(data: bytes) -> bool:
    return data[:len(MAGIC_HINT)] == MAGIC_HINT


def _is_text(v, n: int = 200) -> bool:
    return type(v) is str and len(v) <= n and not CONTROL_LINE_RE.search(v)


def _check_shape(doc: dict) -> None:
    r = lambda cond, f: require(cond, WHAT, f)  # noqa: E731
    r(type(doc.get("version")) is int and 1 <= doc["version"] <= 10**9, "version")
    r(_is_text(doc.get("created_at"), 40), "created_at")
    try:
        dt.datetime.fromisoformat(doc["created_at"])
    except ValueError:
        r(False, "created_at")
    d = doc.get("department")
    r(isinstance(d, dict) and _is_text(d.get("unit_key"), 40) and _is_text(d.get("name"))
      and _is_text(d.get("public_key"), 64) and _is_text(d.get("fingerprint"), 32), "department")
    rec = d.get("recipient")
    r(rec is None or (_is_text(rec, 100) and rec.startswith("age1")), "department.recipient")
    if rec:
        try:
            x25519.Recipient.from_str(rec)
        except Exception:  # noqa: BLE001 - pyrage raises its own error types
            r(False, "department.recipient")
    nk = doc.get("next_signing_key")
    r(nk is None or (isinstance(nk, dict) and _is_text(nk.get("public_key"), 64)), "next_signing_key")
    if nk is not None:
        try:
            r(len(base64.b64decode(nk["public_key"], validate=True)) == 32, "next_signing_key")
        except (binascii.Error, ValueError):
            r(False, "next_signing_key")
    targets, units = doc.get("targets"), doc.get("units")
    r(isinstance(targets, list) and len(targets) <= MAX_ITEMS, "targets")
    r(isinstance(units, list) and len(units) <= MAX_ITEMS, "units")
    for t in targets:
        r(isinstance(t, dict) and _is_text(t.get("programme"), 20) and _is_text(t.get("indicator"), 40)
          and type(t.get("target_year")) is int and _is_text(t.get("note", ""), 1000)
          and _is_text(t.get("updated_by", ""), 200) and _is_text(t.get("updated_at", ""), 40), "targets")
        v = t.get("value")
        r(v is None or (type(v) in (int, float) and math.isfinite(v) and 0 <= v <= 10**9), "targets.value")
    _check_rows(doc)
    for u in units:
        r(isinstance(u, dict) and all(_is_text(u.get(k), 2000) for k in
                                      ("code", "name", "type_label", "level", "valid_from", "predecessors", "parent"))
          and u["level"] in ("tinh", "huyen", "xa"), "units")
        try:
            dt.date.fromisoformat(u["valid_from"])
        except ValueError:
            r(False, "units.valid_from")


def _refuse_row(problem: tuple[str, dict]) -> None:
    code, params = problem
    raise DocRejected(code, render(reference.problem_message_code(code, params), params)
                      + " Bản cập nhật bị từ chối toàn bộ.")


def _check_rows(doc: dict) -> None:
    """Catalogue rows and agencies (format 2): every row as the Department's own input is checked;
    one bad row refuses the update with its reason code (unknown_kind, bad_op, bad_text, bad_row,
    bad_agency, too_many, …)."""
    if doc["format"] < FORMAT_ROWS:
        require("indicators" not in doc and "agencies" not in doc, WHAT, "format")
        return
    rows, agencies = doc.get("indicators"), doc.get("agencies")
    require(isinstance(rows, list) and isinstance(agencies, list), WHAT, "indicators")
    for what, items in (("chỉ tiêu", rows), ("cơ quan", agencies)):
        if len(items) > MAX_ROWS:
            _refuse_row(("too_many", {"what": what, "count": len(items), "limit": MAX_ROWS}))
    seen = set()
    for item in rows:
        if not isinstance(item, dict) or set(item) != set(ROW_FIELDS) | set(ROW_META):
            _refuse_row(("bad_row", {"code": str(item.get("code", ""))[:40] if isinstance(item, dict) else "",
                                     "field": "row"}))
        row = {k: item[k] for k in ROW_FIELDS}
        problem = indicator_row_problem(row)
        if problem:
            _refuse_row(problem)
        if not (type(item["position"]) is int and 0 <= item["position"] <= 10**6) or \
                not all(_is_text(item[k], n) for k, n in (("updated_at", 40), ("updated_by", 200), ("note", 1000))):
            _refuse_row(("bad_row", {"code": row["code"], "field": "position"}))
        if (row["programme"], row["code"]) in seen:
            _refuse_row(("bad_row", {"code": row["code"], "field": "code"}))
        seen.add((row["programme"], row["code"]))
    seen = set()
    for item in agencies:
        if not isinstance(item, dict) or set(item) != set(AGENCY_FIELDS) | set(AGENCY_META):
            _refuse_row(("bad_agency", {"name": "", "field": "row"}))
        row = {k: item[k] for k in AGENCY_FIELDS}
        problem = agency_row_problem(row)
        if problem:
            _refuse_row(problem)
        if not (type(item["position"]) is int and 0 <= item["position"] <= 10**6) or \
                not all(_is_text(item[k], n) for k, n in (("updated_at", 40), ("updated_by", 200))):
            _refuse_row(("bad_agency", {"name": row["name"], "field": "position"}))
        if (row["name"], row["valid_from"]) in seen:
            _refuse_row(("bad_agency", {"name": row["name"], "field": "name"}))
        seen.add((row["name"], row["valid_from"]))


def _row_part(item: dict) -> dict:
    return {k: item[k] for k in ROW_FIELDS}


def _agency_part(item: dict) -> dict:
    return {k: item[k] for k in AGENCY_FIELDS}


@dataclass
class UpdateCheck:
    version: int
    doc: dict
    signer: bytes
    file_sha256: str
    changes: list[dict] = field(default_factory=list)  # what applying changes, for the list shown first


def open_update(db: sqlite_utils.Database, data: bytes) -> UpdateCheck:
    """Verify and check an update against this database, or raise DocRejected. Nothing is written."""
    if len(data) > MAX_FILE:
        raise DocRejected("too_large", f"Tệp quá lớn ({len(data) // 1024} KB) để là {WHAT}.")
    body, sig = read_members(data, NAME, MAX_JSON)
    pinned = keys.pinned_department_signing_key(db)
    if pinned is None:
        raise DocRejected("no_pinned_key", "Máy này chưa có khóa ký của Sở nên chưa kiểm tra được bản cập nhật: "
                                           "hãy nhận lại tệp khóa công khai mới của Sở (Cài đặt → «Nhận khóa của "
                                           "Sở…» hoặc keys trust-department), rồi áp dụng lại.")
    key, comment = verify(body, sig, [pinned], WHAT)
    doc = parse_json(body, KIND, WHAT, max_format=FORMAT_ROWS)
    _check_shape(doc)
    if comment != f"xhht reference update version {doc['version']}" or \
            doc["department"]["public_key"] != _b64(key):
        raise DocRejected("tampered", "Phần ký của bản cập nhật không khớp với nội dung.")
    applied = current_version(db, "applied")
    same = db.conn.execute("SELECT 1 FROM reference_updates WHERE direction='applied' AND version=? AND file_sha256=?",
                           (doc["version"], hashlib.sha256(data).hexdigest())).fetchone()
    if same:  # this very file (same digest) was applied: nothing to do, whatever came after it
        raise DocRejected("already_applied", f"Bản cập nhật số {doc['version']} đã được áp dụng trước đó.")
    if doc["version"] <= applied:
        raise DocRejected("older", f"Bản cập nhật số {doc['version']} không mới hơn bản đã áp dụng "
                                   f"(số {applied}).")
    check = UpdateCheck(doc["version"], doc, key, hashlib.sha256(data).hexdigest())
    check.changes = _changes(db, doc)
    return check


def _row_changes(db: sqlite_utils.Database, doc: dict) -> tuple[list[dict], dict]:
    """What the rows and agencies of the update change here, after checking them against this
    database (a kind changing shape, a code the other programme uses with another kind, a successor
    that is no agency) -> (changes, the rows by (programme, code) as they will stand)."""
    out: list[dict] = []
    pending: dict[tuple[str, str], dict] = {}
    for item in doc.get("indicators", ()):
        row = _row_part(item)
        problem = reference.indicator_conflict(db, row, pending)
        if problem:
            _refuse_row(problem)
        pending[(row["programme"], row["code"])] = row
        old = next((r for r in reference.indicator_rows(db, row["programme"]) if r["code"] == row["code"]), None)
        if old is None:
            out.append({"kind": "indicator", "programme": row["programme"], "code": row["code"],
                        "name": row["name_vi"], "new": True, "fields": []})
        elif old != row:
            out.append({"kind": "indicator", "programme": row["programme"], "code": row["code"],
                        "name": row["name_vi"], "new": False,
                        "fields": [{"field": k, "old": old[k], "new": row[k]} for k in ROW_FIELDS if old[k] != row[k]]})
    names = {a["name"] for a in doc.get("agencies", ())}
    stored = {(r["name"], r["valid_from"]): r for r in reference._agency_rows(db)}
    for item in doc.get("agencies", ()):
        row = _agency_part(item)
        problem = reference.agency_conflict(db, row, names)
        if problem:
            _refuse_row(problem)
        old = stored.get((row["name"], row["valid_from"]))
        if old is None:
            out.append({"kind": "agency", "name": row["name"], "valid_from": row["valid_from"], "new": True,
                        "fields": []})
        elif old != row:
            out.append({"kind": "agency", "name": row["name"], "valid_from": row["valid_from"], "new": False,
                        "fields": [{"field": k, "old": old[k], "new": row[k]} for k in AGENCY_FIELDS
                                   if old[k] != row[k]]})
    return out, pending


def _changes(db: sqlite_utils.Database, doc: dict) -> list[dict]:
    out, pending = _row_changes(db, doc)
    problems = []
    for t in doc["targets"]:
        prog = db.conn.execute("SELECT target_years FROM programmes WHERE code=?", (t["programme"],)).fetchone()
        ind = db.conn.execute("SELECT name_vi FROM indicators WHERE programme=? AND code=?",
                              (t["programme"], t["indicator"])).fetchone()
        row = pending.get((t["programme"], t["indicator"]))
        if row is not None:
            ind = (row["name_vi"],)
        if prog is None or ind is None or str(t["target_year"]) not in prog[0].split(";"):
            problems.append(f"{t['programme']} {t['indicator']} năm {t['target_year']}")
            continue
        if row is not None or ind is not None:
            from xhht_desktop.domain.catalogue import indicator_from_row  # noqa: PLC0415
            basis = row or next((r for r in reference.indicator_rows(db, t["programme"])
                                 if r["code"] == t["indicator"]), None)
            why = target_problem(indicator_from_row(basis, {}, frozenset()), t["value"]) if basis else None
            if why:
                _refuse_row(("bad_target", {"code": t["indicator"], "year": t["target_year"],
                                            "value": format_number(t["value"]), "why_vi": _WHY_VI[why],
                                            "why_en": _WHY_EN[why]}))
        row = db.conn.execute("SELECT value, draft, source FROM indicator_targets WHERE programme=? AND indicator=? "
                              "AND target_year=?", (t["programme"], t["indicator"], t["target_year"])).fetchone()
        old = row[0] if row else None
        if row is None or row[0] != t["value"] or row[1] or row[2] != "department":
            out.append({"kind": "target", "programme": t["programme"], "indicator": t["indicator"],
                        "name": ind[0], "target_year": t["target_year"], "old": old, "new": t["value"],
                        "was_draft": bool(row and row[1])})
    if problems:
        raise DocRejected("unknown_reference", "Bản cập nhật nêu chỉ tiêu hoặc năm mục tiêu máy này không có ("
                          + ", ".join(problems[:5]) + "): hãy cập nhật XHHT Desktop rồi áp dụng lại.")
    known = set()
    for u in doc["units"]:
        refs = [k for k in u["predecessors"].split(";") if k] + ([u["parent"]] if u["parent"] else [])
        missing = [k for k in refs if k not in known
                   and not db.conn.execute("SELECT 1 FROM units WHERE key=?", (k,)).fetchone()]
        if missing:
            raise DocRejected("unknown_reference", f"Bản cập nhật nêu đơn vị {', '.join(missing[:5])} máy này không có "
                                                   f"(ở dòng {u['code']}@{u['valid_from']}).")
        known.add(f"{u['code']}@{u['valid_from']}")
        row = db.conn.execute("SELECT name, type_label, level, predecessors, parent FROM unit_changes "
                              "WHERE code=? AND valid_from=?", (u["code"], u["valid_from"])).fetchone()
        if row != (u["name"], u["type_label"], u["level"], u["predecessors"], u["parent"]):
            out.append({"kind": "unit", "key": f"{u['code']}@{u['valid_from']}", "name": u["name"],
                        "predecessors": u["predecessors"]})
    rec = doc["department"].get("recipient")
    if rec and rec != keys.department_recipient(db) and meta.get(db, "role") != "department":
        out.append({"kind": "department_key", "fingerprint": keys.recipient_fingerprint(rec)})
    if doc.get("next_signing_key"):
        out.append({"kind": "signing_key", "fingerprint": keys.signing_fingerprint(
            base64.b64decode(doc["next_signing_key"]["public_key"]))})
    return out


def apply_update(db: sqlite_utils.Database, data: bytes, *, dry_run: bool = False, actor: str = "") -> UpdateCheck:
    """Check then apply whole, in one transaction (or nothing: dry run, or any refusal)."""
    check = open_update(db, data)
    if dry_run:
        return check
    doc = check.doc
    now = _now()
    with db.atomic():
        for item in doc.get("indicators", ()):
            reference.write_indicator_row(db.conn, _row_part(item), position=item["position"],
                                          updated_at=item["updated_at"], updated_by=item["updated_by"],
                                          note=item["note"])
        for item in doc.get("agencies", ()):
            reference.write_agency_row(db.conn, _agency_part(item), updated_at=item["updated_at"],
                                       updated_by=item["updated_by"], position=item["position"])
        for t in doc["targets"]:
            db.conn.execute(
                """INSERT INTO indicator_targets (programme, indicator, target_year, value, draft, source, updated_at,
                       updated_by, note) VALUES (?,?,?,?,0,'department',?,?,?)
                   ON CONFLICT(programme, indicator, target_year) DO UPDATE SET value=excluded.value, draft=0,
                       source='department', updated_at=excluded.updated_at, updated_by=excluded.updated_by,
                       note=excluded.note""",
                (t["programme"], t["indicator"], t["target_year"],
                 None if t["value"] is None else float(t["value"]), t.get("updated_at", ""),
                 t.get("updated_by", ""), t.get("note", "")))
        ids = []
        for u in doc["units"]:
            cur = db.conn.execute(
                """INSERT INTO unit_changes (code, name, type_label, level, valid_from, predecessors, parent,
                       imported_at, source) VALUES (?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(code, valid_from) DO UPDATE SET name=excluded.name, type_label=excluded.type_label,
                       level=excluded.level, predecessors=excluded.predecessors, parent=excluded.parent,
                       imported_at=excluded.imported_at, source=excluded.source RETURNING id""",
                (u["code"], u["name"], u["type_label"], u["level"], u["valid_from"], u["predecessors"], u["parent"],
                 now, f"cập nhật danh mục số {check.version}"))
            ids.append(cur.fetchone()[0])
        if ids:
            replay_unit_changes(db.conn, ids)
        values = {}
        rec = doc["department"].get("recipient")
        if rec and meta.get(db, "role") != "department":
            values[keys.META_DEPARTMENT_RECIPIENT] = rec
        if doc.get("next_signing_key") and meta.get(db, "role") != "department":
            values[keys.META_DEPARTMENT_SIGNING_KEY] = doc["next_signing_key"]["public_key"]
        if values:
            db.conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET value=excluded.value", list(values.items()))
        db.conn.execute(
            """INSERT OR REPLACE INTO reference_updates (version, direction, created_at, signer, file_sha256, summary,
                   at, by) VALUES (?,'applied',?,?,?,?,?,?)""",
            (check.version, doc["created_at"], keys.signing_fingerprint(check.signer), check.file_sha256,
             json.dumps({"changes": len(check.changes)}), now, actor))
    return check


_WHY_VI = {"number": "không phải số từ 0 đến 10^9", "percent": "tỷ lệ quá 100%", "scale": "ngoài thang mức độ"}
_WHY_EN = {"number": "not a number from 0 to 10^9", "percent": "a rate above 100%", "scale": "off the scale of degrees"}


def format_number(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}".replace(".", ",")


_FIELD_LABELS_VI = {"name_vi": "tên", "name_en": "tên tiếng Anh", "kind": "loại", "levels": "cấp nhập",
                    "numerator_vi": "tử số", "denominator_vi": "mẫu số", "periodicity": "kỳ báo cáo",
                    "target_op": "so với mục tiêu", "breakdowns": "chia theo", "owner": "cơ quan chủ trì",
                    "plan_ref": "căn cứ", "scale": "thang mức độ", "group": "nhóm", "short": "tên viết tắt",
                    "valid_to": "hết hiệu lực", "successors": "cơ quan kế nhiệm", "note": "ghi chú"}
_FIELD_LABELS_EN = {"name_vi": "name", "name_en": "English name", "kind": "kind", "levels": "levels",
                    "numerator_vi": "numerator", "denominator_vi": "denominator", "periodicity": "periodicity",
                    "target_op": "comparison", "breakdowns": "breakdowns", "owner": "owner", "plan_ref": "reference",
                    "scale": "scale", "group": "group", "short": "short name", "valid_to": "valid to",
                    "successors": "successors", "note": "note"}


def _field_value(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, list):  # levels, breakdowns, a scale, successors ([name, "topic;topic"])
        return ", ".join((f"{x[0]} ({x[1]})" if x[1] else x[0]) if isinstance(x, list) else str(x) for x in v) or "—"
    return str(v)


_OPS = {"vi": {">=": "≥", ">": ">", "increase": "tăng so với năm trước"},
        "en": {">=": "≥", ">": ">", "increase": "higher than last year"}}


def _fields_text(fields: list[dict], lang: str) -> str:
    labels = _FIELD_LABELS_EN if lang == "en" else _FIELD_LABELS_VI

    def value(f: dict, v) -> str:
        if f["field"] == "target_op":
            return f"«{_OPS['en' if lang == 'en' else 'vi'].get(v, v)}»" if v else "—"
        return _field_value(v)

    return "; ".join(f"{labels.get(f['field'], f['field'])} {value(f, f['old'])} → {value(f, f['new'])}"
                     for f in fields)


def row_change_text(c: dict, lang: str = "vi") -> str:
    """A catalogue row or agency change of the list shown before applying (CLI and window)."""
    if c["kind"] == "indicator":
        if c["new"]:
            return render("refrow.change_indicator_new", c, lang)
        return render("refrow.change_indicator", {**c, "fields": _fields_text(c["fields"], lang)}, lang)
    if c["new"]:
        return render("refrow.change_agency_new", c, lang)
    return render("refrow.change_agency", {**c, "fields": _fields_text(c["fields"], lang)}, lang)


def change_text_vi(c: dict) -> str:
    if c["kind"] in ("indicator", "agency"):
        return row_change_text(c)
    if c["kind"] == "target":
        old = "chưa có" if c["old"] is None else format_number(c["old"])
        new = "bỏ mục tiêu" if c["new"] is None else format_number(c["new"])
        draft = " (dự thảo)" if c["was_draft"] else ""
        return f"Mục tiêu {c['indicator']} năm {c['target_year']}: {old}{draft} → {new}"
    if c["kind"] == "unit":
        preds = f" (thay {c['predecessors'].replace(';', ', ')})" if c["predecessors"] else ""
        return f"Đơn vị {c['key']} {c['name']}{preds}"
    if c["kind"] == "department_key":
        return f"Khóa mã hóa mới của Sở, mã nhận dạng {c['fingerprint']}"
    return f"Khóa ký mới của Sở, mã nhận dạng {c['fingerprint']} (được khóa hiện tại xác nhận)"
