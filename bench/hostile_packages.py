"""Hostile sync packages: thousands of damaged, forged and malicious `.xhht` files against the
Department's merge (`xhht_desktop.sync.merge.merge_items`).

Each case starts from a genuine package (signed by a confirmed commune installation, encrypted to
this Department, carrying a new half-year that would be imported) and is then:
- damaged as bytes: flipped bits, truncations, splices, overwritten blocks, appended garbage,
  random files, empty files;
- taken apart and put back wrong: edited manifests (unsigned, or re-signed with another key),
  edited payloads (with and without a matching manifest), broken tar layouts, a newer format,
  another unit, another Department in the signed recipients, rows of another unit, invalid
  figures signed with the commune's genuine key, JSON bombs (deep nesting, NaN, giant numbers);
- replayed (the same package, or another content under an imported package's UUID);
- re-signed with other keys, for a known installation (key changed) or a new one (held);
- encrypted to another key (wrong recipient);
- oversized (file, payload, record count) and decompression bombs;
- an age header over its budget (thousands of recipient stanzas, a stanza of another type);
- control characters in synced text (comments, updated_by, origin), signed with the genuine key;
- signed with a genuine, confirmed key but claiming too much (issue 12): sequence jumps, extreme
  times, revision jumps, another commune's unit, and the revoked key claiming a unit it never had.

Promises checked for every file:
- the merge never raises; the result is `rejected` with a reason (code and Vietnamese text), or
  `duplicate` for a replay, or `held` (quarantined, not applied) for a key never seen before;
- the database's data is identical before and after: no commit at all for a rejection or a
  duplicate (`PRAGMA data_version` from a second connection), and for a held package only the
  quarantine tables change (fingerprint of every other table); a full fingerprint of every table
  is also compared every 250 cases and at the end.

Run: `python bench/hostile_packages.py [--n 10000] [--seed 1] [--json OUT]`.
Reduced CI version: tests/stress/test_hostile_packages.py.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gzip
import hashlib
import json
import random
import sqlite3
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CommitWatcher, format_table, table_names  # noqa: E402
from bench.packages import (  # noqa: E402
    Installation, build_package_bytes, confirm_installations, first_package_uuid, period_rows)
from bench.generate import installation_id  # noqa: E402

QUARANTINE = {"sync_held", "sync_installations"}  # what a held package may change


def data_fingerprint(conn: sqlite3.Connection, skip: set[str] = frozenset()) -> str:
    h = hashlib.sha256()
    for name in table_names(conn):
        if name in skip:
            continue
        h.update(b"\0" + name.encode())
        for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
            h.update(repr(row).encode())
    return h.hexdigest()


@dataclass
class Parts:
    """A package taken apart: what can be edited before putting it back together."""

    manifest: dict
    manifest_bytes: bytes
    signature: bytes
    payload_gz: bytes
    payload: dict
    order: list[str] = field(default_factory=lambda: ["manifest.json", "manifest.json.minisig", "payload.json.gz"])
    extra_members: list[tuple[str, bytes]] = field(default_factory=list)
    trailing: bytes = b""


class Lab:
    """A Department database with confirmed commune installations and genuine packages to spoil."""

    def __init__(self, workdir: Path, communes: int = 12):
        from xhht_desktop.installation import init_installation, open_app_database
        from xhht_desktop.sync import keys
        from xhht_desktop.sync.merge import merge_items
        from xhht_desktop.sync.tables import table_specs
        from pyrage import x25519

        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.db_path = workdir / "so.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        self.db = open_app_database(self.db_path)
        init_installation(self.db, "department", "62", "Chuyên viên Sở", "")
        keys.ensure_keys(self.db, "department")
        self.identities = keys.department_identities(self.db)
        self.recipient = keys.department_recipient(self.db)
        self.other_recipient = str(x25519.Identity.generate().to_public())
        self.specs = table_specs(self.db)
        rows = self.db.conn.execute(
            "SELECT id, key, code, name FROM units WHERE level='xa' AND valid_from<='2016-01-01' "
            "AND (valid_to IS NULL OR valid_to>='2016-12-31') ORDER BY code LIMIT ?", (communes + 1,)).fetchall()
        self.insts = [Installation(uid, key, code, name, installation_id(code)) for uid, key, code, name in rows]
        self.revoked = self.insts.pop()  # one installation whose key the Department revoked
        with self.db.atomic():
            confirm_installations(self.db.conn, self.insts + [self.revoked])
            self.db.conn.execute("UPDATE sync_installations SET status='revoked' WHERE unit_key=?",
                                 (self.revoked.key,))
        # A first genuine round merged: replays of it are duplicates.
        self.merged: list[bytes] = []
        for inst in self.insts:
            data, _ = self.package(inst, "2015-H2", sequence=2, previous=first_package_uuid(inst))
            self.merged.append(data)
        report = merge_items(self.db, [(f"m{i}.xhht", d) for i, d in enumerate(self.merged)], total=len(self.merged))
        bad = [p for p in report.packages if p.status != "imported"]
        if bad:
            raise RuntimeError(f"genuine packages were not imported: {[(p.code, p.reason) for p in bad][:3]}")
        # The genuine packages every hostile case starts from (never merged unspoilt).
        self.base: list[tuple[Installation, bytes]] = []
        for inst in self.insts:
            for period in ("2016-H1", "2016"):
                data, _ = self.package(inst, period, sequence=3 if period == "2016-H1" else 4,
                                       previous=str(uuid.uuid4()))
                self.base.append((inst, data))
        self._cache: dict[str, bytes] = {}

    def package(self, inst: Installation, period: str, *, sequence: int, previous: str | None, seed: str = "",
                recipients: list[str] | None = None, signer=None, **kw) -> tuple[bytes, dict]:
        tables = period_rows(inst, period, self.specs, seed=seed, activities=8)
        if signer is not None:
            inst = Installation(inst.unit_id, inst.key, inst.code, inst.name, inst.installation_id)
            inst.__class__ = type("Forged", (Installation,), {"signing_key": property(lambda self: signer)})
        return build_package_bytes(inst, tables, self.specs, recipients or [self.recipient], sequence=sequence,
                                   previous=previous, **kw)

    # -- taking apart and putting back ----------------------------------------------------------------
    def open(self, data: bytes) -> Parts:
        from xhht_desktop.sync.package import decrypt, read_tar
        members = read_tar(decrypt(data, self.identities))
        mb = members["manifest.json"]
        gz = members["payload.json.gz"]
        return Parts(json.loads(mb), mb, members["manifest.json.minisig"], gz, json.loads(gzip.decompress(gz)))

    def close(self, parts: Parts, *, resign=None, reencode_payload: bool = False, fix_manifest: bool = False,
              recipient: str | None = None, raw_payload: bytes | None = None, manifest_bytes: bytes | None = None
              ) -> bytes:
        """Put a package back together. `resign`: a signing key to sign the (edited) manifest with.
        `reencode_payload`: write `parts.payload` again; `fix_manifest`: make the manifest describe it."""
        import pyrage
        from pyrage import x25519

        from xhht_desktop.sync import minisign
        from xhht_desktop.sync.keys import signing_fingerprint
        from xhht_desktop.sync.package import write_tar

        gz = parts.payload_gz
        if reencode_payload or raw_payload is not None:
            raw = raw_payload if raw_payload is not None else json.dumps(
                parts.payload, ensure_ascii=False, separators=(",", ":")).encode()
            gz = gzip.compress(raw, 6, mtime=0)
            if fix_manifest:
                parts.manifest["payload"].update(sha256=hashlib.sha256(gz).hexdigest(), size=len(gz),
                                                 uncompressed_size=len(raw))
        mb = manifest_bytes
        sig = parts.signature
        if mb is None:
            mb = (json.dumps(parts.manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
            if mb == parts.manifest_bytes.rstrip(b"\n") + b"\n" and resign is None:
                mb = parts.manifest_bytes
        if resign is not None:
            pub = bytes(resign.verify_key)
            m = json.loads(mb)
            m["signer"] = {"algorithm": "ed25519-minisign", "public_key": base64.b64encode(pub).decode(),
                           "fingerprint": signing_fingerprint(pub)}
            mb = (json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
            sig = minisign.sign(resign, mb, f"xhht package {m.get('package_uuid')}", "forged").encode()
        members = {"manifest.json": mb, "manifest.json.minisig": sig, "payload.json.gz": gz}
        listed = [(name, members[name]) for name in parts.order if name in members] + parts.extra_members
        plain = write_tar(listed, 1720146600) + parts.trailing
        return pyrage.encrypt(plain, [x25519.Recipient.from_str(recipient or self.recipient)])


# ---- the mutations ------------------------------------------------------------------------------------
# Each takes (rng, lab, inst, data) and returns (bytes, allowed outcomes) — allowed is a set of
# statuses; REJECTED alone unless said otherwise.

R = {"rejected"}


def _key(rng):
    from nacl.signing import SigningKey
    return SigningKey(rng.randbytes(32))


def mb_flip_bits(rng, lab, inst, data):
    buf = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 5, 40])):
        i = rng.randrange(len(buf))
        buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf), R


def mb_truncate(rng, lab, inst, data):
    return data[:rng.randrange(len(data))], R


def mb_splice(rng, lab, inst, data):
    other = rng.choice(lab.base)[1]
    return data[:rng.randrange(len(data))] + other[rng.randrange(len(other)):], R


def mb_overwrite(rng, lab, inst, data):
    buf = bytearray(data)
    i = rng.randrange(len(buf))
    n = rng.randint(1, 300)
    buf[i:i + n] = rng.randbytes(n)
    return bytes(buf), R


def mb_append(rng, lab, inst, data):
    return data + rng.choice([b"\0", b"\n", rng.randbytes(rng.randint(1, 5000)), data]), R


def mb_not_a_package(rng, lab, inst, data):
    return rng.choice([b"", rng.randbytes(rng.randint(1, 100_000)), b"age-encryption.org/v1\n",
                       b"age-encryption.org/v1\n-> X25519 abc\n--- xyz\n", b"PK\x03\x04" + rng.randbytes(100),
                       "Gói số liệu xã Đắk Pék".encode(), gzip.compress(data)]), R


def _b64_unpadded(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def mb_age_header(rng, lab, inst, data):
    """The age header made costly or foreign, no key needed: thousands of X25519 stanzas (the
    decryption library's time grows with their square), or a stanza of another type."""
    magic = b"age-encryption.org/v1\n"
    kind = rng.choice(["many", "many", "foreign"])
    if kind == "many":
        n = rng.choice([51, 300, 2_000, 20_000])
        extra = "".join(f"-> X25519 {_b64_unpadded(rng.randbytes(32))}\n{_b64_unpadded(rng.randbytes(32))}\n"
                        for _ in range(n)).encode("ascii")
        return magic + extra + data[len(magic):], R
    foreign = rng.choice([b"scrypt", b"ssh-ed25519", b"piv-p256", b"X25519x"])
    return data.replace(b"-> X25519 ", b"-> " + foreign + b" ", 1), R


def mi_manifest_unsigned(rng, lab, inst, data):
    p = lab.open(data)
    field_, value = rng.choice([("sequence", 99), ("full", True), ("periods", ["2030"]),
                                ("unit", {"key": "23350@2013-12-02", "code": "23350", "name": "X", "level": "xa"}),
                                ("installation_id", str(uuid.uuid4())), ("counts", {}), ("role", "district"),
                                ("created_at", "2099-01-01T00:00:00+07:00")])
    p.manifest[field_] = value
    return lab.close(p), R


def mi_manifest_resigned_known(rng, lab, inst, data):
    """Edited, then signed with another key for the same installation id: key changed -> refused."""
    p = lab.open(data)
    p.manifest["sequence"] = rng.randint(5, 50)
    return lab.close(p, resign=_key(rng)), R


def mi_manifest_resigned_new(rng, lab, inst, data):
    """A new key and a new installation id for a real unit: held for confirmation, never applied."""
    p = lab.open(data)
    p.manifest["installation_id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    p.manifest["package_uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return lab.close(p, resign=_key(rng)), {"rejected", "held"}


def mi_payload_unsigned(rng, lab, inst, data):
    p = lab.open(data)
    rows = p.payload["tables"]["indicator_values"]["rows"]
    cols = p.payload["tables"]["indicator_values"]["columns"]
    r = rng.choice(rows)
    j = cols.index("numerator") if r[cols.index("numerator")] is not None else cols.index("value")
    r[j] = 7 if r[j] != 7 else 8  # an edit that changes something (7 over a 7 left a genuine package)
    return lab.close(p, reencode_payload=True, fix_manifest=rng.random() < 0.5), R


def _invalid_figures(rng, p):
    t = p.payload["tables"]["indicator_values"]
    cols, rows = t["columns"], t["rows"]
    r = rng.choice(rows)
    kind = rng.choice(["num_gt_den", "negative", "flag_2", "str_int", "float", "huge", "nan_text", "other_unit",
                       "bad_uuid", "dup_uuid", "base_ge_rev", "unknown_indicator", "bad_period", "bool",
                       "long_text", "missing_column", "extra_column", "unknown_table", "count_mismatch",
                       "deleted_2", "null_uuid", "control_comment", "c1_comment", "control_updated_by",
                       "newline_origin"])
    i = cols.index
    if kind == "num_gt_den":
        rr = [x for x in rows if x[i("denominator")] is not None]
        if rr:
            r = rng.choice(rr)
            r[i("numerator")] = r[i("denominator")] + 1
        else:
            r[i("value")] = -1
    elif kind == "negative":
        r[i("numerator") if r[i("numerator")] is not None else i("value")] = -5
    elif kind == "flag_2":
        r[i("value") if r[i("value")] is not None else i("numerator")] = 10**9
    elif kind == "str_int":
        r[i("revision")] = "2"
    elif kind == "float":
        r[i("numerator") if r[i("numerator")] is not None else i("value")] = 1.5
    elif kind == "huge":
        r[i("revision")] = 10**30
    elif kind == "nan_text":
        r[i("comment")] = None
    elif kind == "other_unit":
        r[i("unit")] = "23350@2013-12-02"
    elif kind == "bad_uuid":
        r[i("uuid")] = str(uuid.uuid4())
    elif kind == "dup_uuid":
        rows.append(list(rows[0]))
    elif kind == "base_ge_rev":
        r[i("base_revision")] = r[i("revision")]
    elif kind == "unknown_indicator":
        r[i("indicator")] = "XMC_99"
    elif kind == "bad_period":
        r[i("period")] = "2031"
    elif kind == "bool":
        r[i("deleted")] = True
    elif kind == "long_text":
        r[i("comment")] = "x" * 20_000
    elif kind == "missing_column":  # one the reader requires (an optional one may be left out: older packages)
        from xhht_desktop.sync.tables import INDICATOR_VALUES
        optional = {name for name, _default in getattr(INDICATOR_VALUES, "optional_fields", ())}
        j = rng.choice([k for k, c in enumerate(cols) if c not in optional])
        del cols[j]
        for row in rows:
            del row[j]
    elif kind == "extra_column":
        cols.append("evil")
        for row in rows:
            row.append(1)
    elif kind == "unknown_table":
        p.payload["tables"]["units"] = {"columns": ["id"], "rows": [[1]]}
    elif kind == "count_mismatch":
        rows.pop()
    elif kind == "deleted_2":
        r[i("deleted")] = 2
    elif kind == "null_uuid":
        r[i("uuid")] = None
    elif kind == "control_comment":  # the province-wide workbook writer refuses these
        r[i("comment")] = "đã rà soát\x07\x1b[2J"
    elif kind == "c1_comment":
        r[i("comment")] = "ghi\x85chú\x9b"
    elif kind == "control_updated_by":
        r[i("updated_by")] = "Y Blong\x1b]8;;http://example.invalid\x07"
    elif kind == "newline_origin":
        r[i("origin")] = r[i("origin")] + "\n"
    return kind


def mi_invalid_figures_genuine(rng, lab, inst, data):
    """Signed with the commune's genuine key: the merge's own checks must refuse it."""
    p = lab.open(data)
    _invalid_figures(rng, p)
    return lab.close(p, reencode_payload=True, fix_manifest=True, resign=inst.signing_key), R


def mi_tar_layout(rng, lab, inst, data):
    p = lab.open(data)
    kind = rng.choice(["reorder", "extra", "missing", "trailing", "dup"])
    if kind == "reorder":
        rng.shuffle(p.order)
        if p.order == ["manifest.json", "manifest.json.minisig", "payload.json.gz"]:
            p.order.reverse()
    elif kind == "extra":
        p.extra_members.append((rng.choice(["evil.sh", "../x", "payload.json.gz"]), b"#!/bin/sh\n"))
    elif kind == "missing":
        p.order.remove(rng.choice(p.order))
    elif kind == "trailing":
        p.trailing = rng.randbytes(rng.randint(1, 2000))
    else:
        p.extra_members.append(("manifest.json", p.manifest_bytes))
    return lab.close(p), R


def mi_newer_format(rng, lab, inst, data):
    p = lab.open(data)
    p.manifest["format"] = rng.choice([2, 99, 0, -1, "1", 1.0, None])
    return lab.close(p, resign=inst.signing_key), R


def mi_unknown_unit(rng, lab, inst, data):
    p = lab.open(data)
    key = rng.choice(["99999@2013-12-02", "23353@2099-01-01", "62@2013-12-02", ""])
    p.manifest["unit"]["key"] = key
    for t in p.payload["tables"].values():
        ui = t["columns"].index("unit")
        for r in t["rows"]:
            r[ui] = key
    return lab.close(p, reencode_payload=True, fix_manifest=True, resign=inst.signing_key), R


def mi_other_department(rng, lab, inst, data):
    """Signed for another Department, then re-encrypted to this one."""
    from xhht_desktop.sync.keys import recipient_fingerprint
    p = lab.open(data)
    p.manifest["recipients"] = [recipient_fingerprint(lab.other_recipient)]
    return lab.close(p, resign=inst.signing_key), R


def mi_json_bomb(rng, lab, inst, data):
    p = lab.open(data)
    raw = rng.choice([b"[" * 200_000 + b"]" * 200_000, b'{"tables": {"indicator_values": NaN}}',
                      b'{"tables": {"indicator_values": {"columns": [], "rows": [[1e999]]}}}',
                      b'{"tables": ' + b"9" * 100_000 + b"}", b"\xff\xfe{}", b"", b"null",
                      b'{"tables": {"indicator_values": {"columns": ["uuid"], "rows": ' + b"[[1]," * 1 + b"[2]]}}}"])
    return lab.close(p, raw_payload=raw, fix_manifest=True, resign=inst.signing_key), R


def m_replay(rng, lab, inst, data):
    return rng.choice(lab.merged), {"duplicate"}


def mi_replay_other_content(rng, lab, inst, data):
    """The UUID of a package already merged, with other figures, signed with the genuine key."""
    i = rng.randrange(len(lab.merged))
    target = lab.open(lab.merged[i])
    p = lab.open(data)
    p.manifest["package_uuid"] = target.manifest["package_uuid"]
    return lab.close(p, resign=lab.insts[i].signing_key if target.manifest["unit"]["key"] == lab.insts[i].key
                     else inst.signing_key), {"duplicate", "rejected"}


def mi_wrong_recipient(rng, lab, inst, data):
    p = lab.open(data)
    return lab.close(p, recipient=lab.other_recipient), R


def m_revoked(rng, lab, inst, data):
    data, _ = lab.package(lab.revoked, "2016-H2", sequence=3, previous=str(uuid.uuid4()),
                          seed=str(rng.random()))
    return data, R


def m_oversized(rng, lab, inst, data):
    kind = rng.choice(["file", "payload", "records", "bomb_small_claim", "bomb_big_claim"])
    if kind not in lab._cache:
        p = lab.open(lab.base[0][1])
        if kind == "file":
            lab._cache[kind] = lab.base[0][1] + bytes(33 * 1024 * 1024)
        elif kind == "payload":  # incompressible, past the 24 MiB payload limit
            lab._cache[kind] = lab.close(p, raw_payload=random.Random(0).randbytes(25 * 1024 * 1024),
                                         fix_manifest=True, resign=lab.base[0][0].signing_key)
        elif kind == "records":  # 600,000 rows, past the 500,000-record limit
            t = p.payload["tables"]["indicator_values"]
            t["rows"] = [list(t["rows"][0]) for _ in range(600_000)]
            p.manifest["counts"]["indicator_values"] = 600_000
            lab._cache[kind] = lab.close(p, reencode_payload=True, fix_manifest=True,
                                         resign=lab.base[0][0].signing_key)
        else:  # 300 MB of zeros gzip to ~300 KB; the manifest claims 1 KB or 95 MB
            raw = b"\0" * (300 * 1024 * 1024)
            gz = gzip.compress(raw, 9, mtime=0)
            p.payload_gz = gz
            p.manifest["payload"].update(sha256=hashlib.sha256(gz).hexdigest(), size=len(gz),
                                         uncompressed_size=1024 if kind == "bomb_small_claim" else 95 * 1024 * 1024)
            del raw
            lab._cache[kind] = lab.close(p, resign=lab.base[0][0].signing_key)
    return lab._cache[kind], R


MUTATIONS = {
    "flip_bits": (14, mb_flip_bits), "truncate": (8, mb_truncate), "splice": (5, mb_splice),
    "overwrite_block": (5, mb_overwrite), "append_garbage": (4, mb_append), "not_a_package": (4, mb_not_a_package),
    "manifest_edited_unsigned": (8, mi_manifest_unsigned), "manifest_resigned_known_installation":
        (5, mi_manifest_resigned_known), "resigned_new_installation": (4, mi_manifest_resigned_new),
    "payload_edited": (6, mi_payload_unsigned), "invalid_rows_genuine_key": (12, mi_invalid_figures_genuine),
    "tar_layout": (5, mi_tar_layout), "newer_or_bad_format": (3, mi_newer_format),
    "unknown_unit": (3, mi_unknown_unit), "signed_for_other_department": (3, mi_other_department),
    "json_bomb": (3, mi_json_bomb), "replay": (4, m_replay), "replay_uuid_other_content": (3, mi_replay_other_content),
    "wrong_recipient": (4, mi_wrong_recipient), "revoked_key": (2, m_revoked), "oversized_or_bomb": (2, m_oversized),
    "age_header_budget": (3, mb_age_header),
}


# ---- trust and budgets (issue 12, points 1-3): signed with a genuine, confirmed key ----------------------

def mi_sequence_jump(rng, lab, inst, data):
    """A sequence number far above the key's last: refused before any gap is computed."""
    p = lab.open(data)
    p.manifest["sequence"] = rng.choice([10**12, 10**9, 4 + 10_001 + rng.randrange(10**6)])
    return lab.close(p, resign=inst.signing_key), R


def mi_extreme_time(rng, lab, inst, data):
    """created_at or a record's updated_at that does not parse or cannot be converted to UTC."""
    p = lab.open(data)
    stamp = rng.choice(["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00",
                        "1970-01-01T00:00:00+00:00", "2016-13-45T25:61:00", "2200-01-01T00:00:00+07:00"])
    if rng.random() < 0.5 and _is_iso_shape(stamp):
        t = p.payload["tables"]["indicator_values"]
        i = t["columns"].index("updated_at")
        rng.choice(t["rows"])[i] = stamp
        return lab.close(p, reencode_payload=True, fix_manifest=True, resign=inst.signing_key), R
    p.manifest["created_at"] = stamp
    return lab.close(p, resign=inst.signing_key), R


def _is_iso_shape(stamp: str) -> bool:  # what the payload's column check lets through to the merge
    return bool(stamp[:4].isdigit() and stamp[4] == "-")


def mi_revision_jump(rng, lab, inst, data):
    """Revisions far above anything known: a record frozen against its owner's later edits."""
    p = lab.open(data)
    t = p.payload["tables"]["indicator_values"]
    ri, bi = t["columns"].index("revision"), t["columns"].index("base_revision")
    for r in rng.sample(t["rows"], k=max(1, len(t["rows"]) // 3)):
        r[ri] = rng.choice([10**12, 10**9, 100_002 + rng.randrange(10**6)])
        r[bi] = r[ri] - 1
    return lab.close(p, reencode_payload=True, fix_manifest=True, resign=inst.signing_key), R


def mi_other_unit_confirmed_key(rng, lab, inst, data):
    """A commune's confirmed key signs another commune's package: held for that (key, unit) pair,
    never applied; a package UUID held for another pair is refused."""
    other, other_data = rng.choice([(i, d) for i, d in lab.base if i.key != inst.key])
    p = lab.open(other_data)
    p.manifest["installation_id"] = inst.installation_id
    return lab.close(p, resign=inst.signing_key), {"held", "rejected"}


def mi_revoked_key_other_unit(rng, lab, inst, data):
    """The revoked key signs for a unit it never claimed: rejected, not held."""
    p = lab.open(data)
    p.manifest["installation_id"] = lab.revoked.installation_id
    p.manifest["package_uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return lab.close(p, resign=lab.revoked.signing_key), R


TRUST_MUTATIONS = {
    "sequence_jump": (3, mi_sequence_jump), "extreme_time": (3, mi_extreme_time),
    "revision_jump": (3, mi_revision_jump), "other_unit_confirmed_key": (2, mi_other_unit_confirmed_key),
    "revoked_key_other_unit": (2, mi_revoked_key_other_unit),
}
MUTATIONS.update(TRUST_MUTATIONS)


def run(n: int, seed: int, workdir: Path, *, verbose: bool = False) -> dict:
    from xhht_desktop.sync.merge import merge_items

    t_setup = time.perf_counter()
    lab = Lab(workdir)
    setup_s = time.perf_counter() - t_setup
    watcher = CommitWatcher(lab.db_path)
    check = sqlite3.connect(str(lab.db_path))
    start_fp = data_fingerprint(check, QUARANTINE)
    failures: dict[str, list[str]] = {}
    outcomes: Counter = Counter()
    codes: Counter = Counter()
    by_mutation: Counter = Counter()
    slowest = (0.0, "")
    t0 = time.perf_counter()
    for k in range(n):
        rng = random.Random(f"{seed}:{k}")
        name = rng.choices(list(MUTATIONS), weights=[w for w, _ in MUTATIONS.values()])[0]
        inst, base = rng.choice(lab.base)
        try:
            data, allowed = MUTATIONS[name][1](rng, lab, inst, base)
        except Exception:  # noqa: BLE001 - a broken mutation is the harness's bug: report it
            failures[f"{seed}:{k}"] = [f"{name}: could not build: {traceback.format_exc()[-400:]}"]
            continue
        by_mutation[name] += 1
        problems = []
        t = time.perf_counter()
        try:
            report = merge_items(lab.db, [(f"hostile_{k}.xhht", data)], total=1)
            res = report.packages[0]
        except Exception:  # noqa: BLE001
            problems.append("merge raised:\n" + traceback.format_exc()[-1500:])
            res = None
        elapsed = time.perf_counter() - t
        if elapsed > slowest[0]:
            slowest = (elapsed, f"{seed}:{k} {name}")
        committed = watcher.committed_since()
        if res is not None:
            outcomes[res.status] += 1
            codes[res.code or res.status] += 1
            if res.status not in allowed:
                problems.append(f"status {res.status} ({res.code}: {res.reason}) — expected {sorted(allowed)}")
            if not res.reason:
                problems.append("no reason given")
            if res.status == "rejected" and not res.code:
                problems.append("rejected without a code")
        if committed:
            now_fp = data_fingerprint(check, QUARANTINE)
            if now_fp != start_fp or (res is not None and res.status != "held"):
                problems.append(f"the database was written (status {res.status if res else '?'})")
                start_fp = now_fp
        if lab.db.conn.in_transaction:
            problems.append("a transaction was left open")
        if k % 250 == 249 and data_fingerprint(check, QUARANTINE) != start_fp:
            problems.append("data changed (periodic full fingerprint)")
        if elapsed > 20:
            problems.append(f"took {elapsed:.1f} s")
        if problems:
            failures[f"{seed}:{k}"] = [name, *problems]
            if verbose:
                print(f"{seed}:{k}", failures[f"{seed}:{k}"], file=sys.stderr)
    end_fp = data_fingerprint(check, QUARANTINE)
    integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
    check.close()
    watcher.close()
    lab.db.conn.close()
    return {
        "cases": n, "seed": seed, "outcomes": dict(outcomes), "codes": dict(codes.most_common()),
        "by_mutation": dict(sorted(by_mutation.items())), "failures": failures,
        "data_unchanged": end_fp == start_fp, "integrity": integrity,
        "seconds": round(time.perf_counter() - t0, 1), "setup_seconds": round(setup_s, 1),
        "slowest": [round(slowest[0], 2), slowest[1]],
    }


# ---- issue 12: classes merged in a batch beside genuine packages ---------------------------------------
# Each case is a batch: one hostile package between two genuine packages of other communes. Promises:
# the hostile package alone is refused with a reason (code and text) — or, where said, held or
# imported as plain text — the genuine ones in the same batch are imported, the data of the unit the
# hostile package speaks for is unchanged, and the class's own follow-up (listing installations,
# a bare `installations confirm`, the province-wide `clc export`) completes without an exception.

# Only unambiguous cases: formula text with no control character in it, and C0 controls that are
# neither tab nor a line break (whether those are allowed in notes is the parser's call, not ours).
FORMULAS = ('=HYPERLINK("http://evil.example/x","Bấm vào đây")', "=1+1", "+84 912 345 678", "-2+3",
            "@SUM(A1:A9)", "=cmd|' /C calc'!A0")
CONTROLS = ("Tiêu đề\x00ẩn", "a\x1bb", "chuông\x07", "\x0bdọc", "trang\x0cmới", "\x1f", "x\x08y")


@dataclass
class Case:
    name: str
    hostile: bytes
    allowed: set[str]
    unit_keys: tuple[str, ...]          # whose data must stay as it was
    fingerprint: str = ""               # the hostile signer
    follow_up: str = ""                 # "list", "confirm_bare", "confirm", "export"
    expect_text: tuple[str, ...] = ()   # texts that must be stored as sent and written as text


class BatchLab(Lab):
    """A Lab whose genuine packages are merged for real (sequences and revisions move on)."""

    def __init__(self, workdir: Path, communes: int = 12):
        super().__init__(workdir, communes)
        self.next_seq = {inst.key: 3 for inst in self.insts}
        self.revision = {inst.key: 0 for inst in self.insts}

    def genuine(self, inst: Installation) -> bytes:
        self.revision[inst.key] += 1
        seq = self.next_seq[inst.key]
        self.next_seq[inst.key] += 1
        tables = period_rows(inst, "2016-H2", self.specs, revision=self.revision[inst.key], activities=4)
        return build_package_bytes(inst, tables, self.specs, [self.recipient], sequence=seq,
                                   previous=str(uuid.uuid4()))[0]

    def signed(self, inst: Installation, *, tables=None, seq: int | None = None, signer=None,
               as_inst: Installation | None = None, manifest_edit=None, recipients=None) -> bytes:
        target = as_inst or inst
        tables = tables if tables is not None else period_rows(target, "2017-H1", self.specs, activities=4)
        who = Installation(target.unit_id, target.key, target.code, target.name, inst.installation_id)
        key = signer or inst.signing_key
        who.__class__ = type("Signer", (Installation,), {"signing_key": property(lambda self: key)})
        return build_package_bytes(who, tables, self.specs, recipients or [self.recipient],
                                   sequence=seq if seq is not None else self.next_seq[inst.key],
                                   previous=str(uuid.uuid4()), manifest_edit=manifest_edit)[0]

    def unit_data(self, unit_keys) -> str:
        h = hashlib.sha256()
        ids = [r[0] for k in unit_keys for r in self.db.conn.execute("SELECT id FROM units WHERE key=?", (k,))]
        marks = ",".join("?" * len(ids)) or "NULL"
        for table in ("indicator_values", "period_status", "clc_activities", "clc_centres"):
            try:
                rows = self.db.conn.execute(f"SELECT * FROM {table} WHERE unit_id IN ({marks}) ORDER BY uuid",
                                            ids).fetchall()
            except sqlite3.OperationalError:
                continue
            h.update(table.encode() + repr(rows).encode())
        return h.hexdigest()


def _fp(key) -> str:
    from xhht_desktop.sync.keys import signing_fingerprint
    return signing_fingerprint(bytes(key.verify_key))


def _ssh_recipient(rng) -> str:
    from nacl.signing import SigningKey
    pub = bytes(SigningKey(rng.randbytes(32)).verify_key)

    def s(b: bytes) -> bytes:
        return len(b).to_bytes(4, "big") + b
    return "ssh-ed25519 " + base64.b64encode(s(b"ssh-ed25519") + s(pub)).decode() + " attacker"


def c_many_stanzas(rng, lab: BatchLab, inst, counts=(120, 300)) -> Case:
    """Encrypted to hundreds of throw-away keys before the Department's: no key is needed to make one."""
    import pyrage
    from pyrage import x25519
    n = rng.choice(counts)
    key = ("stanzas", n)
    if key not in lab._cache:
        lab._cache[key] = [x25519.Identity.generate().to_public() for _ in range(n)]
    data = lab.signed(inst)
    p = lab.open(data)
    members = [("manifest.json", p.manifest_bytes), ("manifest.json.minisig", p.signature),
               ("payload.json.gz", p.payload_gz)]
    from xhht_desktop.sync.package import write_tar
    plain = write_tar(members, 1720146600)
    recipients = [*lab._cache[key], x25519.Recipient.from_str(lab.recipient)]
    if rng.random() < 0.3:  # one stanza that is not X25519 (ssh-ed25519), beside the genuine one
        from pyrage import ssh
        recipients = [ssh.Recipient.from_str(_ssh_recipient(rng)), x25519.Recipient.from_str(lab.recipient)]
        n = -1
    return Case(f"many_stanzas_{n if n > 0 else 'ssh'}", pyrage.encrypt(plain, recipients), {"rejected"},
                (inst.key,), inst.fingerprint)


def c_sequence_jump(rng, lab: BatchLab, inst) -> Case:
    """A sequence of 10^12 (or a jump of that much): the gap list must not enumerate the range."""
    jump = rng.choice([10**12, 10**12 + lab.next_seq[inst.key], 2**62, 2**53 + 1])
    if rng.random() < 0.5:
        return Case("sequence_jump_known_key", lab.signed(inst, seq=jump), {"rejected"}, (inst.key,),
                    inst.fingerprint, follow_up="list")
    key = _key(rng)
    newcomer = Installation(inst.unit_id, inst.key, inst.code, inst.name, str(uuid.UUID(int=rng.getrandbits(128),
                                                                                         version=4)))
    return Case("sequence_jump_new_key", lab.signed(newcomer, seq=jump, signer=key), {"rejected", "held"},
                (inst.key,), _fp(key), follow_up="list")


EXTREME_TIMES = ("9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59.999999-07:00", "0001-01-01T00:00:00+14:00",
                 "0001-01-01T00:00:00+07:00", "not a date", "", "2024-02-30T10:00:00+07:00",
                 "+275760-09-13T00:00:00Z", 20240705, None, ["2024"], "2024-07-05T09:30:00+25:00")


def c_extreme_created_at(rng, lab: BatchLab, inst) -> Case:
    """created_at in year 9999/0001 with an offset, or garbage: that package alone is refused."""
    value = rng.choice(EXTREME_TIMES)

    def edit(m):
        m["created_at"] = value
    if rng.random() < 0.6:
        return Case("extreme_created_at_known_key", lab.signed(inst, manifest_edit=edit), {"rejected"},
                    (inst.key,), inst.fingerprint)
    key = _key(rng)
    newcomer = Installation(inst.unit_id, inst.key, inst.code, inst.name, str(uuid.UUID(int=rng.getrandbits(128),
                                                                                         version=4)))
    return Case("extreme_created_at_new_key", lab.signed(newcomer, seq=3, signer=key, manifest_edit=edit),
                {"rejected"}, (inst.key,), _fp(key), follow_up="confirm")


def c_cross_unit(rng, lab: BatchLab, inst) -> Case:
    """A confirmed commune key signs another commune's figures; then a bare `installations confirm`."""
    other = rng.choice([i for i in lab.insts if i.key != inst.key])
    tables = period_rows(other, "2016-H2", lab.specs, revision=lab.revision[other.key] + 5, seed="forged",
                         activities=4)
    data = lab.signed(inst, tables=tables, as_inst=other)
    return Case("cross_unit_then_bare_confirm", data, {"rejected", "held"}, (other.key,), inst.fingerprint,
                follow_up="confirm_bare")


def _texts(rng, lab, inst, choices, revision: int = 1):
    tables = period_rows(inst, "2017-H1", lab.specs, activities=4, revision=revision)
    specs = lab.specs
    sent = []
    for name, cols in (("clc_activities", ("title", "partner", "notes", "place")), ("indicator_values", ("comment",))):
        if name not in tables:
            continue
        columns = specs[name].columns
        rows = [list(r) for r in tables[name]]
        for r in rows[:3]:
            col = rng.choice([c for c in cols if c in columns])
            text = rng.choice(choices)
            r[columns.index(col)] = text
            sent.append(text)
        tables[name] = [tuple(r) for r in rows]
    return tables, tuple(sent)


def _stored_revision(lab: BatchLab, inst) -> int:
    row = lab.db.conn.execute("SELECT max(s.revision) FROM period_status s JOIN units u ON u.id=s.unit_id "
                              "WHERE u.key=? AND s.period='2017-H1'", (inst.key,)).fetchone()
    return row[0] or 0


def c_formula_text(rng, lab: BatchLab, inst) -> Case:
    """Titles, partners, notes, comments starting with =, +, -, @: data, written as text in workbooks."""
    tables, sent = _texts(rng, lab, inst, FORMULAS, revision=_stored_revision(lab, inst) + 1)
    lab.next_seq[inst.key] += 1  # imported: its sequence is used
    return Case("formula_text", lab.signed(inst, tables=tables, seq=lab.next_seq[inst.key] - 1), {"imported"},
                (), inst.fingerprint, follow_up="export", expect_text=sent)


def c_control_text(rng, lab: BatchLab, inst) -> Case:
    """Control characters in synced text: refused with a reason; the province-wide export still works.

    Usually at the next revision (the records would be applied); sometimes at revision 1 over records
    already stored (the merge would hold them as a conflict, or skip them as older): refused too,
    since a conflict keeps the incoming text for the user to choose."""
    stored = _stored_revision(lab, inst)
    over_stored = stored > 0 and rng.random() < 0.35
    tables, _sent = _texts(rng, lab, inst, CONTROLS, revision=1 if over_stored else stored + 1)
    return Case("control_characters_over_stored" if over_stored else "control_characters",
                lab.signed(inst, tables=tables), {"rejected"}, (inst.key,), inst.fingerprint, follow_up="export")


BATCH_CLASSES = {
    "many_stanzas": (2, c_many_stanzas), "sequence_jump": (3, c_sequence_jump),
    "extreme_created_at": (4, c_extreme_created_at), "cross_unit_then_bare_confirm": (2, c_cross_unit),
    "formula_text": (2, c_formula_text), "control_characters": (3, c_control_text),
}


def _cli(lab: BatchLab, *args: str) -> tuple[int | None, str]:
    """Run the command line in-process on the lab's database; (exit code, output) or (None, traceback)."""
    import contextlib
    import io

    from xhht_desktop.cli import main as cli_main
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            code = cli_main(["--db", str(lab.db_path), *args])
    except BaseException:  # noqa: BLE001 - a crash is what this looks for
        return None, f"{_exc_line()}\n{traceback.format_exc()[-1200:]}"
    return code, buf.getvalue()


def _exc_line() -> str:
    exc = sys.exc_info()[1]
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _follow_up(lab: BatchLab, case: Case, res, k: int) -> list[str]:
    problems = []
    if case.follow_up == "list":
        from xhht_desktop.sync.merge import list_installations
        try:
            missing = sum(len(i.get("missing") or ()) for i in list_installations(lab.db))
        except BaseException:  # noqa: BLE001
            return [f"installations list failed: {_exc_line()}\n{traceback.format_exc()[-600:]}"]
        if missing > 100_000:
            problems.append(f"installations list reports {missing} missing packages")
        code, out = _cli(lab, "installations", "list", "--json")
        if code is None:
            problems.append(f"`installations list` crashed: {out}")
    elif case.follow_up in ("confirm", "confirm_bare"):
        before = lab.unit_data(case.unit_keys)
        code, out = _cli(lab, "installations", "confirm", case.fingerprint)
        if code is None:
            problems.append(f"`installations confirm` crashed: {out}")
        if case.follow_up == "confirm_bare" and lab.unit_data(case.unit_keys) != before:
            problems.append("a bare `installations confirm` applied another unit's figures")
        if case.follow_up == "confirm_bare":
            row = lab.db.conn.execute("SELECT status FROM sync_installations WHERE fingerprint=? AND unit_key=?",
                                      (case.fingerprint, case.unit_keys[0])).fetchone()
            if row and row[0] == "confirmed":
                problems.append("the key is confirmed for the other unit without being asked")
    elif case.follow_up == "export":
        out_file = lab.workdir / f"clc_{k}.xlsx"
        code, out = _cli(lab, "clc", "export", "--period", "2017-H1", "--out", str(out_file))
        if code != 0:
            last = out.strip().splitlines()[-1] if out.strip() else ""
            problems.append(f"province-wide `clc export` failed ({code}): {last[:200]}\n{out[-600:]}")
        elif case.expect_text:
            problems += _workbook_text_problems(out_file, case.expect_text)
        if case.expect_text:
            stored = {r[0] for t, c in (("clc_activities", "title"), ("clc_activities", "partner"),
                                        ("clc_activities", "notes"), ("clc_activities", "place"),
                                        ("indicator_values", "comment"))
                      for r in lab.db.conn.execute(f"SELECT {c} FROM {t}")}
            lost = [t for t in case.expect_text if t not in stored]
            if lost:
                problems.append(f"texts not stored as sent: {lost[:3]}")
        out_file.unlink(missing_ok=True)
    return problems


def _workbook_text_problems(path: Path, texts: tuple[str, ...]) -> list[str]:
    import openpyxl
    wb = openpyxl.load_workbook(path)
    problems = []
    sent = set(texts)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                # The workbook's own formulas (totals, if any) are fine; a text that was sent is not.
                if cell.data_type == "f" and str(cell.value) in sent:
                    problems.append(f"{ws.title}!{cell.coordinate} is a formula: {str(cell.value)[:60]}")
    return problems[:5]


def run_batches(n: int, seed: int, workdir: Path, *, verbose: bool = False,
                classes: dict | None = None) -> dict:
    """Issue 12's classes, each in a batch with two genuine packages; see the comment above."""
    from xhht_desktop.sync.merge import merge_items

    classes = classes or BATCH_CLASSES
    t_setup = time.perf_counter()
    lab = BatchLab(workdir)
    setup_s = time.perf_counter() - t_setup
    failures: dict[str, list[str]] = {}
    outcomes: Counter = Counter()
    codes: Counter = Counter()
    by_class: Counter = Counter()
    goods = 0
    slowest = (0.0, "")
    t0 = time.perf_counter()
    for k in range(n):
        rng = random.Random(f"b{seed}:{k}")
        name = rng.choices(list(classes), weights=[w for w, _ in classes.values()])[0]
        inst = rng.choice(lab.insts)
        try:
            case = classes[name][1](rng, lab, inst)
        except Exception:  # noqa: BLE001
            failures[f"{seed}:{k}"] = [f"{name}: could not build: {traceback.format_exc()[-600:]}"]
            continue
        by_class[case.name] += 1
        others = rng.sample([i for i in lab.insts if i.key != inst.key and i.key not in case.unit_keys], 2)
        batch = [("good_a.xhht", lab.genuine(others[0])), (f"hostile_{k}.xhht", case.hostile),
                 ("good_b.xhht", lab.genuine(others[1]))]
        rng.shuffle(batch)
        before = lab.unit_data(case.unit_keys)
        problems = []
        t = time.perf_counter()
        try:
            report = merge_items(lab.db, batch, total=len(batch))
            results = {name_: r for (name_, _), r in zip(batch, report.packages)}
        except BaseException:  # noqa: BLE001 - MemoryError under the harness's limit included
            problems.append(f"merge raised {_exc_line()}\n" + traceback.format_exc()[-1200:])
            results = {}
        elapsed = time.perf_counter() - t
        if elapsed > slowest[0]:
            slowest = (elapsed, f"{seed}:{k} {case.name}")
        res = results.get(f"hostile_{k}.xhht")
        if res is not None:
            outcomes[res.status] += 1
            codes[res.code or res.status] += 1
            if res.status not in case.allowed:
                problems.append(f"status {res.status} ({res.code}: {res.reason}) — expected {sorted(case.allowed)}")
            if not res.reason:
                problems.append("no reason given")
            if res.status == "rejected" and not res.code:
                problems.append("rejected without a code")
        for good in ("good_a.xhht", "good_b.xhht"):
            r = results.get(good)
            if r is not None and r.status != "imported":
                problems.append(f"genuine {good} in the same batch was {r.status} ({r.code}: {r.reason})")
            elif r is not None:
                goods += 1
        if case.unit_keys and lab.unit_data(case.unit_keys) != before:
            problems.append("the data of the unit it speaks for changed")
        if lab.db.conn.in_transaction:
            problems.append("a transaction was left open")
            with suppress_all():
                lab.db.conn.execute("ROLLBACK")
        if case.follow_up:
            problems += _follow_up(lab, case, res, k)
        if elapsed > 20:
            problems.append(f"took {elapsed:.1f} s")
        if problems:
            failures[f"{seed}:{k}"] = [case.name, *problems]
            if verbose:
                print(f"{seed}:{k}", failures[f"{seed}:{k}"], file=sys.stderr)
    integrity = lab.db.conn.execute("PRAGMA integrity_check").fetchone()[0]
    lab.db.conn.close()
    return {
        "cases": n, "seed": seed, "outcomes": dict(outcomes), "codes": dict(codes.most_common()),
        "by_class": dict(sorted(by_class.items())), "failures": failures, "genuine_imported": goods,
        "integrity": integrity, "seconds": round(time.perf_counter() - t0, 1),
        "setup_seconds": round(setup_s, 1), "slowest": [round(slowest[0], 2), slowest[1]],
    }


class suppress_all:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True


def limit_memory(gib: float) -> None:
    """Cap this process's address space: a case that tries to enumerate 10^12 numbers then fails
    with MemoryError instead of taking the machine's memory."""
    import resource
    cap = int(gib * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--batches", type=int, default=None,
                    help="run N cases of issue 12's classes (each in a batch with two genuine packages) instead")
    ap.add_argument("--memory-limit", type=float, default=4.0, help="GiB of address space (0: no limit)")
    args = ap.parse_args(argv)
    if args.memory_limit:
        limit_memory(args.memory_limit)
    if args.batches is not None:
        with tempfile.TemporaryDirectory(prefix="xhht-hostile-batch-") as tmp:
            s = run_batches(args.batches, args.seed, args.workdir or Path(tmp), verbose=args.verbose)
        print(format_table(["class", "cases"], [[k, v] for k, v in s["by_class"].items()]))
        print()
        print(format_table(["outcome code", "cases"], [[k, v] for k, v in s["codes"].items()]))
        print(f"\n{s['cases']} batches (seed {s['seed']}): hostile outcomes {s['outcomes']}; genuine imported "
              f"{s['genuine_imported']}; {len(s['failures'])} broken promises; integrity {s['integrity']}; "
              f"{s['seconds']} s (+{s['setup_seconds']} s setup), slowest {s['slowest']}")
        for cid, probs in list(s["failures"].items())[:30]:
            print(f"\nFAIL {cid}: " + "\n    ".join(probs))
        if args.json:
            args.json.write_text(json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8")
        return 1 if s["failures"] or s["integrity"] != "ok" else 0
    with tempfile.TemporaryDirectory(prefix="xhht-hostile-pkg-") as tmp:
        s = run(args.n, args.seed, args.workdir or Path(tmp), verbose=args.verbose)
    print(format_table(["mutation", "packages"], [[k, v] for k, v in s["by_mutation"].items()]))
    print()
    print(format_table(["outcome code", "packages"], [[k, v] for k, v in s["codes"].items()]))
    print(f"\n{s['cases']} hostile packages (seed {s['seed']}): outcomes {s['outcomes']}; "
          f"{len(s['failures'])} broken promises; data unchanged: {s['data_unchanged']}; integrity {s['integrity']}; "
          f"{s['seconds']} s (+{s['setup_seconds']} s setup), slowest {s['slowest']}")
    for cid, probs in list(s["failures"].items())[:30]:
        print(f"\nFAIL {cid}: " + "\n    ".join(probs))
    if args.json:
        args.json.write_text(json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if s["failures"] or not s["data_unchanged"] else 0


if __name__ == "__main__":
    sys.exit(main())
