"""Keys: made at init, fingerprints people can read, the Department key exported and backed up."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.core.test_sync_fixtures import PEK, department, sender
from xhht_desktop.cli import main as cli_main
from xhht_desktop.sync import export, keys, minisign

FP = re.compile(r"^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$")


@pytest.fixture
def dept(tmp_path):
    site = department(tmp_path)
    yield site
    site.close()


def test_init_creates_the_keys_each_role_needs(dept, tmp_path):
    assert keys.department_identity(dept.db) is not None
    assert FP.match(keys.installation_fingerprint(dept.db))
    assert FP.match(keys.department_fingerprint(dept.db))
    pek = sender(tmp_path, dept, "commune", PEK)
    assert keys.department_identity(pek.db) is None  # a commune never holds the Department's secret
    assert keys.department_fingerprint(pek.db) == keys.department_fingerprint(dept.db)
    fp = keys.installation_fingerprint(pek.db)
    assert FP.match(fp) and fp != keys.installation_fingerprint(dept.db)
    assert keys.installation_fingerprint(pek.db) == fp  # stable
    pek.close()


def test_fingerprints_are_typed_back_forgivingly():
    assert keys.normalise_fingerprint("abcd efgh-jklm npqr") == "ABCD-EFGH-JKLM-NPQR"
    assert keys.normalise_fingerprint("0E7F-CB0K-ZCC4-4T5D") == "OE7F-CBOK-ZCC4-4T5D"  # zero heard as O
    with pytest.raises(keys.KeyProblem):
        keys.normalise_fingerprint("ABCD-EFGH-JKLM-NPQ9")  # 9 is not in the alphabet
    with pytest.raises(keys.KeyProblem):
        keys.normalise_fingerprint("ABCD-EFGH")


def test_export_refuses_without_the_department_key(tmp_path, dept):
    from tests.core.test_sync_fixtures import Site
    lone = Site(tmp_path / "lone.sqlite3", "commune", PEK, "A")
    with pytest.raises(export.ExportProblem, match="khóa công khai của Sở"):
        export.export_package(lone.db, tmp_path)
    with pytest.raises(keys.KeyProblem):
        keys.trust_department(lone.db, "not a key\n")
    with pytest.raises(keys.KeyProblem):
        keys.trust_department(lone.db, "age1qqqqqqqqqq\n")
    lone.close()


def test_backup_and_restore_with_a_passphrase(dept, tmp_path):
    original = keys.identity_file_text(dept.db).splitlines()[-1]
    data = keys.backup_department_key(dept.db, "mật khẩu dài đủ")
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt")
    with pytest.raises(keys.KeyProblem, match="ít nhất"):
        keys.backup_department_key(dept.db, "ngắn")
    fresh = department(tmp_path / "new-pc")
    old_fp = keys.department_fingerprint(fresh.db)
    with pytest.raises(keys.KeyProblem, match="sai mật khẩu"):
        keys.restore_department_key(fresh.db, data, "mật khẩu sai rồi")
    fp = keys.restore_department_key(fresh.db, data, "mật khẩu dài đủ")
    assert fp == keys.department_fingerprint(dept.db) != old_fp
    assert str(keys.department_identity(fresh.db)) == original
    assert len(keys.department_identities(fresh.db)) == 2  # the replaced key still opens old packages
    fresh.close()


def test_cli_key_commands(dept, tmp_path, capsys):
    db = str(dept.path)
    dept.close()
    assert cli_main(["--db", db, "keys", "export-public", "--out", str(tmp_path / "so.pub")]) == 0
    text = (tmp_path / "so.pub").read_text(encoding="utf-8")
    assert keys.parse_recipient_text(text).startswith("age1")
    assert cli_main(["--db", db, "keys", "export-identity", "--out", str(tmp_path / "so.key")]) == 0
    assert (tmp_path / "so.key").stat().st_mode & 0o077 == 0  # owner only
    (tmp_path / "pw").write_text("một mật khẩu dài\n", encoding="utf-8")
    assert cli_main(["--db", db, "keys", "backup", "--out", str(tmp_path / "so.bak"),
                     "--passphrase-file", str(tmp_path / "pw")]) == 0
    assert cli_main(["--db", db, "keys", "restore", str(tmp_path / "so.bak"),
                     "--passphrase-file", str(tmp_path / "pw")]) == 0
    capsys.readouterr()
    assert cli_main(["--db", db, "keys", "show", "--json"]) == 0
    assert "installation_fingerprint" in capsys.readouterr().out

    commune = str(tmp_path / "xa.sqlite3")
    assert cli_main(["--db", commune, "init", "--role", "commune", "--unit", PEK]) == 0
    assert cli_main(["--db", commune, "keys", "trust-department", str(tmp_path / "so.pub")]) == 0
    out = capsys.readouterr().out
    assert keys.phone_fingerprint(keys.parse_recipient_text(text), keys.parse_signing_key_line(text)) in out
    assert cli_main(["--db", commune, "keys", "export-identity", "--out", str(tmp_path / "x.key")]) == 1
    assert cli_main(["--db", commune, "keys", "export-public", "--out", str(tmp_path / "xa.pub")]) == 0
    assert len(minisign.parse_public_key_text((tmp_path / "xa.pub").read_text())) == 32
    assert cli_main(["--db", commune, "export", "--out", str(tmp_path)]) == 1  # nothing entered yet
    assert "Không có gì mới" in capsys.readouterr().err


def test_age_backup_opens_with_the_age_tool(dept, tmp_path):
    """The identity file is a standard one: `age-keygen -y` derives the same public key from it."""
    keygen = shutil.which("age-keygen")
    if keygen is None:
        pytest.skip("age-keygen is not installed (Debian: apt-get install age)")
    path = keys.write_file(tmp_path / "so.key", keys.identity_file_text(dept.db), private=True)
    public = subprocess.run([keygen, "-y", str(path)], capture_output=True, text=True, check=True).stdout.strip()
    assert public == keys.department_recipient(dept.db)
