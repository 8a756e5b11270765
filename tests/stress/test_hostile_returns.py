"""Reduced hostile run for the way back (issue 11): mutated reference updates and receipts against a
commune. Every one is refused with a code and a Vietnamese reason, and nothing in the commune's
database changes (targets, units, keys, applied updates and receipts, acknowledgements, requests)."""

from __future__ import annotations

import json
import os
import random

import pyrage
from nacl.signing import SigningKey
from pyrage import x25519

from tests.core.test_returns import COMMUNE, IND, World, fingerprint_of, run
from xhht_desktop.installation import open_app_database
from xhht_desktop.sync import keys, receipts, signed_doc, updates
from xhht_desktop.sync.package import write_tar
from xhht_desktop.sync.returns_cli import apply_paths


def _flip(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(b))
        b[i] ^= 1 << rnd.randrange(8)
    return bytes(b)


def _row(doc: dict, **changes) -> dict:
    """The update with its first catalogue row changed (a deep enough copy)."""
    return dict(doc, indicators=[dict(doc["indicators"][0], **changes), *doc["indicators"][1:]])


def _agency(doc: dict, **changes) -> dict:
    return dict(doc, agencies=[dict(doc["agencies"][0], **changes), *doc["agencies"][1:]])


def _reference_rows(w: World) -> dict:
    db = open_app_database(w.xa)
    try:
        return {t: db.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("indicators", "agencies")}
    finally:
        db.conn.close()


def _mutations(w: World, update: bytes, receipt: bytes, old_update: bytes, rnd: random.Random):
    so = open_app_database(w.so)
    xa = open_app_database(w.xa)
    try:
        sk = keys.signing_key(so)
        me = receipts.receipt_identity(xa).to_public()
    finally:
        so.conn.close(), xa.conn.close()
    ubody, usig = signed_doc.read_members(update, "update", updates.MAX_JSON)
    udoc = json.loads(ubody)
    xa = open_app_database(w.xa)
    try:
        rplain = pyrage.decrypt(receipt, [receipts.receipt_identity(xa)])
    finally:
        xa.conn.close()
    rbody, rsig = signed_doc.read_members(rplain, "receipt", receipts.MAX_JSON)
    rdoc = json.loads(rbody)
    stranger = SigningKey.generate()

    def enc(tar: bytes, to=None) -> bytes:
        return pyrage.encrypt(tar, [to or me])

    def resigned_update(doc, key=sk, comment=None):
        return signed_doc.build("update", doc, key, comment or f"xhht reference update version {doc['version']}", 0)

    def resigned_receipt(doc, key=sk, comment=None):
        c = comment or (f"xhht receipt {doc['number']} for {doc['installation']['fingerprint']} "
                        f"unit {doc['installation']['unit_key']}")
        return enc(signed_doc.build("receipt", doc, key, c, 0))

    fixed = {
        "update_old_version": resigned_update(dict(
            json.loads(signed_doc.read_members(old_update, "update", updates.MAX_JSON)[0]),
            created_at="2026-01-01T00:00:00+07:00")),  # version 1 again, but not the file applied
        "update_stranger_key": resigned_update(udoc, stranger),
        "update_wrong_comment": resigned_update(udoc, comment="xhht reference update version 99"),
        "update_newer_format": resigned_update(dict(udoc, format=3)),
        "update_format2_without_rows": resigned_update({k: v for k, v in udoc.items() if k != "agencies"}),
        "update_rows_in_format1": resigned_update(dict(udoc, format=1)),
        # catalogue rows and agencies (format 2): each bad row refuses the whole update
        "update_row_unknown_kind": resigned_update(_row(udoc, kind="ratio")),
        "update_row_bad_op": resigned_update(_row(udoc, target_op="<=")),
        "update_row_control_chars": resigned_update(_row(udoc, name_vi="Tỷ lệ\x1b[2J")),
        "update_row_absurd_size": resigned_update(_row(udoc, plan_ref="x" * 200_000)),
        "update_row_kind_change": resigned_update(_row(udoc, kind="count", breakdowns=[])),
        "update_row_collision": resigned_update(_row(udoc, code="XMC_15_60", kind="flag", breakdowns=[])),
        "update_row_extra_field": resigned_update(_row(udoc, extra=1)),
        "update_row_list_for_text": resigned_update(_row(udoc, owner=["Sở"])),
        "update_rows_too_many": resigned_update(dict(udoc, indicators=udoc["indicators"] * 2001)),
        "update_agency_bad_date": resigned_update(_agency(udoc, valid_from="2026-02-30")),
        "update_agency_unknown_successor": resigned_update(_agency(udoc, valid_to="2030-01-01",
                                                                   successors=[["Sở Ma", ""]])),
        "update_agency_control_chars": resigned_update(_agency(udoc, name_en="a\x00b")),
        "update_bad_target_value": resigned_update(dict(udoc, targets=[dict(udoc["targets"][0], value="45")])),
        "update_negative_target": resigned_update(dict(udoc, targets=[dict(udoc["targets"][0], value=-1)])),
        "update_unknown_indicator": resigned_update(dict(udoc, targets=[dict(udoc["targets"][0], indicator="X")])),
        "update_control_chars": resigned_update(dict(udoc, targets=[dict(udoc["targets"][0], note="a\x1bb")])),
        "update_bad_unit_date": resigned_update(dict(udoc, units=[{"code": "99999", "name": "Xã X", "type_label": "Xã",
                                                                   "level": "xa", "valid_from": "2026-13-01",
                                                                   "predecessors": "", "parent": ""}])),
        "update_not_json": write_tar([("update.json", b"{not json"), ("update.json.minisig",
                                                                       usig)], 0),
        "update_third_member": write_tar([("update.json", ubody), ("update.json.minisig", usig),
                                          ("evil.sh", b"rm -rf /")], 0),
        "update_swapped_members": write_tar([("update.json.minisig", usig), ("update.json", ubody)], 0),
        "update_path_member": write_tar([("../update.json", ubody), ("update.json.minisig", usig)], 0),
        "receipt_plain_tar": write_tar([("receipt.json", rbody), ("receipt.json.minisig", rsig)], 0),
        "receipt_stranger_key": resigned_receipt(rdoc, stranger),
        "receipt_other_installation": resigned_receipt(dict(rdoc, installation=dict(
            rdoc["installation"], fingerprint="AAAA-BBBB-CCCC-DDDD"))),
        "receipt_other_recipient": pyrage.encrypt(signed_doc.build("receipt", rdoc, sk, "x", 0),
                                                  [x25519.Identity.generate().to_public()]),
        "receipt_two_recipients": pyrage.encrypt(signed_doc.build("receipt", rdoc, sk, "x", 0),
                                                 [me, x25519.Identity.generate().to_public()]),
        "receipt_bad_packages": resigned_receipt(dict(rdoc, packages=[{"package_uuid": 5}])),
        "receipt_bad_province": resigned_receipt(dict(rdoc, province={"periods": {"2026": [{"indicator": []}]}})),
        "receipt_control_chars": resigned_receipt(dict(rdoc, corrections=[{
            "uuid": "0" * 36, "period": "2026", "indicator": IND, "activity_uuid": "", "message": "a\x00b",
            "created_at": "2026-01-01"}])),
        "receipt_wrong_comment": resigned_receipt(rdoc, comment="xhht receipt 1 for someone else"),
        # the number of the receipt already opened, but not that file: a replay with other content
        "receipt_replay": resigned_receipt(dict(rdoc, created_at="2026-01-01T00:00:00+07:00")),
        "receipt_many_stanzas": b"age-encryption.org/v1\n" + b"".join(
            b"-> X25519 " + b"A" * 43 + b"\n" + b"B" * 43 + b"\n" for _ in range(400)) + b"--- " + b"C" * 43 + b"\n",
        "empty": b"",
        "garbage": bytes(rnd.randrange(256) for _ in range(3000)),
    }
    for name, data in fixed.items():
        yield name, data
    for i in range(60):
        base = update if i % 2 == 0 else receipt
        kind = "update" if i % 2 == 0 else "receipt"
        choice = rnd.choice(["flip", "truncate", "append"])
        if choice == "flip":
            yield f"{kind}_flip", _flip(base, rnd)
        elif choice == "truncate":
            yield f"{kind}_truncate", base[: rnd.randrange(1, len(base) - 1)]
        else:
            yield f"{kind}_append", base + bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 600)))


def test_every_hostile_update_and_receipt_is_refused_and_changes_nothing(tmp_path):
    w = World(tmp_path)
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "45")[0] == 0
    old_update = w.publish().read_bytes()
    assert run(w.xa, "apply", str(w.out / updates.published_file_name(1)) if False else
               str(next(w.out.glob("*.xhhtu"))))[0] == 0
    assert run(w.so, "targets", "set", IND, "--year", "2030", "--value", "50", "--op", ">")[0] == 0
    assert run(w.so, "agencies", "set", "Sở Nội vụ", "--valid-from", "2013-12-02", "--name-en", "Home Affairs")[0] == 0
    w.send_package()
    w.confirm()
    assert run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
               "--message", "Kiểm tra lại")[0] == 0
    update = w.publish()
    [receipt] = w.receipts()
    good_update, good_receipt = update.read_bytes(), receipt.read_bytes()
    # The genuine receipt is applied once and is then itself a replay; the genuine v2 stays unapplied.
    assert run(w.xa, "apply", str(receipt))[0] == 0
    before, rows_before = fingerprint_of(w), _reference_rows(w)
    rnd = random.Random(int(os.environ.get("XHHT_RETURNS_SEED", "11")))
    files = tmp_path / "hostile"
    files.mkdir()
    seen, failures = {}, []
    cases = list(_mutations(w, good_update, good_receipt, old_update, rnd))
    for n, (name, data) in enumerate(cases):
        if data == good_update:
            continue  # a flip that flipped nothing visible is impossible, but guard the count anyway
        path = files / f"{n:03d}_{name}.bin"
        path.write_bytes(data)
        db = open_app_database(w.xa)
        try:
            [row] = apply_paths(db, [path], dry_run=False, actor="x")
        finally:
            db.conn.close()
        seen.setdefault(name, set()).add(row["code"])
        if row["status"] != "rejected" or not row["code"] or not row["reason"]:
            failures.append(f"{name}: {row}")
    assert failures == []
    assert fingerprint_of(w) == before and _reference_rows(w) == rows_before
    assert len(cases) >= 80
    # The important refusals carry the right reason.
    assert seen["update_stranger_key"] == {"wrong_key"} and seen["receipt_stranger_key"] == {"wrong_key"}
    assert seen["update_old_version"] == {"older"} and seen["receipt_replay"] == {"older"}
    assert seen["receipt_other_installation"] == {"not_for_us"} and seen["receipt_other_recipient"] == {"not_for_us"}
    assert seen["update_wrong_comment"] == {"tampered"} and seen["update_unknown_indicator"] == {"unknown_reference"}
    assert seen["update_newer_format"] == {"newer_format"} and seen["update_rows_in_format1"] == {"bad_document"}
    assert {k: v for k, v in seen.items() if k.startswith(("update_row_", "update_agency_"))} == {
        "update_row_unknown_kind": {"unknown_kind"}, "update_row_bad_op": {"bad_op"},
        "update_row_control_chars": {"bad_text"}, "update_row_absurd_size": {"bad_text"},
        "update_row_kind_change": {"kind_change"}, "update_row_collision": {"code_collision"},
        "update_row_extra_field": {"bad_row"}, "update_row_list_for_text": {"bad_text"},
        "update_agency_bad_date": {"bad_agency"}, "update_agency_unknown_successor": {"unknown_agency"},
        "update_agency_control_chars": {"bad_text"}}
    assert seen["update_rows_too_many"] == {"too_many"}
    # The very files applied before, sent again: nothing to do, not a refusal, nothing changed.
    for name, data in (("again.xhhtu", old_update), ("again.xhhtr", good_receipt)):
        again = files / name
        again.write_bytes(data)
        db = open_app_database(w.xa)
        try:
            [row] = apply_paths(db, [again], dry_run=False, actor="x")
        finally:
            db.conn.close()
        assert (row["status"], row["code"]) == ("unchanged", "already_applied"), row
        assert fingerprint_of(w) == before
    # The genuine update still applies afterwards.
    db = open_app_database(w.xa)
    try:
        [row] = apply_paths(db, [update], dry_run=False, actor="x")
    finally:
        db.conn.close()
    assert row["status"] == "applied"
    assert _reference_rows(w) != rows_before  # and brings its rows
