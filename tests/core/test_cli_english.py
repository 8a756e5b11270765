"""Issue 14 point 8: the command line in English (`xhht --lang en`, XHHT_LANG=en) — every `--help` and
what the commands print — with no Vietnamese left but proper names and the user's own data; and the
same commands in Vietnamese (the default) unchanged."""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from xhht_desktop import cli
from xhht_desktop.cli import main as cli_main
from xhht_desktop.installation import open_app_database

ROOT = Path(__file__).resolve().parents[2]
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# Proper names and what the paper itself prints (kept in any language): legal document codes, bodies'
# abbreviations, «quoted» words of the paper or of a file, and the titles the form prints.
PROPER = re.compile(r"\b\d*/?(?:QĐ|NĐ|KH|BC|TT|CT)-[A-Za-zĐđ-]+|\bGD&ĐT\b|\bNĐ\b|\bQĐ\b|«[^»]*»"
                    r"|CHỦ TỊCH|GIÁM ĐỐC|ỦY BAN NHÂN DÂN|PHÓ CHỦ TỊCH")


def _subparsers(parser: argparse.ArgumentParser):
    """(command path, parser) of every command and subcommand."""
    yield (), parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for path, p in _subparsers(sub):
                    yield (name, *path), p


def _vietnamese(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Lines of `text` still holding Vietnamese once proper names and `allowed` (user data) are removed."""
    bad = []
    for line in text.splitlines():
        rest = line
        for a in sorted(allowed, key=len, reverse=True):
            if a:
                rest = rest.replace(a, "")
        rest = PROPER.sub("", rest)
        words = [w for w in rest.split() if VIETNAMESE.search(w)]
        if words:
            bad.append(f"{' '.join(words)}  ← {line[:160]}")
    return bad


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setattr(cli, "LANG", "en")
    yield
    # main() sets the language again on every call


def test_every_help_text_is_english(english, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")  # argparse breaks lines at hyphens: BC-/SGDĐT
    parser = cli.build_parser()
    seen = 0
    for path, p in _subparsers(parser):
        text = " ".join(p.format_help().split())  # argparse wraps lines inside «quotes»
        assert not _vietnamese(text), (path, _vietnamese(text))
        seen += 1
    assert seen > 35  # every command and subcommand, not only the top


def test_every_help_text_is_vietnamese_by_default(monkeypatch):
    monkeypatch.setattr(cli, "LANG", "vi")
    parser = cli.build_parser()
    helps = {path: p.format_help() for path, p in _subparsers(parser)}
    assert "XHHT Desktop – dòng lệnh" in helps[()]
    assert "xuất gói đồng bộ gửi Sở (in ra đường dẫn tệp)" in helps[()]
    assert "ngày ban hành dd/mm/yyyy (mặc định: hôm nay)" in helps[("report",)]
    assert "thu hồi máy gửi: từ chối mọi gói sau này của nó" in helps[("installations",)]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_help_in_a_real_process(how, tmp_path):
    """`xhht --lang en report --help` (the language is known before the parser is built) and XHHT_LANG."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XHHT_DATA_DIR=str(tmp_path), COLUMNS="2000")
    argv = [sys.executable, "-m", "xhht_desktop"]
    if how == "option":
        argv += ["report", "--help", "--lang", "en"]
    else:
        env["XHHT_LANG"] = "en"
        argv += ["report", "--help"]
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "date of issue dd/mm/yyyy (default: today)" in text
    assert not _vietnamese(text), _vietnamese(text)


def test_the_core_labels_the_commands_print_have_english_without_the_ts_file(english, monkeypatch):
    """The bundle carries the .qm, not the .ts: the CLI's labels must not depend on it."""
    from xhht_desktop.clc import domain
    from xhht_desktop.sync import completeness, corrections, export

    monkeypatch.setattr(cli, "_TRANSLATIONS", {"en": {}})
    for table in (completeness.STATUS_LABELS_VI, export.TABLE_LABELS_VI, corrections.STATUS_LABELS_VI,
                  domain.CATEGORY_SHORT_VI, domain.FORMAT_LABELS_VI):
        for text in filter(None, table.values()):
            assert not VIETNAMESE.search(cli.label(text)), text


# ---- a session: what the commands print -----------------------------------------------------------

def _run(db: Path, lang: str | None, *argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = cli_main(["--db", str(db), *(["--lang", lang] if lang else []), *argv])
    return rc, out.getvalue() + err.getvalue()


def session(tmp: Path, lang: str | None) -> list[tuple[tuple[str, ...], int, str]]:
    """A Department and a commune through the whole cycle; every command's exit code and output."""
    so, xa = tmp / "so.sqlite3", tmp / "xa.sqlite3"
    out_dir, pk = tmp / "out", tmp / "pk"
    out_dir.mkdir()
    pk.mkdir()
    log: list[tuple[tuple[str, ...], int, str]] = []

    def run(db: Path, *argv: str, ok: int | None = 0) -> str:
        rc, text = _run(db, lang, *argv)
        log.append(((db.stem, *argv), rc, text))
        if ok is not None:
            assert rc == ok, (argv, text)
        return text

    run(so, "init", "--role", "department", "--unit", "51", "--official", "Trần Sở")
    run(xa, "init", "--role", "commune", "--unit", "23341", "--official", "Y Blong", "--sample")
    pub = tmp / "so.pub"
    run(so, "keys", "export-public", "--out", str(pub))
    run(xa, "keys", "trust-department", str(pub))
    run(xa, "keys", "show")
    run(so, "keys", "show")
    run(so, "keys", "set-email", "so@example.vn")
    run(xa, "values", "--period", "2026")
    run(xa, "values", "--period", "2025-H2")
    run(xa, "clc", "list", "--period", "2026")
    run(xa, "clc", "summary", "--period", "2026")
    run(xa, "clc", "list", "--period", "2026", "--category", "nothing", ok=1)
    package = Path(run(xa, "export", "--out", str(pk)).splitlines()[0])
    run(xa, "exports")
    run(so, "merge", "--dry-run", str(package))
    run(so, "merge", str(package))
    run(so, "installations", "list")
    fp = run(xa, "keys", "show", "--json").split('"installation_fingerprint": "')[1].split('"')[0]
    run(so, "installations", "confirm", fp)
    run(so, "merge", str(package))  # again: a duplicate
    run(so, "completeness", "--period", "2026", "--district", "0")
    run(so, "completeness", "--period", "2025-H2")
    run(so, "conflicts", "list")
    run(so, "targets", "set", "CB_KH_XA_CNTT", "--year", "2030", "--value", "65")
    run(so, "targets", "set", "CB_KH_XA_CNTT", "--year", "2031", "--value", "65", ok=1)
    run(so, "publish", "--out", str(out_dir))
    run(so, "request-correction", "--unit", "23341", "--period", "2026", "--indicator", "CB_KH_XA_CNTT",
        "--message", "Kiểm tra lại")
    run(so, "corrections", "list")
    receipts = [line for line in run(so, "receipts", "--out", str(out_dir)).splitlines() if line.endswith(".xhhtr")]
    run(xa, "apply", "--dry-run", str(out_dir))
    run(xa, "apply", *receipts, *sorted(str(p) for p in out_dir.glob("*.xhhtu")))
    bogus = tmp / "bogus.xhhtu"
    bogus.write_bytes(b"not a file of the Department")
    run(xa, "apply", str(bogus), ok=1)
    run(xa, "corrections", "list")
    request = run(xa, "corrections", "list", "--json").split('"id": "')[1][:8]
    run(xa, "corrections", "reply", request, "--message", "Đã kiểm tra")
    run(xa, "report", "progress", "--period", "2026", "--number", "abc", ok=1)
    run(xa, "report", "progress", "--period", "2026", "--date", "31/02/2026", ok=1)
    run(xa, "report", "progress", "--period", "2026", "--coverage", "250", ok=1)
    run(xa, "report", "progress", "--period", "2026", "--signer-name", "x" * 300, ok=1)
    bad = tmp / "bad.txt"
    bad.write_text("# Không có mục này\n", encoding="utf-8")
    run(xa, "narrative", "set", "--period", "2026", "--file", str(bad), ok=1)
    run(xa, "units", "show", "23341")
    run(xa, "backup", "--out", str(tmp / "copy.sqlite3"))
    run(xa, "backup", "--out", str(out_dir), ok=1)  # a folder, not a file
    run(xa, "restore", str(bad), ok=1)  # not a database
    run(xa, "backups")
    run(xa, "check")
    run(xa, "restore", str(tmp / "copy.sqlite3"))
    run(xa, "move-to", "23341", ok=1)
    run(xa, "values", "--period", "2099", ok=1)  # outside the programmes
    run(xa, "clc", "summary", "--period", "2014-H3", ok=1)  # not a period
    run(xa, "merge", str(package), ok=1)  # a commune does not merge
    return log


def _user_data(tmp: Path) -> tuple[str, ...]:
    """Names and texts the user (or the sample data) wrote: allowed in any language."""
    db = open_app_database(tmp / "xa.sqlite3")
    try:
        rows = [r[0] for r in db.conn.execute("SELECT name FROM units")]
        for column in ("title", "partner", "location", "note", "funding_source"):
            try:
                rows += [r[0] for r in db.conn.execute(f"SELECT {column} FROM clc_activities")]
            except Exception:  # noqa: BLE001 - a column this schema lacks
                pass
    finally:
        db.conn.close()
    return tuple(str(r)[:50] for r in rows if r) + ("Trần Sở", "Y Blong", "Kiểm tra lại", "Đã kiểm tra",
                                                     str(tmp))


def test_an_english_session_prints_no_vietnamese(tmp_path):
    log = session(tmp_path, "en")
    allowed = _user_data(tmp_path)
    problems = [(argv, line) for argv, _rc, text in log for line in _vietnamese(text, allowed)]
    assert not problems, "\n".join(f"{' '.join(a)}: {line}" for a, line in problems)
    texts: dict[tuple[str, ...], str] = {}
    for argv, _rc, text in log:
        texts.setdefault(argv[1:], text)  # the first run of a command (merge runs twice)
    merged = next(t for a, t in texts.items() if a[0] == "merge" and "--dry-run" not in a)
    assert "RECEIPT OF IMPORTED SYNC PACKAGES" in merged and "Awaiting confirmation of the sender" in merged
    assert "Rejected" not in merged
    dry = next(t for a, t in texts.items() if a[:2] == ("merge", "--dry-run"))
    assert "CHECK OF SYNC PACKAGES (NOT IMPORTED)" in dry
    assert "The document number must be a positive whole number (got «abc»)." in \
        texts[("report", "progress", "--period", "2026", "--number", "abc")]
    assert "The coverage threshold must be a percentage from 1 to 100 (got «250»)." in \
        texts[("report", "progress", "--period", "2026", "--coverage", "250")]
    assert "REJECTED – The file is damaged or is not a file of the Department. Nothing was changed." in \
        next(t for a, t in texts.items() if a[0] == "apply" and "bogus" in a[-1])
    assert "No problems found (checked" in texts[("check",)]
    assert "is a folder: give the backup file's name" in texts[("backup", "--out", str(tmp_path / "out"))]
    assert "is not an XHHT database (SQLite).\nNothing was changed." in texts[("restore", str(tmp_path / "bad.txt"))]
    # flags and degrees of `values` are words of the language too
    values = texts[("values", "--period", "2026")]
    assert re.search(r"\b(Yes|No|Level \d|Not met|Meets the standard)\b", values), values


def test_the_vietnamese_session_is_unchanged(tmp_path):
    """The default stays Vietnamese, word for word as before the English mode (the receipt, the
    apply lines, the refusals)."""
    log = session(tmp_path, None)
    texts: dict[tuple[str, ...], str] = {}
    for argv, _rc, text in log:
        texts.setdefault(argv[1:], text)  # the first run of a command (merge runs twice)
    merged = next(t for a, t in texts.items() if a[0] == "merge" and "--dry-run" not in a)
    assert merged.startswith("BIÊN NHẬN NHẬP GÓI ĐỒNG BỘ\nLúc ")
    assert "Chờ xác nhận máy gửi: 1 gói" in merged
    assert "Số văn bản phải là số nguyên dương (nhận được «abc»)." in \
        texts[("report", "progress", "--period", "2026", "--number", "abc")]
    assert "bogus.xhhtu: BỊ TỪ CHỐI – Tệp" in next(t for a, t in texts.items() if a[0] == "apply" and "bogus" in a[-1])
    assert texts[("check",)].splitlines()[-1].startswith("Không phát hiện vấn đề nào (đã kiểm tra ")
    assert texts[("backup", "--out", str(tmp_path / "out"))] == \
        f"Lỗi: «{tmp_path / 'out'}» là một thư mục: hãy ghi rõ tên tệp sao lưu (ví dụ …/xhht_sao-luu.sqlite3).\n"
    assert texts[("restore", str(tmp_path / "bad.txt"))] == \
        "Lỗi: Tệp «bad.txt» không phải là cơ sở dữ liệu XHHT (SQLite).\nKhông có gì bị thay đổi.\n"


def test_self_test_in_english(tmp_path):
    rc, text = _run(tmp_path / "x.sqlite3", "en", "self-test")
    assert rc == 0, text
    assert "resources: complete" in text and "Self-test: passed" in text
    assert not _vietnamese(text, (str(tmp_path),)), text


def test_check_findings_in_english_and_unchanged_in_vietnamese(commune_db, db_path, capsys):
    """`check` lists what it found in the chosen language (the same damage as
    tests/core/test_backup.py::test_check_finds_what_the_form_would_have_refused)."""
    from xhht_desktop.db import values_repo
    from xhht_desktop.domain.values import Entry
    from xhht_desktop.installation import get_installation

    inst = get_installation(commune_db)
    values_repo.save_entries(commune_db, inst.unit.id, "2014", [
        Entry("XMC_15_60", None, 3000, 4000), Entry("XMC_15_60", "nu", 1400, 1900)],
        actor="t", origin=inst.installation_id)
    conn = commune_db.conn
    conn.execute("UPDATE indicator_values SET numerator=3500 WHERE breakdown='nu'")  # breakdown > total
    conn.execute("""INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, value, revision,
                    updated_at) VALUES ('no-history', ?, '2015', 'DON_VI_HOC_TAP', '', 4, 0, 'x')""",
                 (inst.unit.id,))
    conn.commit()
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("""INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, value, revision,
                    updated_at) VALUES ('ghost-unit', 999999, '2015', 'DON_VI_HOC_TAP', '', 4, 1, 'x')""")
    conn.commit()
    assert cli_main(["--db", str(db_path), "--lang", "en", "check"]) == 1
    english = capsys.readouterr().out
    assert "records of table indicator_values have a revision below 1." in english
    assert ", period 2014: " in english and "Found " in english
    assert not _vietnamese(english, (inst.unit.name, str(db_path))), english
    assert cli_main(["--db", str(db_path), "check"]) == 1
    vietnamese = capsys.readouterr().out
    assert "- 1 bản ghi của bảng indicator_values có số phiên bản nhỏ hơn 1." in vietnamese
    assert "1 dòng của bảng indicator_values trỏ tới units không tồn tại." in vietnamese
    assert f"- {inst.unit.name} (23353), kỳ 2014: " in vietnamese
