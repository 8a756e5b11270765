"""The installation's e-mail address (issue 11): set in Cài đặt or with `xhht email set`, it travels in
every package as the optional `manifest.contact_email` ("" when none is set), and the Department's
"Gửi cho các đơn vị" e-mail text is addressed to it ("Đến: …").

Typed at the installation, a wrong address is refused with a code (contact.bad_email / contact.too_long).
Read from a package at the Department, anything that is not a plausible address (not a string, control
characters, absurd length, no "@", spaces…) is ignored: the address already known is kept and the package
is merged as usual — an address is never worth losing figures over. A package older than the one the
address came from does not overwrite it (packages may be merged out of order). See docs/sync-format.md.
"""

from __future__ import annotations

import re

import sqlite_utils

from xhht_desktop.db import meta
from xhht_desktop.messages import CodedError

META_CONTACT_EMAIL = "contact_email"
MAX_EMAIL = 254  # RFC 5321's limit on a forward path
MANIFEST_FIELD = "contact_email"
# Deliberately plain: a local part of printable ASCII without spaces or the characters that would let the
# value break out of an e-mail header, "@", and a domain of dot-separated labels (IDN domains in punycode).
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_RE = re.compile(rf"{_LOCAL}@{_LABEL}(?:\.{_LABEL})+")


class ContactProblem(CodedError):
    """A refused address (code and parameters; str() is Vietnamese)."""


def is_email(value) -> bool:
    """True for a plausible e-mail address (a str, within the length limit, matching EMAIL_RE whole)."""
    return (type(value) is str and 3 <= len(value) <= MAX_EMAIL and EMAIL_RE.fullmatch(value) is not None
            and ".." not in value.split("@")[0] and not value.startswith(".") and ".@" not in value)


def check_email(text: str) -> str:
    """The address as stored ("" to clear it), or ContactProblem."""
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > MAX_EMAIL:
        raise ContactProblem("contact.too_long", limit=MAX_EMAIL)
    if not is_email(text):
        shown = "".join(ch if ch.isprintable() else "?" for ch in text[:80])
        raise ContactProblem("contact.bad_email", email=shown)
    return text


def contact_email(db: sqlite_utils.Database) -> str:
    return meta.get(db, META_CONTACT_EMAIL) or ""


def set_contact_email(db: sqlite_utils.Database, text: str) -> str:
    email = check_email(text)
    meta.put(db, META_CONTACT_EMAIL, email)
    return email


# ---- at the Department ---------------------------------------------------------------------------

def from_manifest(m: dict) -> str | None:
    """The address a package announces: the address, "" (the installation has none), or None (field
    absent — an older version — or not a plausible address: ignored)."""
    value = m.get(MANIFEST_FIELD)
    if value == "":
        return ""
    return value if is_email(value) else None


def on_package_imported(db: sqlite_utils.Database, fingerprint: str, unit_key: str, package_uuid: str,
                        package_created_at: str, m: dict, now: str) -> None:
    """Inside the merge of one package: remember the address it announces, unless a later package
    already told another."""
    email = from_manifest(m)
    if email is None:
        return
    db.conn.execute(
        """INSERT INTO installation_contacts (fingerprint, unit_key, email, package_uuid, package_created_at,
               received_at) VALUES (?,?,?,?,?,?)
           ON CONFLICT(fingerprint, unit_key) DO UPDATE SET email=excluded.email, package_uuid=excluded.package_uuid,
               package_created_at=excluded.package_created_at, received_at=excluded.received_at
           WHERE excluded.package_created_at >= installation_contacts.package_created_at""",
        (fingerprint, unit_key, email, package_uuid, package_created_at, now))


def address_of(db: sqlite_utils.Database, fingerprint: str, unit_key: str) -> str:
    row = db.conn.execute("SELECT email FROM installation_contacts WHERE fingerprint=? AND unit_key=?",
                          (fingerprint, unit_key)).fetchone()
    return row[0] if row else ""
