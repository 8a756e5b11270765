"""Receipts (biên nhận) the Department writes after merging, one per installation, and what an
installation does with one.

Each installation has an age key pair (made by migration 0008_returns, kept in `meta`) and sends its
public part in every package (`manifest.receipt_recipient`). The receipt is signed by the Department
(the same pinned signing key as reference updates) and encrypted to that key only:

    file = age( ustar(`receipt.json`, `receipt.json.minisig`) )

It says which package numbers arrived and their verdicts, which numbers are missing, the conflicts the
Department decided, the open correction requests, and the province's figures for the periods the
installation reported. An installation refuses a receipt not encrypted to it, not signed by its pinned
Department key, tampered, truncated, for another installation, or not newer than the last it applied.
See docs/sync-format.md §11.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyrage
import sqlite_utils
from pyrage import x25519

from xhht_desktop import __version__
from xhht_desktop.db import meta
from xhht_desktop.db.schema_returns import META_RECEIPT_IDENTITY
from xhht_desktop.domain.text import CONTROL_LINE_RE, ascii_slug
from xhht_desktop.installation import get_installation
from xhht_desktop.sync import corrections, keys, updates
from xhht_desktop.sync.age_header import AgeBudget, AgeHeaderProblem, read_age_header
from xhht_desktop.sync.package import header_problem_vi
from xhht_desktop.sync.signed_doc import DocRejected, build, parse_json, read_members, require, verify

KIND = "xhht-receipt"
NAME = "receipt"
SUFFIX = ".xhhtr"
MAX_FILE = 2 * 1024 * 1024
MAX_JSON = 2 * 1024 * 1024 - 8192
WHAT = "biên nhận"
# A receipt is encrypted to one installation: one X25519 stanza (plus rage's grease).
RECEIPT_BUDGET = AgeBudget(max_header=1024, max_stanzas=1, allowed=frozenset({"X25519"}))
PROVINCE_PERIODS = 4  # the province's figures for the installation's last reported periods


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


# ---- the installation's receipt key ---------------------------------------------------------------

def receipt_identity(db: sqlite_utils.Database) -> x25519.Identity:
    """This installation's receipt key, made the first time it is needed (insert-if-absent: two
    connections racing here end up with the same key)."""
    text = meta.get(db, META_RECEIPT_IDENTITY)
    if not text:
        from xhht_desktop.sync import repo  # noqa: PLC0415

        repo.meta_insert_if_absent(db, META_RECEIPT_IDENTITY, str(x25519.Identity.generate()))
        text = meta.get(db, META_RECEIPT_IDENTITY)
    return x25519.Identity.from_str(text)


def receipt_recipient(db: sqlite_utils.Database) -> str:
    return str(receipt_identity(db).to_public())


def receipt_identity_file_text(db: sqlite_utils.Database) -> str:
    """This installation's receipt key as a standard age identity file (`age -d -i FILE`)."""
    identity = receipt_identity(db)
    public = str(identity.to_public())
    return (f"# XHHT Desktop – khóa bí mật nhận biên nhận của máy này, mã {keys.recipient_fingerprint(public)}\n"
            f"# public key: {public}\n{identity}\n")


def manifest_additions(db: sqlite_utils.Database) -> dict:
    """What a package adds to its manifest for the way back (older Departments ignore these fields):
    the receipt key, the installation's e-mail address ("" when none), replies to correction requests."""
    from xhht_desktop.sync import contact  # noqa: PLC0415

    out = {"receipt_recipient": receipt_recipient(db), contact.MANIFEST_FIELD: contact.contact_email(db)}
    replies = corrections.manifest_replies(db)
    if replies:
        out["correction_replies"] = replies
    return out


def check_manifest_additions(m: dict) -> str | None:
    """None when the optional fields are absent or well-formed, else the field that is not.
    (`contact_email` is never a reason to refuse a package: a value that is not an address is ignored
    when the package is merged, sync/contact.py.)"""
    rec = m.get("receipt_recipient")
    if rec is not None:
        if type(rec) is not str or len(rec) > 100 or not rec.startswith("age1"):
            return "receipt_recipient"
        try:
            x25519.Recipient.from_str(rec)
        except Exception:  # noqa: BLE001 - pyrage's own error type
            return "receipt_recipient"
    return corrections.check_manifest_replies(m.get("correction_replies"))


def on_package_imported(db: sqlite_utils.Database, opened, now: str) -> None:
    """At the Department, inside the merge of one package: keep the receipt key it names, and let its
    replies and figures close correction requests."""
    m = opened.manifest
    from xhht_desktop.sync import contact  # noqa: PLC0415

    contact.on_package_imported(db, opened.fingerprint, opened.unit_key, opened.package_uuid, m["created_at"], m, now)
    rec = m.get("receipt_recipient")
    if rec:
        db.conn.execute(
            """INSERT INTO receipt_keys (fingerprint, unit_key, recipient, package_uuid, received_at) VALUES (?,?,?,?,?)
               ON CONFLICT(fingerprint, unit_key) DO UPDATE SET recipient=excluded.recipient,
                   package_uuid=excluded.package_uuid, received_at=excluded.received_at""",
            (opened.fingerprint, opened.unit_key, rec, opened.package_uuid, now))
    if not m.get("correction_replies") and not db.conn.execute(
            "SELECT 1 FROM correction_requests WHERE unit_key=? AND status='open' LIMIT 1", (opened.unit_key,)).fetchone():
        return  # the usual case in a large merge: nothing to close
    figures: set[tuple[str, str]] = set()
    rows = opened.tables.get("indicator_values") or []
    if rows:
        from xhht_desktop.sync.tables import INDICATOR_VALUES as spec  # noqa: PLC0415 - fixed columns, no query

        pi, ii = spec.columns.index("period"), spec.columns.index("indicator")
        figures = {(r[pi], r[ii]) for r in rows}
    activities = {r[0] for r in opened.tables.get("clc_activities") or []}  # uuid is the first column
    corrections.on_package_imported(db, opened.unit_key, opened.package_uuid, m.get("correction_replies") or [],
                                    figures, now, m["created_at"], activities)


# ---- writing (the Department) -------------------------------------------------------------------

@dataclass
class Written:
    folder: Path
    receipt: Path
    update: Path | None
    email: Path
    unit_key: str
    unit_name: str
    fingerprint: str
    number: int
    packages: int
    missing: list[int]
    corrections: int
    address: str = ""  # the e-mail address the installation announced ("" when unknown)


@dataclass
class ReceiptsResult:
    written: list[Written] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Vietnamese: installations without a receipt key


def _province_figures(db: sqlite_utils.Database, province_id: int, periods: list[str]) -> dict:
    from xhht_desktop.db.aggregate import compute_values  # noqa: PLC0415
    from xhht_desktop.domain.periods import parse_period  # noqa: PLC0415

    out = {}
    for code in periods:
        rows = compute_values(db, province_id, parse_period(code))
        out[code] = [{"indicator": r.indicator, "breakdown": r.breakdown or "", "value": r.value,
                      "numerator": r.numerator, "denominator": r.denominator, "units_reported": r.units_reported}
                     for r in rows if r.value is not None]
    return out


def _period_order(code: str):
    from xhht_desktop.sync.export import _period_order as order  # noqa: PLC0415
    return order(code)


def build_receipt_doc(db: sqlite_utils.Database, fingerprint: str, unit_key: str, number: int, created: str,
                      province_cache: dict) -> dict:
    from xhht_desktop.sync.merge import missing_sequences  # noqa: PLC0415
    from xhht_desktop.sync import repo  # noqa: PLC0415

    inst = get_installation(db)
    row = db.conn.execute("SELECT installation_id FROM sync_installations WHERE fingerprint=? AND unit_key=?",
                          (fingerprint, unit_key)).fetchone()
    packages = []
    for uuid_, seq, received_at, counts in db.conn.execute(
            "SELECT package_uuid, sequence, received_at, counts FROM sync_imports WHERE fingerprint=? AND unit_key=? "
            "ORDER BY sequence", (fingerprint, unit_key)):
        c = json.loads(counts)
        packages.append({"package_uuid": uuid_, "sequence": seq, "received_at": received_at,
                         "status": "conflict" if c.get("conflicts") else "imported", "counts": c})
    for uuid_, seq, received_at in db.conn.execute(
            "SELECT package_uuid, sequence, received_at FROM sync_held WHERE fingerprint=? AND unit_key=? "
            "ORDER BY sequence", (fingerprint, unit_key)):
        packages.append({"package_uuid": uuid_, "sequence": seq, "received_at": received_at, "status": "held",
                         "counts": {}})
    conflicts = [{"record_uuid": u, "table": t, "choice": c, "resolved_at": at} for u, t, c, at in db.conn.execute(
        "SELECT record_uuid, table_name, choice, resolved_at FROM sync_conflicts WHERE unit_key=? AND status='resolved' "
        "ORDER BY resolved_at", (unit_key,))]
    periods = sorted({p for (p,) in db.conn.execute(
        "SELECT DISTINCT period FROM sync_import_periods WHERE unit_key=?", (unit_key,))}, key=_period_order)
    periods = periods[-PROVINCE_PERIODS:]
    for p in periods:
        if p not in province_cache:
            province_cache[p] = _province_figures(db, inst.unit.id, [p])[p]
    return {
        "format": 1, "kind": KIND, "number": number, "created_at": created, "app_version": __version__,
        "department": {"unit_key": inst.unit.key, "name": inst.unit.name,
                       "fingerprint": keys.installation_fingerprint(db)},
        "installation": {"fingerprint": fingerprint, "installation_id": row[0] if row else "", "unit_key": unit_key},
        "packages": packages,
        "missing": missing_sequences(repo.received_sequences(db, fingerprint, unit_key)),
        "conflicts": conflicts,
        "corrections": corrections.for_receipt(db, unit_key),
        "province": {"unit_key": inst.unit.key, "periods": {p: province_cache[p] for p in periods}},
    }


def email_text(db: sqlite_utils.Database, w: Written, official: str, address: str = "") -> str:
    """The ready e-mail text; "Đến:" is the address the installation announced in its packages, or says
    plainly that it is not known (an installation of an older version, or none set in its Cài đặt)."""
    inst = get_installation(db)
    to = address or (f"(chưa biết địa chỉ thư điện tử – máy của {official} chưa gửi địa chỉ trong gói nào; "
                      "hỏi đơn vị, hoặc nhờ đơn vị ghi địa chỉ ở Cài đặt rồi gửi gói sau)")
    missing = f"Sở chưa nhận được gói số {', '.join(map(str, w.missing))}: đề nghị gửi lại.\n" if w.missing else ""
    upd = f"Kèm theo bản cập nhật danh mục: {w.update.name} (áp dụng: Đồng bộ → «Nhận tệp từ Sở»).\n" if w.update else ""
    corr = (f"Có {w.corrections} đề nghị kiểm tra lại (số liệu hoặc hoạt động TTHTCĐ): xem trong mục «Đề nghị "
            "kiểm tra lại» trên trang Đồng bộ sau khi mở biên nhận.\n"
            if w.corrections else "")
    return (f"Đến: {to}\n"
            f"Tiêu đề: [XHHT] Biên nhận số {w.number} của Sở GD&ĐT gửi {w.unit_name}\n\n"
            f"Kính gửi {w.unit_name},\n\n"
            f"Sở Giáo dục và Đào tạo gửi biên nhận số {w.number}: Sở đã nhận {w.packages} gói số liệu của máy "
            f"{w.fingerprint}.\n{missing}{corr}{upd}"
            f"Tệp đính kèm: {w.receipt.name}" + (f", {w.update.name}" if w.update else "") + "\n\n"
            "Biên nhận được ký bằng khóa của Sở và mã hóa riêng cho máy của đơn vị; mở bằng XHHT Desktop "
            "(Đồng bộ → «Nhận tệp từ Sở», hoặc kéo thả tệp vào cửa sổ).\n\n"
            f"Trân trọng,\n{inst.official_name or 'Sở GD&ĐT'}\n")


def write_receipts(db: sqlite_utils.Database, out_dir: str | Path, *, now: str | None = None) -> ReceiptsResult:
    """"Gửi cho các đơn vị": one folder per confirmed installation holding its receipt, the latest update
    and a ready e-mail text."""
    from xhht_desktop.sync import contact  # noqa: PLC0415

    inst = get_installation(db)
    if inst is None or inst.role != "department":
        raise updates.PublishProblem("Chỉ máy của Sở mới viết biên nhận.")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise updates.PublishProblem(f"Thư mục «{out_dir}» không tồn tại.")
    created = now or _now()
    mtime = int(dt.datetime.fromisoformat(created).timestamp())
    result = ReceiptsResult()
    latest = updates.latest_published(db)
    cache: dict = {}
    signing = keys.signing_key(db)
    with db.atomic():
        rows = db.conn.execute(
            """SELECT i.fingerprint, i.unit_key, i.official, k.recipient, u.code, u.name FROM sync_installations i
               LEFT JOIN receipt_keys k ON k.fingerprint=i.fingerprint AND k.unit_key=i.unit_key
               LEFT JOIN units u ON u.key=i.unit_key
               WHERE i.status='confirmed' ORDER BY u.code, i.fingerprint""").fetchall()
        for fp, unit_key, official, recipient, code, name in rows:
            if not recipient:
                result.skipped.append(f"{name or unit_key} (máy {fp}): chưa gửi khóa nhận biên nhận "
                                      "(máy đó dùng phiên bản cũ; biên nhận sẽ có sau gói đầu tiên của phiên bản mới).")
                continue
            number = (db.conn.execute("SELECT MAX(number) FROM receipts WHERE direction='sent' AND fingerprint=? "
                                      "AND unit_key=?", (fp, unit_key)).fetchone()[0] or 0) + 1
            doc = build_receipt_doc(db, fp, unit_key, number, created, cache)
            tar = build(NAME, doc, signing, f"xhht receipt {number} for {fp} unit {unit_key}", mtime)
            data = pyrage.encrypt(tar, [x25519.Recipient.from_str(recipient)])
            folder = out_dir / f"{ascii_slug(code or '')}_{ascii_slug(name or '')}_{fp}"
            folder.mkdir(exist_ok=True)
            receipt_path = keys.write_file(folder / f"XHHT_BienNhan_{ascii_slug(code or '')}_{number}{SUFFIX}", data)
            update_path = None
            if latest is not None:
                update_path = keys.write_file(folder / updates.published_file_name(latest[0]), latest[1])
            db.conn.execute(
                """INSERT INTO receipts (direction, number, fingerprint, unit_key, signer, created_at, at, file_name,
                       file_sha256) VALUES ('sent',?,?,?,?,?,?,?,?)""",
                (number, fp, unit_key, keys.installation_fingerprint(db), created, created, receipt_path.name,
                 hashlib.sha256(data).hexdigest()))
            w = Written(folder, receipt_path, update_path, folder / "thu-gui-don-vi.txt", unit_key, name or unit_key, fp,
                        number, sum(1 for p in doc["packages"] if p["status"] != "held"), doc["missing"],
                        len(doc["corrections"]))
            w.address = contact.address_of(db, fp, unit_key)
            keys.write_file(w.email, email_text(db, w, official or (name or unit_key), w.address))
            result.written.append(w)
    return result


# ---- reading (the installation) -----------------------------------------------------------------

def is_receipt(data: bytes) -> bool:
    return data.startswith(b"age-encryption.org/v1\n") or (data and b"age-encryption.org/v1\n".startswith(data[:22]))


def _check_shape(doc: dict) -> None:
    r = lambda cond, f: require(cond, WHAT, f)  # noqa: E731

    def text(v, n=200):
        return type(v) is str and len(v) <= n and not CONTROL_LINE_RE.search(v)

    r(type(doc.get("number")) is int and 1 <= doc["number"] <= 10**9, "number")
    r(text(doc.get("created_at"), 40), "created_at")
    d, i = doc.get("department"), doc.get("installation")
    r(isinstance(d, dict) and all(text(d.get(k)) for k in ("unit_key", "name", "fingerprint")), "department")
    r(isinstance(i, dict) and all(text(i.get(k), 64) for k in ("fingerprint", "installation_id", "unit_key")),
      "installation")
    pk = doc.get("packages")
    r(isinstance(pk, list) and len(pk) <= 100_000 and all(
        isinstance(p, dict) and text(p.get("package_uuid"), 36) and type(p.get("sequence")) is int
        and text(p.get("received_at"), 40) and p.get("status") in ("imported", "conflict", "held")
        and isinstance(p.get("counts"), dict) for p in pk), "packages")
    r(isinstance(doc.get("missing"), list) and len(doc["missing"]) <= 100_000
      and all(type(n) is int for n in doc["missing"]), "missing")
    r(isinstance(doc.get("conflicts"), list) and len(doc["conflicts"]) <= 100_000, "conflicts")
    r(corrections.check_receipt_items(doc.get("corrections")), "corrections")
    prov = doc.get("province")
    r(isinstance(prov, dict) and isinstance(prov.get("periods"), dict) and len(prov["periods"]) <= 20, "province")
    for period, rows in prov["periods"].items():
        r(text(period, 10) and isinstance(rows, list) and len(rows) <= 5000, "province")
        for x in rows:
            r(isinstance(x, dict) and text(x.get("indicator"), 40) and text(x.get("breakdown"), 10)
              and all(x.get(k) is None or type(x.get(k)) in (int, float) for k in
                      ("value", "numerator", "denominator", "units_reported")), "province")


@dataclass
class ReceiptCheck:
    number: int
    doc: dict
    acknowledged: list[int] = field(default_factory=list)  # sequences of our packages it names
    corrections: dict = field(default_factory=dict)


def open_receipt(db: sqlite_utils.Database, data: bytes) -> ReceiptCheck:
    if len(data) > MAX_FILE:
        raise DocRejected("too_large", f"Tệp quá lớn ({len(data) // 1024} KB) để là {WHAT}.")
    try:
        read_age_header(data, RECEIPT_BUDGET)
    except AgeHeaderProblem as exc:
        raise DocRejected({"truncated": "truncated"}.get(exc.code, "damaged"), header_problem_vi(exc)) from None
    inst = get_installation(db)
    if inst is None or inst.role == "department":
        raise DocRejected("not_for_us", "Biên nhận dành cho máy của xã/huyện; máy của Sở không nhận biên nhận.")
    try:
        plain = pyrage.decrypt(data, [receipt_identity(db)])
    except pyrage.DecryptError as exc:
        text = str(exc).lower()
        if "no matching keys" in text:
            raise DocRejected("not_for_us", "Biên nhận này không dành cho máy này (mã hóa cho máy khác).") from None
        if "fill whole buffer" in text or "eof" in text or "truncat" in text or "unexpected end" in text:
            raise DocRejected("truncated", "Tệp bị cắt ngắn (chép chưa xong hoặc tải về chưa hết).") from None
        raise DocRejected("damaged", "Tệp bị hỏng hoặc bị cắt ngắn: phần mã hóa không còn nguyên vẹn.") from None
    body, sig = read_members(plain, NAME, MAX_JSON)
    pinned = keys.pinned_department_signing_key(db)
    if pinned is None:
        raise DocRejected("no_pinned_key", "Máy này chưa có khóa ký của Sở nên chưa kiểm tra được biên nhận: hãy "
                                           "nhận lại tệp khóa công khai mới của Sở rồi mở lại.")
    _key, comment = verify(body, sig, [pinned], WHAT)
    doc = parse_json(body, KIND, WHAT)
    _check_shape(doc)
    me = keys.installation_fingerprint(db)
    if doc["installation"]["fingerprint"] != me or doc["installation"]["installation_id"] != inst.installation_id:
        raise DocRejected("not_for_us", f"Biên nhận này viết cho máy {doc['installation']['fingerprint']}, "
                                        f"không phải máy này ({me}).")
    if comment != f"xhht receipt {doc['number']} for {me} unit {doc['installation']['unit_key']}":
        raise DocRejected("tampered", "Phần ký của biên nhận không khớp với nội dung.")
    last = db.conn.execute("SELECT MAX(number) FROM receipts WHERE direction='applied' AND unit_key=?",
                           (doc["installation"]["unit_key"],)).fetchone()[0] or 0
    if db.conn.execute("SELECT 1 FROM receipts WHERE direction='applied' AND number=? AND file_sha256=?",
                       (doc["number"], hashlib.sha256(data).hexdigest())).fetchone():
        # this very file was opened here before (a "Gửi cho các đơn vị" folder applied again): nothing to do
        again = DocRejected("already_applied", f"Biên nhận số {doc['number']} đã được mở trước đó.")
        again.number = doc["number"]
        raise again
    if doc["number"] <= last:
        raise DocRejected("older", f"Biên nhận số {doc['number']} không mới hơn biên nhận đã mở (số {last}).")
    ours = {u for (u,) in db.conn.execute("SELECT package_uuid FROM sync_exports")}
    check = ReceiptCheck(doc["number"], doc)
    check.acknowledged = sorted(p["sequence"] for p in doc["packages"] if p["package_uuid"] in ours)
    return check


def apply_receipt(db: sqlite_utils.Database, data: bytes, *, dry_run: bool = False) -> ReceiptCheck:
    check = open_receipt(db, data)
    if dry_run:
        return check
    doc = check.doc
    now = _now()
    ours = {u for (u,) in db.conn.execute("SELECT package_uuid FROM sync_exports")}
    with db.atomic():
        for p in doc["packages"]:
            if p["package_uuid"] not in ours:
                continue
            db.conn.execute(
                """INSERT INTO package_acks (package_uuid, sequence, status, received_at, receipt_number, acknowledged_at)
                   VALUES (?,?,?,?,?,?) ON CONFLICT(package_uuid) DO UPDATE SET status=excluded.status,
                       received_at=excluded.received_at, receipt_number=excluded.receipt_number""",
                (p["package_uuid"], p["sequence"], p["status"], p["received_at"], doc["number"], now))
        check.corrections = corrections.apply_from_receipt(db, doc["installation"]["unit_key"], doc["corrections"], now)
        for period, rows in doc["province"]["periods"].items():
            db.conn.execute("DELETE FROM province_figures WHERE period=?", (period,))
            db.conn.executemany(
                """INSERT OR REPLACE INTO province_figures (period, indicator, breakdown, value, numerator, denominator,
                       units_reported, receipt_number) VALUES (?,?,?,?,?,?,?,?)""",
                [(period, x["indicator"], x["breakdown"], x["value"], x["numerator"], x["denominator"],
                  x["units_reported"], doc["number"]) for x in rows])
        db.conn.execute(
            """INSERT INTO receipts (direction, number, fingerprint, unit_key, signer, created_at, at, file_name,
                   file_sha256) VALUES ('applied',?,?,?,?,?,?,'',?)""",
            (doc["number"], doc["installation"]["fingerprint"], doc["installation"]["unit_key"],
             doc["department"]["fingerprint"], doc["created_at"], now, hashlib.sha256(data).hexdigest()))
    return check


def acks(db: sqlite_utils.Database) -> dict[str, dict]:
    """package uuid -> {status, received_at, acknowledged_at}: what `exports --json` adds."""
    return {u: {"status": s, "received_at": r, "acknowledged_at": a} for u, s, r, a in db.conn.execute(
        "SELECT package_uuid, status, received_at, acknowledged_at FROM package_acks")}


def province_figures(db: sqlite_utils.Database, period: str) -> dict[tuple[str, str], float | None]:
    """(indicator, breakdown) -> the province's figure for the period, from the latest receipt."""
    return {(i, b): v for i, b, v in db.conn.execute(
        "SELECT indicator, breakdown, value FROM province_figures WHERE period=?", (period,))}


def exports_with_acks(db: sqlite_utils.Database) -> list[dict]:
    """The exported packages (newest first), each with `acknowledged` (a receipt named it, not as merely
    held) and `acknowledged_at` (when the Department received it): `exports --json` and the Đồng bộ page."""
    from xhht_desktop.sync import repo  # noqa: PLC0415

    acked = acks(db)
    rows = repo.list_exports(db)
    for r in rows:
        a = acked.get(r["package_uuid"])
        r["acknowledged"] = a is not None and a["status"] != "held"
        r["acknowledged_at"] = a["received_at"] if r["acknowledged"] else None
    return rows
