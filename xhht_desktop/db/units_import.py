"""`units import FILE`: later changes of the map (a new commune, a rename, a merger), all or nothing.

The file is CSV (UTF-8, header row) with the columns
    code, name, type, valid_from, predecessors [, parent]
`type` is the unit's type (Xã, Phường, Thị trấn, Đặc khu, Huyện, Thị xã, Thành phố, Tỉnh);
`predecessors` are the units it replaces, ';'-separated, each CODE or CODE@YYYY-MM-DD (each must be in
force the day before `valid_from`; it ends that day); `parent` (optional, CODE or CODE@DATE) is the
unit above it on `valid_from` — by default the parent of its first predecessor's successor province
(today: the province holding 51). The whole file is checked first: every bad row is named and nothing
changes; then it is applied in one transaction and kept in `unit_changes`, which the reference
refresh at every start replays.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.db.reference import replay_unit_changes
from xhht_desktop.domain.text import nfc
from xhht_desktop.domain.units import LEVEL_OF_TYPE

REQUIRED = ("code", "name", "type", "valid_from", "predecessors")
MAX_ROWS = 5000
MAX_BYTES = 2_000_000


@dataclass
class UnitsImportResult:
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)
    rows: list[dict] = field(default_factory=list)
    applied: int = 0

    def problems_vi(self) -> str:
        return "\n".join(f"Dòng {line}: {msg}" if line else msg for line, msg in self.problems)


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def check_units_file(db: sqlite_utils.Database, path: str | Path) -> UnitsImportResult:
    result = UnitsImportResult()
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            result.problems.append((None, f"Tệp quá lớn (hơn {MAX_BYTES // 1_000_000} MB)."))
            return result
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        result.problems.append((None, f"Không đọc được tệp «{path}»: {exc.strerror or exc}."))
        return result
    except UnicodeDecodeError:
        result.problems.append((None, "Tệp không phải văn bản UTF-8 (lưu lại dạng CSV UTF-8)."))
        return result
    reader = csv.DictReader(io.StringIO(nfc(text)))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.problems.append((1, f"thiếu cột {', '.join(missing)} (cần: {', '.join(REQUIRED)}[, parent])."))
        return result
    reader.fieldnames = header
    seen: dict[str, int] = {}
    for n, raw in enumerate(reader, start=2):
        if n - 1 > MAX_ROWS:
            result.problems.append((n, f"quá {MAX_ROWS} dòng."))
            break
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        bad = []
        code, name, utype, vf = row["code"], row["name"], row["type"], row["valid_from"]
        if not code.isdigit() or len(code) > 6:
            bad.append(f"mã «{code}» không hợp lệ (chỉ gồm chữ số)")
        if not name or len(name) > 120:
            bad.append("thiếu tên đơn vị" if not name else "tên quá dài")
        level = LEVEL_OF_TYPE.get(utype)
        if level is None:
            bad.append(f"loại «{utype}» không hợp lệ (chọn: {', '.join(LEVEL_OF_TYPE)})")
        elif name and not name.startswith(utype + " "):
            bad.append(f"tên «{name}» phải bắt đầu bằng loại «{utype}»")
        try:
            if dt.date.fromisoformat(vf).isoformat() != vf:
                raise ValueError
        except ValueError:
            bad.append(f"ngày hiệu lực «{vf}» không hợp lệ (dạng YYYY-MM-DD)")
            vf = ""
        key = f"{code}@{vf}"
        if vf and key in seen:
            bad.append(f"trùng với dòng {seen[key]} ({key})")
        seen.setdefault(key, n)
        preds: list[str] = []
        for spec in filter(None, (s.strip() for s in row["predecessors"].split(";"))):
            if not vf:
                break
            try:
                unit = units_repo.resolve_unit(db, spec if "@" in spec else f"{spec}@{_day_before(vf)}")
            except units_repo.UnitSpecError as exc:
                bad.append(f"đơn vị trước «{spec}»: {exc}")
                continue
            if not unit.valid_on(_day_before(vf)):
                bad.append(f"đơn vị trước «{spec}» ({unit.name}) không còn hiệu lực ngày {_day_before(vf)}")
                continue
            if level and unit.level != level:
                bad.append(f"đơn vị trước «{spec}» ({unit.name}) khác cấp")
                continue
            preds.append(unit.key)
        existing = units_repo.unit_by_key(db, key) if vf else None
        if vf and existing is None and code and units_repo.holder_on(db, code, vf) is not None \
                and not any(p.startswith(code + "@") for p in preds):
            holder = units_repo.holder_on(db, code, vf)
            bad.append(f"mã {code} đang thuộc {holder.name} ngày {vf}: ghi nó là đơn vị trước, hoặc dùng mã khác")
        parent = ""
        if row.get("parent") and vf:
            try:
                p = units_repo.resolve_unit(db, row["parent"] if "@" in row["parent"] else f"{row['parent']}@{vf}")
                parent = p.key
                if level and {"xa": "huyen", "huyen": "tinh"}.get(level) != p.level and not (
                        level == "xa" and p.level == "tinh"):
                    bad.append(f"đơn vị cấp trên «{row['parent']}» ({p.name}) không phù hợp")
            except units_repo.UnitSpecError as exc:
                bad.append(f"đơn vị cấp trên «{row['parent']}»: {exc}")
        elif vf and level in ("xa", "huyen") and preds:
            first = units_repo.unit_by_key(db, preds[0])
            up = units_repo.parent_of(db, first.id, _day_before(vf)) if first else None
            if up is not None and up.valid_to is not None and up.valid_to < vf:  # the parent ended too
                up = next((s for s in units_repo.successors(db, up.id)), None) if up.level == "tinh" else \
                    units_repo.parent_of(db, up.id, _day_before(vf))
            if up is not None:
                parent = up.key
        elif vf and level == "xa" and existing is None:
            bad.append("cần ghi đơn vị trước (predecessors) hoặc đơn vị cấp trên (parent)")
        if bad:
            result.problems.append((n, "; ".join(bad) + "."))
        else:
            result.rows.append({"code": code, "name": name, "type_label": utype, "level": level,
                                "valid_from": vf, "predecessors": ";".join(preds), "parent": parent})
    if not result.rows and not result.problems:
        result.problems.append((None, "Tệp không có dòng nào."))
    return result


def import_units_file(db: sqlite_utils.Database, path: str | Path, *, dry_run: bool = False,
                      source: str = "") -> UnitsImportResult:
    """Check the whole file; when it is clean, store and apply it in one transaction."""
    result = check_units_file(db, path)
    if result.problems or dry_run:
        return result
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    with db.atomic():
        ids = []
        for r in result.rows:
            cur = db.conn.execute(
                """INSERT INTO unit_changes (code, name, type_label, level, valid_from, predecessors, parent,
                       imported_at, source) VALUES (?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(code, valid_from) DO UPDATE SET name=excluded.name, type_label=excluded.type_label,
                       level=excluded.level, predecessors=excluded.predecessors, parent=excluded.parent,
                       imported_at=excluded.imported_at, source=excluded.source
                   RETURNING id""",
                (r["code"], r["name"], r["type_label"], r["level"], r["valid_from"], r["predecessors"],
                 r["parent"], now, source or Path(path).name))
            ids.append(cur.fetchone()[0])
        replay_unit_changes(db.conn, ids)
    result.applied = len(result.rows)
    return result
