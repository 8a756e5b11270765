"""Messages of the core as codes with parameters, turned into words per language (no Qt here).

The core raises `CodedError(code, **params)` and reports progress with `Text(code, **params)`; both
read as Vietnamese sentences wherever they are used as plain strings (the CLI's default, the logs,
existing callers), and `words(x, lang)` gives them in another language: the interface in English,
`xhht --lang en` / `XHHT_LANG=en` on the command line.

A code with no template in a language falls back to Vietnamese; tests/core/test_messages.py checks
that every code has both.
"""

from __future__ import annotations

import os

LANGUAGES = ("vi", "en")
DEFAULT = "vi"

TEMPLATES: dict[str, dict[str, str]] = {
    # Reports (xhht_desktop/reports/cli.py).
    "report.consolidated_needs_higher_level": {
        "vi": "Báo cáo tổng hợp dành cho huyện hoặc tỉnh; «{unit}» là cấp xã (dùng phiếu theo dõi tiến độ).",
        "en": "The consolidated report is for a district or the province; «{unit}» is a commune "
              "(use the progress sheet).",
    },
    "report.bad_kind": {
        "vi": "Loại báo cáo «{kind}» / định dạng «{fmt}» không hợp lệ.",
        "en": "Report kind «{kind}» / format «{fmt}» is not valid.",
    },
    "report.unit_life": {
        "vi": "{text}",
        "en": "{unit} ({unit_code}) does not report period {period}{successor_en}.",
    },
    "report.former_district_province_only": {
        "vi": "Nhóm theo huyện cũ chỉ dành cho báo cáo tổng hợp của tỉnh.",
        "en": "Grouping by former district is only for the province's consolidated report.",
    },
    "report.former_district_not_needed": {
        "vi": "{unit} còn cấp huyện trong {period_vi}: báo cáo đã nhóm theo huyện, không cần nhóm theo huyện cũ.",
        "en": "{unit} still has districts in period {period}: the report is already grouped by district, "
              "no grouping by former district is needed.",
    },
    "report.former_district_consolidated_only": {
        "vi": "--by-former-district chỉ dùng với báo cáo tổng hợp (consolidated).",
        "en": "--by-former-district is only for the consolidated report.",
    },
    # Progress texts reported to the interface's workers.
    "progress.computing": {"vi": "Đang tính số liệu…", "en": "Computing the figures…"},
    "progress.computing_units": {"vi": "Đang tính số liệu các đơn vị…", "en": "Computing the units' figures…"},
    "progress.laying_out": {"vi": "Đang dàn trang bản in…", "en": "Laying out the printed pages…"},
    "progress.writing_excel": {"vi": "Đang ghi tệp Excel…", "en": "Writing the Excel file…"},
    "progress.saving_excel": {"vi": "Đang lưu tệp Excel…", "en": "Saving the Excel file…"},
    "progress.gathering": {"vi": "Đang gom số liệu…", "en": "Gathering the figures…"},
    "progress.signing": {"vi": "Đang ký và mã hóa…", "en": "Signing and encrypting…"},
    "progress.writing_file": {"vi": "Đang ghi tệp…", "en": "Writing the file…"},
    "progress.done": {"vi": "Xong", "en": "Done"},
}


def template(code: str, lang: str = DEFAULT) -> str:
    by_lang = TEMPLATES[code]
    return by_lang.get(lang) or by_lang[DEFAULT]


def render(code: str, params: dict, lang: str = DEFAULT) -> str:
    return template(code, lang).format(**params)


class Text(str):
    """A message the core reports (a progress text): a code and parameters, equal to its Vietnamese
    words so every plain-string use keeps working."""

    code: str
    params: dict

    def __new__(cls, code: str, **params):
        obj = super().__new__(cls, render(code, params))
        obj.code = code
        obj.params = params
        return obj


class CodedError(ValueError):
    """An error of the core with a code and parameters; `str()` is the Vietnamese sentence."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(render(code, params))

    @property
    def message_vi(self) -> str:
        return render(self.code, self.params)


def words(message, lang: str = DEFAULT) -> str:
    """A message (Text, CodedError, or any other object: its str()) in `lang`."""
    code = getattr(message, "code", None)
    params = getattr(message, "params", None)
    if isinstance(code, str) and code in TEMPLATES and isinstance(params, dict):
        try:
            return render(code, params, lang)
        except (KeyError, IndexError):  # a template that names a parameter this message lacks
            return str(message)
    return str(message)


def cli_language(value: str | None = None) -> str:
    """The CLI's language: `--lang` if given, else XHHT_LANG, else Vietnamese."""
    chosen = (value or os.environ.get("XHHT_LANG") or DEFAULT).strip().lower()[:2]
    return chosen if chosen in LANGUAGES else DEFAULT
