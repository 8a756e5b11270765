"""A budget for age headers, checked before any decryption or key derivation.

An age file starts with a text header: the version line, one stanza per recipient
(`-> TYPE ARG…` then its base64 body) and the MAC line `--- …`. The decryption libraries try every
stanza against every identity, and for a passphrase file derive a key with the scrypt work factor
the file names; neither cost is bounded by the file's size (2,000 stanzas cost about forty seconds
here, log2 N = 24 sixteen GiB). So anything we decrypt from outside (sync packages, key backups,
and later receipts and reference updates) is first read by `read_age_header` against a budget: the
header's size, the number of stanzas, their types and shapes, and for scrypt the work factor.

Only reading, no cryptography: a refusal costs microseconds. Problems are raised as
AgeHeaderProblem with a stable code and numbers; the caller words them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AGE_MAGIC = b"age-encryption.org/v1\n"
MAC_PREFIX = b"\n--- "

_B64_32 = re.compile(rb"[A-Za-z0-9+/]{43}\Z")  # 32 bytes, unpadded base64 (X25519 share, file key body)
_B64_16 = re.compile(rb"[A-Za-z0-9+/]{22}\Z")  # 16 bytes (scrypt salt)
_WORK_FACTOR = re.compile(rb"[1-9][0-9]?\Z")
_BODY_LINE = re.compile(rb"[A-Za-z0-9+/]{0,64}\Z")
# The rage library we encrypt with adds one "grease" stanza of a random type ending in "-grease" to
# every file (so that recipients learn to skip types they do not know). It is tolerated, alone.
_GREASE_SUFFIX = b"-grease"

# log2 N of scrypt: 22 is the ceiling of age's reference implementation (4 GiB, about 16 s here).
# Backups written by this app take what rage calibrates to about one second (19 on this machine).
MAX_SCRYPT_WORK_FACTOR = 22


@dataclass(frozen=True)
class AgeBudget:
    max_header: int  # bytes, version line to the end of the MAC line
    max_stanzas: int  # stanzas of the allowed types
    allowed: frozenset[str]  # "X25519", "scrypt"
    max_grease: int = 1
    max_work_factor: int = MAX_SCRYPT_WORK_FACTOR


# A package is encrypted to the Department and at most 49 extra recipients (check_manifest allows
# 50): about 100 bytes a stanza, so 16 KiB is triple what the largest legitimate header needs.
PACKAGE_BUDGET = AgeBudget(max_header=16 * 1024, max_stanzas=50, allowed=frozenset({"X25519"}))
# A key backup is one scrypt stanza (the age format allows no other next to it).
KEY_BACKUP_BUDGET = AgeBudget(max_header=1024, max_stanzas=1, allowed=frozenset({"scrypt"}), max_grease=0)


@dataclass(frozen=True)
class Stanza:
    type: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class AgeHeader:
    stanzas: tuple[Stanza, ...]  # grease stanzas left out
    size: int

    @property
    def work_factor(self) -> int | None:
        """log2 N of the scrypt stanza, if the file is passphrase-encrypted."""
        for s in self.stanzas:
            if s.type == "scrypt":
                return int(s.args[1])
        return None


class AgeHeaderProblem(ValueError):
    """`code`: not_age | truncated | header_too_large | too_many_stanzas | stanza_type | bad_stanza |
    work_factor. `params` gives the numbers (count, limit, type, work_factor)."""

    def __init__(self, code: str, **params):
        super().__init__(f"{code} {params}")
        self.code = code
        self.params = params


def read_age_header(data: bytes, budget: AgeBudget) -> AgeHeader:
    """Check the header of an age file against `budget`; raise AgeHeaderProblem, else describe it."""
    if not data.startswith(AGE_MAGIC):
        if data[:len(AGE_MAGIC)] == AGE_MAGIC[:len(data)]:
            raise AgeHeaderProblem("truncated")
        raise AgeHeaderProblem("not_age")
    head = data[:budget.max_header + 1]
    end = head.find(MAC_PREFIX)
    mac_end = head.find(b"\n", end + 1) if end >= 0 else -1
    if mac_end < 0:
        if len(data) <= budget.max_header:
            raise AgeHeaderProblem("truncated")
        # Too long. Say why in the reader's terms when it is the number of recipients (a byte scan
        # of a file whose size the caller has already bounded: no parsing, no cryptography).
        whole_end = data.find(MAC_PREFIX)
        count = data.count(b"\n-> ", 0, whole_end if whole_end >= 0 else len(data))
        if count > budget.max_stanzas + budget.max_grease:
            raise AgeHeaderProblem("too_many_stanzas", count=count, limit=budget.max_stanzas)
        raise AgeHeaderProblem("header_too_large", limit=budget.max_header)
    lines = head[len(AGE_MAGIC):end + 1].split(b"\n")[:-1]
    count = sum(1 for ln in lines if ln.startswith(b"-> "))
    if count > budget.max_stanzas + budget.max_grease:
        raise AgeHeaderProblem("too_many_stanzas", count=count, limit=budget.max_stanzas)
    stanzas: list[Stanza] = []
    grease = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith(b"-> "):
            raise AgeHeaderProblem("bad_stanza")
        words = line[3:].split(b" ")
        body: list[bytes] = []
        i += 1
        while i < len(lines) and not lines[i].startswith(b"-> "):
            body.append(lines[i])
            i += 1
        if not body or any(not _BODY_LINE.match(b) for b in body) or any(len(b) != 64 for b in body[:-1]) \
                or len(body[-1]) == 64:
            raise AgeHeaderProblem("bad_stanza")
        kind = words[0]
        if kind.endswith(_GREASE_SUFFIX):
            grease += 1
            if grease > budget.max_grease:
                raise AgeHeaderProblem("stanza_type", type=kind.decode("ascii", "replace")[:40])
            continue
        name = kind.decode("ascii", "replace")
        if name not in budget.allowed:
            raise AgeHeaderProblem("stanza_type", type=name[:40])
        if name == "X25519":
            if len(words) != 2 or not _B64_32.match(words[1]) or len(body) != 1 or len(body[0]) != 43:
                raise AgeHeaderProblem("bad_stanza")
        elif name == "scrypt":
            if len(words) != 3 or not _B64_16.match(words[1]) or not _WORK_FACTOR.match(words[2]) \
                    or len(body) != 1 or len(body[0]) != 43:
                raise AgeHeaderProblem("bad_stanza")
            factor = int(words[2])
            if factor > budget.max_work_factor:
                raise AgeHeaderProblem("work_factor", work_factor=factor, limit=budget.max_work_factor)
        stanzas.append(Stanza(name, tuple(w.decode("ascii") for w in words[1:])))
    if len(stanzas) > budget.max_stanzas:
        raise AgeHeaderProblem("too_many_stanzas", count=len(stanzas), limit=budget.max_stanzas)
    if not stanzas:
        raise AgeHeaderProblem("bad_stanza")
    return AgeHeader(tuple(stanzas), mac_end + 1)
