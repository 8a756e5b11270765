"""Export at a commune or district: every record of the unit changed since the last package
(or all of them), signed and encrypted to the Department, in one file named for people.

The history table's monotonic id marks what a package covers: the next export starts after the
last id the previous one included. Exported packages are recorded (`sync_exports`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from xhht_desktop.messages import CodedError, Text
from xhht_desktop import __version__
from xhht_desktop.db import meta, migrations, units_repo
from xhht_desktop.domain.catalogue import catalogue_version
from xhht_desktop.domain.periods import PeriodError, parse_period
from xhht_desktop.domain.text import ascii_slug
from xhht_desktop.installation import get_installation
from xhht_desktop.sync import keys, repo
from xhht_desktop.sync.package import FORMAT_VERSION, KIND, SUFFIX, build_package, encode_payload
from xhht_desktop.sync.tables import TableSpec, table_specs

TABLE_LABELS_VI = {
    "indicator_values": "số liệu chỉ tiêu",
    "period_status": "đánh dấu hoàn thành kỳ",
    "clc_centres": "thông tin trung tâm học tập cộng đồng",
    "clc_activities": "hoạt động của trung tâm học tập cộng đồng",
    "narratives": "phần đánh giá, kiến nghị của báo cáo",
}


class ExportProblem(CodedError):
    """Export cannot proceed: a code of xhht_desktop/messages.py with its parameters; str() tells the
    official what to do, in Vietnamese."""


@dataclass
class PendingCounts:
    """What the next package would carry."""

    full: bool
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)  # table -> (records, deletions)
    periods: list[str] = field(default_factory=list)
    last_sequence: int = 0

    @property
    def records(self) -> int:
        return sum(n for n, _ in self.tables.values())

    def lines_vi(self) -> list[str]:
        return [f"{TABLE_LABELS_VI.get(t, t)}: {n}" + (f" (trong đó {d} xóa)" if d else "")
                for t, (n, d) in self.tables.items() if n]


@dataclass
class ExportResult:
    path: Path
    package_uuid: str
    sequence: int
    full: bool
    counts: dict[str, int]
    periods: list[str]
    created_at: str


def _installation(db: sqlite_utils.Database):
    inst = get_installation(db)
    if inst is None:
        raise ExportProblem("export.not_initialised")
    if inst.role == "department":
        raise ExportProblem("export.department")
    return inst


def _gather(db: sqlite_utils.Database, unit_id: int, full: bool,
            specs: dict[str, TableSpec]) -> tuple[dict[str, list[tuple]], int, dict | None]:
    last = repo.last_export(db)
    upto = repo.max_history_id(db)
    since = None if (full or last is None) else last["history_id"]
    rows = {name: repo.rows_to_export(db, spec, unit_id, since, upto) for name, spec in specs.items()}
    # A unit exports only the periods it lived through (the Department would reject the rest).
    unit = units_repo.get_unit(db, unit_id)
    lived: dict[str, bool] = {}
    for name, spec in specs.items():
        if spec.has_period and rows[name]:
            i = spec.columns.index("period")
            for code in {r[i] for r in rows[name]}:
                lived.setdefault(code, units_repo.first_life_problem(db, unit, [code]) is None)
            rows[name] = [r for r in rows[name] if lived[r[i]]]
    return rows, upto, last


def _periods(specs: dict[str, TableSpec], rows: dict[str, list[tuple]]) -> list[str]:
    found: set[str] = set()
    for name, spec in specs.items():
        if spec.has_period:
            i = spec.columns.index("period")
            found.update(r[i] for r in rows.get(name, ()))
    return sorted(found, key=_period_order)


def _period_order(code: str):
    try:
        p = parse_period(code)
    except PeriodError:
        return (9999, 9)
    return (p.year, p.half or 3)


def pending(db: sqlite_utils.Database, *, full: bool = False) -> PendingCounts:
    """Count what `export_package` would put in the package now (no file written)."""
    inst = _installation(db)
    specs = table_specs(db)
    with db.atomic():  # one snapshot for all tables
        rows, _upto, last = _gather(db, inst.unit.id, full, specs)
    out = PendingCounts(full=full or last is None, last_sequence=last["sequence"] if last else 0)
    for name, spec in specs.items():
        d = spec.columns.index("deleted")
        out.tables[name] = (len(rows[name]), sum(r[d] for r in rows[name]))
    out.periods = _periods(specs, rows)
    return out


def package_file_name(unit_code: str, unit_name: str, created: dt.datetime, sequence: int) -> str:
    """XHHT_<mã đơn vị>_<tên không dấu>_<YYYYMMDD-HHMM>_<số thứ tự>.xhht"""
    return (f"XHHT_{ascii_slug(unit_code)}_{ascii_slug(unit_name)}_{created.strftime('%Y%m%d-%H%M')}_"
            f"{sequence}{SUFFIX}")


def _unused_name(out_dir: Path, name: str) -> str:
    """Never replace a package already in the outbox: after a restore the same sequence number can
    come round again within the same minute, and the earlier file may be the only copy of its changes."""
    if not (out_dir / name).exists():
        return name
    stem = name[: -len(SUFFIX)]
    n = 2
    while (out_dir / f"{stem}-{n}{SUFFIX}").exists():
        n += 1
    return f"{stem}-{n}{SUFFIX}"


def export_package(db: sqlite_utils.Database, out_dir: str | Path, *, full: bool = False,
                   now: dt.datetime | None = None,
                   progress: Callable[[int, int, str], None] | None = None) -> ExportResult:
    """Write the next package into `out_dir` and record it; returns where it went.

    Raises ExportProblem when there is no Department key yet or nothing new to send.
    """
    inst = _installation(db)
    recipients = keys.package_recipients(db)
    if not recipients:
        raise ExportProblem("export.no_department_key")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ExportProblem("export.no_folder", folder=str(out_dir))
    signing_key = keys.signing_key(db)
    specs = table_specs(db)
    created = (now or dt.datetime.now()).astimezone().replace(microsecond=0)
    if progress:
        progress(0, 3, Text("progress.gathering"))
    # BEGIN IMMEDIATE: what is read, numbered and recorded cannot change in between.
    with repo.immediate(db):
        rows, upto, last = _gather(db, inst.unit.id, full, specs)
        is_full = full or last is None
        total = sum(len(r) for r in rows.values())
        from xhht_desktop.sync import corrections, receipts  # noqa: PLC0415 - the way back (issue 11)

        if total == 0 and not corrections.manifest_replies(db):  # a reply to the Department travels alone too
            raise ExportProblem("export.nothing_new", sequence=last["sequence"] if last else 0)
        sequence = (last["sequence"] if last else 0) + 1
        package_uuid = str(uuid.uuid4())
        counts = {name: len(r) for name, r in rows.items() if r}
        deletions = {name: sum(row[specs[name].columns.index("deleted")] for row in r)
                     for name, r in rows.items() if r}
        periods = _periods(specs, rows)
        manifest = {
            "format": FORMAT_VERSION,
            "kind": KIND,
            "app_version": __version__,
            "schema_version": migrations.schema_version(),
            "package_uuid": package_uuid,
            "installation_id": inst.installation_id,
            "role": inst.role,
            "unit": {"key": inst.unit.key, "code": inst.unit.code, "name": inst.unit.name, "level": inst.unit.level},
            "official": {"name": inst.official_name, "title": inst.official_title},
            "sequence": sequence,
            "previous_package_uuid": last["package_uuid"] if last else None,
            "full": is_full,
            "created_at": created.isoformat(),
            "catalogue_version": catalogue_version(),
            "periods": periods,
            "counts": counts,
            "deletions": deletions,
        }
        manifest.update(receipts.manifest_additions(db))
        if progress:
            progress(1, 3, Text("progress.signing"))
        payload = encode_payload({name: (specs[name].columns, r) for name, r in rows.items() if r})
        data = build_package(manifest, payload, signing_key, recipients, int(created.timestamp()))
        name = _unused_name(out_dir, package_file_name(inst.unit.code, inst.unit.name, created, sequence))
        repo.insert_export(db, {
            "package_uuid": package_uuid, "sequence": sequence,
            "previous_uuid": manifest["previous_package_uuid"], "created_at": manifest["created_at"],
            "full": is_full, "history_id": upto, "file_name": name, "file_size": len(data),
            "file_sha256": hashlib.sha256(data).hexdigest(), "counts": counts, "periods": periods,
            "recipients": [keys.recipient_fingerprint(r) for r in recipients], "created_by": inst.actor,
        })
        vi = rows.get("indicator_values") or []
        pi, ii = specs["indicator_values"].columns.index("period"), specs["indicator_values"].columns.index("indicator")
        corrections.after_export(db, package_uuid, manifest.get("correction_replies") or [],
                                 {(r[pi], r[ii]) for r in vi}, {r[0] for r in rows.get("clc_activities") or []})
        if progress:
            progress(2, 3, Text("progress.writing_file"))
        # Written inside the transaction: if the file cannot be written, the sequence is not used.
        path = keys.write_file(out_dir / name, data)
    if progress:
        progress(3, 3, Text("progress.done"))
    return ExportResult(path, package_uuid, sequence, is_full, counts, periods, manifest["created_at"])


def periods_label_vi(periods: list[str]) -> str:
    labels = []
    for code in periods:
        try:
            labels.append(parse_period(code).label_vi.lower())
        except PeriodError:
            labels.append(code)
    if not labels:
        return "không có số liệu theo kỳ"
    if len(labels) == 1:
        return labels[0]
    return f"{len(labels)} kỳ, từ {labels[0]} đến {labels[-1]}"


def _full_note(export: dict) -> str:
    if not export.get("full"):
        return ""
    return " (gói đầu tiên, toàn bộ số liệu)" if export["sequence"] == 1 else " (gửi lại toàn bộ số liệu)"


def email_text(db: sqlite_utils.Database, export: dict) -> dict[str, str]:
    """To, subject and body of the e-mail that carries a package (the official attaches the file)."""
    inst = _installation(db)
    to = meta.get(db, keys.META_DEPARTMENT_EMAIL) or ""
    periods = export.get("periods") or []
    unit = f"{inst.unit.name} ({inst.unit.code})"
    latest = periods_label_vi(periods[-1:]) if periods else ""
    subject = f"[XHHT] {unit} – gói số {export['sequence']}" + (f" – {latest}" if latest else "")
    created = dt.datetime.fromisoformat(export["created_at"])
    body = "\n".join([
        "Kính gửi Sở Giáo dục và Đào tạo,",
        "",
        f"{unit} gửi gói số liệu xây dựng xã hội học tập số {export['sequence']}"
        f"{_full_note(export)}, lập lúc "
        f"{created.strftime('%H:%M ngày %d/%m/%Y')}.",
        f"Nội dung: {periods_label_vi(periods)}.",
        f"Tệp đính kèm: {export['file_name']}",
        f"Mã nhận dạng máy gửi: {keys.installation_fingerprint(db)}",
        "",
        "Tệp đã được ký và mã hóa bằng khóa của Sở; chỉ Sở mở được.",
        "",
        "Trân trọng,",
        inst.official_name or "",
        inst.official_title or "",
    ]).rstrip() + "\n"
    return {"to": to, "subject": subject, "body": body}
