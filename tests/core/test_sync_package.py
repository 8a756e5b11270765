"""Hostile and damaged packages: each is rejected with a reason and the database stays exactly as it was.
Also: a package opens with the standard `age` and `minisign` tools."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import subprocess
import tarfile

import pyrage
import pytest
from nacl.signing import SigningKey
from pyrage import x25519

from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender, statuses
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import keys, merge, minisign, package


@pytest.fixture
def pair(tmp_path):
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200), Entry("XMC_15_60", "nu", 560, 600))
    first = pek.export(tmp_path / "usb")
    merge.merge_files(dept.db, [first])
    confirm_all(dept)
    pek.save("2014-H1", Entry("XMC_15_60", None, 1160, 1200))
    second = pek.export(tmp_path / "usb")
    yield dept, pek, second
    dept.close()
    pek.close()


def _members(dept, path) -> dict[str, bytes]:
    plain = pyrage.decrypt(path.read_bytes(), keys.department_identities(dept.db))
    return package.read_tar(plain)


def _repack(dept, members: dict[str, bytes], *, manifest: dict | None = None, signer: SigningKey | None = None,
            recipients: list[str] | None = None) -> bytes:
    """Rebuild a package from (possibly altered) parts; re-sign when a signer is given."""
    manifest_bytes = members[package.MANIFEST_NAME]
    if manifest is not None:
        manifest_bytes = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    sig = members[package.SIGNATURE_NAME]
    if signer is not None:
        sig = minisign.sign(signer, manifest_bytes, "test").encode("ascii")
    plain = package.write_tar([(package.MANIFEST_NAME, manifest_bytes), (package.SIGNATURE_NAME, sig),
                               (package.PAYLOAD_NAME, members[package.PAYLOAD_NAME])], 0)
    recips = recipients or [keys.department_recipient(dept.db)]
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in recips])


def _merge_bytes(dept, data: bytes, tmp_path, name="XHHT_test.xhht"):
    path = tmp_path / name
    path.write_bytes(data)
    before = dept.dump()
    report = merge.merge_files(dept.db, [path])
    assert dept.dump() == before, "a rejected package changed the database"
    (result,) = report.packages
    assert result.status == "rejected" and result.reason
    return result


def test_the_untouched_package_is_accepted(pair, tmp_path):
    dept, _pek, second = pair
    assert statuses(merge.merge_files(dept.db, [second], dry_run=True)) == ["imported"]


def test_flipped_bytes_anywhere_are_rejected(pair, tmp_path):
    dept, _pek, second = pair
    data = second.read_bytes()
    codes = set()
    for pos in sorted({0, 5, 30, 60, 100, 150, len(data) // 3, len(data) // 2, len(data) - 40, len(data) - 1}):
        mutated = bytearray(data)
        mutated[pos] ^= 0x10
        codes.add(_merge_bytes(dept, bytes(mutated), tmp_path).code)
    assert codes <= {"damaged", "not_for_us", "truncated"}
    assert "damaged" in codes


@pytest.mark.parametrize("keep", [0, 10, 21, 100, 200, 400, -1])
def test_truncated_files_are_rejected(pair, tmp_path, keep):
    dept, _pek, second = pair
    data = second.read_bytes()
    result = _merge_bytes(dept, data[:keep] if keep >= 0 else data[:-1], tmp_path)
    assert result.code in ("truncated", "damaged")
    assert "cắt" in result.reason or "hỏng" in result.reason


def test_swapped_signature_is_rejected(pair, tmp_path):
    dept, _pek, second = pair
    members = _members(dept, second)
    forged = _repack(dept, members, signer=SigningKey.generate())  # someone else's key, same manifest
    result = _merge_bytes(dept, forged, tmp_path)
    assert result.code == "bad_signature" and "Chữ ký" in result.reason


def test_signature_of_another_package_is_rejected(pair, tmp_path):
    dept, pek, second = pair
    pek.save("2014-H1", Entry("XMC_15_60", None, 1170, 1200))
    third = pek.export(tmp_path / "usb3")
    members = _members(dept, third)
    members[package.SIGNATURE_NAME] = _members(dept, second)[package.SIGNATURE_NAME]
    assert _merge_bytes(dept, _repack(dept, members), tmp_path).code == "bad_signature"


def test_edited_manifest_or_payload_is_rejected(pair, tmp_path):
    dept, _pek, second = pair
    members = _members(dept, second)
    manifest = json.loads(members[package.MANIFEST_NAME])
    manifest["sequence"] = 99
    assert _merge_bytes(dept, _repack(dept, members, manifest=manifest), tmp_path).code == "bad_signature"
    # A different payload under the original, correctly signed manifest.
    doc = json.loads(gzip.decompress(members[package.PAYLOAD_NAME]))
    doc["tables"]["indicator_values"]["rows"][0][-4] = 1199  # numerator
    members2 = dict(members, **{package.PAYLOAD_NAME: gzip.compress(json.dumps(doc).encode())})
    result = _merge_bytes(dept, _repack(dept, members2), tmp_path)
    assert result.code == "bad_signature" and "không khớp" in result.reason


def test_package_for_another_department_is_rejected(pair, tmp_path):
    dept, pek, _second = pair
    other = department(tmp_path / "other")
    keys.trust_department(pek.db, keys.department_public_key_text(other.db))
    pek.save("2014-H1", Entry("XMC_15_60", None, 1180, 1200))
    elsewhere = pek.export(tmp_path / "elsewhere")
    result = _merge_bytes(dept, elsewhere.read_bytes(), tmp_path)
    assert result.code == "not_for_us" and "không được mã hóa cho Sở này" in result.reason
    # The other Department re-encrypts it to us: the signed manifest still names the other one.
    members = _members(other, elsewhere)
    result = _merge_bytes(dept, _repack(dept, members), tmp_path)
    assert result.code == "not_for_us" and "Sở khác" in result.reason
    other.close()


def _resign(dept, pek, members, manifest) -> bytes:
    return _repack(dept, members, manifest=manifest, signer=keys.signing_key(pek.db))


def test_newer_format_is_rejected_with_advice(pair, tmp_path):
    dept, pek, second = pair
    members = _members(dept, second)
    manifest = json.loads(members[package.MANIFEST_NAME])
    manifest["format"] = package.FORMAT_VERSION + 1
    result = _merge_bytes(dept, _resign(dept, pek, members, manifest), tmp_path)
    assert result.code == "newer_format" and "cập nhật" in result.reason


def test_decompression_bomb_stops_at_the_signed_size(pair, tmp_path):
    dept, pek, second = pair
    members = _members(dept, second)
    manifest = json.loads(members[package.MANIFEST_NAME])
    bomb = gzip.compress(b" " * (20 * 1024 * 1024), compresslevel=9)  # 20 MB of spaces, ~20 kB packed
    members[package.PAYLOAD_NAME] = bomb
    manifest["payload"].update(sha256=hashlib.sha256(bomb).hexdigest(), size=len(bomb), uncompressed_size=1000)
    result = _merge_bytes(dept, _resign(dept, pek, members, manifest), tmp_path)
    assert result.code == "too_large"


def _payload_edit(dept, pek, second, edit) -> package.PackageRejected | str:
    members = _members(dept, second)
    manifest = json.loads(members[package.MANIFEST_NAME])
    doc = json.loads(gzip.decompress(members[package.PAYLOAD_NAME]))
    edit(doc, manifest)
    raw = json.dumps(doc).encode()
    packed = gzip.compress(raw)
    members[package.PAYLOAD_NAME] = packed
    manifest["payload"].update(sha256=hashlib.sha256(packed).hexdigest(), size=len(packed),
                               uncompressed_size=len(raw))
    return _resign(dept, pek, members, manifest)


def test_signed_but_malformed_payloads_are_rejected(pair, tmp_path):
    """Even a correctly signed package (a modified app, a stolen key) is schema-checked."""
    dept, pek, second = pair

    def other_unit(doc, _m):
        doc["tables"]["indicator_values"]["rows"][0][1] = "23344@2013-12-02"

    def borrowed_uuid(doc, _m):
        doc["tables"]["indicator_values"]["rows"][0][0] = "00000000-0000-4000-8000-000000000000"

    def text_number(doc, _m):
        table = doc["tables"]["indicator_values"]
        table["rows"][0][table["columns"].index("numerator")] = "1160"

    def extra_column(doc, _m):
        doc["tables"]["indicator_values"]["columns"].append("unit_id")

    def unknown_table(doc, _m):
        doc["tables"]["users"] = {"columns": [], "rows": []}

    def count_mismatch(_doc, m):
        m["counts"]["indicator_values"] += 1

    def periods_mismatch(_doc, m):
        m["periods"] = ["2014-H1", "2030"]

    expected = {other_unit: "bad_payload", borrowed_uuid: "bad_payload", text_number: "bad_payload",
                extra_column: "bad_payload", unknown_table: "newer_format", count_mismatch: "bad_payload",
                periods_mismatch: "bad_payload"}
    for edit, code in expected.items():
        result = _merge_bytes(dept, _payload_edit(dept, pek, second, edit), tmp_path)
        assert result.code == code, (edit.__name__, result.reason)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a package", b"age-encryption.org/v1\n-> X25519 zz\n"])
def test_not_a_package_is_rejected(pair, tmp_path, content):
    dept, _pek, _second = pair
    assert _merge_bytes(dept, content, tmp_path).code in ("damaged", "truncated", "not_for_us")


def test_oversized_file_is_rejected_before_reading(pair, tmp_path):
    dept, _pek, _second = pair
    big = tmp_path / "XHHT_big.xhht"
    with big.open("wb") as fh:
        fh.truncate(package.MAX_FILE_SIZE + 1)  # sparse: costs no disk
    before = dept.dump()
    (result,) = merge.merge_files(dept.db, [big]).packages
    assert result.code == "too_large" and dept.dump() == before


def test_tar_reader_refuses_paths_and_extra_members():
    def tar(names):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
            for n in names:
                info = tarfile.TarInfo(n)
                info.size = 2
                t.addfile(info, io.BytesIO(b"{}"))
        return buf.getvalue()
    with pytest.raises(package.PackageRejected):
        package.read_tar(tar(["../manifest.json", "manifest.json.minisig", "payload.json.gz"]))
    with pytest.raises(package.PackageRejected):
        package.read_tar(tar([*package.MEMBERS, "extra"]))
    assert set(package.read_tar(tar(list(package.MEMBERS)))) == set(package.MEMBERS)


def test_package_opens_with_standard_age_and_minisign(pair, tmp_path):
    age = shutil.which("age")
    if age is None:
        pytest.skip("the age command-line tool is not installed (Debian: apt-get install age)")
    dept, pek, second = pair
    identity = keys.write_file(tmp_path / "so.agekey", keys.identity_file_text(dept.db), private=True)
    plain = subprocess.run([age, "-d", "-i", str(identity), str(second)], capture_output=True, check=True).stdout
    out = tmp_path / "opened"
    out.mkdir()
    with tarfile.open(fileobj=io.BytesIO(plain)) as t:
        assert t.getnames() == list(package.MEMBERS)
        for name in package.MEMBERS:
            (out / name).write_bytes(t.extractfile(name).read())
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["unit"]["code"] == PEK and manifest["sequence"] == 2
    assert hashlib.sha256((out / "payload.json.gz").read_bytes()).hexdigest() == manifest["payload"]["sha256"]
    rows = json.loads(gzip.decompress((out / "payload.json.gz").read_bytes()))["tables"]["indicator_values"]
    assert rows["columns"][:2] == ["uuid", "unit"] and len(rows["rows"]) == 1
    mini = shutil.which("minisign")
    if mini is None:
        pytest.skip("minisign is not installed; the age part passed")
    pub = keys.write_file(tmp_path / "pek.pub", keys.signing_public_key_text(pek.db))
    ok = subprocess.run([mini, "-V", "-p", str(pub), "-m", str(out / "manifest.json"),
                         "-x", str(out / "manifest.json.minisig")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    (out / "manifest.json").write_bytes((out / "manifest.json").read_bytes().replace(b'"sequence": 2', b'"sequence": 3'))
    bad = subprocess.run([mini, "-V", "-p", str(pub), "-m", str(out / "manifest.json"),
                          "-x", str(out / "manifest.json.minisig")], capture_output=True, text=True)
    assert bad.returncode != 0


def test_fast_uuid_derivation_matches_the_records_own():
    from xhht_desktop.db import values_repo
    from xhht_desktop.sync.tables import INDICATOR_VALUES, PERIOD_STATUS
    for period, ind, bd in [("2014-H1", "XMC_15_60", None), ("2030", "PC_THCS", "nu"), ("2014", "Đặc biệt", "dtts")]:
        row = {"period": period, "indicator": ind, "breakdown": bd or ""}
        assert INDICATOR_VALUES.derive_uuid("23353@2013-12-02", row) == \
            values_repo.value_uuid("23353@2013-12-02", period, ind, bd)
        assert PERIOD_STATUS.derive_uuid("51@2025-07-01", row) == values_repo.status_uuid("51@2025-07-01", period)


def test_more_recipients_can_each_open_the_package(pair, tmp_path):
    """A package encrypted to the Department and to its backup key opens with either."""
    dept, pek, _second = pair
    backup_key = x25519.Identity.generate()
    fp = keys.add_extra_recipient(pek.db, f"# dự phòng\n{backup_key.to_public()}\n")
    assert fp == keys.recipient_fingerprint(str(backup_key.to_public()))
    pek.save("2014-H1", Entry("XMC_15_60", None, 1170, 1200))
    third = pek.export(tmp_path / "usb3")
    assert set(_members(dept, third)) == set(package.MEMBERS)
    plain = pyrage.decrypt(third.read_bytes(), [backup_key])
    manifest = json.loads(package.read_tar(plain)[package.MANIFEST_NAME])
    assert manifest["recipients"] == [keys.department_fingerprint(dept.db), fp]
    assert statuses(merge.merge_files(dept.db, [third])) == ["imported"]
