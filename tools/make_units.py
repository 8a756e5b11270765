"""Regenerate the unit files of today's Quảng Ngãi (51) in resources/units/ from `vietnamadminunits`.

Build-time only (`pip install -r requirements-tools.txt`); the app reads the committed CSVs.

    python tools/make_units.py            # rewrite the files
    python tools/make_units.py --check    # exit 1 if the committed files differ from the dataset

What it writes:
  quangngai_2025_units.csv    the 96 communes, wards and the special zone of today's province 51
  quangngai_2025_mapping.csv  every old unit (Kon Tum 62 and old Quảng Ngãi 51, with districts)
                              -> its new commune; `is_default` = 1 marks the successor that inherits
                              the history (0 only for the other half of a divided commune)
  LICENSE-vietnamadminunits.txt  the dataset's MIT licence

It also checks that the dataset agrees with the spec's `kontum_2025_mapping.csv` on all 102 Kon Tum
rows (codes and names, after the spelling table below) and stops if it does not.
The data files are read from the installed package's folder without importing the package (its
__init__ pulls shapely and geopy, which the tool does not need).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS_DIR = ROOT / "resources" / "units"
PROVINCE = "51"
PROVINCE_KEY = "tinhquangngai"
OLD_PROVINCES = {"tinhquangngai": "51", "tinhkontum": "62"}
# Where the dataset's spelling differs from ours (the spec, the legal texts).
SPELLING = {"Phường Đăk BLa": "Phường Đăk Bla"}

UNITS_HEADER = ["province_code", "province_name", "commune_code", "commune_name", "commune_type",
                "valid_from", "source"]
MAPPING_HEADER = ["old_province_code", "old_province_name", "old_district_code", "old_district_name",
                  "old_district_type", "old_commune_code", "old_commune_name", "old_commune_type",
                  "valid_to", "new_commune_code", "new_commune_name", "valid_from", "is_default", "note"]
VALID_TO, VALID_FROM = "2025-06-30", "2025-07-01"


def nfc(s: str | None) -> str:
    return unicodedata.normalize("NFC", (s or "").strip())


def _name(s: str | None) -> str:
    s = nfc(s)
    return SPELLING.get(s, s)


def package_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("vietnamadminunits is not installed: pip install -r requirements-tools.txt")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version() -> str:
    from importlib.metadata import version  # noqa: PLC0415
    return version("vietnamadminunits")


def build(pkg: Path) -> tuple[list[dict], list[dict]]:
    db = sqlite3.connect(pkg / "data" / "dataset.db")
    db.row_factory = sqlite3.Row
    conv = json.loads((pkg / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    source = f"vietnamadminunits {package_version()} (admin_units)"

    new_rows = db.execute(
        "SELECT DISTINCT ward, wardType, wardCode, wardKey, province FROM admin_units "
        "WHERE provinceCode=? ORDER BY CAST(wardCode AS INTEGER)", (PROVINCE,)).fetchall()
    new_by_key = {r["wardKey"]: r for r in new_rows}
    units = [{
        "province_code": PROVINCE, "province_name": nfc(r["province"]), "commune_code": r["wardCode"],
        "commune_name": _name(r["ward"]), "commune_type": nfc(r["wardType"]), "valid_from": VALID_FROM,
        "source": source,
    } for r in new_rows]

    if sorted(conv["DICT_PROVINCE"][PROVINCE_KEY]) != sorted(OLD_PROVINCES):
        sys.exit(f"dataset: province 51 formed from {conv['DICT_PROVINCE'][PROVINCE_KEY]}, expected Quảng Ngãi and Kon Tum")

    # old composite key "province_district_ward" -> [(new ward key, is_default)]
    successors: dict[str, list[tuple[str, bool]]] = {}
    for new_key, olds in conv["DICT_PROVINCE_WARD_NO_DIVIDED"][PROVINCE_KEY].items():
        for old in olds:
            successors.setdefault(old, []).append((new_key, True))
    for old, news in conv["DICT_PROVINCE_WARD_DIVIDED"].get(PROVINCE_KEY, {}).items():
        successors[old] = [(n["newWardKey"], bool(n["isDefaultNewWard"])) for n in news]

    legacy = db.execute(
        "SELECT province, provinceKey, provinceCode, district, districtType, districtCode, districtKey, "
        "ward, wardType, wardCode, wardKey FROM admin_units_legacy WHERE provinceKey IN (?, ?) "
        "ORDER BY provinceCode DESC, CAST(districtCode AS INTEGER), CAST(wardCode AS INTEGER)",
        tuple(OLD_PROVINCES)).fetchall()
    mapping = []
    for r in legacy:
        old_key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        news = successors.get(old_key)
        if not news:
            sys.exit(f"dataset: no successor for {old_key}")
        if sum(d for _, d in news) != 1:
            sys.exit(f"dataset: {old_key} has {sum(d for _, d in news)} default successors")
        for new_key, is_default in news:
            new = new_by_key[new_key]
            note = ""
            if len(news) > 1:
                others = ", ".join(_name(new_by_key[k]["ward"]) for k, _ in news if k != new_key)
                note = (f"chia cho {len(news)} xã; xã kế thừa số liệu: {_name(new['ward'])}" if is_default
                        else f"chia cho {len(news)} xã; số liệu trước sáp nhập thuộc {others}")
            district_only = not r["ward"]
            mapping.append({
                "old_province_code": r["provinceCode"], "old_province_name": nfc(r["province"]),
                "old_district_code": r["districtCode"], "old_district_name": nfc(r["district"]),
                "old_district_type": nfc(r["districtType"]),
                "old_commune_code": "" if district_only else r["wardCode"],
                "old_commune_name": "" if district_only else _name(r["ward"]),
                "old_commune_type": "" if district_only else nfc(r["wardType"]),
                "valid_to": VALID_TO, "new_commune_code": new["wardCode"],
                "new_commune_name": _name(new["ward"]), "valid_from": VALID_FROM,
                "is_default": "1" if is_default else "0",
                "note": note or ("huyện không có xã trực thuộc" if district_only else ""),
            })
    return units, mapping


def check_kontum(mapping: list[dict]) -> int:
    """The spec's 102-row Kon Tum mapping must agree with the dataset row for row."""
    with (UNITS_DIR / "kontum_2025_mapping.csv").open(encoding="utf-8") as fh:
        spec = list(csv.DictReader(fh))
    ours = {m["old_commune_code"]: m for m in mapping if m["old_province_code"] == "62"}
    bad = []
    for row in spec:
        m = ours.get(row["old_commune_code"])
        if m is None:
            bad.append(f"{row['old_commune_code']} not in the dataset")
        elif (m["new_commune_code"], m["new_commune_name"]) != (row["new_commune_code"], nfc(row["new_commune_name"])):
            bad.append(f"{row['old_commune_code']}: spec {row['new_commune_code']} {row['new_commune_name']}, "
                       f"dataset {m['new_commune_code']} {m['new_commune_name']}")
    if len(spec) != len(ours) or bad:
        sys.exit("Kon Tum mapping disagrees with the dataset:\n" + "\n".join(bad)
                 + f"\n(spec {len(spec)} rows, dataset {len(ours)})")
    return len(spec)


def _csv(rows: list[dict], header: list[str]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = ap.parse_args(argv)
    pkg = package_dir()
    units, mapping = build(pkg)
    n_kontum = check_kontum(mapping)
    licence = (next(pkg.parent.glob("vietnamadminunits-*.dist-info")) / "licenses" / "LICENSE").read_text(encoding="utf-8")
    files = {
        "quangngai_2025_units.csv": _csv(units, UNITS_HEADER),
        "quangngai_2025_mapping.csv": _csv(mapping, MAPPING_HEADER),
        "LICENSE-vietnamadminunits.txt": licence,
    }
    new_from_kt = {m["new_commune_code"] for m in mapping if m["old_province_code"] == "62"}
    old_qn = {m["old_commune_code"] for m in mapping if m["old_province_code"] == "51" and m["old_commune_code"]}
    print(f"{len(units)} new units of 51: {len(new_from_kt)} from Kon Tum's {n_kontum}, "
          f"{len(units) - len(new_from_kt)} from old Quảng Ngãi's {len(old_qn)} communes "
          f"(+ {sum(1 for m in mapping if not m['old_commune_code'])} district without communes); "
          f"divided: {sorted({m['old_commune_name'] for m in mapping if m['is_default'] == '0'})}")
    differ = [name for name, text in files.items()
              if not (UNITS_DIR / name).exists() or (UNITS_DIR / name).read_text(encoding="utf-8") != text]
    if args.check:
        if differ:
            print("differ from the dataset: " + ", ".join(differ), file=sys.stderr)
            return 1
        return 0
    for name in differ:
        (UNITS_DIR / name).write_text(files[name], encoding="utf-8", newline="\n")
        print(f"wrote resources/units/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
