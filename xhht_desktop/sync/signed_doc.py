"""Signed documents the Department sends back (reference updates, receipts): a POSIX ustar archive of
exactly two regular files, `<name>.json` and `<name>.json.minisig` (the minisign signature of the JSON,
pre-hashed Ed25519, as for packages). Receipts are then encrypted with age; updates are public.

No database here. Reading is bounded: sizes are checked before anything is parsed. Problems raise
DocRejected with a stable code (`truncated`, `damaged`, `wrong_key`, `tampered`, `newer_format`,
`bad_document`) and a reason: a coded Text of xhht_desktop/messages.py (str() the Vietnamese sentence,
messages.words() the English one).
"""

from __future__ import annotations

import json
import re

from nacl.signing import SigningKey

from xhht_desktop.messages import Text
from xhht_desktop.sync import minisign
from xhht_desktop.sync.package import _BLOCK, _octal, write_tar

FORMAT_VERSION = 1


class DocRejected(Exception):
    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


# The documents' names (the callers' `what`) in English; any other name is shown as it is.
WHAT_EN = {"biên nhận": "the receipt", "bản cập nhật danh mục": "the reference update"}


def _what(what: str, capital: bool = False) -> Text:
    en = WHAT_EN.get(what, what)
    if capital:
        return Text("doc.what", vi=what[:1].upper() + what[1:], en=en[:1].upper() + en[1:])
    return Text("doc.what", vi=what, en=en)


def build(name: str, doc: dict, signing_key: SigningKey, trusted_comment: str, mtime: int,
          untrusted_comment: str = "XHHT Desktop, Sở GD&ĐT") -> bytes:
    body = json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False).encode("utf-8")
    sig = minisign.sign(signing_key, body, trusted_comment, untrusted_comment).encode("utf-8")
    return write_tar([(f"{name}.json", body), (f"{name}.json.minisig", sig)], mtime)


def read_members(data: bytes, name: str, max_json: int) -> tuple[bytes, bytes]:
    """(json bytes, signature bytes) of a two-member archive; anything else is damage."""
    out = []
    pos = 0
    for expected, limit in ((f"{name}.json", max_json), (f"{name}.json.minisig", minisign.MAX_SIGNATURE_FILE)):
        header = data[pos:pos + _BLOCK]
        if len(header) < _BLOCK:
            raise DocRejected("truncated", Text("doc.truncated"))
        try:
            checksum = _octal(header[148:156])
            size = _octal(header[124:136])
        except ValueError:
            raise DocRejected("damaged", Text("doc.bad_header")) from None
        if checksum != sum(header[:148]) + 32 * 8 + sum(header[156:]):
            raise DocRejected("damaged", Text("doc.bad_checksum"))
        member = header[:100].split(b"\0", 1)[0]
        prefix = header[345:500].split(b"\0", 1)[0] if header[257:262] == b"ustar" else b""
        if member != expected.encode() or prefix or header[156:157] not in (b"0", b"\0"):
            raise DocRejected("damaged", Text("doc.missing_member", member=expected))
        if size > limit:
            raise DocRejected("damaged", Text("doc.member_too_large", member=expected))
        body = data[pos + _BLOCK:pos + _BLOCK + size]
        if len(body) != size:
            raise DocRejected("truncated", Text("doc.truncated"))
        padding = data[pos + _BLOCK + size:pos + _BLOCK + size + (-size % _BLOCK)]
        if padding.strip(b"\0"):  # nothing but zeros, so no byte of the file goes unchecked
            raise DocRejected("damaged", Text("doc.junk_between"))
        out.append(body)
        pos += _BLOCK + size + (-size % _BLOCK)
    rest = data[pos:]
    if rest.strip(b"\0"):
        raise DocRejected("damaged", Text("doc.junk_after"))
    if len(rest) < 2 * _BLOCK:
        raise DocRejected("truncated", Text("doc.truncated"))
    return out[0], out[1]


def verify(body: bytes, sig_bytes: bytes, pinned: list[bytes], what: str) -> tuple[bytes, str]:
    """Check the signature against the pinned Department keys; returns (key, trusted comment)."""
    try:
        sig = minisign.parse_signature(sig_bytes)
    except minisign.SignatureError:
        raise DocRejected("tampered", Text("doc.signature_damaged", what=_what(what))) from None
    key = next((k for k in pinned if minisign.key_id(k) == sig.key_id), None)
    if key is None:
        raise DocRejected("wrong_key", Text("doc.wrong_key", What=_what(what, True)))
    try:
        minisign.verify(key, body, sig)
    except minisign.SignatureError:
        raise DocRejected("tampered", Text("doc.tampered", what=_what(what))) from None
    return key, sig.trusted_comment


def parse_json(body: bytes, kind: str, what: str, *, max_format: int = FORMAT_VERSION) -> dict:
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DocRejected("damaged", Text("doc.bad_json", what=_what(what))) from None
    if not isinstance(doc, dict) or type(doc.get("format")) is not int:
        raise DocRejected("bad_document", Text("doc.no_format", What=_what(what, True)))
    if doc["format"] > max_format:
        raise DocRejected("newer_format", Text("doc.newer_format", What=_what(what, True), format=doc["format"]))
    if doc["format"] < 1 or doc.get("kind") != kind:
        raise DocRejected("bad_document", Text("doc.not_kind", what=_what(what)))
    return doc


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def require(cond: bool, what: str, field: str) -> None:
    if not cond:
        raise DocRejected("bad_document", Text("doc.invalid", what=_what(what), field=field))
