"""Issue 12, point 3: every parser has a budget, checked before the work.

An age header with thousands of recipient stanzas (costing the decryption library a time that grows
with the square of their number) and a key backup naming a huge scrypt work factor are refused
from their header alone, with a reason, before anything is decrypted or derived.
"""

from __future__ import annotations

import base64
import os

import pyrage
import pytest
from pyrage import x25519

from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender, statuses
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import age_header, keys, merge, package


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def many_stanza_file(n: int, kind: str = "X25519") -> bytes:
    """What anyone can make without a key: n random recipient stanzas, a MAC line, some bytes."""
    lines = ["age-encryption.org/v1"]
    for _ in range(n):
        lines += [f"-> {kind} {_b64(os.urandom(32))}", _b64(os.urandom(32))]
    lines.append(f"--- {_b64(os.urandom(32))}")
    return ("\n".join(lines) + "\n").encode("ascii") + os.urandom(256)


def scrypt_file(work_factor: int) -> bytes:
    """A passphrase-encrypted age file naming `work_factor` (log2 N) for scrypt."""
    return (f"age-encryption.org/v1\n-> scrypt {_b64(os.urandom(16))} {work_factor}\n{_b64(os.urandom(32))}\n"
            f"--- {_b64(os.urandom(32))}\n").encode("ascii") + os.urandom(64)


@pytest.fixture
def no_decryption(monkeypatch):
    """Fail the test if the decryption library is reached: the budget must refuse first."""
    def refuse(*_a, **_k):
        raise AssertionError("decryption was attempted before the header budget refused the file")
    monkeypatch.setattr(package.pyrage, "decrypt", refuse)
    monkeypatch.setattr(keys.age_passphrase, "decrypt", refuse)


def test_thousands_of_stanzas_are_refused_before_decrypting(no_decryption):
    with pytest.raises(package.PackageRejected) as info:
        package.decrypt(many_stanza_file(2000), [x25519.Identity.generate()])
    assert info.value.code == "too_many_stanzas"
    assert "2000 người nhận" in info.value.reason and "50" in info.value.reason


def test_a_huge_header_is_refused_by_its_size(no_decryption):
    # Few stanzas but a 100 KB grease body: over the header size cap.
    body = _b64(os.urandom(75_000))
    lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    data = (f"age-encryption.org/v1\n-> X25519 {_b64(os.urandom(32))}\n{_b64(os.urandom(32))}\n"
            f"-> big-grease\n{lines}\n--- {_b64(os.urandom(32))}\n").encode("ascii")
    with pytest.raises(package.PackageRejected) as info:
        package.decrypt(data, [x25519.Identity.generate()])
    assert info.value.code == "header_too_large" and "16 KB" in info.value.reason


@pytest.mark.parametrize("kind", ["scrypt", "ssh-ed25519", "piv-p256"])
def test_only_x25519_stanzas_open_a_package(no_decryption, kind):
    data = many_stanza_file(1).replace(b"-> X25519 ", f"-> {kind} ".encode(), 1)
    with pytest.raises(package.PackageRejected) as info:
        package.decrypt(data, [x25519.Identity.generate()])
    assert info.value.code == "damaged" and kind in info.value.reason


def test_legitimate_headers_pass_the_budget():
    """The largest header we write: the Department and 49 extra recipients, plus rage's grease."""
    identities = [x25519.Identity.generate() for _ in range(50)]
    data = pyrage.encrypt(b"payload", [i.to_public() for i in identities])
    header = package.check_age_header(data)
    assert [s.type for s in header.stanzas] == ["X25519"] * 50
    assert header.size < age_header.PACKAGE_BUDGET.max_header
    assert pyrage.decrypt(data, [identities[-1]]) == b"payload"
    with pytest.raises(package.PackageRejected) as info:
        package.check_age_header(pyrage.encrypt(b"x", [i.to_public() for i in identities]
                                                + [x25519.Identity.generate().to_public()]))
    assert info.value.code == "too_many_stanzas"


def test_the_budget_is_one_function_for_every_age_file():
    """Receipts and reference updates reuse read_age_header with their own budget."""
    budget = age_header.AgeBudget(max_header=4096, max_stanzas=2, allowed=frozenset({"X25519"}))
    ok = pyrage.encrypt(b"x", [x25519.Identity.generate().to_public()])
    assert len(age_header.read_age_header(ok, budget).stanzas) == 1
    for data, code in ((many_stanza_file(3), "too_many_stanzas"), (b"age-encryption.org/v1\n-> X", "truncated"),
                       (b"PK\x03\x04", "not_age"), (scrypt_file(18), "stanza_type")):
        with pytest.raises(age_header.AgeHeaderProblem) as info:
            age_header.read_age_header(data, budget)
        assert info.value.code == code


def test_a_many_stanza_package_is_rejected_alone(tmp_path):
    """In a folder merged at once, the hostile file is rejected with its reason; the good one is merged."""
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
    good = pek.export(tmp_path / "usb")
    bad = tmp_path / "usb" / "XHHT_hostile.xhht"
    bad.write_bytes(many_stanza_file(2000))
    merge.merge_files(dept.db, [bad, good])
    report = confirm_all(dept)
    assert "imported" in statuses(report)
    first = merge.merge_files(dept.db, [bad])
    (p,) = first.packages
    assert p.status == "rejected" and p.code == "too_many_stanzas"
    assert dept.db.conn.execute("SELECT numerator FROM indicator_values WHERE indicator='XMC_15_60'").fetchone() \
        == (1150,)
    dept.close()
    pek.close()


def test_key_backup_with_a_huge_work_factor_is_refused_before_deriving(tmp_path, no_decryption):
    dept = department(tmp_path)
    with pytest.raises(keys.KeyProblem) as info:
        keys.restore_department_key(dept.db, scrypt_file(24), "mật khẩu dài đủ")
    text = str(info.value)
    assert "2^24" in text and "16 GiB" in text and "2^22" in text
    for bad in (many_stanza_file(1), many_stanza_file(1).replace(b"X25519", b"scrypt"), b"x" * 100_000):
        with pytest.raises(keys.KeyProblem):
            keys.restore_department_key(dept.db, bad, "mật khẩu dài đủ")
    dept.close()


def test_a_genuine_backup_is_within_the_budget(tmp_path):
    dept = department(tmp_path)
    data = keys.backup_department_key(dept.db, "mật khẩu dài đủ")
    header = age_header.read_age_header(data, age_header.KEY_BACKUP_BUDGET)
    assert header.work_factor is not None and header.work_factor <= age_header.MAX_SCRYPT_WORK_FACTOR
    assert keys.restore_department_key(dept.db, data, "mật khẩu dài đủ") == keys.department_fingerprint(dept.db)
    dept.close()


def test_cli_keys_restore_says_why(tmp_path, capsys, no_decryption):
    from xhht_desktop.cli import main as cli_main
    dept = department(tmp_path)
    db = str(dept.path)
    dept.close()
    (tmp_path / "so.bak").write_bytes(scrypt_file(30))
    (tmp_path / "pw").write_text("một mật khẩu dài\n", encoding="utf-8")
    assert cli_main(["--db", db, "keys", "restore", str(tmp_path / "so.bak"),
                     "--passphrase-file", str(tmp_path / "pw")]) == 1
    err = capsys.readouterr().err
    assert "2^30" in err and "vượt giới hạn 2^22" in err and "Traceback" not in err


def test_keys_restore_checks_the_file_size_before_reading(tmp_path, capsys):
    from xhht_desktop.cli import main as cli_main
    dept = department(tmp_path)
    db = str(dept.path)
    dept.close()
    big = tmp_path / "big.bak"
    with open(big, "wb") as fh:  # sparse: 2 GB claimed, nothing written
        fh.truncate(2 * 1024 ** 3)
    (tmp_path / "pw").write_text("một mật khẩu dài\n", encoding="utf-8")
    for path, words in ((big, "quá lớn"), (tmp_path / "missing.bak", "Không đọc được")):
        assert cli_main(["--db", db, "keys", "restore", str(path), "--passphrase-file", str(tmp_path / "pw")]) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err
