"""Keys of sync, kept simple for officials.

* Every installation has an Ed25519 signing key (made at `init`): it signs the packages.
* The Department has an X25519 key pair in the age format: packages are encrypted to it.
* Communes and districts "trust" the Department's public key (a small text file).
* Every key has a short fingerprint a person can read over the phone: ABCD-EFGH-JKLM-NPQR.

Where the private keys live: in the database's `meta` table. The database is already the one
thing an official must keep and back up, so the key travels with its data (a restored backup
can still sign and, at the Department, still decrypt); the price is that whoever copies the
database file holds the keys too, so the file must be protected like the data it holds. The
Department's key can also be backed up under a passphrase and exported as a standard age
identity file, so it is never locked inside this app.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from pathlib import Path

import pyrage
import sqlite_utils
from nacl.signing import SigningKey
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from xhht_desktop.messages import Text
from xhht_desktop.db import meta
from xhht_desktop.sync import minisign, repo
from xhht_desktop.sync.age_header import KEY_BACKUP_BUDGET, AgeHeaderProblem, read_age_header

META_SIGNING_SEED = "sync_signing_seed"
META_DEPARTMENT_IDENTITY = "sync_department_identity"
META_DEPARTMENT_OLD_IDENTITIES = "sync_department_old_identities"
META_DEPARTMENT_RECIPIENT = "sync_department_recipient"
META_EXTRA_RECIPIENTS = "sync_extra_recipients"
META_DEPARTMENT_EMAIL = "department_email"
# At an installation: the Department's Ed25519 signing key (base64 of 32 bytes), pinned when it trusts
# the Department from a public-key file that carries it (reference updates and receipts are checked
# against it; an update signed by it may announce the next one).
META_DEPARTMENT_SIGNING_KEY = "sync_department_signing_key"
# The line of the Department's public-key file that carries its signing key: a comment for age (and for
# versions that do not know it), the second line of a minisign public key file after the colon.
SIGNING_KEY_LINE = "# xhht-department-signing-key: "

MIN_PASSPHRASE = 8
MAX_KEY_FILE = 64 * 1024


class KeyProblem(ValueError):
    """A key file or passphrase that cannot be used: raised with a coded Text (xhht_desktop/messages.py),
    so str() is the Vietnamese sentence and messages.words() gives it in English."""


# ---- fingerprints --------------------------------------------------------------------------------

def _fingerprint(label: bytes, raw: bytes) -> str:
    digest = hashlib.sha256(b"xhht-fingerprint-v1|" + label + b"|" + raw).digest()
    text = base64.b32encode(digest).decode("ascii")[:16]  # 80 bits: A–Z and 2–7, no 0/1/8/9
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def signing_fingerprint(public_key: bytes) -> str:
    """Fingerprint of an installation's Ed25519 public key."""
    return _fingerprint(b"ed25519", public_key)


def recipient_fingerprint(recipient: str) -> str:
    """Fingerprint of an age X25519 recipient ("age1…")."""
    return _fingerprint(b"age-x25519", recipient.strip().lower().encode("ascii"))


def phone_fingerprint(recipient: str, signing_public: bytes | None) -> str:
    """The one fingerprint of the Department read over the phone: it covers both its age key (packages
    are encrypted to it) and its Ed25519 signing key (updates and receipts are signed with it). Without a
    signing key (a public-key file from before issue 11) it is the age key's fingerprint alone."""
    if signing_public is None:
        return recipient_fingerprint(recipient)
    return _fingerprint(b"department", recipient.strip().lower().encode("ascii") + b"|" + signing_public)


def normalise_fingerprint(text: str) -> str:
    """"abcd efgh-jklm npqr" -> "ABCD-EFGH-JKLM-NPQR"; raises KeyProblem if it cannot be one.

    Digits the alphabet lacks are read as the letters they look like (0→O, 1→I, 8→B): what an
    official hears or types over the phone."""
    compact = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(str.maketrans("018", "OIB"))
    if len(compact) != 16 or any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for ch in compact):
        raise KeyProblem(Text("keys.bad_fingerprint", text=text))
    return "-".join(compact[i:i + 4] for i in range(0, 16, 4))


# ---- the installation's signing key -------------------------------------------------------------

def ensure_keys(db: sqlite_utils.Database, role: str) -> None:
    """Create what this installation's role needs and does not have yet (idempotent).

    Called at `init`: every installation gets a signing key; the Department also gets its
    encryption key pair and trusts itself as the Department.
    """
    ensure_signing_key(db)
    if role != "department":  # receipts from the Department are encrypted to it (issue 11)
        from xhht_desktop.sync.receipts import receipt_identity  # noqa: PLC0415

        receipt_identity(db)
    if role == "department" and not meta.get(db, META_DEPARTMENT_IDENTITY):
        identity = x25519.Identity.generate()
        meta.set_many(db, {
            META_DEPARTMENT_IDENTITY: str(identity),
            META_DEPARTMENT_RECIPIENT: str(identity.to_public()),
        })


def ensure_signing_key(db: sqlite_utils.Database) -> SigningKey:
    seed = meta.get(db, META_SIGNING_SEED)
    if not seed:
        # Insert-if-absent: two connections racing here end up with the same key.
        repo.meta_insert_if_absent(db, META_SIGNING_SEED, base64.b64encode(secrets.token_bytes(32)).decode())
        seed = meta.get(db, META_SIGNING_SEED)
    return SigningKey(base64.b64decode(seed))


def signing_key(db: sqlite_utils.Database) -> SigningKey:
    return ensure_signing_key(db)


def signing_public_key(db: sqlite_utils.Database) -> bytes:
    return bytes(signing_key(db).verify_key)


def installation_fingerprint(db: sqlite_utils.Database) -> str:
    """This installation's fingerprint (printed on progress sheets, shown in Settings)."""
    return signing_fingerprint(signing_public_key(db))


def signing_public_key_text(db: sqlite_utils.Database) -> str:
    """This installation's public key as a minisign public key file (for `minisign -V`)."""
    pk = signing_public_key(db)
    return minisign.public_key_text(pk, f"XHHT installation key {signing_fingerprint(pk)}")


# ---- the Department's encryption key ------------------------------------------------------------

def department_identity(db: sqlite_utils.Database) -> x25519.Identity | None:
    text = meta.get(db, META_DEPARTMENT_IDENTITY)
    return x25519.Identity.from_str(text) if text else None


def department_identities(db: sqlite_utils.Database) -> list[x25519.Identity]:
    """The current Department key and any it replaced (old packages stay readable)."""
    out = []
    current = department_identity(db)
    if current is not None:
        out.append(current)
    for line in (meta.get(db, META_DEPARTMENT_OLD_IDENTITIES) or "").splitlines():
        if line.strip():
            out.append(x25519.Identity.from_str(line.strip()))
    return out


def department_recipient(db: sqlite_utils.Database) -> str | None:
    """The Department public key ("age1…") packages are encrypted to, if known."""
    return meta.get(db, META_DEPARTMENT_RECIPIENT) or None


def department_fingerprint(db: sqlite_utils.Database) -> str | None:
    rec = department_recipient(db)
    return recipient_fingerprint(rec) if rec else None


def department_phone_fingerprint(db: sqlite_utils.Database) -> str | None:
    """The Department's fingerprint to read over the phone (age key and signing key together): at the
    Department its own keys, at an installation the keys it trusts (age key only when the file it
    trusted had no signing key: `department_signing_pinned` is then False)."""
    rec = department_recipient(db)
    return phone_fingerprint(rec, pinned_department_signing_key(db)) if rec else None


def department_signing_pinned(db: sqlite_utils.Database) -> bool:
    return pinned_department_signing_key(db) is not None


def own_department_fingerprints(db: sqlite_utils.Database) -> set[str]:
    """Fingerprints of every Department key this database can decrypt with."""
    return {recipient_fingerprint(str(i.to_public())) for i in department_identities(db)}


def extra_recipients(db: sqlite_utils.Database) -> list[str]:
    return [ln.strip() for ln in (meta.get(db, META_EXTRA_RECIPIENTS) or "").splitlines() if ln.strip()]


def package_recipients(db: sqlite_utils.Database) -> list[str]:
    """Everyone a package is encrypted to: the Department, then any extra recipients."""
    rec = department_recipient(db)
    out = [rec] if rec else []
    return out + [r for r in extra_recipients(db) if r not in out]


def parse_recipient_text(text: str) -> str:
    """The age recipient in a public key file: '#' comments and blank lines are skipped."""
    found = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if len(found) != 1 or not found[0].startswith("age1"):
        raise KeyProblem(Text("keys.not_public_key"))
    try:
        x25519.Recipient.from_str(found[0])
    except pyrage.RecipientError as exc:
        raise KeyProblem(Text("keys.public_key_damaged")) from exc
    return found[0]


def read_key_file(path: str | Path) -> str:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise KeyProblem(Text("keys.key_file_too_large", file=path.name))
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyProblem(Text("keys.key_file_unreadable", file=path.name, error=str(exc))) from exc


def trust_department(db: sqlite_utils.Database, text: str) -> str:
    """Trust the Department public key in `text`; returns its fingerprint to read back by phone (both
    keys when the file carries the signing key, else the age key's alone)."""
    recipient = parse_recipient_text(text)
    if meta.get(db, "role") == "department" and department_identity(db) is not None \
            and recipient != str(department_identity(db).to_public()):
        raise KeyProblem(Text("keys.department_has_own"))
    values = {META_DEPARTMENT_RECIPIENT: recipient}
    signing = parse_signing_key_line(text)
    if signing is not None and meta.get(db, "role") != "department":
        values[META_DEPARTMENT_SIGNING_KEY] = base64.b64encode(signing).decode("ascii")
    meta.set_many(db, values)
    return department_phone_fingerprint(db)


def parse_signing_key_line(text: str) -> bytes | None:
    """The Department's signing key in its public-key file, or None (a file from before issue 11)."""
    found = [ln.strip()[len(SIGNING_KEY_LINE.strip()):].strip() for ln in text.splitlines()
             if ln.strip().startswith(SIGNING_KEY_LINE.strip())]
    if not found:
        return None
    try:
        if len(found) != 1:
            raise minisign.SignatureError("two signing keys")
        return minisign.parse_public_key_text(f"untrusted comment: x\n{found[0]}\n")
    except minisign.SignatureError as exc:
        raise KeyProblem(Text("keys.signing_key_damaged")) from exc


def pinned_department_signing_key(db: sqlite_utils.Database) -> bytes | None:
    """The Department signing key this installation trusts (the Department: its own)."""
    if meta.get(db, "role") == "department":
        return signing_public_key(db)
    text = meta.get(db, META_DEPARTMENT_SIGNING_KEY)
    return base64.b64decode(text) if text else None


def add_extra_recipient(db: sqlite_utils.Database, text: str) -> str:
    """Encrypt later packages to one more age key (e.g. the Department's backup key); returns its fingerprint."""
    recipient = parse_recipient_text(text)
    current = extra_recipients(db)
    if recipient not in current and recipient != department_recipient(db):
        meta.put(db, META_EXTRA_RECIPIENTS, "\n".join([*current, recipient]))
    return recipient_fingerprint(recipient)


def department_public_key_text(db: sqlite_utils.Database) -> str:
    """The Department's public key file: an age recipients file (`age -R` reads it)."""
    rec = department_recipient(db)
    if not rec:
        raise KeyProblem(Text("keys.no_department_key"))
    own = department_identity(db) is not None  # the Department's own file also carries its signing key
    pk = signing_public_key(db) if own else None
    text = (f"# XHHT Desktop – khóa công khai của Sở GD&ĐT (age X25519)\n"
            f"# Mã nhận dạng (đọc qua điện thoại; gồm khóa mã hóa và khóa ký): {phone_fingerprint(rec, pk)}\n"
            if own else f"# XHHT Desktop – khóa công khai của Sở GD&ĐT (age X25519)\n"
                        f"# Mã nhận dạng: {recipient_fingerprint(rec)}\n")
    if own:
        line = minisign.public_key_text(pk).splitlines()[1]
        text += (f"# Khóa ký của Sở (minisign), mã nhận dạng {signing_fingerprint(pk)}:\n"
                 f"{SIGNING_KEY_LINE}{line}\n")
    return text + f"{rec}\n"


def identity_file_text(db: sqlite_utils.Database) -> str:
    """The Department's private key as a standard age identity file (`age -d -i FILE`)."""
    identity = department_identity(db)
    if identity is None:
        raise KeyProblem(Text("keys.no_secret_key"))
    public = str(identity.to_public())
    created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    return (f"# created: {created}\n# public key: {public}\n"
            f"# XHHT Desktop – khóa bí mật của Sở, mã nhận dạng {recipient_fingerprint(public)}\n"
            f"{identity}\n")


def check_passphrase(text: str) -> str:
    if len(text) < MIN_PASSPHRASE:
        raise KeyProblem(Text("keys.passphrase_short", n=MIN_PASSPHRASE))
    return text


def backup_department_key(db: sqlite_utils.Database, passphrase: str) -> bytes:
    """The identity file encrypted with a passphrase (age scrypt): `age -d FILE` opens it too."""
    return age_passphrase.encrypt(identity_file_text(db).encode("utf-8"), check_passphrase(passphrase))


def read_key_backup(path: str | Path) -> bytes:
    """The bytes of a key backup file, its size checked before reading (a key backup is < 1 KB)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_KEY_FILE:
            raise KeyProblem(Text("keys.backup_file_too_large", file=path.name, kb=size // 1024))
        return path.read_bytes()
    except OSError as exc:
        raise KeyProblem(Text("keys.file_unreadable", file=path.name, error=str(exc.strerror or exc))) from exc


def check_key_backup(data: bytes) -> None:
    """The budget of a key backup, checked before the passphrase is tried: a small file holding one
    scrypt stanza whose work factor (log2 N) is at most MAX_SCRYPT_WORK_FACTOR. Deriving the key of
    a crafted file with log2 N = 24 would take a minute and 16 GiB of memory (or abort the program
    when memory runs out); refusing it takes microseconds."""
    if len(data) > MAX_KEY_FILE:
        raise KeyProblem(Text("keys.backup_too_large", kb=len(data) // 1024))
    try:
        read_age_header(data, KEY_BACKUP_BUDGET)
    except AgeHeaderProblem as exc:
        p = exc.params
        if exc.code == "work_factor":
            raise KeyProblem(Text(
                "keys.backup_work_factor", work_factor=p["work_factor"],
                memory=_scrypt_memory_text(p["work_factor"]), limit=p["limit"])) from None
        if exc.code in ("stanza_type", "too_many_stanzas"):
            raise KeyProblem(Text("keys.not_scrypt_backup")) \
                from None
        if exc.code == "truncated":
            raise KeyProblem(Text("keys.backup_truncated")) from None
        raise KeyProblem(Text("keys.not_backup")) from None


def _scrypt_memory_text(work_factor: int) -> str:
    size = 128 * 8 * 2 ** work_factor  # r = 8
    return f"{size // 2 ** 30} GiB" if size >= 2 ** 30 else f"{size // 2 ** 20} MiB"


def restore_department_key(db: sqlite_utils.Database, data: bytes, passphrase: str) -> str:
    """Install the Department key from a backup; a different current key is kept for old packages."""
    check_key_backup(data)
    try:
        text = age_passphrase.decrypt(data, passphrase).decode("utf-8")
    except (pyrage.DecryptError, UnicodeDecodeError) as exc:
        raise KeyProblem(Text("keys.wrong_passphrase")) from exc
    return install_department_identity(db, text)


def install_department_identity(db: sqlite_utils.Database, text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if len(lines) != 1 or not lines[0].startswith("AGE-SECRET-KEY-1"):
        raise KeyProblem(Text("keys.no_secret_in_file"))
    try:
        identity = x25519.Identity.from_str(lines[0])
    except pyrage.IdentityError as exc:
        raise KeyProblem(Text("keys.secret_damaged")) from exc
    current = meta.get(db, META_DEPARTMENT_IDENTITY)
    values = {META_DEPARTMENT_IDENTITY: str(identity), META_DEPARTMENT_RECIPIENT: str(identity.to_public())}
    if current and current != str(identity):
        old = [ln for ln in (meta.get(db, META_DEPARTMENT_OLD_IDENTITIES) or "").splitlines() if ln.strip()]
        values[META_DEPARTMENT_OLD_IDENTITIES] = "\n".join([*old, current])
    meta.set_many(db, values)
    return recipient_fingerprint(str(identity.to_public()))


def write_file(path: str | Path, data: bytes | str, *, private: bool = False) -> Path:
    """Write through storage.write_bytes_atomically; private files are readable by the owner only."""
    from xhht_desktop.storage import write_bytes_atomically  # the one way files are written

    # mkstemp makes the file owner-only; keep that for secrets, open it up for the rest.
    return write_bytes_atomically(path, data, mode=0o600 if private else 0o644)


def key_summary(db: sqlite_utils.Database) -> dict:
    """What Settings and `keys show` display."""
    return {
        "installation_fingerprint": installation_fingerprint(db),
        "department_fingerprint": department_fingerprint(db),  # its age key alone (package manifests)
        "department_phone_fingerprint": department_phone_fingerprint(db),  # age + signing key: read by phone
        "department_signing_pinned": department_signing_pinned(db),
        "holds_department_key": department_identity(db) is not None,
        "extra_recipients": [recipient_fingerprint(r) for r in extra_recipients(db)],
        "department_email": meta.get(db, META_DEPARTMENT_EMAIL) or "",
    }
