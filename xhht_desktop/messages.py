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
    "report.former_district_pdf_only": {
        "vi": "Nhóm các xã, phường theo huyện cũ hiện chỉ có ở bản PDF; bản Excel chưa nhóm được.",
        "en": "Grouping communes and wards by former district is only in the PDF for now; the Excel "
              "workbook cannot group them yet.",
    },
    # Problems of an Excel entry form (xhht_desktop/io/xlsx_entry.py), after "Dòng 12 (X.1): ".
    "xlsx.unreadable": {"vi": "Không đọc được tệp «{file}»: {reason}", "en": "Cannot read file «{file}»: {reason}"},
    "xlsx.too_big": {"vi": "Tệp «{file}» quá lớn ({mb} MB); biểu nhập không vượt quá 20 MB.",
                     "en": "File «{file}» is too large ({mb} MB); an entry form is at most 20 MB."},
    "xlsx.unpacks_too_big": {"vi": "Tệp «{file}» giải nén ra quá lớn; không phải biểu nhập hợp lệ.",
                             "en": "File «{file}» unpacks too large; it is not a valid entry form."},
    "xlsx.not_xlsx": {"vi": "Tệp «{file}» không phải tệp Excel .xlsx hợp lệ.",
                      "en": "File «{file}» is not a valid Excel .xlsx file."},
    "xlsx.sheet_too_long": {"vi": "Tệp «{file}» có trang «{sheet}» quá nhiều dòng (hơn {rows}); không phải biểu "
                                  "nhập hợp lệ.",
                            "en": "File «{file}» has a sheet «{sheet}» with too many rows (over {rows}); it is not "
                                  "a valid entry form."},
    "xlsx.cannot_open": {"vi": "Tệp «{file}» không mở được bằng Excel: {error}.",
                         "en": "File «{file}» cannot be opened as Excel: {error}."},
    "xlsx.no_sheet": {"vi": "Không có trang tính «{sheet}» (biểu nhập chỉ tiêu).",
                      "en": "There is no sheet «{sheet}» (the indicator entry form)."},
    "xlsx.no_label": {"vi": "Không tìm thấy ô «{label}» ở đầu trang «{sheet}».",
                      "en": "No cell «{label}» at the top of sheet «{sheet}»."},
    "xlsx.no_header": {"vi": "Không tìm thấy dòng tiêu đề có các cột Mã, Tử số, Mẫu số, Giá trị.",
                       "en": "No header row with the columns «Mã» (code), «Tử số» (numerator), «Mẫu số» "
                             "(denominator), «Giá trị» (value)."},
    "xlsx.too_many_rows": {"vi": "Trang «{sheet}» có quá nhiều dòng ({rows}).",
                           "en": "Sheet «{sheet}» has too many rows ({rows})."},
    "xlsx.missing_code": {"vi": "có số liệu nhưng thiếu mã chỉ tiêu ở cột «Mã».",
                          "en": "has figures but no indicator code in column «Mã»."},
    "xlsx.unknown_code": {"vi": "mã chỉ tiêu không có trong danh mục.",
                          "en": "indicator code not in the catalogue."},
    "xlsx.duplicate": {"vi": "trùng với dòng {row}.", "en": "same as row {row}."},
    "xlsx.ratio_needs_fraction": {"vi": "chỉ tiêu tỷ lệ: nhập Tử số và Mẫu số, để trống Giá trị.",
                                  "en": "a ratio indicator: enter numerator and denominator, leave the value empty."},
    "xlsx.value_only": {"vi": "chỉ tiêu này nhập ở cột Giá trị, để trống Tử số/Mẫu số.",
                        "en": "this indicator is entered in the value column; leave numerator/denominator empty."},
    "xlsx.decision_only_for_levels": {"vi": "chỉ chỉ tiêu mức độ mới kèm quyết định công nhận.",
                                      "en": "only a level indicator carries a recognition decision."},
    "xlsx.other_unit": {"vi": "Mã đơn vị trong tệp là «{file_unit}», không phải đơn vị của máy này "
                              "({unit_code} – {unit}).",
                        "en": "The file's unit code is «{file_unit}», not this installation's unit "
                              "({unit_code} – {unit})."},
    "xlsx.not_this_level": {"vi": "chỉ tiêu này không do cấp của đơn vị nhập.",
                            "en": "this indicator is not entered at this unit's level."},
    "xlsx.yearly_only": {"vi": "chỉ tiêu này chỉ báo cáo theo năm, không báo cáo 6 tháng.",
                         "en": "this indicator is reported yearly only, not for a half-year."},
    # The command line's own texts (xhht_desktop/cli.py).
    "cli.error": {"vi": "Lỗi: {text}", "en": "Error: {text}"},
    "cli.rejected_values": {"vi": "Số liệu bị từ chối:\n{text}", "en": "Figures rejected:\n{text}"},
    "cli.not_initialised": {
        "vi": "Máy này chưa được khởi tạo: chạy lệnh `init` trước "
              "(ví dụ: init --role commune --unit 23353 --official \"Nguyễn Văn A\").",
        "en": "This installation is not set up yet: run `init` first "
              "(for example: init --role commune --unit 23353 --official \"Nguyen Van A\").",
    },
    "cli.sample_loaded": {"vi": "Đã nạp {n} số liệu mẫu.", "en": "Loaded {n} sample figures."},
    "cli.initialised": {"vi": "Đã khởi tạo: {unit} ({code}), vai trò {role}, cơ sở dữ liệu {db}",
                        "en": "Set up: {unit} ({code}), role {role}, database {db}"},
    "cli.unit_line": {"vi": "Đơn vị {key}: {label_vi}.", "en": "Unit {key}: {unit} ({code}, {life_en})."},
    "cli.move_offer": {
        "vi": "Lưu ý: {unit} chỉ báo cáo đến kỳ 6 tháng đầu năm {year}; từ {since_vi} là {successors}. "
              "Chuyển máy sang đơn vị mới: move-to {target}",
        "en": "Note: {unit} reports only up to the first half of {year}; from {since} it is {successors}. "
              "Move this installation to the new unit: move-to {target}",
    },
    "cli.unknown_unit": {"vi": "Không có đơn vị mã «{code}».", "en": "No unit with code «{code}»."},
    "cli.warning": {"vi": "Cảnh báo: {text}", "en": "Warning: {text}"},
    "cli.xlsx_rejected": {"vi": "Tệp bị từ chối, không có gì được nhập ({n} lỗi):",
                          "en": "File rejected, nothing was imported ({n} problems):"},
    "cli.xlsx_checked": {"vi": "Kiểm tra xong: {n} dòng hợp lệ, kỳ {period}. Chưa nhập (--dry-run).",
                         "en": "Checked: {n} valid rows, period {period}. Not imported (--dry-run)."},
    "cli.xlsx_imported": {"vi": "Đã nhập kỳ {period}: {changed} số liệu thay đổi, {unchanged} không đổi.",
                          "en": "Imported period {period}: {changed} figures changed, {unchanged} unchanged."},
    "cli.xlsx_clc": {"vi": "Sổ TTHTCĐ: {added} hoạt động mới, {updated} sửa, {unchanged} không đổi.",
                     "en": "Community learning centre log: {added} new activities, {updated} edited, "
                           "{unchanged} unchanged."},
    "cli.not_reported": {"vi": "chưa báo cáo", "en": "not reported"},
    "cli.derived_note": {
        "vi": "* {note_vi} (số xã trước sáp nhập đã báo cáo / phải báo cáo); chỉ tiêu đạt/chưa: tỷ lệ xã đạt.",
        "en": "* Derived from the communes before the merger (former communes reported / expected); "
              "met/not met indicators: the share of communes that met.",
    },
    # Installations sending to the Department (xhht_desktop/sync/cli.py).
    "keys.bad_fingerprint": {"vi": "«{text}» không phải là mã nhận dạng khóa (dạng ABCD-EFGH-JKLM-NPQR).",
                             "en": "«{text}» is not a key fingerprint (form ABCD-EFGH-JKLM-NPQR)."},
    "sync.status.pending": {"vi": "chờ xác nhận", "en": "awaiting confirmation"},
    "sync.status.confirmed": {"vi": "đã xác nhận", "en": "confirmed"},
    "sync.status.revoked": {"vi": "đã thu hồi", "en": "revoked"},
    "sync.installation_line": {"vi": "{fp}  {unit} ({code})  {status}  giữ {held} gói, đã nhập {imported}",
                               "en": "{fp}  {unit} ({code})  {status}  holding {held} packages, imported {imported}"},
    "sync.missing": {"vi": ", thiếu gói số {ranges_vi}", "en": ", missing packages {ranges} ({count} in all)"},
    "sync.units_claimed": {"vi": "máy này đang gửi số liệu cho {n} đơn vị",
                           "en": "this installation sends figures for {n} units"},
    "sync.unit_needs_one": {"vi": "--unit đi với đúng một mã nhận dạng máy.",
                            "en": "--unit goes with exactly one installation fingerprint."},
    "sync.confirmed_one": {"vi": "Đã xác nhận máy {fp} cho {unit} ({code}).",
                           "en": "Confirmed installation {fp} for {unit} ({code})."},
    "sync.confirmed_total": {"vi": "Đã xác nhận {n} máy gửi; đã xử lý {packages} gói đang giữ.",
                             "en": "Confirmed {n} sending installations; processed {packages} held packages."},
    "sync.still_pending": {
        "vi": "⚠ Máy {fp} còn gửi số liệu cho {unit} ({code}), chưa xác nhận ({claimed}). Chỉ xác nhận khi "
              "chắc chắn: installations confirm {fp} --unit {code}",
        "en": "⚠ Installation {fp} also sends figures for {unit} ({code}), not confirmed ({claimed}). Confirm "
              "only when sure: installations confirm {fp} --unit {code}",
    },
    "sync.revoked": {"vi": "Đã thu hồi máy gửi {fp}: các gói sau này ký bằng khóa đó, cho bất kỳ đơn vị nào, "
                           "sẽ bị từ chối.",
                     "en": "Revoked sending installation {fp}: later packages signed with that key, for any "
                           "unit, will be rejected."},
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

# ---- english2: texts of the command line's English mode (sync gaps, ...) ---------------------------
TEMPLATES.update({
    "merge.gap": {"vi": "Thiếu gói số {ranges_vi} của {unit} (máy {fp}).",
                  "en": "Packages {ranges} of {unit} are missing (installation {fp})."},
    # Export refusals (xhht_desktop/sync/export.py, ExportProblem).
    "export.not_initialised": {"vi": "Máy này chưa được khởi tạo (chưa chọn đơn vị).",
                               "en": "This installation is not set up yet (no unit chosen)."},
    "export.department": {"vi": "Máy của Sở nhận gói, không xuất gói đồng bộ.",
                          "en": "The Department's installation receives packages; it does not export them."},
    "export.no_department_key": {
        "vi": "Chưa có khóa công khai của Sở: vào Cài đặt → «Nhận khóa của Sở…» (tệp khóa do Sở gửi), rồi xuất lại.",
        "en": "There is no public key of the Department yet: go to Settings → «Receive the Department's key…» (the key "
              "file the Department sent), then export again."},
    "export.no_folder": {"vi": "Thư mục «{folder}» không tồn tại (USB đã được rút ra?).",
                         "en": "The folder «{folder}» does not exist (was the USB drive removed?)."},
    "export.nothing_new": {"vi": "Không có gì mới kể từ gói số {sequence}. Muốn gửi lại toàn bộ thì chọn "
                                 "«Xuất lại toàn bộ».",
                           "en": "Nothing new since package no. {sequence}. To send everything again, choose "
                                 "«Export everything again»."},
    # The self-test's steps (xhht_desktop/maintenance/selftest.py).
    "selftest.resources": {"vi": "tài nguyên: đủ", "en": "resources: complete"},
    "selftest.database": {"vi": "cơ sở dữ liệu tạm: {path} ({n} số liệu mẫu)",
                          "en": "temporary database: {path} ({n} sample figures)"},
    "selftest.backup": {"vi": "sao lưu: {name}", "en": "backup: {name}"},
    "selftest.excel": {"vi": "Excel: {name} ({size} byte)", "en": "Excel: {name} ({size} bytes)"},
    "selftest.pdf": {"vi": "PDF: {name} ({size} byte)", "en": "PDF: {name} ({size} bytes)"},
    "selftest.checked": {"vi": "kiểm tra dữ liệu: {summary_vi}",
                         "en": "data check: {findings} problems found"},
})


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

    def __new__(cls, code: str, /, **params):
        obj = super().__new__(cls, render(code, params))
        obj.code = code
        obj.params = params
        return obj

    def __reduce__(self):  # pickled (a worker process) and copied by code, not by its words
        return (_text, (self.code, self.params))


def _text(code: str, params: dict) -> Text:
    return Text(code, **params)


class CodedError(ValueError):
    """An error of the core with a code and parameters; `str()` is the Vietnamese sentence."""

    def __init__(self, code: str, /, **params):
        self.code = code
        self.params = params
        super().__init__(render(code, params))

    def __reduce__(self):
        return (_coded_error, (type(self), self.code, self.params))

    @property
    def message_vi(self) -> str:
        return render(self.code, self.params)


def _coded_error(cls, code: str, params: dict) -> CodedError:
    return cls(code, **params)


def words(message, lang: str = DEFAULT) -> str:
    """A message (Text, CodedError, or any other object: its str()) in `lang`."""
    if isinstance(message, BaseException) and not hasattr(message, "code") and len(message.args) == 1 \
            and isinstance(message.args[0], Text):
        message = message.args[0]  # an exception of the core raised with a coded text: KeyProblem(Text(...))
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
