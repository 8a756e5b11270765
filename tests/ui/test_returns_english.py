"""«Nhận tệp từ Sở» lists what a file will change (or why it is refused) in the interface language:
the English interface showed this list in Vietnamese."""
import re

from xhht_desktop.cli import main

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def _department_update_and_commune(tmp_path):
    so, xa = str(tmp_path / "so.sqlite3"), str(tmp_path / "xa.sqlite3")
    out = tmp_path / "pub"
    out.mkdir()
    assert main(["--db", so, "init", "--role", "department", "--unit", "51", "--official", "Trần Văn Sở"]) == 0
    assert main(["--db", so, "keys", "export-public", "--out", str(tmp_path / "so.pub")]) == 0
    assert main(["--db", so, "targets", "set", "CB_KH_XA_CNTT", "--year", "2030", "--value", "45"]) == 0
    assert main(["--db", so, "publish", "--out", str(out)]) == 0
    assert main(["--db", xa, "init", "--role", "commune", "--unit", "23341", "--official", "Y Blong"]) == 0
    assert main(["--db", xa, "keys", "trust-department", str(tmp_path / "so.pub")]) == 0
    (update,) = out.glob("*.xhhtu")
    bogus = tmp_path / "hỏng.xhhtu"
    bogus.write_bytes(b"not a file of the Department")
    return xa, update, bogus


def test_the_list_of_changes_is_worded_in_the_interface_language(tmp_path, capsys):
    from ui.dialogs.returns import describe_results
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync.returns_cli import apply_paths

    xa, update, bogus = _department_update_and_commune(tmp_path)
    capsys.readouterr()
    db = open_app_database(xa)
    try:
        rows = apply_paths(db, [update, bogus], dry_run=True, actor="Y Blong")
    finally:
        db.conn.close()
    english = describe_results(rows, dry_run=True, lang="en")
    assert f"{update.name}: catalogue update no. 1, will apply 1 change:" in english
    assert "Target of CB_KH_XA_CNTT for 2030: 60 (draft) → 45" in english
    assert "refused" in english and "Nothing was changed." in english
    assert not VIETNAMESE.search(english.replace(bogus.name, "")), english

    vietnamese = describe_results(rows, dry_run=True, lang="vi")
    assert f"{update.name}: bản cập nhật danh mục số 1, sẽ áp dụng 1 thay đổi:" in vietnamese
    assert "Mục tiêu CB_KH_XA_CNTT năm 2030: 60 (dự thảo) → 45" in vietnamese
    assert "bị từ chối" in vietnamese
