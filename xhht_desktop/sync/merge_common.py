"""What the merge's modules share: outcomes and their labels, the budgets a package may claim, the
result of each package and of the batch, and the batch's state (see merge.py for the whole)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import sqlite_utils

from xhht_desktop.installation import get_installation
from xhht_desktop.sync import keys, repo
from xhht_desktop.sync.package import OpenedPackage
from xhht_desktop.sync.tables import TableSpec, table_specs
from xhht_desktop.messages import Text

Progress = Callable[[int, int, str], None]


IMPORTED, DUPLICATE, CONFLICT, HELD, REJECTED = "imported", "duplicate", "conflict", "held", "rejected"
STATUS_LABELS_VI = {
    IMPORTED: "Đã nhập",
    DUPLICATE: "Trùng – đã nhập trước đó",
    CONFLICT: "Đã nhập, có xung đột",
    HELD: "Chờ xác nhận máy gửi",
    REJECTED: "Bị từ chối",
}
DRY_RUN_LABELS_VI = {
    IMPORTED: "Sẽ nhập",
    DUPLICATE: "Trùng – đã nhập trước đó",
    CONFLICT: "Sẽ nhập, có xung đột",
    HELD: "Sẽ chờ xác nhận máy gửi",
    REJECTED: "Sẽ bị từ chối",
}
COUNT_KEYS = ("new", "updated", "unchanged", "older", "conflicts", "deleted")
COUNT_LABELS_VI = {"new": "mới", "updated": "cập nhật", "unchanged": "không đổi", "older": "cũ hơn (bỏ qua)",
                   "conflicts": "xung đột", "deleted": "xóa"}
LEVEL_OF_ROLE = {"commune": "xa", "district": "huyen"}
MAX_PROBLEMS_SHOWN = 50
# Budgets of what a package may claim (issue 12). A commune that exports twice a day for ten years
# numbers about 7,000 packages; a figure saved a hundred times a day for three years, about 100,000
# revisions. Beyond, the package is refused with its reason before any work depends on the number.
MAX_SEQUENCE_JUMP = 10_000    # above the highest sequence received from the same key
MAX_REVISION_JUMP = 100_000   # above the revision of that record and origin known here (0 if none)
MAX_MISSING_LISTED = 100      # missing sequence numbers listed one by one (the rest as ranges, counted)
# Times a package and its records may carry (UTC): the programme starts in 2013, and nothing made by
# this application can be dated after 2100. Anything else (or what does not parse) is refused.
EARLIEST_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
LATEST_TIME = dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)


class MergeError(ValueError):
    """The merge cannot start at all (not a Department, no key); raised with a coded Text."""


@dataclass
class PackageResult:
    file: str
    status: str = REJECTED
    reason: str = ""
    code: str = ""
    package_uuid: str = ""
    unit_key: str = ""
    unit_code: str = ""
    unit_name: str = ""
    fingerprint: str = ""
    installation_id: str = ""
    official: str = ""
    sequence: int | None = None
    created_at: str = ""
    full: bool = False
    periods: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class MergeReport:
    packages: list[PackageResult] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    dry_run: bool = False
    cancelled: bool = False
    not_processed: list[str] = field(default_factory=list)
    started_at: str = ""
    finished_at: str = ""
    actor: str = ""

    @property
    def status_counts(self) -> dict[str, int]:
        out = dict.fromkeys((IMPORTED, CONFLICT, DUPLICATE, HELD, REJECTED), 0)
        for p in self.packages:
            out[p.status] += 1
        return out

    @property
    def record_counts(self) -> dict[str, int]:
        out = dict.fromkeys(COUNT_KEYS, 0)
        for p in self.packages:
            if p.status in (IMPORTED, CONFLICT):
                for k in COUNT_KEYS:
                    out[k] += p.counts.get(k, 0)
        return out

    @property
    def any_rejected(self) -> bool:
        return any(p.status == REJECTED for p in self.packages)

    def to_json(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "cancelled": self.cancelled,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "packages": [p.to_json() for p in self.packages],
            "counts": self.status_counts,
            "records": self.record_counts,
            "gaps": self.gaps,
            "not_processed": self.not_processed,
        }


def now_iso() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


# ---- the batch (its state, shared by reading, planning and writing) ----------------------------------------------------------------------------------

@dataclass
class _Batch:
    db: sqlite_utils.Database
    identities: list
    own_fingerprints: set[str]
    specs: dict[str, TableSpec]
    actor: str
    origin: str
    dry_run: bool
    seen: set[str] = field(default_factory=set)
    touched: set[tuple[str, str]] = field(default_factory=set)  # (fingerprint, unit_key)
    rows_written: int = 0  # records and history rows, for the size of a group
    units: dict[str, tuple] = field(default_factory=dict)  # unit key -> repo.unit_row (all, read at start)
    # False while the database holds no conflict at all: then no package needs to look them up.
    conflicts_possible: bool = True
    checkpointer: repo.BackgroundCheckpointer | None = None
    now: str = ""
    # Plans made in the helper process (merge_plan.AheadPlanner) are taken while no other connection
    # has committed since the batch began (PRAGMA data_version: `outside_version`).
    plans_trusted: bool = True
    outside_version: int | None = None


def _start(db: sqlite_utils.Database, dry_run: bool, actor: str | None) -> _Batch:
    inst = get_installation(db)
    if inst is None or inst.role != "department":
        raise MergeError(Text("merge.not_department"))
    identities = keys.department_identities(db)
    if not identities:
        raise MergeError(Text("merge.no_secret_key"))
    return _Batch(db=db, identities=identities, own_fingerprints=keys.own_department_fingerprints(db),
                  specs=table_specs(db), actor=actor or inst.actor, origin=inst.installation_id,
                  dry_run=dry_run, now=now_iso(), units=repo.unit_rows(db))


# ---- a package's result -------------------------------------------------------------------------

def _describe(result: PackageResult, opened: OpenedPackage) -> None:
    m = opened.manifest
    result.package_uuid = m["package_uuid"]
    result.unit_key = m["unit"]["key"]
    result.unit_code = m["unit"]["code"]
    result.unit_name = m["unit"]["name"]
    result.fingerprint = opened.fingerprint
    result.installation_id = m["installation_id"]
    result.official = m.get("official", {}).get("name", "")
    result.sequence = m["sequence"]
    result.created_at = m["created_at"]
    result.full = m["full"]
    result.periods = list(m["periods"])


def _reject(result: PackageResult, code: str, reason: str) -> PackageResult:
    result.status, result.code, result.reason = REJECTED, code, reason
    return result

