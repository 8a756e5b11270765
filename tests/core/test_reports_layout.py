"""Page layout read back from the PDF: a heading never ends a page, the signature block never
stands alone on the last page."""

import re

import pytest

from xhht_desktop.domain.periods import parse_period
from xhht_desktop.reports.cli import generate

from tests.core.test_reports_fixtures import PEK, unit
from tests.core.test_reports_output import needs_poppler, pdf_pages, pdf_text, reports_db  # noqa: F401

HEADING = re.compile(r"^(?:[IVX]+\. [A-ZÀ-Ỹ ,()]+|Bình đẳng giới trong xóa mù chữ|\d+\. [^\d]+)$")
FOOTER = ("In lúc", "Mã nhận dạng máy", "Mã cài đặt")


def _body_lines(path, page) -> list[str]:
    lines = [ln.strip() for ln in pdf_text(path, page).splitlines() if ln.strip()]
    return [ln for ln in lines if not any(f in ln for f in FOOTER)]


@needs_poppler
@pytest.mark.parametrize("kind,code,period", [("progress", PEK, "2014"), ("progress", "610", "2014"),
                                              ("consolidated", "62", "2014"), ("consolidated", "610", "2014-H2")])
def test_headings_and_signature_keep_their_company(reports_db, tmp_path, kind, code, period):  # noqa: F811
    out = generate(reports_db, kind, unit(reports_db, code), parse_period(period), "pdf", tmp_path / "r.pdf")
    pages = pdf_pages(out)
    for page in range(1, pages + 1):
        lines = _body_lines(out, page)
        assert lines, page
        last = re.sub(r"\s{2,}.*", "", lines[-1])  # the first column of a layout line
        assert not HEADING.match(last), f"page {page} ends with the heading {last!r}"
    last_page = pdf_text(out, pages)
    assert "Nơi nhận:" in last_page
    # The signature keeps the report's closing sentence (and the notes before it) on its page.
    assert "Trên đây là kết quả" in last_page
    assert "Nơi nhận:" not in pdf_text(out, 1, pages - 1) if pages > 1 else True
