"""The sync package file (`.xhht`): build, sign, encrypt; decrypt, verify, parse. No database here.

Layers, outside in (docs/sync-format.md is the full description):

1. age (X25519) encryption to the Department and any extra recipients;
2. inside, a POSIX ustar archive of exactly three regular files, in this order:
   `manifest.json`, `manifest.json.minisig`, `payload.json.gz`;
3. the manifest is signed by the installation (Ed25519, minisign pre-hashed format) and names the
   SHA-256, size and uncompressed size of the payload, so the signature covers everything;
4. the payload is gzip-compressed JSON: per table, a column list and rows.

Reading hostile input: every size is bounded before it is read, the payload is decompressed as a
stream with a hard cap (the signed uncompressed size), and nothing from a package ever becomes a
file path. Every failure raises PackageRejected with a reason in Vietnamese.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gzip
import hashlib
import json
import re
import tarfile
import zlib
from dataclasses import dataclass
from operator import itemgetter

import pyrage
from nacl.signing import SigningKey
from pyrage import x25519

from xhht_desktop.domain.text import CONTROL_LINE_RE
from xhht_desktop.messages import Text
from xhht_desktop.sync import minisign
from xhht_desktop.sync.age_header import PACKAGE_BUDGET, AgeBudget, AgeHeader, AgeHeaderProblem, read_age_header
from xhht_desktop.sync.keys import recipient_fingerprint, signing_fingerprint
from xhht_desktop.sync.tables import SchemaProblem, TableSpec, check_table

FORMAT_VERSION = 1
KIND = "xhht-sync-package"
SUFFIX = ".xhht"
AGE_MAGIC = b"age-encryption.org/v1\n"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
PAYLOAD_NAME = "payload.json.gz"
MEMBERS = (MANIFEST_NAME, SIGNATURE_NAME, PAYLOAD_NAME)

# A commune's full export with ten years of figures and centre activities is well under 1 MB of
# JSON; the limits leave twenty-fold room and keep a hostile package's parse within memory.
MAX_FILE_SIZE = 12 * 1024 * 1024
MAX_MANIFEST_SIZE = 64 * 1024
MAX_PAYLOAD_SIZE = 10 * 1024 * 1024
MAX_UNCOMPRESSED_SIZE = 24 * 1024 * 1024
MAX_RECORDS = 500_000
_BLOCK = 512


class PackageRejected(Exception):
    """A package that cannot be accepted. `code` is stable (for tests and JSON); `reason` is a coded
    Text of xhht_desktop/messages.py (its str() the Vietnamese sentence) or, from older callers, a str."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass
class OpenedPackage:
    """A package that decrypted, verified and passed the schema checks."""

    manifest: dict
    tables: dict[str, list[tuple]]  # table -> rows in TableSpec.columns order
    public_key: bytes
    fingerprint: str
    file_sha256: str

    @property
    def package_uuid(self) -> str:
        return self.manifest["package_uuid"]

    @property
    def unit_key(self) -> str:
        return self.manifest["unit"]["key"]

    @property
    def sequence(self) -> int:
        return self.manifest["sequence"]


# ---- writing ------------------------------------------------------------------------------------

def _tar_member(name: str, data: bytes, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = mtime
    info.mode = 0o644
    info.uname = info.gname = ""
    header = info.tobuf(format=tarfile.USTAR_FORMAT, encoding="utf-8", errors="strict")
    return header + data + b"\0" * (-len(data) % _BLOCK)


def write_tar(members: list[tuple[str, bytes]], mtime: int) -> bytes:
    """A minimal ustar archive: the members then two zero blocks (no padding to 10 KiB records)."""
    return b"".join(_tar_member(name, data, mtime) for name, data in members) + b"\0" * (2 * _BLOCK)


def encode_payload(tables: dict[str, tuple[tuple[str, ...], list[tuple]]]) -> bytes:
    """The uncompressed payload: {"tables": {name: {"columns": [...], "rows": [[...], ...]}}}."""
    doc = {"tables": {name: {"columns": list(cols), "rows": [list(r) for r in rows]}
                      for name, (cols, rows) in tables.items()}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def build_package(manifest: dict, payload_json: bytes, signing_key: SigningKey,
                  recipients: list[str], mtime: int) -> bytes:
    """Compress, describe in the manifest, sign, archive and encrypt. Returns the file's bytes.

    `manifest` is completed here with the payload description and the signer's key.
    """
    if not recipients:
        raise ValueError("a package needs at least one recipient")
    compressed = gzip.compress(payload_json, compresslevel=6, mtime=0)
    public = bytes(signing_key.verify_key)
    manifest = dict(manifest)
    manifest["signer"] = {
        "algorithm": "ed25519-minisign",
        "public_key": _b64(public),
        "fingerprint": signing_fingerprint(public),
    }
    manifest["recipients"] = [recipient_fingerprint(r) for r in recipients]
    manifest["payload"] = {
        "name": PAYLOAD_NAME,
        "encoding": "gzip+json",
        "sha256": hashlib.sha256(compressed).hexdigest(),
        "size": len(compressed),
        "uncompressed_size": len(payload_json),
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    if len(manifest_bytes) > MAX_MANIFEST_SIZE:
        raise ValueError("manifest too large")
    trusted = (f"xhht package {manifest['package_uuid']} unit {manifest['unit']['key']} "
               f"sequence {manifest['sequence']}")
    signature = minisign.sign(signing_key, manifest_bytes, trusted,
                              f"XHHT Desktop, installation {signing_fingerprint(public)}").encode("ascii")
    plain = write_tar([(MANIFEST_NAME, manifest_bytes), (SIGNATURE_NAME, signature),
                       (PAYLOAD_NAME, compressed)], mtime)
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in recipients])


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ---- reading ------------------------------------------------------------------------------------

def _damaged(detail: str, **params) -> PackageRejected:
    return PackageRejected("damaged", Text("pkg.damaged", detail=Text(f"pkg.detail.{detail}", **params)))


def check_age_header(data: bytes, budget: AgeBudget = PACKAGE_BUDGET) -> AgeHeader:
    """The age header's budget (size, stanza count, X25519 stanzas only), checked before decrypting:
    a header of thousands of stanzas costs the decryption library minutes, refusing it microseconds.
    Receipts and reference updates that arrive encrypted go through here too."""
    try:
        return read_age_header(data, budget)
    except AgeHeaderProblem as exc:
        raise PackageRejected(_HEADER_CODES.get(exc.code, "damaged"), header_problem_vi(exc)) from None


# Codes of PackageRejected: damage keeps its usual codes; a budget exceeded has its own.
_HEADER_CODES = {"truncated": "truncated", "not_age": "damaged", "bad_stanza": "damaged",
                 "header_too_large": "header_too_large", "too_many_stanzas": "too_many_stanzas",
                 "stanza_type": "damaged"}  # a flipped bit in "X25519" is damage as much as a hostile type


def header_problem_vi(exc: AgeHeaderProblem) -> str:
    """The reason an age header was refused before decrypting: a coded Text (Vietnamese as a str)."""
    p = exc.params
    if exc.code in ("truncated", "not_age"):
        return Text(f"age.{exc.code}")
    if exc.code == "header_too_large":
        return Text("age.header_too_large", kb=p["limit"] // 1024)
    if exc.code == "too_many_stanzas":
        return Text("age.too_many_stanzas", count=p["count"], limit=p["limit"])
    if exc.code == "stanza_type":
        return Text("age.stanza_type", type=p["type"])
    return Text("age.bad_stanza")


def decrypt(data: bytes, identities: list[x25519.Identity]) -> bytes:
    if len(data) > MAX_FILE_SIZE:
        raise PackageRejected("too_large", Text("pkg.too_large_mb", mb=len(data) // (1024 * 1024)))
    check_age_header(data)
    if not identities:
        raise PackageRejected("no_key", Text("pkg.no_key"))
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError as exc:
        text = str(exc).lower()
        if "no matching keys" in text:
            raise PackageRejected("not_for_us", Text("pkg.not_for_us")) from exc
        if "fill whole buffer" in text or "eof" in text or "truncat" in text or "unexpected end" in text:
            raise PackageRejected("truncated", Text("age.truncated")) from exc
        raise PackageRejected("damaged", Text("pkg.encryption_damaged")) from exc


def _octal(field: bytes) -> int:
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not text or not re.fullmatch(rb"[0-7]+", text):
        raise ValueError("bad octal")
    return int(text, 8)


def read_tar(plain: bytes) -> dict[str, bytes]:
    """Read exactly MEMBERS, in order, as regular files; anything else is damage."""
    out: dict[str, bytes] = {}
    pos = 0
    limits = {MANIFEST_NAME: MAX_MANIFEST_SIZE, SIGNATURE_NAME: minisign.MAX_SIGNATURE_FILE,
              PAYLOAD_NAME: MAX_PAYLOAD_SIZE}
    for expected in MEMBERS:
        header = plain[pos:pos + _BLOCK]
        if len(header) < _BLOCK:
            raise _damaged("missing_member", member=expected)
        try:
            checksum = _octal(header[148:156])
            size = _octal(header[124:136])
        except ValueError:
            raise _damaged("bad_member_header") from None
        if checksum != sum(header[:148]) + 32 * 8 + sum(header[156:]):
            raise _damaged("bad_checksum")
        name = header[:100].split(b"\0", 1)[0]
        prefix = header[345:500].split(b"\0", 1)[0] if header[257:262] == b"ustar" else b""
        if name != expected.encode() or prefix or header[156:157] not in (b"0", b"\0"):
            raise _damaged("wrong_member", n=len(out) + 1, member=expected)
        if size > limits[expected]:
            raise _damaged("member_too_large", member=expected)
        start = pos + _BLOCK
        data = plain[start:start + size]
        if len(data) != size:
            raise _damaged("member_cut", member=expected)
        out[expected] = data
        pos = start + size + (-size % _BLOCK)
    if plain[pos:].strip(b"\0") or len(plain) - pos < 2 * _BLOCK:
        raise _damaged("junk_after")
    return out


def decompress_capped(data: bytes, size: int) -> bytes:
    """gunzip `data`, refusing to produce more than `size` bytes (the signed uncompressed size)."""
    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(data, size + 1)
    except zlib.error as exc:
        raise _damaged("bad_gzip") from exc
    if len(out) > size or d.unconsumed_tail:
        raise PackageRejected("too_large", Text("pkg.unpacks_too_large"))
    if not d.eof or d.unused_data or len(out) != size:
        raise _damaged("gzip_incomplete")
    return out


def _require(cond: bool, what: str) -> None:
    if not cond:
        raise PackageRejected("bad_manifest", Text("pkg.bad_manifest", what=what))


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def _is_str(v, max_len: int = 200) -> bool:
    return type(v) is str and len(v) <= max_len


def _is_int(v, lo: int = 0, hi: int = 10**12) -> bool:
    return type(v) is int and lo <= v <= hi


def _is_time(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_manifest(m) -> None:
    """Shape of a (format 1) manifest; the format number is checked before this."""
    _require(isinstance(m, dict), Text("pkg.what.not_object"))
    _require(m.get("kind") == KIND, Text("pkg.what.not_package"))
    _require(_is_str(m.get("package_uuid")) and _UUID.match(m["package_uuid"]) is not None, "package_uuid")
    _require(_is_str(m.get("installation_id"), 64) and m["installation_id"] != "", "installation_id")
    _require(_is_int(m.get("sequence"), 1), "sequence")
    prev = m.get("previous_package_uuid")
    _require(prev is None or (_is_str(prev) and _UUID.match(prev) is not None), "previous_package_uuid")
    _require(type(m.get("full")) is bool, "full")
    _require(_is_str(m.get("created_at"), 40) and _is_time(m["created_at"]), "created_at")
    _require(_is_str(m.get("role"), 20), "role")
    unit = m.get("unit")
    _require(isinstance(unit, dict) and all(_is_str(unit.get(k)) for k in ("key", "code", "name", "level")),
             "unit")
    official = m.get("official")
    _require(isinstance(official, dict) and all(_is_str(official.get(k, "")) for k in ("name", "title")),
             "official")
    # Names shown in the installations list, receipts and the held queue: one line, no control characters.
    shown = [m["installation_id"], m["role"], *(unit[k] for k in ("key", "code", "name", "level")),
             *(official.get(k, "") for k in ("name", "title"))]
    _require(not any(map(CONTROL_LINE_RE.search, shown)), Text("pkg.what.control"))
    _require(_is_str(m.get("catalogue_version"), 64), "catalogue_version")
    _require(isinstance(m.get("periods"), list) and all(_is_str(p, 10) for p in m["periods"])
             and len(m["periods"]) <= 500, "periods")
    for key in ("counts", "deletions"):
        _require(isinstance(m.get(key), dict) and all(_is_str(k, 64) and _is_int(v) for k, v in m[key].items()),
                 key)
    signer = m.get("signer")
    _require(isinstance(signer, dict) and signer.get("algorithm") == "ed25519-minisign"
             and _is_str(signer.get("public_key"), 64) and _is_str(signer.get("fingerprint"), 32), "signer")
    _require(isinstance(m.get("recipients"), list) and 0 < len(m["recipients"]) <= 50
             and all(_is_str(r, 32) for r in m["recipients"]), "recipients")
    p = m.get("payload")
    _require(isinstance(p, dict) and p.get("name") == PAYLOAD_NAME and p.get("encoding") == "gzip+json"
             and _is_str(p.get("sha256"), 64) and _is_int(p.get("size"), 0, MAX_PAYLOAD_SIZE)
             and _is_int(p.get("uncompressed_size"), 0, 10**12), "payload")
    # Optional since issue 11 (older readers ignore them): the installation's receipt key and its replies
    # to correction requests (sync/receipts.py, sync/corrections.py).
    from xhht_desktop.sync.receipts import check_manifest_additions  # noqa: PLC0415

    bad = check_manifest_additions(m)
    _require(bad is None, bad or "")


def _public_key(m: dict) -> bytes:
    try:
        key = base64.b64decode(m["signer"]["public_key"], validate=True)
    except (binascii.Error, ValueError):
        key = b""
    _require(len(key) == 32, Text("pkg.what.public_key"))
    return key


def open_package(data: bytes, identities: list[x25519.Identity], own_fingerprints: set[str],
                 specs: dict[str, TableSpec]) -> OpenedPackage:
    """Decrypt, verify and check a package completely, or raise PackageRejected.

    `own_fingerprints` are this Department's key fingerprints: the signed manifest must name one
    of them, so a package signed for another Department and re-encrypted to this one is refused.
    """
    file_sha256 = hashlib.sha256(data).hexdigest()
    plain = decrypt(data, identities)
    members = read_tar(plain)
    try:
        manifest = json.loads(members[MANIFEST_NAME].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged("manifest_unreadable") from None
    if _lone_surrogate(members[MANIFEST_NAME], manifest):
        raise _damaged("manifest_unreadable")
    fmt = manifest.get("format") if isinstance(manifest, dict) else None
    if type(fmt) is not int:
        raise PackageRejected("bad_manifest", Text("pkg.bad_manifest", what=Text("pkg.what.no_format")))
    if fmt > FORMAT_VERSION:
        raise PackageRejected("newer_format", Text("pkg.newer_format", format=fmt, known=FORMAT_VERSION))
    if fmt < 1:
        raise PackageRejected("bad_manifest", Text("pkg.bad_manifest", what=Text("pkg.what.format")))
    check_manifest(manifest)
    public_key = _public_key(manifest)
    try:
        signature = minisign.parse_signature(members[SIGNATURE_NAME])
        minisign.verify(public_key, members[MANIFEST_NAME], signature)
    except minisign.SignatureError:
        raise PackageRejected("bad_signature", Text("pkg.bad_signature")) from None
    fingerprint = signing_fingerprint(public_key)
    if manifest["signer"]["fingerprint"] != fingerprint:
        raise PackageRejected("bad_manifest", Text("pkg.wrong_fingerprint"))
    if not own_fingerprints & set(manifest["recipients"]):
        raise PackageRejected("not_for_us", Text("pkg.other_department"))
    payload_info = manifest["payload"]
    compressed = members[PAYLOAD_NAME]
    if len(compressed) != payload_info["size"] or hashlib.sha256(compressed).hexdigest() != payload_info["sha256"]:
        raise PackageRejected("bad_signature", Text("pkg.payload_mismatch"))
    if payload_info["uncompressed_size"] > MAX_UNCOMPRESSED_SIZE:
        raise PackageRejected("too_large", Text("pkg.payload_too_large"))
    raw = decompress_capped(compressed, payload_info["uncompressed_size"])
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageRejected("bad_payload", Text("pkg.payload_json")) from None
    if _lone_surrogate(raw, doc):
        raise PackageRejected("bad_payload", Text("pkg.payload_json"))
    tables = _check_payload(doc, manifest, specs)
    return OpenedPackage(manifest, tables, public_key, fingerprint, file_sha256)


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _lone_surrogate(raw: bytes, doc) -> bool:
    """Whether JSON `doc` (parsed from `raw`) holds a lone surrogate: a "\\ud800" escape is valid JSON
    but not text (UTF-8 cannot hold it), so nothing could store, hash or show it - the figures' UUID
    derivation and the database refuse it with an error that would stop the whole merge. Only an
    escape of U+D800-U+DFFF can make one (the UTF-8 decoder refuses encoded surrogates); our own
    packages write none, so the text is searched (for a backslash first: one byte, found at memchr's
    speed; most packages have none), and parsed values re-encoded only on a hit."""
    if b"\\" not in raw or not _SURROGATE_ESCAPE.search(raw):
        return False
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_payload(doc, manifest: dict, specs: dict[str, TableSpec]) -> dict[str, list[tuple]]:
    if not isinstance(doc, dict) or set(doc) != {"tables"} or not isinstance(doc["tables"], dict):
        raise PackageRejected("bad_payload", Text("pkg.payload_shape"))
    unknown = sorted(set(doc["tables"]) - set(specs))
    if unknown:
        raise PackageRejected("newer_format", Text("pkg.unknown_tables", tables=", ".join(unknown)))
    unit_key = manifest["unit"]["key"]
    out: dict[str, list[tuple]] = {}
    total = 0
    for name, spec in specs.items():
        if name not in doc["tables"]:
            continue
        table = doc["tables"][name]
        if not isinstance(table, dict) or set(table) != {"columns", "rows"}:
            raise PackageRejected("bad_payload", Text("pkg.table_shape", table=name))
        total += len(table["rows"]) if isinstance(table["rows"], list) else 0
        if total > MAX_RECORDS:
            raise PackageRejected("too_large", Text("pkg.too_many_records"))
        try:
            rows = check_table(spec, table["columns"], table["rows"], unit_key)
        except SchemaProblem as exc:
            raise PackageRejected("bad_payload", Text("pkg.bad_rows", problem=str(exc))) from None
        deleted_index = spec.columns.index("deleted")
        if manifest["counts"].get(name, 0) != len(rows) or \
                manifest["deletions"].get(name, 0) != sum(r[deleted_index] for r in rows):
            raise PackageRejected("bad_payload", Text("pkg.count_mismatch", table=name))
        out[name] = rows
    if any(v for k, v in manifest["counts"].items() if k not in out):
        raise PackageRejected("bad_payload", Text("pkg.phantom_table"))
    # The periods the manifest announces (completeness reads them) are exactly those of the records.
    carried: set = set()
    for name, rows in out.items():
        if specs[name].has_period:
            carried.update(map(itemgetter(specs[name].columns.index("period")), rows))
    if set(manifest["periods"]) != carried or len(manifest["periods"]) != len(carried):
        raise PackageRejected("bad_payload", Text("pkg.periods_mismatch"))
    return out


def peek_manifest(data: bytes, identities: list[x25519.Identity]) -> dict:
    """The manifest of a package without checking it (for display of held packages only)."""
    members = read_tar(decrypt(data, identities))
    return json.loads(members[MANIFEST_NAME].decode("utf-8"))

