"""The core's exceptions carry codes with parameters (issue 14, point 8): keys, age headers, the
Department's signed documents, `init`/`move-to`, value validation, storage and the busy database,
unit specs and lives, the merge's reasons. Each reads as the same Vietnamese sentence as before when
used as a string (the CLI's default, the logs) and in English through messages.words (the interface in
English, `xhht --lang en`)."""

from __future__ import annotations

import errno
import re
import sqlite3

import pytest

from tests.core.test_sync_fixtures import PEK, department, sender
from xhht_desktop import messages as M
from xhht_desktop.db import connection, units_repo, values_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry, parse_whole_number, validate_entries
from xhht_desktop.installation import InitError, init_installation
from xhht_desktop.storage import CODE_READ_ONLY, StorageError, explain_storage_error
from xhht_desktop.sync import keys, merge, package, signed_doc
from xhht_desktop.sync.age_header import AgeHeaderProblem

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def english(message, *names: str) -> str:
    """The message in English; fails if anything Vietnamese is left besides `names` (proper names,
    the user's data) and «quoted» file contents."""
    text = M.words(message, "en")
    left = re.sub(r"«[^»]*»", "", text)
    for name in names:
        left = left.replace(name, "")
    assert not VIETNAMESE.search(left), text
    assert text != str(message)
    return text


def coded(exc) -> tuple[str, dict]:
    return M._coded(exc)


# ---- keys ---------------------------------------------------------------------------------------

def test_key_problems_are_coded(tmp_path):
    with pytest.raises(keys.KeyProblem) as caught:
        keys.parse_recipient_text("# một dòng chú thích\nkhông phải khóa\n")
    assert coded(caught.value) == ("keys.not_public_key", {})
    assert str(caught.value) == "Tệp này không phải là khóa công khai của Sở (cần đúng một dòng «age1…»)."
    assert english(caught.value) == "This file is not the Department's public key (it needs exactly one «age1…» line)."

    with pytest.raises(keys.KeyProblem) as caught:
        keys.check_passphrase("ngắn")
    assert coded(caught.value) == ("keys.passphrase_short", {"n": keys.MIN_PASSPHRASE})
    assert str(caught.value) == f"Mật khẩu bảo vệ phải dài ít nhất {keys.MIN_PASSPHRASE} ký tự."
    assert str(keys.MIN_PASSPHRASE) in english(caught.value)

    big = tmp_path / "khoa.txt"
    big.write_bytes(b"x" * (keys.MAX_KEY_FILE + 1))
    with pytest.raises(keys.KeyProblem) as caught:
        keys.read_key_file(big)
    assert coded(caught.value) == ("keys.key_file_too_large", {"file": "khoa.txt"})
    assert str(caught.value) == "Tệp «khoa.txt» quá lớn để là một tệp khóa."
    assert english(caught.value) == "File «khoa.txt» is too large to be a key file."

    with pytest.raises(keys.KeyProblem) as caught:
        keys.check_key_backup(b"not an age file at all")
    assert coded(caught.value)[0] == "keys.not_backup"
    english(caught.value)

    header = b"age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 30\n" + b"A" * 43 + b"\n--- " + b"A" * 43 + b"\n"
    with pytest.raises(keys.KeyProblem) as caught:
        keys.check_key_backup(header + b"\0" * 64)
    code, params = coded(caught.value)
    assert code == "keys.backup_work_factor" and params["work_factor"] == 30 and params["limit"] == 22
    assert str(caught.value).startswith("Tệp sao lưu đòi hệ số khó scrypt 2^30 (cần khoảng 1024 GiB bộ nhớ)")
    assert english(caught.value).startswith("The backup asks for scrypt work factor 2^30 (about 1024 GiB")


def test_age_header_refusals_are_coded():
    assert str(package.header_problem_vi(AgeHeaderProblem("too_many_stanzas", count=60, limit=50))) == (
        "Tệp được mã hóa cho 60 người nhận, quá giới hạn 50 (nghi là tệp độc hại): không giải mã.")
    reason = package.header_problem_vi(AgeHeaderProblem("too_many_stanzas", count=60, limit=50))
    assert (reason.code, reason.params) == ("age.too_many_stanzas", {"count": 60, "limit": 50})
    assert english(reason) == ("The file is encrypted to 60 recipients, over the limit of 50 (suspected malicious "
                               "file): not decrypted.")
    with pytest.raises(package.PackageRejected) as caught:
        package.check_age_header(b"PK\x03\x04 not an age file")
    assert caught.value.code == "damaged" and caught.value.reason.code == "age.not_age"
    assert str(caught.value) == "Tệp bị hỏng hoặc không phải gói XHHT (thiếu phần đầu của tệp mã hóa age)."
    english(caught.value)
    english(caught.value.reason)


def test_signed_document_refusals_are_coded():
    with pytest.raises(signed_doc.DocRejected) as caught:
        signed_doc.read_members(b"", "receipt", 1000)
    assert caught.value.code == "truncated" and caught.value.reason.code == "doc.truncated"
    english(caught.value)
    with pytest.raises(signed_doc.DocRejected) as caught:
        signed_doc.parse_json(b'{"format": 99, "kind": "receipt"}', "receipt", "biên nhận")
    assert caught.value.code == "newer_format"
    assert str(caught.value) == "Biên nhận theo định dạng mới hơn (số 99): hãy cập nhật XHHT Desktop."
    assert english(caught.value) == "The receipt is in a newer format (number 99): update XHHT Desktop."
    with pytest.raises(signed_doc.DocRejected) as caught:
        signed_doc.verify(b"{}", b"untrusted comment: x\nnot a signature\n", [], "bản cập nhật danh mục")
    assert str(caught.value) == "Chữ ký của bản cập nhật danh mục bị hỏng hoặc đã bị sửa."
    assert english(caught.value) == "The signature of the reference update is damaged or was altered."


# ---- init, move-to ------------------------------------------------------------------------------

def test_init_errors_are_coded(db):
    with pytest.raises(InitError) as caught:
        init_installation(db, "boss", "23353", "A")
    assert coded(caught.value) == ("init.bad_role", {"role": "boss"})
    assert str(caught.value) == ("Vai trò «boss» không hợp lệ: chọn commune (xã), district (huyện) hoặc "
                                 "department (Sở).")
    assert english(caught.value) == "Role «boss» is not valid: choose commune, district or department."
    with pytest.raises(InitError) as caught:
        init_installation(db, "district", "23353", "A")
    assert str(caught.value) == ("Mã «23353» không phải là mã huyện, thành phố trong danh mục đơn vị hành "
                                 "chính.")
    assert english(caught.value) == ("Code «23353» is not the code of a district or city in the list of "
                                     "administrative units.")
    with pytest.raises(InitError) as caught:
        init_installation(db, "commune", "23353", "Y Blong\x07")
    assert str(caught.value).startswith("Họ tên cán bộ: chứa ký tự điều khiển không in được (U+0007)")
    assert english(caught.value).startswith("Official's name: contains unprintable control characters (U+0007)")
    with pytest.raises(InitError) as caught:
        init_installation(db, "commune", "2335x@2025-01-01", "A")
    assert coded(caught.value)[0] == "unit.bad_spec"  # the unit-spec refusal passes through, coded
    english(caught.value)


# ---- values -------------------------------------------------------------------------------------

def test_validation_messages_are_coded_and_read_as_before():
    issues = validate_entries([Entry("XMC_15_60", None, 1300, 1200), Entry("XMC_15_60", "nu", 5, None)],
                              catalogue="2014")
    by_code = {i.code: i for i in issues}
    over = by_code["num_gt_den"].message
    assert over == "XMC_15_60 (Tổng số) – tử số: 1.300 lớn hơn mẫu số (1.200)."
    assert over.code == "values.issue" and over.params["text"].code == "values.num_gt_den"
    assert over.params["text"].params == {"numerator": "1.300", "denominator": "1.200"}
    assert english(over) == "XMC_15_60 (Total) – numerator: 1.300 is larger than the denominator (1.200)."
    half = by_code["half_fraction"].message
    assert half == ("XMC_15_60 (Nữ) – mẫu số: đã nhập một nửa: còn thiếu mẫu số (để trống cả hai nếu chưa báo "
                    "cáo).")
    assert english(half).startswith("XMC_15_60 (Women) – denominator: half entered: the denominator is missing")
    parsed = parse_whole_number("12,5")
    assert parsed.error == "phải là số nguyên (người), không được là «12,5»"
    assert english(parsed.error) == "must be a whole number (of people), not «12,5»"


def test_a_refused_save_is_coded_line_by_line(commune_db):
    unit = units_repo.resolve_unit(commune_db, "23353")
    with pytest.raises(values_repo.ValidationFailed) as caught:
        values_repo.save_entries(commune_db, unit.id, "2014", [Entry("XMC_15_60", None, -1, 10),
                                                               Entry("XMC_15_35", None, 11, 10)],
                                 actor="A", origin="o")
    assert str(caught.value).splitlines() == ["XMC_15_60 (Tổng số) – tử số: không được là số âm.",
                                              "XMC_15_35 (Tổng số) – tử số: 11 lớn hơn mẫu số (10)."]
    assert english(caught.value).splitlines() == ["XMC_15_60 (Total) – numerator: must not be negative.",
                                                  "XMC_15_35 (Total) – numerator: 11 is larger than the "
                                                  "denominator (10)."]


# ---- storage and the database -------------------------------------------------------------------

def test_storage_and_database_errors_are_coded(tmp_path):
    exc = StorageError(CODE_READ_ONLY, tmp_path / "bao-cao.pdf", PermissionError(errno.EACCES, "Permission denied"))
    assert str(exc).startswith(f"Tệp hoặc thư mục «{tmp_path / 'bao-cao.pdf'}» chỉ đọc (không có quyền ghi)")
    assert english(exc).startswith(f"The file or folder «{tmp_path / 'bao-cao.pdf'}» is read-only")
    assert isinstance(exc, OSError) and exc.code == CODE_READ_ONLY
    full = explain_storage_error(sqlite3.OperationalError("database or disk is full"))
    assert full.code == "storage.disk_full" and full.startswith("Ổ đĩa đã đầy (hết chỗ trống)")
    assert english(full).startswith("The disk is full")
    busy = connection.DatabaseBusy(3)
    assert str(busy) == connection.BUSY_MESSAGE.format(seconds=3)
    assert coded(busy) == ("db.busy", {"seconds": 3})
    assert english(busy).startswith("The database is being written by another program")
    not_db = tmp_path / "so.sqlite3"
    not_db.write_bytes(b"hello, not a database at all")
    with pytest.raises(connection.DatabaseError) as caught:
        connection.open_database(not_db)
    assert str(caught.value) == f"Tệp «{not_db}» không phải là cơ sở dữ liệu XHHT (SQLite)."
    assert english(caught.value) == f"File «{not_db}» is not an XHHT database (SQLite)."


# ---- units --------------------------------------------------------------------------------------

def test_unit_spec_and_life_errors_are_coded(db):
    with pytest.raises(units_repo.UnitSpecError) as caught:
        units_repo.resolve_unit(db, "99999")
    assert caught.value.code == "unknown_code" and caught.value.params == {"spec": "99999", "unit_code": "99999"}
    assert str(caught.value) == "Không có đơn vị mã «99999» trong danh mục đơn vị hành chính."
    assert english(caught.value) == "There is no unit with code «99999» in the list of administrative units."
    with pytest.raises(units_repo.UnitSpecError) as caught:
        units_repo.resolve_unit(db, "23341@2010-01-01")
    assert str(caught.value).startswith("Ngày 01/01/2010 không có đơn vị nào mang mã «23341». Mã này thuộc: ")
    text = english(caught.value, *{u.name for u in units_repo.all_units(db)})
    assert text.startswith("On 2010-01-01 no unit has code «23341». The code belongs to: ")
    pek = units_repo.resolve_unit(db, "23353")
    problem = units_repo.life_problem(db, pek, parse_period("2026"))
    words_vi = units_repo.life_problem_vi(problem)
    assert words_vi == "Xã Đắk Pék đã nhập vào Xã Đăk Pék (23341) từ 01/07/2025"
    assert english(words_vi, "Xã Đắk Pék", "Xã Đăk Pék") == (
        "Xã Đắk Pék was merged into Xã Đăk Pék (23341) from 2025-07-01")
    with pytest.raises(units_repo.UnitLifeError) as caught:
        units_repo.check_life(db, pek, parse_period("2026"))
    assert str(caught.value) == words_vi


# ---- the merge ----------------------------------------------------------------------------------

def test_merge_reasons_are_coded(tmp_path):
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
        good = pek.export(tmp_path / "usb")
        cut = tmp_path / "usb" / "XHHT_cut.xhht"
        cut.write_bytes(good.read_bytes()[:-10])
        report = merge.merge_files(dept.db, [good, cut])
        by_file = {p.file: p for p in report.packages}
        held, bad = by_file[good.name], by_file[cut.name]
        assert held.status == "held" and held.reason.code == "merge.held_new"
        assert held.reason.params == {"unit": "Xã Đắk Pék", "fp": pek.fingerprint}
        assert held.reason == (f"Máy gửi mới của Xã Đắk Pék, mã nhận dạng {pek.fingerprint}: gọi điện đối chiếu mã "
                               "này với cán bộ gửi, rồi xác nhận máy gửi; gói sẽ được nhập khi xác nhận.")
        assert english(held.reason, "Xã Đắk Pék").startswith("A new sending installation for Xã Đắk Pék")
        assert bad.status == "rejected" and bad.code in ("truncated", "damaged")
        english(bad.reason)
        assert report.to_json()["packages"][0]["reason"] == str(by_file[report.packages[0].file].reason)

        merge.revoke_installation(dept.db, pek.fingerprint)
        pek.save("2014-H1", Entry("XMC_15_60", None, 1160, 1200))
        later = pek.export(tmp_path / "usb2")
        refused = merge.merge_files(dept.db, [later]).packages[0]
        assert refused.status == "rejected" and refused.code == "revoked"
        assert refused.reason.code == "merge.revoked"
        assert refused.reason == f"Máy gửi {pek.fingerprint} của Xã Đắk Pék đã bị thu hồi; gói không được nhập."
        assert english(refused.reason, "Xã Đắk Pék") == (
            f"Sending installation {pek.fingerprint} of Xã Đắk Pék was revoked; the package is not imported.")
    finally:
        pek.close()
        dept.close()


def test_every_code_of_this_block_is_used():
    """No template of the block is dead: each code appears in the core's source."""
    from pathlib import Path

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(M.__file__).parent.rglob("*.py")
                       if p.name != "messages.py")
    text = Path(M.__file__).read_text(encoding="utf-8")
    block = text[text.index('helper "english1": the core'):text.index('end of helper "english1"')]
    codes = re.findall(r'^    "([a-z_]+\.[a-z_.0-9]+)": \{', block, re.M)
    assert len(codes) > 150
    prefixes = {"init.level.", "init.field.", "values.who.", "values.part.", "values.decision_missing.",
                "values.half_fraction.", "pkg.detail.", "pkg.what.", "merge.level.", "age."}
    unused = [c for c in codes if f'"{c}"' not in source and not any(c.startswith(p) for p in prefixes)]
    assert unused == []


# ---- the command line: `--lang en` words them, Vietnamese stays the default ---------------------

def _no_vietnamese(text: str, *names: str) -> None:
    left = re.sub(r"«[^»]*»", "", text)
    for name in names:
        left = left.replace(name, "")
    assert not VIETNAMESE.search(left), text


def test_cli_in_english_words_the_core_errors(tmp_path, capsys, monkeypatch):
    from tests.core.test_security_files import HOLDER
    from tests.core.test_xlsx_template import fill
    from xhht_desktop.cli import main

    monkeypatch.delenv("XHHT_LANG", raising=False)
    dbp = str(tmp_path / "c.sqlite3")
    assert main(["--db", dbp, "init", "--role", "commune", "--unit", "23353", "--official", "Y Blong"]) == 0
    book = tmp_path / "t.xlsx"
    assert main(["--db", dbp, "template", "--period", "2014", "--out", str(book)]) == 0
    capsys.readouterr()
    # A value out of range in the Excel form.
    fill(book, {"XMC_15_60": {"Tử số": 190, "Mẫu số": 100}})
    assert main(["--db", dbp, "--lang", "en", "import-xlsx", str(book)]) == 1
    err = capsys.readouterr().err
    assert "XMC_15_60 (Total) – numerator: 190 is larger than the denominator (100)." in err
    _no_vietnamese(err)
    assert main(["--db", dbp, "import-xlsx", str(book)]) == 1
    assert "XMC_15_60 (Tổng số) – tử số: 190 lớn hơn mẫu số (100)." in capsys.readouterr().err
    # A bad key file.
    bad_key = tmp_path / "khoa-so.txt"
    bad_key.write_text("không phải khóa\n", encoding="utf-8")
    assert main(["--db", dbp, "--lang", "en", "keys", "trust-department", str(bad_key)]) == 1
    assert capsys.readouterr().err.strip() == ("Error: This file is not the Department's public key (it needs "
                                               "exactly one «age1…» line).")
    assert main(["--db", dbp, "keys", "trust-department", str(bad_key)]) == 1
    assert "Lỗi: Tệp này không phải là khóa công khai của Sở" in capsys.readouterr().err
    # A unit that does not exist.
    assert main(["--db", dbp, "--lang", "en", "values", "--period", "2014", "--unit", "99999"]) == 1
    err = capsys.readouterr().err
    assert "There is no unit with code «99999»" in err
    _no_vietnamese(err)

    # A locked database: another process holds the write lock.
    import subprocess
    import sys
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, dbp, "write"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("XHHT_BUSY_TIMEOUT", "0.2")
        assert main(["--db", dbp, "--lang", "en", "init", "--role", "commune", "--unit", "23353",
                     "--official", "Y Blong"]) == 1
        err = capsys.readouterr().err
        assert "Error: The database is being written by another program" in err and "0.2 seconds" in err
        _no_vietnamese(err)
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)


def test_cli_merge_report_words_the_reasons(tmp_path, capsys, monkeypatch):
    from xhht_desktop.cli import main

    monkeypatch.delenv("XHHT_LANG", raising=False)
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
        good = pek.export(tmp_path / "usb")
        cut = tmp_path / "usb" / "XHHT_cut.xhht"
        cut.write_bytes(good.read_bytes()[:-10])
    finally:
        pek.close()
        dept.close()
    dbp = str(tmp_path / "so.sqlite3")
    assert main(["--db", dbp, "--lang", "en", "merge", "--dry-run", str(tmp_path / "usb")]) == 1
    out = capsys.readouterr().out
    assert "A new sending installation for Xã Đắk Pék" in out
    reasons = [line.strip() for line in out.splitlines() if line.startswith("   ") and ":" not in line[:12]]
    assert reasons and all(not VIETNAMESE.search(r.replace("Xã Đắk Pék", "")) for r in reasons), out
    assert main(["--db", dbp, "merge", "--dry-run", str(tmp_path / "usb")]) == 1
    assert "Máy gửi mới của Xã Đắk Pék" in capsys.readouterr().out


def test_a_package_table_of_the_wrong_shape_is_refused_in_either_language():
    from xhht_desktop.sync import tables

    spec = tables.INDICATOR_VALUES
    with pytest.raises(tables.SchemaProblem) as caught:
        tables.check_table(spec, list(spec.columns), "not a list", "23353@2013-12-02")
    assert str(caught.value) == "bảng indicator_values: phần dữ liệu không phải là danh sách"
    assert english(caught.value) == "table indicator_values: its rows are not a list"
    problem = tables.check_int(nullable=True, lo=0, hi=5)([1, "x"])
    assert problem == "phải là số nguyên hoặc để trống" and english(problem) == "must be a whole number or empty"
    assert english(tables.SYNC_CHECKS["uuid"](["NOT-A-UUID"])) == "must be a lower-case UUID"


# ---- the merge's own refusals (lead's block) --------------------------------------------------------

def test_the_merges_own_refusals_are_coded_and_read_as_before(tmp_path, capsys, monkeypatch):
    from xhht_desktop.cli import main

    monkeypatch.delenv("XHHT_LANG", raising=False)
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        with pytest.raises(keys.KeyProblem) as caught:
            merge.confirm_installations(dept.db, ["AAAA-BBBB-CCCC-DDDD"])
        assert coded(caught.value) == ("merge.no_such_sender", {"fp": "AAAA-BBBB-CCCC-DDDD"})
        assert str(caught.value) == "Không có máy gửi nào mang mã AAAA-BBBB-CCCC-DDDD."
        assert english(caught.value) == "No sending installation has the fingerprint AAAA-BBBB-CCCC-DDDD."

        pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
        merge.merge_files(dept.db, [pek.export(tmp_path / "usb")])
        with pytest.raises(keys.KeyProblem) as caught:
            merge.confirm_installations(dept.db, [(pek.fingerprint, "99999")])
        assert caught.value.args[0].code == "merge.unit_not_sent"
        assert str(caught.value).startswith(f"Máy {pek.fingerprint} không gửi số liệu cho đơn vị «99999»")
        assert english(caught.value, "Xã Đắk Pék").startswith(f"Installation {pek.fingerprint} sent no figures")

        merge.revoke_installation(dept.db, pek.fingerprint)
        with pytest.raises(keys.KeyProblem) as caught:
            merge.confirm_installations(dept.db, [pek.fingerprint])
        assert caught.value.args[0].code == "merge.sender_revoked"
        assert str(caught.value).startswith(f"Máy gửi {pek.fingerprint} đã bị thu hồi")
        english(caught.value)

        with pytest.raises(merge.MergeError) as caught:
            merge.resolve_conflict(dept.db, 4242, "incoming")
        assert str(caught.value) == "Không có xung đột số 4242 đang chờ xử lý."
        assert english(caught.value) == "There is no pending conflict no. 4242."
        with pytest.raises(merge.MergeError) as caught:
            merge.merge_files(pek.db, [])
        assert str(caught.value) == "Chỉ máy của Sở (vai trò department) mới nhận và nhập gói đồng bộ."
        english(caught.value)
    finally:
        pek.close()
        dept.close()

    dbp = str(tmp_path / "so.sqlite3")
    assert main(["--db", dbp, "--lang", "en", "installations", "confirm", "AAAA-BBBB-CCCC-DDDD"]) == 1
    err = capsys.readouterr().err
    assert "No sending installation has the fingerprint AAAA-BBBB-CCCC-DDDD." in err
    _no_vietnamese(err)
    assert main(["--db", dbp, "installations", "confirm", "AAAA-BBBB-CCCC-DDDD"]) == 1
    assert "Không có máy gửi nào mang mã AAAA-BBBB-CCCC-DDDD." in capsys.readouterr().err


# ---- the learning-centre log's rules (lead's block) -------------------------------------------------

def test_learning_centre_rules_are_coded_per_field_and_read_as_before():
    import datetime as dt

    from xhht_desktop.clc import domain as clc

    today = dt.date(2026, 12, 5)
    _activity, errors = clc.build_activity(
        {"date": "31/02/2026", "end_date": "01/01/2020", "title": "", "category": "Bóng đá", "format": "x",
         "sessions": "0", "visits": "10", "women": "12", "cost": "-5", "notes": "a" * 2001},
        today=today, unit_valid_from="2025-07-01")
    vietnamese = [str(e.message) for e in errors]
    assert "Ngày: «31/02/2026» không phải là ngày có thật." in vietnamese
    assert "Tên hoạt động: chưa nhập (bắt buộc)." in vietnamese
    assert "Nhóm chuyên đề: «Bóng đá» không phải là một trong tám nhóm chuyên đề." in vietnamese
    assert "Nữ: 12 lớn hơn Lượt người học (10)." in vietnamese
    assert "Kinh phí (đồng): không được là số âm." in vietnamese
    assert "Ghi chú: dài quá 2000 ký tự." in vietnamese
    english = [M.words(e.message, "en") for e in errors]
    assert "Date: «31/02/2026» is not a real date." in english
    assert "Women: 12 is more than Learner visits (10)." in english
    for line in english:
        _no_vietnamese(line.replace("Bóng đá", "").split(" (Nói chuyện")[0].split(" (Lớp học")[0])
    with pytest.raises(clc.ClcValidationError) as caught:
        raise clc.ClcValidationError(errors)
    assert str(caught.value) == "\n".join(vietnamese)
    assert M.words(caught.value, "en") == "\n".join(english)

    problems = clc.check_activity_record({"date": "2026-13-01", "title": "Họp", "category": "zz", "format": "zz",
                                          "sessions": 1, "visits": "5"},
                                         unit_valid_from=None, unit_valid_to=None, today=today)
    assert [str(p.message) for p in problems][:2] == ["Ngày: «2026-13-01» không phải là ngày có thật.",
                                                      "Lượt người học: phải là số nguyên."]
    assert M.words(problems[1].message, "en") == "Learner visits: must be a whole number."
    centre = clc.check_centre_record({"name": "", "combined_culture": 7}, today=today)
    assert [str(p.message) for p in centre] == ["Tên trung tâm: chưa nhập (bắt buộc).",
                                               "Kết hợp với Trung tâm Văn hóa - Thể thao xã: chỉ nhận có/không."]
    assert [M.words(p.message, "en") for p in centre] == [
        "Centre name: not entered (required).", "Combined with the commune's culture and sports centre: takes yes/no only."]
