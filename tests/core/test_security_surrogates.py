"""A lone surrogate ("\\ud800": valid JSON, not text) in a signed package's payload or manifest is refused
with that package alone, before the database: it used to stop the whole merge (the figures' UUID
derivation, or the write, cannot encode it)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json

import pyrage
import pytest
from pyrage import x25519

from tests.core.test_security_trust import _edit_rows, _parts, craft, world  # noqa: F401 - the fixture
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import keys, merge, minisign, package


@pytest.mark.parametrize("field, value", [("indicator", "XMC_15_60\ud800"), ("comment", "ghi chú \udc00"),
                                          ("updated_by", "\ud83d")])
def test_a_lone_surrogate_in_the_payload_refuses_that_package_alone(world, tmp_path, field, value):  # noqa: F811
    dept, pek, c44 = world
    pek.save("2014-H1", Entry("XMC_15_60", None, 110, 200))
    c44.save("2014-H1", Entry("XMC_15_60", None, 710, 1000))
    genuine = pek.export(tmp_path / "g")
    hostile = craft(dept, c44.export(tmp_path / "h"), c44,
                    payload=lambda doc: _edit_rows(doc, lambda d: d.update({field: value})))
    report = merge.merge_files(dept.db, [hostile, genuine])
    by_file = {p.file: p for p in report.packages}
    assert by_file[hostile.name].status == "rejected" and by_file[hostile.name].code == "bad_payload"
    assert by_file[genuine.name].status == "imported"
    assert dept.db.conn.execute("SELECT count(*) FROM indicator_values WHERE comment LIKE '%ghi chú%'").fetchone() == (0,)


def test_a_lone_surrogate_in_the_manifest_refuses_that_package_alone(world, tmp_path):  # noqa: F811
    dept, pek, c44 = world
    pek.save("2014-H1", Entry("XMC_15_60", None, 110, 200))
    c44.save("2014-H1", Entry("XMC_15_60", None, 710, 1000))
    genuine = pek.export(tmp_path / "g")

    path = c44.export(tmp_path / "h")
    m, doc = _parts(dept, path)  # signed again as craft() does, the manifest written with its escape
    public = bytes(keys.signing_key(c44.db).verify_key)
    m["signer"] = {"algorithm": "ed25519-minisign", "public_key": base64.b64encode(public).decode(),
                   "fingerprint": keys.signing_fingerprint(public)}
    m["official"]["name"] = "Nguyễn \ud800"
    raw = json.dumps(doc).encode()
    packed = gzip.compress(raw)
    m["payload"].update(sha256=hashlib.sha256(packed).hexdigest(), size=len(packed), uncompressed_size=len(raw))
    manifest_bytes = json.dumps(m, indent=1, sort_keys=True).encode()
    sig = minisign.sign(keys.signing_key(c44.db), manifest_bytes, "test").encode("ascii")
    plain = package.write_tar([(package.MANIFEST_NAME, manifest_bytes), (package.SIGNATURE_NAME, sig),
                               (package.PAYLOAD_NAME, packed)], 0)
    hostile = path.parent / "crafted_manifest.xhht"
    hostile.write_bytes(pyrage.encrypt(plain, [x25519.Recipient.from_str(keys.department_recipient(dept.db))]))
    report = merge.merge_files(dept.db, [hostile, genuine])
    by_file = {p.file: p for p in report.packages}
    assert by_file[hostile.name].status == "rejected"
    assert by_file[genuine.name].status == "imported"
