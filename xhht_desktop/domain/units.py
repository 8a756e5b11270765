"""Effective-dated administrative units of Kon Tum, built from the two shipped unit files.

A code is not a timeless key: after 1 July 2025 each new commune reuses the code of one
predecessor (23293 was Phường Thắng Lợi, then Phường Kon Tum). A unit is therefore identified by
`key` = "<code>@<valid_from>", and its parent is itself effective-dated (the three Ia communes
moved from Sa Thầy to the new district Ia H'Drai in 2015).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from xhht_desktop.domain.text import nfc
from xhht_desktop.paths import resource_path

PROVINCE_CODE = "62"
PROVINCE_NAME = "Tỉnh Kon Tum"
# The plan's date: the unit list is the state in force then.
BASE_DATE = "2013-12-02"
# The GSO state of the 2013 file ends on 2013-12-20; the five communes missing from it were
# created right after (Đăk Long, Đăk Ngọk in Đắk Hà; Ia Đal, Ia Dom, Ia Tơi in Sa Thầy).
ADDED_DEC_2013 = "2013-12-21"
# Ia H'Drai district: Nghị quyết 890/NQ-UBTVQH13 of 11 March 2015 took the three Ia communes
# out of Sa Thầy.
IA_HDRAI_CODE = "618"
IA_HDRAI_FROM = "2015-03-11"
OLD_SYSTEM_END = "2025-06-30"
NEW_SYSTEM_FROM = "2025-07-01"
NEW_PROVINCE_CODE = "51"
NEW_PROVINCE_NAME = "Tỉnh Quảng Ngãi"

TYPE_PREFIXES = ("Thành phố", "Thị trấn", "Phường", "Huyện", "Tỉnh", "Xã")


def unit_key(code: str, valid_from: str) -> str:
    return f"{code}@{valid_from}"


def type_label(name: str) -> str:
    for prefix in TYPE_PREFIXES:
        if name.startswith(prefix + " "):
            return prefix
    return ""


@dataclass
class UnitRecord:
    code: str
    name: str
    level: str  # tinh | huyen | xa
    valid_from: str
    valid_to: str | None
    parents: list[tuple[str, str, str | None]] = field(default_factory=list)  # (parent key, from, to)

    @property
    def key(self) -> str:
        return unit_key(self.code, self.valid_from)

    @property
    def type_label(self) -> str:
        return type_label(self.name)


@lru_cache(maxsize=1)
def load_unit_records() -> tuple[tuple[UnitRecord, ...], tuple[tuple[str, str, str], ...]]:
    """All unit versions, and the 2025 lineage as (predecessor key, successor key, date)."""
    with resource_path("units", "kontum_2013-12-02_units.csv").open(encoding="utf-8") as fh:
        base_rows = list(csv.DictReader(fh))
    with resource_path("units", "kontum_2025_mapping.csv").open(encoding="utf-8") as fh:
        mapping = list(csv.DictReader(fh))

    province = UnitRecord(PROVINCE_CODE, PROVINCE_NAME, "tinh", BASE_DATE, OLD_SYSTEM_END)
    new_province = UnitRecord(NEW_PROVINCE_CODE, NEW_PROVINCE_NAME, "tinh", NEW_SYSTEM_FROM, None)
    records: dict[str, UnitRecord] = {}
    records[province.key] = province
    records[new_province.key] = new_province

    districts: dict[str, UnitRecord] = {}

    def district(code: str, name: str, valid_from: str) -> UnitRecord:
        if code not in districts:
            rec = UnitRecord(code, nfc(name), "huyen", valid_from, OLD_SYSTEM_END,
                             [(province.key, valid_from, OLD_SYSTEM_END)])
            districts[code] = rec
            records[rec.key] = rec
        return districts[code]

    in_base: set[str] = set()
    for row in base_rows:
        d = district(row["district_code"], row["district_name"], BASE_DATE)
        rec = UnitRecord(row["commune_code"], nfc(row["commune_name"]), "xa", BASE_DATE,
                         OLD_SYSTEM_END, [(d.key, BASE_DATE, OLD_SYSTEM_END)])
        records[rec.key] = rec
        in_base.add(rec.code)

    sa_thay = districts["616"]
    for row in mapping:
        code = row["old_commune_code"]
        if code in in_base:
            continue
        if row["old_district_code"] == IA_HDRAI_CODE:
            ia = district(IA_HDRAI_CODE, row["old_district_name"].replace("H' Drai", "H'Drai"),
                          IA_HDRAI_FROM)
            parents = [(sa_thay.key, ADDED_DEC_2013, "2015-03-10"), (ia.key, IA_HDRAI_FROM, OLD_SYSTEM_END)]
        else:
            d = districts[row["old_district_code"]]
            parents = [(d.key, ADDED_DEC_2013, OLD_SYSTEM_END)]
        rec = UnitRecord(code, nfc(row["old_commune_name"]), "xa", ADDED_DEC_2013, OLD_SYSTEM_END, parents)
        records[rec.key] = rec

    lineage: list[tuple[str, str, str]] = []
    successors: dict[str, UnitRecord] = {}
    for row in mapping:
        new_code = row["new_commune_code"]
        if new_code not in successors:
            rec = UnitRecord(new_code, nfc(row["new_commune_name"]), "xa", NEW_SYSTEM_FROM, None,
                             [(new_province.key, NEW_SYSTEM_FROM, None)])
            successors[new_code] = rec
            records[rec.key] = rec
        old = next(r for r in records.values()
                   if r.code == row["old_commune_code"] and r.level == "xa" and r.valid_to == OLD_SYSTEM_END)
        lineage.append((old.key, successors[new_code].key, NEW_SYSTEM_FROM))
    return tuple(records.values()), tuple(lineage)
