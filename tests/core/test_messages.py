"""The core's messages are codes with parameters: Vietnamese as plain strings (the CLI's default),
English through messages.words (the interface in English, `xhht --lang en`)."""

from __future__ import annotations

import re

import pytest

from xhht_desktop import messages as M
from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.reports import cli as report_cli

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def test_every_code_has_vietnamese_and_english():
    for code, by_lang in M.TEMPLATES.items():
        assert set(by_lang) == {"vi", "en"}, code
        assert by_lang["vi"].strip() and by_lang["en"].strip(), code
        # «…» quotes what the file or the paper itself says (a sheet's column header): kept as it is.
        assert not VIETNAMESE.search(re.sub(r"«[^»]*»", "", by_lang["en"])), code


def test_progress_text_reads_vietnamese_and_turns_english():
    text = M.Text("progress.computing_units")
    assert text == "Đang tính số liệu các đơn vị…" and isinstance(text, str)
    assert M.words(text, "en") == "Computing the units' figures…"
    assert M.words("plain text", "en") == "plain text"  # not coded: as it is


def test_report_refusal_for_a_commune_in_both_languages(commune_db, tmp_path):
    unit = units_repo.resolve_unit(commune_db, "23353")
    with pytest.raises(report_cli.ReportError) as caught:
        report_cli.generate(commune_db, "consolidated", unit, parse_period("2014"), "pdf", tmp_path / "x.pdf")
    exc = caught.value
    assert exc.code == "report.consolidated_needs_higher_level" and exc.params == {"unit": unit.name}
    assert str(exc) == exc.message_vi == (f"Báo cáo tổng hợp dành cho huyện hoặc tỉnh; «{unit.name}» là cấp xã "
                                          "(dùng phiếu theo dõi tiến độ).")
    english = M.words(exc, "en")
    assert english.startswith("The consolidated report is for a district or the province; «Xã Đắk Pék» is a commune")
    assert not (tmp_path / "x.pdf").exists()


def test_report_for_a_period_after_the_merger_names_the_successor_in_english(db, tmp_path):
    tra_bui = units_repo.resolve_unit(db, "21142")
    with pytest.raises(report_cli.ReportError) as caught:
        report_cli.generate(db, "progress", tra_bui, parse_period("2026"), "pdf", tmp_path / "x.pdf")
    exc = caught.value
    assert str(exc).endswith("số liệu trước sáp nhập thuộc Xã Cà Đam (21136)")  # the Vietnamese as before
    english = M.words(exc, "en")
    assert english.startswith("Xã Trà Bùi (21142) does not report period 2026: from 2025-07-01 its data belongs to")
    assert "Xã Cà Đam (21136)" in english
    left = english
    for name in ("Xã Trà Bùi", "Xã Cà Đam", "Xã Tây Trà Bồng"):
        left = left.replace(name, "")
    assert not VIETNAMESE.search(left), english


def test_cli_language_from_option_or_environment(monkeypatch):
    monkeypatch.delenv("XHHT_LANG", raising=False)
    assert M.cli_language() == "vi"
    monkeypatch.setenv("XHHT_LANG", "en_US.UTF-8")
    assert M.cli_language() == "en"
    assert M.cli_language("vi") == "vi"  # the option wins
    monkeypatch.setenv("XHHT_LANG", "fr")
    assert M.cli_language() == "vi"


def test_excel_problems_and_cli_exit_texts_in_english(tmp_path, capsys, monkeypatch):
    """`xhht --lang en` (or XHHT_LANG=en): the import's problems, a refusal and the exit texts in English;
    without it, Vietnamese as before."""
    from openpyxl import Workbook

    from xhht_desktop.cli import main

    db = tmp_path / "x.sqlite3"
    monkeypatch.delenv("XHHT_LANG", raising=False)
    assert main(["--db", str(db), "--lang", "en", "values", "--period", "2014"]) == 1
    assert "Error: This installation is not set up yet: run `init` first" in capsys.readouterr().err
    assert main(["--db", str(db), "--lang", "en", "init", "--role", "commune", "--unit", "23353",
                 "--official", "Y Blong"]) == 0
    out = capsys.readouterr().out
    assert "Set up: Xã Đắk Pék (23353), role commune" in out
    assert "Note: Xã Đắk Pék reports only up to the first half of 2025" in out
    book = tmp_path / "bad.xlsx"
    Workbook().save(book)
    assert main(["--db", str(db), "--lang", "en", "import-xlsx", str(book)]) == 1
    err = capsys.readouterr().err
    assert "File rejected, nothing was imported (1 problems):" in err
    assert "File: There is no sheet «" in err
    monkeypatch.setenv("XHHT_LANG", "en")
    assert main(["--db", str(db), "report", "consolidated", "--period", "2014", "--format", "pdf",
                 "--out", str(tmp_path / "r.pdf")]) == 1
    assert "Error: The consolidated report is for a district or the province" in capsys.readouterr().err
    assert main(["--db", str(db), "--lang", "en", "values", "--period", "2014"]) == 0
    assert "not reported" in capsys.readouterr().out
    monkeypatch.delenv("XHHT_LANG")
    assert main(["--db", str(db), "import-xlsx", str(book)]) == 1
    err = capsys.readouterr().err
    assert "Tệp bị từ chối, không có gì được nhập (1 lỗi):" in err and "Tệp: Không có trang tính «" in err
    assert main(["--db", str(db), "values", "--period", "2014"]) == 0
    assert "chưa báo cáo" in capsys.readouterr().out


def test_an_exception_raised_with_a_coded_text_is_worded_too(tmp_path, capsys):
    from xhht_desktop.cli import main
    from xhht_desktop.sync import keys

    with pytest.raises(keys.KeyProblem) as caught:
        keys.normalise_fingerprint("ZZZ")
    assert str(caught.value) == "«ZZZ» không phải là mã nhận dạng khóa (dạng ABCD-EFGH-JKLM-NPQR)."
    assert M.words(caught.value, "en") == "«ZZZ» is not a key fingerprint (form ABCD-EFGH-JKLM-NPQR)."
    db = str(tmp_path / "so.sqlite3")
    assert main(["--db", db, "init", "--role", "department", "--unit", "51", "--official", "A"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--lang", "en", "installations", "revoke", "ZZZ"]) == 1
    assert capsys.readouterr().err.strip() == "Error: «ZZZ» is not a key fingerprint (form ABCD-EFGH-JKLM-NPQR)."


def test_a_file_that_is_not_excel_is_refused_in_either_language(tmp_path):
    from xhht_desktop.io.xlsx_entry import read_entry_sheet

    bad = tmp_path / "bieu.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    problem = read_entry_sheet(bad).problems[0]
    assert problem.text() == "Tệp: Tệp «bieu.xlsx» không phải tệp Excel .xlsx hợp lệ."
    assert problem.text("en") == "File: File «bieu.xlsx» is not a valid Excel .xlsx file."
