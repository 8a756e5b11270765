"""Ed25519 signatures in minisign's file format, so `minisign -V` can check what this app signs.

Only the pre-hashed variant ("ED": the signature covers BLAKE2b-512 of the message) is written;
verification accepts only that variant too, so a package cannot be downgraded to another scheme.

    public key file:  untrusted comment: …\\n base64("Ed" ‖ key id[8] ‖ public key[32])
    signature file:   untrusted comment: …\\n base64("ED" ‖ key id[8] ‖ signature[64])
                      trusted comment: …\\n   base64(global signature[64])
    global signature = Ed25519(signature ‖ trusted comment bytes)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.signing import SigningKey, VerifyKey

MAX_SIGNATURE_FILE = 2048


class SignatureError(ValueError):
    """The signature file is malformed or does not verify."""


@dataclass(frozen=True)
class Signature:
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes


def key_id(public_key: bytes) -> bytes:
    """minisign's 8-byte key number; derived from the key so it needs no storage of its own."""
    return hashlib.sha256(b"xhht-minisign-key-id|" + public_key).digest()[:8]


def key_id_hex(public_key: bytes) -> str:
    # minisign prints the key number as a little-endian 64-bit integer in hex.
    return key_id(public_key)[::-1].hex().upper()


def public_key_text(public_key: bytes, comment: str = "") -> str:
    """A minisign public key file (two lines)."""
    comment = comment or f"minisign public key {key_id_hex(public_key)}"
    return (f"untrusted comment: {_one_line(comment)}\n"
            f"{base64.b64encode(b'Ed' + key_id(public_key) + public_key).decode('ascii')}\n")


def parse_public_key_text(text: str) -> bytes:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) != 2 or not lines[0].startswith("untrusted comment:"):
        raise SignatureError("not a minisign public key file")
    try:
        raw = base64.b64decode(lines[1], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("public key is not base64") from exc
    if len(raw) != 42 or raw[:2] != b"Ed":
        raise SignatureError("not an Ed25519 minisign public key")
    return raw[10:]


def sign(signing_key: SigningKey, message: bytes, trusted_comment: str,
         untrusted_comment: str = "signature from XHHT Desktop") -> str:
    """The text of a `.minisig` file for `message`."""
    public = bytes(signing_key.verify_key)
    prehash = blake2b(message, digest_size=64, encoder=RawEncoder)
    sig = signing_key.sign(prehash, encoder=RawEncoder).signature
    trusted = _one_line(trusted_comment)
    global_sig = signing_key.sign(sig + trusted.encode("utf-8"), encoder=RawEncoder).signature
    return (f"untrusted comment: {_one_line(untrusted_comment)}\n"
            f"{base64.b64encode(b'ED' + key_id(public) + sig).decode('ascii')}\n"
            f"trusted comment: {trusted}\n"
            f"{base64.b64encode(global_sig).decode('ascii')}\n")


def parse_signature(data: bytes) -> Signature:
    if len(data) > MAX_SIGNATURE_FILE:
        raise SignatureError("signature file too large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SignatureError("signature file is not text") from exc
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != 4 or not lines[0].startswith("untrusted comment:") \
            or not lines[2].startswith("trusted comment: "):
        raise SignatureError("malformed signature file")
    try:
        raw = base64.b64decode(lines[1], validate=True)
        global_sig = base64.b64decode(lines[3], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("signature is not base64") from exc
    if len(raw) != 74 or raw[:2] != b"ED" or len(global_sig) != 64:
        raise SignatureError("not a pre-hashed Ed25519 minisign signature")
    return Signature(raw[2:10], raw[10:], lines[2][len("trusted comment: "):], global_sig)


def verify(public_key: bytes, message: bytes, signature: Signature) -> None:
    """Raise SignatureError unless `signature` is `public_key`'s over `message` and its comment."""
    if len(public_key) != 32:
        raise SignatureError("public key must be 32 bytes")
    if signature.key_id != key_id(public_key):
        raise SignatureError("signed with another key")
    prehash = blake2b(message, digest_size=64, encoder=RawEncoder)
    try:
        vk = VerifyKey(public_key)
        vk.verify(prehash, signature.signature, encoder=RawEncoder)
        vk.verify(signature.signature + signature.trusted_comment.encode("utf-8"),
                  signature.global_signature, encoder=RawEncoder)
    except (CryptoError, ValueError, TypeError) as exc:
        raise SignatureError("signature does not verify") from exc


def _one_line(text: str) -> str:
    return " ".join(text.split())
