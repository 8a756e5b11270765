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
    # ---- returns3: correction requests, contact e-mail, Department files (xhht_desktop/sync/corrections.py,
    # sync/contact.py, sync/returns_cli.py) ---------------------------------------------------------
    "correction.department_only": {"vi": "Chỉ máy của Sở mới gửi đề nghị kiểm tra lại.",
                                   "en": "Only the Department's installation sends correction requests."},
    "correction.unknown_unit": {"vi": "Không tìm thấy đơn vị «{spec}» ({reason}).",
                                "en": "No unit «{spec}» ({reason})."},
    "correction.not_reporting": {"vi": "{unit} ({key}) không báo cáo kỳ {period}.",
                                 "en": "{unit} ({key}) does not report period {period}."},
    "correction.outside_province": {
        "vi": "{unit} ({code}) không thuộc {province} trong kỳ {period}: Sở chỉ đề nghị kiểm tra lại các đơn vị "
              "của tỉnh mình.",
        "en": "{unit} ({code}) is not in {province} in period {period}: the Department asks only the units of "
              "its own province for a check."},
    "correction.one_subject": {
        "vi": "Cần nêu đúng một chỉ tiêu (--indicator) hoặc một hoạt động của TTHTCĐ (--activity).",
        "en": "Name exactly one indicator (--indicator) or one learning-centre activity (--activity)."},
    "correction.unknown_indicator": {
        "vi": "Chỉ tiêu «{indicator}» không có trong danh mục kỳ {period} của {unit}.",
        "en": "Indicator «{indicator}» is not in the catalogue of period {period} for {unit}."},
    "correction.unknown_activity": {"vi": "Không có hoạt động «{activity}» của {unit}.",
                                    "en": "{unit} has no activity «{activity}»."},
    "correction.activity_period": {
        "vi": "Hoạt động «{title}» ngày {date} không thuộc kỳ {period}.",
        "en": "Activity «{title}» of {date} is not in period {period}."},
    "correction.message_empty": {"vi": "Nội dung đề nghị không được để trống.",
                                 "en": "The request's text must not be empty."},
    "correction.message_too_long": {"vi": "Nội dung đề nghị dài quá {limit} ký tự.",
                                    "en": "The request's text is longer than {limit} characters."},
    "correction.message_control": {"vi": "Nội dung đề nghị {problem}",
                                   "en": "The request's text contains control characters ({chars}); delete them "
                                         "and type it again."},
    "correction.reply_empty": {"vi": "Nội dung trả lời không được để trống.",
                               "en": "The reply must not be empty."},
    "correction.reply_too_long": {"vi": "Nội dung trả lời dài quá {limit} ký tự.",
                                  "en": "The reply is longer than {limit} characters."},
    "correction.reply_control": {"vi": "Nội dung trả lời {problem}",
                                 "en": "The reply contains control characters ({chars}); delete them and type "
                                       "it again."},
    "correction.department_no_reply": {
        "vi": "Đơn vị (xã, huyện) trả lời đề nghị của Sở; máy của Sở không trả lời.",
        "en": "The unit (commune, district) answers the Department's requests; the Department's installation "
              "does not."},
    "correction.not_found": {"vi": "Không tìm thấy đề nghị «{ref}».", "en": "No request «{ref}»."},
    "correction.ambiguous": {"vi": "Không tìm thấy đề nghị «{ref}» (mã trùng nhiều đề nghị).",
                             "en": "No single request «{ref}» (the code matches several requests)."},
    "correction.closed": {"vi": "Đề nghị này đã đóng.", "en": "This request is closed."},
    "contact.bad_email": {
        "vi": "«{email}» không phải địa chỉ thư điện tử (ví dụ: canbo@xa.gov.vn).",
        "en": "«{email}» is not an e-mail address (for example: canbo@xa.gov.vn)."},
    "contact.too_long": {"vi": "Địa chỉ thư điện tử dài quá {limit} ký tự.",
                         "en": "The e-mail address is longer than {limit} characters."},
    # ---- end returns3 ---------------------------------------------------------------------------
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
    # ==== helper "english1": the core's exceptions as codes (keys, age headers, signed documents,
    # ==== init, value validation, storage and the database, unit specs and lives, the merge's reasons).
    # Keys (xhht_desktop/sync/keys.py): KeyProblem(Text(code, ...)).
    "keys.not_public_key": {"vi": "Tệp này không phải là khóa công khai của Sở (cần đúng một dòng «age1…»).",
                            "en": "This file is not the Department's public key (it needs exactly one «age1…» line)."},
    "keys.public_key_damaged": {"vi": "Khóa công khai của Sở trong tệp bị hỏng (sai định dạng age).",
                                "en": "The Department's public key in the file is damaged (not in age format)."},
    "keys.key_file_too_large": {"vi": "Tệp «{file}» quá lớn để là một tệp khóa.",
                                "en": "File «{file}» is too large to be a key file."},
    "keys.key_file_unreadable": {"vi": "Không đọc được tệp khóa «{file}»: {error}",
                                 "en": "Cannot read key file «{file}»: {error}"},
    "keys.department_has_own": {"vi": "Máy của Sở đã có khóa riêng; không nhận khóa của nơi khác.",
                                "en": "The Department's installation has its own key; it takes no key from elsewhere."},
    "keys.signing_key_damaged": {"vi": "Khóa ký của Sở trong tệp bị hỏng (dòng «xhht-department-signing-key»).",
                                 "en": "The Department's signing key in the file is damaged "
                                       "(line «xhht-department-signing-key»)."},
    "keys.no_department_key": {"vi": "Máy này chưa có khóa của Sở.",
                               "en": "This installation does not have the Department's key yet."},
    "keys.no_secret_key": {"vi": "Máy này không giữ khóa bí mật của Sở (chỉ máy của Sở có).",
                           "en": "This installation does not hold the Department's secret key (only the "
                                 "Department's installation does)."},
    "keys.passphrase_short": {"vi": "Mật khẩu bảo vệ phải dài ít nhất {n} ký tự.",
                              "en": "The protecting passphrase must be at least {n} characters long."},
    "keys.backup_file_too_large": {"vi": "Tệp «{file}» quá lớn ({kb} KB) để là bản sao lưu khóa của Sở.",
                                   "en": "File «{file}» is too large ({kb} KB) to be a backup of the "
                                         "Department's key."},
    "keys.file_unreadable": {"vi": "Không đọc được tệp «{file}»: {error}.", "en": "Cannot read file «{file}»: {error}."},
    "keys.backup_too_large": {"vi": "Tệp quá lớn ({kb} KB) để là bản sao lưu khóa của Sở.",
                              "en": "The file is too large ({kb} KB) to be a backup of the Department's key."},
    "keys.backup_work_factor": {
        "vi": "Tệp sao lưu đòi hệ số khó scrypt 2^{work_factor} (cần khoảng {memory} bộ nhớ), vượt giới hạn "
              "2^{limit}: không mở (tệp không do XHHT Desktop tạo ra hoặc đã bị sửa).",
        "en": "The backup asks for scrypt work factor 2^{work_factor} (about {memory} of memory), over the "
              "limit 2^{limit}: not opened (the file was not made by XHHT Desktop, or it was altered).",
    },
    "keys.not_scrypt_backup": {"vi": "Tệp này không phải bản sao lưu khóa bằng mật khẩu (age scrypt) của XHHT Desktop.",
                               "en": "This file is not an XHHT Desktop key backup protected by a passphrase "
                                     "(age scrypt)."},
    "keys.backup_truncated": {"vi": "Tệp sao lưu bị cắt ngắn (chép chưa xong hoặc tải về chưa hết).",
                              "en": "The backup file is cut short (copied or downloaded only in part)."},
    "keys.not_backup": {"vi": "Tệp này không phải bản sao lưu khóa của Sở, hoặc đã bị hỏng.",
                        "en": "This file is not a backup of the Department's key, or it is damaged."},
    "keys.wrong_passphrase": {"vi": "Không mở được bản sao lưu: sai mật khẩu hoặc tệp bị hỏng.",
                              "en": "Cannot open the backup: wrong passphrase or a damaged file."},
    "keys.no_secret_in_file": {"vi": "Tệp không chứa khóa bí mật age của Sở.",
                               "en": "The file does not hold the Department's age secret key."},
    "keys.secret_damaged": {"vi": "Khóa bí mật trong tệp bị hỏng.", "en": "The secret key in the file is damaged."},
    # Age headers refused before decrypting (sync/package.py header_problem_vi; AgeHeaderProblem's codes).
    "age.truncated": {"vi": "Tệp bị cắt ngắn (chép chưa xong hoặc tải về chưa hết).",
                      "en": "The file is cut short (copied or downloaded only in part)."},
    "age.not_age": {"vi": "Tệp bị hỏng hoặc không phải gói XHHT (thiếu phần đầu của tệp mã hóa age).",
                    "en": "The file is damaged or not an XHHT package (the age encryption header is missing)."},
    "age.header_too_large": {"vi": "Phần đầu mã hóa của tệp dài quá {kb} KB cho phép (nghi là tệp độc hại): "
                                   "không giải mã.",
                             "en": "The file's encryption header is longer than the {kb} KB allowed (suspected "
                                   "malicious file): not decrypted."},
    "age.too_many_stanzas": {"vi": "Tệp được mã hóa cho {count} người nhận, quá giới hạn {limit} (nghi là tệp độc "
                                   "hại): không giải mã.",
                             "en": "The file is encrypted to {count} recipients, over the limit of {limit} "
                                   "(suspected malicious file): not decrypted."},
    "age.stanza_type": {"vi": "Tệp dùng kiểu mã hóa «{type}» không được chấp nhận ở đây (gói XHHT chỉ dùng khóa "
                              "X25519): không giải mã.",
                        "en": "The file uses encryption type «{type}», not accepted here (XHHT packages use "
                              "X25519 keys only): not decrypted."},
    "age.bad_stanza": {"vi": "Tệp bị hỏng: phần đầu mã hóa age không đúng cấu trúc.",
                       "en": "The file is damaged: its age encryption header is malformed."},
    # Signed documents of the Department (sync/signed_doc.py): {what}/{What} name the document.
    "doc.what": {"vi": "{vi}", "en": "{en}"},
    "doc.truncated": {"vi": "Tệp bị cắt ngắn (chép chưa xong hoặc tải về chưa hết).",
                      "en": "The file is cut short (copied or downloaded only in part)."},
    "doc.bad_header": {"vi": "Tệp bị hỏng hoặc không phải tệp của Sở (phần đầu không hợp lệ).",
                       "en": "The file is damaged or not a file of the Department (invalid header)."},
    "doc.bad_checksum": {"vi": "Tệp bị hỏng (tổng kiểm tra sai).", "en": "The file is damaged (wrong checksum)."},
    "doc.missing_member": {"vi": "Tệp bị hỏng hoặc không phải tệp của Sở (thiếu {member}).",
                           "en": "The file is damaged or not a file of the Department ({member} is missing)."},
    "doc.member_too_large": {"vi": "Thành phần {member} quá lớn.", "en": "Member {member} is too large."},
    "doc.junk_between": {"vi": "Tệp bị hỏng: có dữ liệu lạ giữa các thành phần.",
                         "en": "The file is damaged: unknown data between its members."},
    "doc.junk_after": {"vi": "Tệp bị hỏng: có dữ liệu lạ sau các thành phần.",
                       "en": "The file is damaged: unknown data after its members."},
    "doc.signature_damaged": {"vi": "Chữ ký của {what} bị hỏng hoặc đã bị sửa.",
                              "en": "The signature of {what} is damaged or was altered."},
    "doc.wrong_key": {"vi": "{What} không được ký bằng khóa của Sở mà máy này đã nhận (tệp của nơi khác, hoặc Sở "
                            "đã đổi khóa mà máy chưa nhận thông báo).",
                      "en": "{What} is not signed with the Department key this installation holds (a file from "
                            "elsewhere, or the Department changed its key and this installation has not been told)."},
    "doc.tampered": {"vi": "Chữ ký không khớp: {what} đã bị sửa đổi sau khi Sở ký.",
                     "en": "The signature does not match: {what} was altered after the Department signed it."},
    "doc.bad_json": {"vi": "Nội dung {what} không đọc được (JSON hỏng).",
                     "en": "The content of {what} cannot be read (damaged JSON)."},
    "doc.no_format": {"vi": "{What} không có số định dạng.", "en": "{What} has no format number."},
    "doc.newer_format": {"vi": "{What} theo định dạng mới hơn (số {format}): hãy cập nhật XHHT Desktop.",
                         "en": "{What} is in a newer format (number {format}): update XHHT Desktop."},
    "doc.not_kind": {"vi": "Tệp không phải {what}.", "en": "The file is not {what}."},
    "doc.invalid": {"vi": "Nội dung {what} không hợp lệ: {field}.", "en": "The content of {what} is not valid: {field}."},
    # Setting up and moving an installation (xhht_desktop/installation.py): InitError / MoveError.
    "init.bad_role": {"vi": "Vai trò «{role}» không hợp lệ: chọn commune (xã), district (huyện) hoặc department (Sở).",
                      "en": "Role «{role}» is not valid: choose commune, district or department."},
    "init.no_unit": {"vi": "Chưa chọn đơn vị (mã xã hoặc mã huyện).",
                     "en": "No unit chosen (a commune or district code)."},
    "init.level.xa": {"vi": "xã, phường, thị trấn", "en": "a commune, ward or town"},
    "init.level.huyen": {"vi": "huyện, thành phố", "en": "a district or city"},
    "init.level.tinh": {"vi": "tỉnh", "en": "a province"},
    "init.wrong_level": {"vi": "«{unit}» ({key}) không phải là {kind}.", "en": "«{unit}» ({key}) is not {kind}."},
    "init.not_a_code_of": {"vi": "Mã «{code}» không phải là mã {kind} trong danh mục đơn vị hành chính.",
                           "en": "Code «{code}» is not the code of {kind} in the list of administrative units."},
    "init.no_unit_key": {"vi": "Không tìm thấy đơn vị «{key}».", "en": "Unit «{key}» not found."},
    "init.unit_not_for_role": {"vi": "Đơn vị «{unit}» không phù hợp với vai trò đã chọn.",
                               "en": "Unit «{unit}» does not fit the chosen role."},
    "init.field.official_name": {"vi": "Họ tên cán bộ", "en": "Official's name"},
    "init.field.official_title": {"vi": "Chức vụ", "en": "Title"},
    "init.field_problem": {"vi": "{label}: {problem}", "en": "{label}: {problem}"},
    "move.not_initialised": {"vi": "Máy này chưa được khởi tạo.", "en": "This installation is not set up yet."},
    "move.no_successor": {"vi": "{unit} ({key}) không có đơn vị kế tiếp cùng cấp để chuyển sang.",
                          "en": "{unit} ({key}) has no successor at the same level to move to."},
    "move.not_successor": {"vi": "{target} ({target_key}) không phải là đơn vị kế tiếp của {unit}; chọn: {names}.",
                           "en": "{target} ({target_key}) is not a successor of {unit}; choose: {names}."},
    # Text fields (xhht_desktop/domain/text.py): control characters.
    "text.one_line": {"vi": "chỉ được viết trên một dòng (có dấu xuống dòng hoặc tab: {shown}).",
                      "en": "must be written on one line (it has a line break or tab: {shown})."},
    "text.control": {"vi": "chứa ký tự điều khiển không in được ({shown}); xóa ký tự đó (thường do dán từ phần mềm "
                           "khác) rồi nhập lại.",
                     "en": "contains unprintable control characters ({shown}); delete them (usually pasted from "
                           "another program) and enter it again."},
    # Figures typed or imported (xhht_desktop/domain/values.py): "{label}: {text}", label = "CODE (who) – part".
    "values.issue": {"vi": "{label}: {text}", "en": "{label}: {text}"},
    "values.field": {"vi": "{code} ({who}) – {part}", "en": "{code} ({who}) – {part}"},
    "values.who.total": {"vi": "Tổng số", "en": "Total"},
    "values.who.nu": {"vi": "Nữ", "en": "Women"},
    "values.who.dtts": {"vi": "Dân tộc thiểu số", "en": "Ethnic minorities"},
    "values.part.numerator": {"vi": "tử số", "en": "numerator"},
    "values.part.denominator": {"vi": "mẫu số", "en": "denominator"},
    "values.part.value": {"vi": "giá trị", "en": "value"},
    "values.part.comment": {"vi": "ghi chú", "en": "comment"},
    "values.part.row": {"vi": "dòng", "en": "row"},
    "values.part.decision_no": {"vi": "số quyết định công nhận", "en": "recognition decision number"},
    "values.part.decision_date": {"vi": "ngày quyết định công nhận", "en": "recognition decision date"},
    "values.part.decision_body": {"vi": "cơ quan công nhận", "en": "recognising body"},
    "values.failed": {"vi": "{lines}", "en": "{lines}"},
    "values.parse.bool": {"vi": "phải là một số, không phải giá trị đúng/sai", "en": "must be a number, not true/false"},
    "values.parse.invalid": {"vi": "không phải là số hợp lệ", "en": "is not a valid number"},
    "values.parse.fraction": {"vi": "phải là số nguyên (người), không được là {raw}",
                              "en": "must be a whole number (of people), not {raw}"},
    "values.parse.fraction_text": {"vi": "phải là số nguyên (người), không được là «{raw}»",
                                   "en": "must be a whole number (of people), not «{raw}»"},
    "values.parse.not_integer": {"vi": "phải là một số nguyên", "en": "must be a whole number"},
    "values.parse.not_number": {"vi": "«{raw}» không phải là một số", "en": "«{raw}» is not a number"},
    "values.invisible": {"vi": "chứa ký tự định hướng hoặc ngắt dòng không in được; xóa ký tự đó rồi nhập lại.",
                         "en": "contains an unprintable direction or line-break character; delete it and enter "
                               "it again."},
    "values.level_out_of_scale": {"vi": "mức độ chỉ nhận từ {lo} đến {hi} ({lo} = chưa đạt).",
                                  "en": "the level takes only {lo} to {hi} ({lo} = not met)."},
    "values.too_long": {"vi": "dài quá {n} ký tự.", "en": "longer than {n} characters."},
    "values.bad_decision_date": {"vi": "«{date}» không phải là ngày hợp lệ (dạng đúng: 31/05/2024).",
                                 "en": "«{date}» is not a valid date (the form is 31/05/2024)."},
    "values.decision_in_future": {"vi": "ngày {day} chưa đến.", "en": "the date {day} has not come yet."},
    "values.decision_without_level": {"vi": "có quyết định công nhận nhưng chưa nhập mức độ.",
                                      "en": "has a recognition decision but no level entered."},
    "values.decision_missing.decision_no": {"vi": "mức độ {level} cần số quyết định công nhận.",
                                            "en": "level {level} needs the recognition decision's number."},
    "values.decision_missing.decision_date": {"vi": "mức độ {level} cần ngày quyết định công nhận.",
                                              "en": "level {level} needs the recognition decision's date."},
    "values.decision_missing.decision_body": {"vi": "mức độ {level} cần cơ quan công nhận công nhận.",
                                              "en": "level {level} needs the recognising body."},
    "values.unknown_indicator": {"vi": "Mã chỉ tiêu «{code}» không có trong danh mục.",
                                 "en": "Indicator code «{code}» is not in the catalogue."},
    "values.unknown_breakdown": {"vi": "chỉ tiêu này không có phân tổ «{breakdown}».",
                                 "en": "this indicator has no breakdown «{breakdown}»."},
    "values.decision_on_non_level": {"vi": "chỉ chỉ tiêu mức độ mới kèm quyết định công nhận.",
                                      "en": "only a level indicator carries a recognition decision."},
    "values.value_on_rate": {"vi": "chỉ tiêu tỷ lệ nhập tử số và mẫu số, không nhập giá trị.",
                             "en": "a ratio indicator takes a numerator and a denominator, not a value."},
    "values.fraction_on_value": {"vi": "chỉ tiêu này nhập một giá trị, không nhập tử số/mẫu số.",
                                 "en": "this indicator takes one value, not a numerator/denominator."},
    "values.not_whole": {"vi": "phải là số nguyên.", "en": "must be a whole number."},
    "values.negative": {"vi": "không được là số âm.", "en": "must not be negative."},
    "values.too_large": {"vi": "{number} lớn bất thường (tối đa {max}).",
                         "en": "{number} is unusually large (at most {max})."},
    "values.flag_not_01": {"vi": "chỉ nhận 1 (đạt/có) hoặc 0 (chưa đạt/không).",
                           "en": "takes only 1 (met/yes) or 0 (not met/no)."},
    "values.half_fraction.denominator": {"vi": "đã nhập một nửa: còn thiếu mẫu số (để trống cả hai nếu chưa báo cáo).",
                                         "en": "half entered: the denominator is missing (leave both empty if "
                                               "not reported)."},
    "values.half_fraction.numerator": {"vi": "đã nhập một nửa: còn thiếu tử số (để trống cả hai nếu chưa báo cáo).",
                                       "en": "half entered: the numerator is missing (leave both empty if not "
                                             "reported)."},
    "values.zero_denominator": {"vi": "mẫu số bằng 0 nhưng tử số khác 0.",
                                "en": "the denominator is 0 but the numerator is not."},
    "values.num_gt_den": {"vi": "{numerator} lớn hơn mẫu số ({denominator}).",
                          "en": "{numerator} is larger than the denominator ({denominator})."},
    "values.breakdown_gt_total": {"vi": "{part} lớn hơn tổng số ({whole}).",
                                  "en": "{part} is larger than the total ({whole})."},
    "values.rate_jump": {"vi": "tỷ lệ {now} khác xa kỳ trước ({prev}) — kiểm tra lại.",
                         "en": "the rate {now} is far from the previous period's ({prev}) — check it."},
    "values.denominator_jump": {"vi": "mẫu số {now} khác xa kỳ trước ({prev}) — kiểm tra lại.",
                                "en": "the denominator {now} is far from the previous period's ({prev}) — check it."},
    # Writing files (xhht_desktop/storage.py) and the database (xhht_desktop/db/connection.py).
    "storage.disk_full": {"vi": "Ổ đĩa đã đầy (hết chỗ trống): chưa ghi được gì, dữ liệu đã lưu trước đó không bị "
                                "thay đổi. Hãy giải phóng dung lượng hoặc chọn nơi lưu khác rồi thử lại.",
                          "en": "The disk is full (no free space): nothing was written, data saved before is not "
                                "changed. Free some space or choose another place to save, then try again."},
    "storage.read_only": {"vi": "Tệp hoặc thư mục {where}chỉ đọc (không có quyền ghi): chưa ghi được gì, dữ liệu đã "
                                "lưu trước đó không bị thay đổi. Hãy chọn nơi lưu khác hoặc nhờ cán bộ tin học cấp "
                                "quyền ghi.",
                          "en": "The file or folder {where}is read-only (no permission to write): nothing was "
                                "written, data saved before is not changed. Choose another place to save or ask "
                                "the IT officer for write permission."},
    "storage.io_error": {"vi": "Lỗi đọc/ghi ổ đĩa{where}: chưa ghi được gì. Kiểm tra ổ đĩa hoặc thẻ nhớ (USB) rồi "
                               "thử lại.",
                         "en": "Disk read/write error{where}: nothing was written. Check the disk or the USB "
                               "stick, then try again."},
    "storage.file_in_use": {"vi": "Tệp đang mở trong chương trình khác (Excel, trình đọc PDF…): hãy đóng tệp rồi "
                                  "thử lại. {where}",
                            "en": "The file is open in another program (Excel, a PDF reader…): close it and try "
                                  "again. {where}"},
    "storage.kept": {"vi": "Tệp «{path}» vẫn giữ nguyên bản cũ.", "en": "File «{path}» keeps its previous version."},
    "storage.kept_no_path": {"vi": "Tệp cũ vẫn giữ nguyên.", "en": "The previous file is kept as it was."},
    "storage.write_failed": {"vi": "Không ghi được tệp {where}: {error}.", "en": "Cannot write the file {where}: {error}."},
    "db.busy": {"vi": "Cơ sở dữ liệu đang được một chương trình khác ghi (một cửa sổ XHHT Desktop khác hoặc một lệnh "
                      "đang chạy). Đã chờ {seconds:g} giây mà chưa được: việc đang làm đã dừng, phần ghi dở không "
                      "được lưu, dữ liệu đã lưu trước đó không bị ảnh hưởng. Hãy đợi chương trình kia xong (hoặc "
                      "đóng nó) rồi thử lại.",
                "en": "The database is being written by another program (another XHHT Desktop window or a "
                      "command running). Waited {seconds:g} seconds without success: the current task stopped, "
                      "its unfinished writes were not saved, data saved before is not affected. Wait for the "
                      "other program to finish (or close it), then try again."},
    "db.newer": {"vi": "Cơ sở dữ liệu này được tạo bởi phiên bản XHHT Desktop mới hơn (lược đồ {schema}, phiên bản "
                       "này chỉ hiểu đến {known}). Hãy cài phiên bản mới hơn; dữ liệu không bị thay đổi.",
                 "en": "This database was made by a newer version of XHHT Desktop (schema {schema}; this version "
                       "knows up to {known}). Install the newer version; the data was not changed."},
    "db.not_sqlite": {"vi": "Tệp «{path}» không phải là cơ sở dữ liệu XHHT (SQLite).",
                      "en": "File «{path}» is not an XHHT database (SQLite)."},
    "db.cannot_open": {"vi": "Không mở được cơ sở dữ liệu «{path}»: {reason}",
                       "en": "Cannot open the database «{path}»: {reason}"},
    # Units named on the command line and units' lives (xhht_desktop/db/units_repo.py).
    "unit.bad_spec": {"vi": "Đơn vị «{spec}» không hợp lệ: ghi mã (ví dụ 23341) hoặc mã@ngày (ví dụ 23341@2025-07-01).",
                      "en": "Unit «{spec}» is not valid: write a code (for example 23341) or code@date (for "
                            "example 23341@2025-07-01)."},
    "unit.unknown_code": {"vi": "Không có đơn vị mã «{unit_code}» trong danh mục đơn vị hành chính.",
                          "en": "There is no unit with code «{unit_code}» in the list of administrative units."},
    "unit.no_unit_on_date": {"vi": "Ngày {day_vi} không có đơn vị nào mang mã «{unit_code}»{holders_vi}",
                             "en": "On {day} no unit has code «{unit_code}»{holders_en}"},
    "unit.life.not_yet": {"vi": "{unit} ({code}) chỉ có từ {when_vi}: kỳ {period} kết thúc trước ngày đó{preds_vi}.",
                          "en": "{unit} ({code}) exists only from {when}: period {period} ends before that"
                                "{preds_en}."},
    "unit.life.ended": {"vi": "{unit} ({code}) chỉ báo cáo đến {until_vi}: kỳ {period} kết thúc sau ngày đó.",
                        "en": "{unit} ({code}) reports only until {until}: period {period} ends after that."},
    "unit.life.province_renewed": {"vi": "{unit} (đến {until_vi}) đã hợp nhất vào {succ_lower} mới từ {when_vi}: "
                                         "xem đơn vị {succ_code}",
                                   "en": "{unit} (until {until}) was merged into the new {succ} from {when}: see "
                                         "unit {succ_code}"},
    "unit.life.province_merged": {"vi": "{unit} đã hợp nhất vào {succ_lower} từ {when_vi}: xem đơn vị {succ_code}",
                                  "en": "{unit} was merged into {succ} from {when}: see unit {succ_code}"},
    "unit.life.district_abolished": {"vi": "{unit} không còn từ {when_vi} (bỏ cấp huyện; các xã báo cáo thẳng về "
                                           "{succ_lower}): xem đơn vị {succ_code}",
                                     "en": "{unit} no longer exists from {when} (districts were abolished; the "
                                           "communes report straight to {succ}): see unit {succ_code}"},
    "unit.life.divided": {"vi": "{unit} đã chia vào {names} từ {when_vi}; số liệu trước sáp nhập thuộc {succ} "
                                "({succ_code})",
                          "en": "{unit} was divided into {names} from {when}; its data before the merger belongs "
                                "to {succ} ({succ_code})"},
    "unit.life.merged": {"vi": "{unit} đã nhập vào {succ} ({succ_code}) từ {when_vi}",
                         "en": "{unit} was merged into {succ} ({succ_code}) from {when}"},
    # Packages read by the Department (sync/package.py, merge_read.py, merge_plan.py): PackageResult.reason.
    "pkg.damaged": {"vi": "Tệp bị hỏng hoặc không phải gói XHHT ({detail}).",
                    "en": "The file is damaged or not an XHHT package ({detail})."},
    "pkg.detail.missing_member": {"vi": "thiếu thành phần {member}", "en": "member {member} is missing"},
    "pkg.detail.bad_member_header": {"vi": "phần đầu thành phần không hợp lệ", "en": "invalid member header"},
    "pkg.detail.bad_checksum": {"vi": "tổng kiểm tra của thành phần sai", "en": "wrong member checksum"},
    "pkg.detail.wrong_member": {"vi": "thành phần thứ {n} không phải {member}", "en": "member {n} is not {member}"},
    "pkg.detail.member_too_large": {"vi": "thành phần {member} quá lớn", "en": "member {member} is too large"},
    "pkg.detail.member_cut": {"vi": "thành phần {member} bị cắt", "en": "member {member} is cut short"},
    "pkg.detail.junk_after": {"vi": "có dữ liệu lạ sau các thành phần", "en": "unknown data after the members"},
    "pkg.detail.bad_gzip": {"vi": "nén hỏng", "en": "damaged compression"},
    "pkg.detail.gzip_incomplete": {"vi": "dữ liệu nén không trọn vẹn", "en": "incomplete compressed data"},
    "pkg.detail.manifest_unreadable": {"vi": "bản kê không đọc được", "en": "the manifest cannot be read"},
    "pkg.too_large_mb": {"vi": "Tệp quá lớn ({mb} MB) để là một gói XHHT.",
                         "en": "The file is too large ({mb} MB) to be an XHHT package."},
    "pkg.too_large": {"vi": "Tệp quá lớn để là một gói XHHT.", "en": "The file is too large to be an XHHT package."},
    "pkg.unreadable": {"vi": "Không đọc được tệp: {error}.", "en": "Cannot read the file: {error}."},
    "pkg.no_key": {"vi": "Máy này không có khóa bí mật của Sở nên không mở được gói.",
                   "en": "This installation does not hold the Department's secret key, so it cannot open the "
                         "package."},
    "pkg.not_for_us": {"vi": "Gói không được mã hóa cho Sở này (gửi nhầm nơi, máy gửi dùng khóa khác của Sở, hoặc "
                             "phần đầu tệp bị hỏng).",
                       "en": "The package is not encrypted to this Department (sent to the wrong place, the sender "
                             "uses another key of the Department, or the file's header is damaged)."},
    "pkg.encryption_damaged": {"vi": "Tệp bị hỏng: phần mã hóa không còn nguyên vẹn (có byte bị thay đổi hoặc tệp bị "
                                     "cắt).",
                               "en": "The file is damaged: its encrypted part is not intact (bytes were changed or "
                                     "the file was cut)."},
    "pkg.unpacks_too_large": {"vi": "Dữ liệu trong gói lớn hơn kích thước đã ký (nghi là tệp độc hại).",
                              "en": "The data in the package is larger than its signed size (suspected malicious "
                                    "file)."},
    "pkg.bad_manifest": {"vi": "Bản kê (manifest) của gói không hợp lệ: {what}.",
                         "en": "The package's manifest is not valid: {what}."},
    "pkg.what.not_object": {"vi": "không phải là một đối tượng JSON", "en": "not a JSON object"},
    "pkg.what.not_package": {"vi": "không phải gói đồng bộ XHHT", "en": "not an XHHT sync package"},
    "pkg.what.control": {"vi": "tên đơn vị, cán bộ hoặc máy có ký tự điều khiển",
                         "en": "a unit, official or installation name has control characters"},
    "pkg.what.public_key": {"vi": "khóa công khai của máy gửi", "en": "the sender's public key"},
    "pkg.what.no_format": {"vi": "thiếu số định dạng", "en": "no format number"},
    "pkg.what.format": {"vi": "số định dạng", "en": "format number"},
    "pkg.newer_format": {"vi": "Gói được tạo theo định dạng mới hơn (số {format}; phiên bản này đọc đến số {known}). "
                               "Hãy cập nhật XHHT Desktop của Sở rồi nhập lại.",
                         "en": "The package is in a newer format (number {format}; this version reads up to "
                               "{known}). Update the Department's XHHT Desktop and import it again."},
    "pkg.bad_signature": {"vi": "Chữ ký không hợp lệ: gói đã bị sửa đổi sau khi ký hoặc bị giả mạo.",
                          "en": "Invalid signature: the package was altered after signing, or forged."},
    "pkg.wrong_fingerprint": {"vi": "Bản kê ghi sai mã nhận dạng của máy gửi.",
                              "en": "The manifest gives the wrong fingerprint for the sending installation."},
    "pkg.other_department": {"vi": "Gói được ký để gửi cho một Sở khác, không phải Sở này.",
                             "en": "The package was signed for another Department, not this one."},
    "pkg.payload_mismatch": {"vi": "Nội dung gói không khớp với bản kê đã ký (bị sửa đổi).",
                             "en": "The package's content does not match its signed manifest (altered)."},
    "pkg.payload_too_large": {"vi": "Dữ liệu trong gói lớn quá giới hạn cho phép.",
                              "en": "The data in the package is over the allowed limit."},
    "pkg.payload_json": {"vi": "Dữ liệu trong gói không đọc được (JSON hỏng).",
                         "en": "The data in the package cannot be read (damaged JSON)."},
    "pkg.payload_shape": {"vi": "Dữ liệu trong gói không đúng cấu trúc.",
                          "en": "The data in the package is not structured as expected."},
    "pkg.unknown_tables": {"vi": "Gói chứa loại dữ liệu phiên bản này chưa biết ({tables}). Hãy cập nhật XHHT Desktop "
                                 "của Sở.",
                           "en": "The package holds kinds of data this version does not know ({tables}). Update "
                                 "the Department's XHHT Desktop."},
    "pkg.table_shape": {"vi": "Bảng {table} trong gói không đúng cấu trúc.",
                        "en": "Table {table} in the package is not structured as expected."},
    "pkg.too_many_records": {"vi": "Gói chứa quá nhiều bản ghi.", "en": "The package holds too many records."},
    "pkg.bad_rows": {"vi": "Dữ liệu trong gói không hợp lệ: {problem}.",
                     "en": "The data in the package is not valid: {problem}."},
    "pkg.count_mismatch": {"vi": "Số bản ghi của bảng {table} không khớp với bản kê.",
                           "en": "The number of records of table {table} does not match the manifest."},
    "pkg.phantom_table": {"vi": "Bản kê nêu dữ liệu không có trong gói.",
                          "en": "The manifest names data that is not in the package."},
    "pkg.periods_mismatch": {"vi": "Danh sách kỳ trong bản kê không khớp với số liệu trong gói.",
                             "en": "The list of periods in the manifest does not match the figures in the package."},
    "merge.bad_created": {"vi": "Gói ghi thời điểm lập không hợp lệ hoặc không thể có ({created}); kiểm tra ngày giờ "
                                "của máy gửi rồi xuất lại.",
                          "en": "The package gives an invalid or impossible time of making ({created}); check the "
                                "sending computer's date and time, then export again."},
    "merge.bad_stamp": {"vi": "Bảng {table}: thời điểm sửa «{stamp}» không hợp lệ hoặc không thể có; gói không được "
                              "nhập.",
                        "en": "Table {table}: the edit time «{stamp}» is invalid or impossible; the package is not "
                              "imported."},
    "merge.duplicate": {"vi": "Gói này đã được nhập trước đó; không có gì thay đổi.",
                        "en": "This package was imported before; nothing changed."},
    "merge.unknown_unit": {"vi": "Đơn vị «{unit}» ({key}) không có trong danh mục đơn vị của phiên bản này.",
                           "en": "Unit «{unit}» ({key}) is not in this version's list of units."},
    "merge.bad_role": {"vi": "Gói ghi vai trò «{role}» không khớp với cấp của {unit}.",
                       "en": "The package's role «{role}» does not match the level of {unit}."},
    "merge.outside_unit_life": {"vi": "Gói có số liệu kỳ {period} nhưng {life}; không có gì được nhập.",
                                "en": "The package has figures for period {period} but {life}; nothing was imported."},
    "merge.revoked": {"vi": "Máy gửi {fp} của {owner} đã bị thu hồi; gói không được nhập.",
                      "en": "Sending installation {fp} of {owner} was revoked; the package is not imported."},
    "merge.revoked_other": {"vi": "Máy gửi {fp} của {owner} đã bị thu hồi; gói gửi cho {unit} không được nhập.",
                            "en": "Sending installation {fp} of {owner} was revoked; the package for {unit} is not "
                                  "imported."},
    "merge.identity_changed": {"vi": "Khóa {fp} trước đây ký cho máy {before}, nay ghi là máy {now}: một khóa chỉ "
                                     "thuộc một máy; gói không được nhập (có thể là giả mạo).",
                               "en": "Key {fp} used to sign for installation {before}, now it says installation "
                                     "{now}: a key belongs to one installation only; the package is not imported "
                                     "(possibly forged)."},
    "merge.key_changed": {"vi": "Máy gửi này trước đây ký bằng khóa {before}, nay bằng khóa {fp}. Nếu máy đã được "
                                "cài lại, hãy thu hồi khóa cũ rồi nhập lại gói; nếu không, có thể là giả mạo.",
                          "en": "This sending installation used to sign with key {before}, now with key {fp}. If "
                                "it was reinstalled, revoke the old key and import the package again; if not, it "
                                "may be forged."},
    "merge.sequence_jump": {"vi": "Gói mang số thứ tự {sequence}, vượt quá {max_jump} so với số lớn nhất đã nhận từ "
                                  "máy {fp} ({last}); gói không được nhập. Đề nghị đơn vị xuất lại toàn bộ số liệu.",
                            "en": "The package has sequence number {sequence}, more than {max_jump} above the "
                                  "highest received from installation {fp} ({last}); it is not imported. Ask the "
                                  "unit to export all its figures again."},
    "merge.catalogue_differs": {"vi": "Máy gửi dùng danh mục chỉ tiêu khác phiên bản của Sở; số liệu được kiểm tra "
                                      "theo danh mục của Sở.",
                                "en": "The sender uses another version of the indicator catalogue; the figures are "
                                      "checked against the Department's."},
    "merge.held_new": {"vi": "Máy gửi mới của {unit}, mã nhận dạng {fp}: gọi điện đối chiếu mã này với cán bộ gửi, "
                             "rồi xác nhận máy gửi; gói sẽ được nhập khi xác nhận.",
                       "en": "A new sending installation for {unit}, fingerprint {fp}: phone the sending official "
                             "to compare this fingerprint, then confirm the installation; the package will be "
                             "imported when it is confirmed."},
    "merge.held_new_unit_for_key": {
        "vi": "Máy {fp} đã gửi số liệu cho {others}, nay gửi cho {unit}: máy này đang gửi số liệu cho {n} đơn vị. "
              "Gói được giữ lại. Chỉ xác nhận máy cho {unit} (chọn đúng dòng của đơn vị này) khi Sở chắc chắn máy "
              "được giao nhập số liệu cho đơn vị đó.",
        "en": "Installation {fp} has sent figures for {others}, now for {unit}: it sends figures for {n} units. "
              "The package is held. Confirm the installation for {unit} (choose this unit's row) only when the "
              "Department is sure it was given that unit's figures to enter.",
    },
    "merge.held_with_errors": {"vi": "{reason} Lưu ý: số liệu trong gói có lỗi, khi xác nhận gói sẽ bị từ chối.",
                               "en": "{reason} Note: the figures in the package have errors; on confirmation the "
                                     "package will be rejected."},
    "merge.uuid_reused": {"vi": "Mã gói {uuid} trùng với một gói đang giữ của máy khác hoặc đơn vị khác; gói không "
                                "được nhập (có thể là giả mạo).",
                          "en": "Package id {uuid} is the same as a held package of another installation or unit; "
                                "the package is not imported (possibly forged)."},
    "merge.still_held": {"vi": "Gói đã nhận trước đó, vẫn chờ xác nhận máy gửi {fp}.",
                         "en": "Package received before, still waiting for sending installation {fp} to be "
                               "confirmed."},
    "merge.revision_jump": {"vi": "Số phiên bản của bản ghi vượt quá mức cho phép ({n} bản ghi, ví dụ: {example}); "
                                  "không có gì được nhập.",
                            "en": "Record revision numbers are over the allowed limit ({n} records, for example: "
                                  "{example}); nothing was imported."},
    "merge.invalid_figures": {"vi": "Số liệu trong gói không hợp lệ ({n} lỗi); không có gì được nhập. Đề nghị đơn vị "
                                    "kiểm tra và gửi lại.",
                              "en": "The figures in the package are not valid ({n} errors); nothing was imported. "
                                    "Ask the unit to check them and send again."},
    "merge.same_sequence": {"vi": "Đã có một gói khác cùng số thứ tự {sequence} từ máy này: có thể cơ sở dữ liệu "
                                  "của máy gửi đã bị sao chép sang máy khác.",
                            "en": "Another package with the same sequence number {sequence} came from this "
                                  "installation: its database may have been copied to another computer."},
    "merge.conflicts": {"vi": "Đã nhập; {n} bản ghi khác với bản do máy khác gửi: cả hai bản được giữ, hãy chọn "
                              "trong mục Xung đột.",
                        "en": "Imported; {n} records differ from those another installation sent: both are kept, "
                              "choose in the Conflicts tab."},
    "merge.conflicts_dry": {"vi": "Sẽ nhập; {n} bản ghi khác với bản do máy khác gửi: cả hai bản được giữ, hãy chọn "
                                  "trong mục Xung đột.",
                            "en": "Would be imported; {n} records differ from those another installation sent: "
                                  "both would be kept, to choose in the Conflicts tab."},
    "merge.imported": {"vi": "Đã nhập.", "en": "Imported."},
    "merge.writing": {"vi": "Đang ghi {done}/{total} bản ghi vào cơ sở dữ liệu…",
                      "en": "Writing {done}/{total} records into the database…"},
    "merge.finishing": {"vi": "Đang hoàn tất: chép các trang vừa ghi vào tệp cơ sở dữ liệu…",
                        "en": "Finishing: copying the pages just written into the database file…"},
    "merge.would_import": {"vi": "Sẽ được nhập.", "en": "Would be imported."},
    "merge.claimed_origin": {"vi": "Bảng {table}: {n} bản ghi ghi nguồn là máy khác; được coi là bản của máy ký gói.",
                             "en": "Table {table}: {n} records name another installation as their source; they "
                                   "are taken as the signing installation's."},
    "merge.other_units_record": {"vi": "Bảng {table}: gói sửa bản ghi thuộc đơn vị khác.",
                                 "en": "Table {table}: the package edits records of another unit."},
    "merge.refused_record": {"vi": "bảng {table}, bản ghi {uuid}: phiên bản {revision}, đã biết {known}",
                             "en": "table {table}, record {uuid}: revision {revision}, known {known}"},
    "merge.aside_text": {"vi": "Kỳ {period}: chỉ tiêu {code}, {field}: {problem}",
                         "en": "Period {period}: indicator {code}, {field}: {problem}"},
    "merge.unknown_indicator": {"vi": "Kỳ {period}: mã chỉ tiêu «{code}» không có trong danh mục.",
                                "en": "Period {period}: indicator code «{code}» is not in the catalogue."},
    "merge.wrong_level": {"vi": "Kỳ {period}: chỉ tiêu {code} không do {level} nhập.",
                          "en": "Period {period}: indicator {code} is not entered by {level}."},
    "merge.level.xa": {"vi": "cấp xã", "en": "the commune level"},
    "merge.level.huyen": {"vi": "cấp huyện", "en": "the district level"},
    "merge.level.tinh": {"vi": "cấp tỉnh", "en": "the province level"},
    "merge.period_issue": {"vi": "Kỳ {period}: {issue}", "en": "Period {period}: {issue}"},
    "xlsx.cell_formula": {"vi": "ô chứa công thức chưa được tính — hãy nhập số trực tiếp",
                          "en": "the cell holds a formula not yet calculated — enter the number directly"},
    "xlsx.cell_date": {"vi": "ô chứa ngày tháng, không phải số", "en": "the cell holds a date, not a number"},
    # Tables of a package (xhht_desktop/sync/tables.py): SchemaProblem, shown in "pkg.bad_rows".
    "table.or_blank": {"vi": " hoặc để trống", "en": " or empty"},
    "table.text": {"vi": "phải là chữ{blank}", "en": "must be text{blank}"},
    "table.control": {"vi": "chứa ký tự điều khiển hoặc xuống dòng", "en": "contains control characters or line breaks"},
    "table.int": {"vi": "phải là số nguyên{blank}", "en": "must be a whole number{blank}"},
    "table.range": {"vi": "phải nằm trong khoảng {lo} … {hi}", "en": "must be within {lo} … {hi}"},
    "table.number": {"vi": "phải là số{blank}", "en": "must be a number{blank}"},
    "table.not_finite": {"vi": "không phải là số hữu hạn", "en": "is not a finite number"},
    "table.huge": {"vi": "lớn bất thường", "en": "unusually large"},
    "table.choice": {"vi": "giá trị không hợp lệ: {values}", "en": "invalid values: {values}"},
    "table.must_be": {"vi": "phải là {what}", "en": "must be {what}"},
    "table.what.uuid": {"vi": "UUID chữ thường", "en": "a lower-case UUID"},
    "table.what.time": {"vi": "thời điểm ISO 8601", "en": "an ISO 8601 time"},
    "table.date": {"vi": "phải là ngày dạng YYYY-MM-DD{blank}", "en": "must be a date YYYY-MM-DD{blank}"},
    "table.columns": {"vi": "bảng {table}: danh sách cột không đúng với phiên bản này",
                      "en": "table {table}: the columns do not match this version"},
    "table.rows_not_list": {"vi": "bảng {table}: phần dữ liệu không phải là danh sách",
                            "en": "table {table}: its rows are not a list"},
    "table.short_row": {"vi": "bảng {table}: có dòng không đủ {width} cột",
                        "en": "table {table}: a row does not have {width} columns"},
    "table.column": {"vi": "bảng {table}, cột {column}: {problem}", "en": "table {table}, column {column}: {problem}"},
    "table.other_unit": {"vi": "bảng {table}: có bản ghi của đơn vị khác với đơn vị gửi gói",
                         "en": "table {table}: a record belongs to a unit other than the sender's"},
    "table.twice": {"vi": "bảng {table}: một bản ghi xuất hiện hai lần", "en": "table {table}: a record appears twice"},
    "table.base_revision": {"vi": "bảng {table}: phiên bản gốc phải nhỏ hơn phiên bản",
                            "en": "table {table}: the base revision must be below the revision"},
    "table.uuid_mismatch": {"vi": "bảng {table}: mã bản ghi {uuid} không khớp với nội dung",
                            "en": "table {table}: record id {uuid} does not match its content"},
    "xlsx.column_problem": {"vi": "cột «{column}»: {problem}", "en": "column «{column}»: {problem}"},
    # ==== end of helper "english1"'s block.
    # ---- Reference rows the Department edits and sends (helper "refdata"; db/reference.py, sync/updates.py) ----
    "refrow.bad_row": {"vi": "Dòng danh mục {code} không hợp lệ (trường «{field}»).",
                       "en": "Catalogue row {code} is not valid (field «{field}»)."},
    "refrow.unknown_programme": {"vi": "Dòng danh mục {code} thuộc chương trình «{programme}» không có.",
                                 "en": "Catalogue row {code} names programme «{programme}», which does not exist."},
    "refrow.bad_text": {"vi": "Dòng danh mục {code}: trường «{field}» trống, quá dài hoặc chứa ký tự điều khiển.",
                        "en": "Catalogue row {code}: field «{field}» is empty, too long or holds control characters."},
    "refrow.unknown_kind": {"vi": "Dòng danh mục {code}: loại chỉ tiêu «{kind}» không có (rate, flag, count, trend, "
                                  "level).",
                            "en": "Catalogue row {code}: indicator kind «{kind}» does not exist (rate, flag, count, "
                                  "trend, level)."},
    "refrow.bad_op": {"vi": "Dòng danh mục {code}: cách so với mục tiêu «{op}» không có (>=, >, increase).",
                      "en": "Catalogue row {code}: comparison «{op}» does not exist (>=, >, increase)."},
    "refrow.kind_change": {"vi": "Chỉ tiêu {code} không đổi được từ loại «{old}» sang «{new}»: số liệu đã nhập sẽ "
                                 "sai nghĩa (tỷ lệ có tử số và mẫu số, các loại khác một số).",
                           "en": "Indicator {code} cannot change from kind «{old}» to «{new}»: figures already "
                                 "entered would change meaning (a rate has a numerator and a denominator, the "
                                 "other kinds one number)."},
    "refrow.breakdown_removed": {"vi": "Chỉ tiêu {code} không bỏ được phần chia theo «{breakdown}»: số liệu đã "
                                       "nhập theo đó sẽ không còn hợp lệ (chỉ thêm được).",
                                 "en": "Indicator {code} cannot drop its «{breakdown}» breakdown: figures already "
                                       "entered for it would no longer be valid (breakdowns can only be added)."},
    "refrow.scale_shrunk": {"vi": "Chỉ tiêu {code} không thu hẹp được thang mức độ từ {old} xuống {new}: mức độ đã "
                                  "nhập có thể nằm ngoài thang.",
                            "en": "Indicator {code} cannot narrow its scale from {old} to {new}: degrees already "
                                  "entered could fall off it."},
    "refrow.code_collision": {"vi": "Mã {code} đã là chỉ tiêu loại «{kind}» trong chương trình {programme}: không "
                                    "dùng lại mã này với nghĩa khác.",
                              "en": "Code {code} is already an indicator of kind «{kind}» in programme {programme}: "
                                    "it cannot be reused with another meaning."},
    "refrow.bad_agency_text": {"vi": "Cơ quan «{name}»: trường «{field}» trống, quá dài hoặc chứa ký tự điều khiển.",
                               "en": "Agency «{name}»: field «{field}» is empty, too long or holds control characters."},
    "refrow.bad_agency": {"vi": "Cơ quan «{name}» không hợp lệ (trường «{field}»).",
                          "en": "Agency «{name}» is not valid (field «{field}»)."},
    "refrow.unknown_agency": {"vi": "Cơ quan «{name}»: cơ quan kế nhiệm «{successor}» không có trong danh sách.",
                              "en": "Agency «{name}»: successor «{successor}» is not in the list."},
    "refrow.bad_target": {"vi": "Mục tiêu {value} của chỉ tiêu {code} năm {year} không hợp lệ ({why_vi}).",
                          "en": "Target {value} of indicator {code} for {year} is not valid ({why_en})."},
    "refrow.too_many": {"vi": "Bản cập nhật có quá nhiều dòng {what} ({count}; tối đa {limit}).",
                        "en": "The update carries too many {what} rows ({count}; at most {limit})."},
    "refrow.unknown_indicator": {"vi": "Không có chỉ tiêu {code} trong chương trình {programme}.",
                                 "en": "There is no indicator {code} in programme {programme}."},
    "refrow.saved_indicator": {"vi": "Đã ghi dòng danh mục {code} ({programme}). Phát hành bản cập nhật (publish) để "
                                     "gửi cho các đơn vị.",
                               "en": "Catalogue row {code} ({programme}) saved. Publish an update (publish) to send "
                                     "it to the units."},
    "refrow.saved_agency": {"vi": "Đã ghi cơ quan «{name}» (từ {valid_from}). Phát hành bản cập nhật (publish) để gửi "
                                  "cho các đơn vị.",
                            "en": "Agency «{name}» (from {valid_from}) saved. Publish an update (publish) to send it "
                                  "to the units."},
    "refrow.unchanged": {"vi": "Không có gì thay đổi.", "en": "Nothing changed."},
    "refrow.op_changed": {"vi": "Chỉ tiêu {code} ({programme}) từ nay so với mục tiêu theo «{op}».",
                          "en": "Indicator {code} ({programme}) is now compared with its target by «{op}»."},
    "refrow.change_indicator_new": {"vi": "Chỉ tiêu mới {code} ({programme}): {name}",
                                    "en": "New indicator {code} ({programme}): {name}"},
    "refrow.change_indicator": {"vi": "Sửa chỉ tiêu {code} ({programme}): {fields}",
                                "en": "Corrected indicator {code} ({programme}): {fields}"},
    "refrow.change_agency_new": {"vi": "Cơ quan mới: {name} (từ {valid_from})",
                                 "en": "New agency: {name} (from {valid_from})"},
    "refrow.change_agency": {"vi": "Sửa cơ quan {name} (từ {valid_from}): {fields}",
                             "en": "Corrected agency {name} (from {valid_from}): {fields}"},
    # ---- end of the "refdata" block ----
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
    # Backup and restore (xhht_desktop/maintenance/backup.py).
    "backup.not_found": {"vi": "Không tìm thấy tệp «{path}».", "en": "File «{path}» not found."},
    "backup.not_sqlite": {"vi": "Tệp «{name}» không phải là cơ sở dữ liệu XHHT (SQLite).",
                          "en": "File «{name}» is not an XHHT database (SQLite)."},
    "backup.cannot_write": {"vi": "Không sao lưu được vào «{target}»: {error}",
                            "en": "Could not back up to «{target}»: {error}"},
    "backup.cannot_restore": {"vi": "Không khôi phục được: {error}", "en": "Could not restore: {error}"},
    "backup.failed_plain": {"vi": "{text}", "en": "{text}"},
    "backup.target_database_itself": {
        "vi": "Tệp sao lưu «{out}» chính là cơ sở dữ liệu đang dùng hoặc một tệp đi kèm của nó («{name}»). Hãy "
              "chọn một tệp khác, ngoài thư mục dữ liệu; không có gì bị thay đổi.",
        "en": "The backup file «{out}» is the database in use or one of its companion files («{name}»). Choose "
              "another file, outside the data folder; nothing was changed."},
    "backup.target_is_directory": {
        "vi": "«{out}» là một thư mục: hãy ghi rõ tên tệp sao lưu (ví dụ …/xhht_sao-luu.sqlite3).",
        "en": "«{out}» is a folder: give the backup file's name (for example …/xhht_backup.sqlite3)."},
    "backup.target_live_database": {
        "vi": "Bên cạnh tệp «{out}» có {side}: đó là một cơ sở dữ liệu đang được mở (hoặc bị dừng giữa chừng). "
              "Không ghi đè lên nó; hãy chọn tên tệp khác. Không có gì bị thay đổi.",
        "en": "Beside the file «{out}» there is {side}: it is a database that is open (or was stopped halfway). "
              "It is not overwritten; choose another file name. Nothing was changed."},
    "backup.target_not_a_backup": {
        "vi": "Tệp «{out}» đã có và không phải là bản sao lưu XHHT: không ghi đè để khỏi mất tệp đó. Hãy chọn tên "
              "khác, hoặc thêm --force nếu chắc chắn muốn thay nó. Không có gì bị thay đổi.",
        "en": "The file «{out}» exists and is not an XHHT backup: it is not overwritten, so that it is not lost. "
              "Choose another name, or add --force if you are sure you want to replace it. Nothing was changed."},
    "backup.not_xhht": {"vi": "Tệp «{name}» không phải là cơ sở dữ liệu của XHHT Desktop.",
                        "en": "File «{name}» is not an XHHT Desktop database."},
    "backup.damaged": {"vi": "Tệp «{name}» bị hỏng, không đọc được: {error}",
                       "en": "File «{name}» is damaged and cannot be read: {error}"},
    "backup.unreadable": {"vi": "Không đọc được tệp «{path}»: {error}", "en": "Cannot read file «{path}»: {error}"},
    "backup.integrity": {"vi": "Tệp «{name}» bị hỏng (kiểm tra toàn vẹn: {shown}). Không khôi phục từ tệp này.",
                         "en": "File «{name}» is damaged (integrity check: {shown}). Do not restore from it."},
    "backup.newer": {
        "vi": "Tệp «{name}» được tạo bởi phiên bản XHHT Desktop mới hơn (lược đồ {version}, phiên bản này chỉ hiểu "
              "đến {known}). Hãy cài phiên bản mới hơn rồi khôi phục.",
        "en": "File «{name}» was made by a newer version of XHHT Desktop (schema {version}; this version "
              "understands up to {known}). Install the newer version, then restore."},
    "backup.schema": {
        "vi": "Tệp «{name}» không phải là bản sao lưu nguyên vẹn của XHHT Desktop: lược đồ khác với lược đồ ứng "
              "dụng tạo ra — {shown}{more_vi}. Tệp như vậy có thể đã bị sửa để chạy lệnh ẩn trong cơ sở dữ liệu. "
              "Không khôi phục từ tệp này.",
        "en": "File «{name}» is not an intact XHHT Desktop backup: its schema differs from the one the program "
              "creates — «{shown}»{more_en}. Such a file may have been altered to run hidden commands in the "
              "database. Do not restore from it."},
    "backup.same_file": {"vi": "Tệp được chọn chính là cơ sở dữ liệu đang dùng.",
                         "en": "The chosen file is the database in use."},
    "backup.other_unit": {
        "vi": "Bản sao lưu thuộc đơn vị khác: {backup}, còn máy này đang dùng cho {current}. Chỉ khôi phục khi "
              "chắc chắn (xác nhận rõ ràng, hoặc --force).",
        "en": "The backup belongs to another unit: {backup_en}, while this installation is used for {current}. "
              "Restore only when sure (confirm explicitly, or --force)."},
    "backup.cannot_open_current": {"vi": "Không mở được cơ sở dữ liệu hiện tại: {error}",
                                   "en": "Cannot open the current database: {error}"},
    "backup.in_use": {
        "vi": "Cơ sở dữ liệu đang được mở ở nơi khác (một cửa sổ XHHT Desktop khác hoặc một lệnh đang chạy). Hãy "
              "đóng chúng rồi khôi phục lại.",
        "en": "The database is open elsewhere (another XHHT Desktop window or a running command). Close them, "
              "then restore again."},
    "backup.cannot_replace": {
        "vi": "Không thay được cơ sở dữ liệu vì nó đang được mở ở nơi khác. Hãy đóng các cửa sổ XHHT Desktop khác "
              "rồi thử lại. ({error})",
        "en": "The database cannot be replaced because it is open elsewhere. Close the other XHHT Desktop windows "
              "and try again. ({error})"},
    # The data check's findings (xhht_desktop/maintenance/check.py).
    "check.integrity": {"vi": "SQLite báo lỗi toàn vẹn: {msg}", "en": "SQLite reports an integrity error: {msg}"},
    "check.foreign_key": {"vi": "{n} dòng của bảng {table} trỏ tới {parent} không tồn tại.",
                          "en": "{n} rows of table {table} point to {parent} rows that do not exist."},
    "check.schema_newer": {"vi": "Cơ sở dữ liệu có phần lược đồ của phiên bản mới hơn: {names}",
                           "en": "The database has schema parts of a newer version: {names}"},
    "check.schema_pending": {"vi": "Chưa nâng cấp lược đồ: {names} (mở bằng ứng dụng để nâng cấp).",
                             "en": "The schema is not upgraded yet: {names} (open it with the program to upgrade)."},
    "check.schema": {"vi": "Lược đồ {text} (tệp có thể đã bị sửa ngoài ứng dụng: hãy khôi phục từ một bản sao lưu "
                           "tốt).",
                     "en": "Schema: «{text}» (the file may have been changed outside the program: restore a good "
                           "backup)."},
    "check.other_programme": {
        "vi": "{n} số liệu kỳ {span} được nhập theo danh mục của chương trình khác (các kỳ này thuộc {programme}): "
              "được giữ nguyên nhưng không được tính vào báo cáo và không được gửi đi; hãy nhập lại theo danh mục "
              "của kỳ.",
        "en": "{n} figures of period {span} were entered in the catalogue of another programme (these periods "
              "belong to the {programme_en}): they are kept but neither counted in reports nor sent; enter them "
              "again in the period's catalogue."},
    "check.bad_period": {"vi": "kỳ «{period}» không hợp lệ.", "en": "period «{period}» is not valid."},
    "check.revision": {"vi": "{n} bản ghi của bảng {table} có số phiên bản nhỏ hơn 1.",
                       "en": "{n} records of table {table} have a revision below 1."},
    "check.history_missing": {"vi": "{n} bản ghi của bảng {table} không có dòng lịch sử nào.",
                              "en": "{n} records of table {table} have no history row."},
    "check.unit_missing": {"vi": "{n} bản ghi của bảng {table} thuộc đơn vị không có trong danh mục.",
                           "en": "{n} records of table {table} belong to a unit not in the list of units."},
    "check.history_orphan": {"vi": "{n} dòng lịch sử của bảng {table} trỏ tới bản ghi không còn tồn tại.",
                             "en": "{n} history rows of table {table} point to records that no longer exist."},
    "check.history_arrival": {"vi": "{n} bản ghi của bảng {table} trỏ tới dòng lịch sử lần nhận đầu tiên không còn "
                                    "tồn tại (hoặc không phải của nó).",
                              "en": "{n} records of table {table} point to a first-arrival history row that no longer "
                                    "exists (or is not theirs)."},
    "check.history_orphan_arrival": {"vi": "Lịch sử lần nhận đầu tiên của {n} bản ghi bảng {table} còn đó nhưng "
                                           "các bản ghi không còn tồn tại.",
                                     "en": "The first-arrival history of {n} records of table {table} remains, but "
                                           "the records no longer exist."},
    "check.indicator_missing": {"vi": "{n} số liệu thuộc chỉ tiêu không có trong danh mục.",
                                "en": "{n} figures belong to indicators not in the catalogue."},
    "check.installation_unit": {"vi": "Đơn vị của máy này («{key}») không có trong danh mục.",
                                "en": "This installation's unit («{key}») is not in the list of units."},
    "check.where_period": {"vi": "{unit}, kỳ {period}", "en": "{unit}, period {period}"},
    "check.where_activity": {"vi": "{unit}, hoạt động ngày {date} «{title}»", "en": "{unit}, activity of {date} «{title}»"},
    # Period codes (xhht_desktop/domain/periods.py, PeriodError).
    "period.bad": {"vi": "Kỳ báo cáo «{code}» không hợp lệ (dạng đúng: 2014-H1, 2014-H2 hoặc 2014).",
                   "en": "Reporting period «{code}» is not valid (the right forms: 2014-H1, 2014-H2 or 2014)."},
    "period.out_of_range": {"vi": "Kỳ báo cáo «{code}» nằm ngoài khoảng 2013-H2 … {last}.",
                            "en": "Reporting period «{code}» is outside 2013-H2 … {last}."},
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


# ---- lead: the merge's own refusals (sync/merge.py, merge_common.py) -------------------------------
TEMPLATES.update({
    "merge.no_such_sender": {"vi": "Không có máy gửi nào mang mã {fp}.",
                             "en": "No sending installation has the fingerprint {fp}."},
    "merge.sender_revoked": {
        "vi": "Máy gửi {fp} đã bị thu hồi: không xác nhận lại được cho đơn vị nào. Nếu đó là máy thật, đề nghị "
              "đơn vị cài lại để có khóa mới, rồi xác nhận khóa mới.",
        "en": "Sending installation {fp} has been revoked: it cannot be confirmed again for any unit. If it is a "
              "genuine installation, ask the unit to reinstall to get a new key, then confirm the new key."},
    "merge.bare_fingerprint_ambiguous": {
        "vi": "Máy {fp} lần đầu gửi số liệu cho {n} đơn vị cùng lúc ({codes}): máy này đang gửi số liệu cho "
              "{total} đơn vị. Chỉ rõ đơn vị cần xác nhận bằng --unit MÃ.",
        "en": "Installation {fp} first sent figures for {n} units at once ({codes}): it is sending figures for "
              "{total} units. Name the unit to confirm with --unit CODE."},
    "merge.unit_not_sent": {
        "vi": "Máy {fp} không gửi số liệu cho đơn vị «{spec}»; máy này chỉ gửi cho {units}.",
        "en": "Installation {fp} sent no figures for the unit «{spec}»; it only sends for {units}."},
    "merge.unit_spec_ambiguous": {
        "vi": "Mã «{spec}» ứng với {n} đơn vị máy {fp} đã gửi; ghi thêm ngày: {spec}@NĂM-THÁNG-NGÀY.",
        "en": "Code «{spec}» matches {n} units installation {fp} sent for; add the date: {spec}@YYYY-MM-DD."},
    "merge.no_pending_conflict": {"vi": "Không có xung đột số {conflict_id} đang chờ xử lý.",
                                  "en": "There is no pending conflict no. {conflict_id}."},
    "merge.not_department": {
        "vi": "Chỉ máy của Sở (vai trò department) mới nhận và nhập gói đồng bộ.",
        "en": "Only the Department's installation (role department) receives and imports sync packages."},
    "merge.no_secret_key": {
        "vi": "Máy của Sở chưa có khóa bí mật: khôi phục khóa từ bản sao lưu trước khi nhập gói.",
        "en": "The Department's installation has no secret key yet: restore the key from a backup before "
              "importing packages."},
})
# ---- end lead ------------------------------------------------------------------------------------


# ---- lead: the learning-centre log's rules (clc/domain.py), worded per field ----------------------
TEMPLATES.update({
    "clc.field_problem": {"vi": "{field}: {problem}", "en": "{field}: {problem}"},
    "clc.errors": {"vi": "{lines}", "en": "{lines}"},
    "clc.label.date": {"vi": "Ngày", "en": "Date"},
    "clc.label.end_date": {"vi": "Ngày kết thúc", "en": "End date"},
    "clc.label.title": {"vi": "Tên hoạt động", "en": "Activity"},
    "clc.label.category": {"vi": "Nhóm chuyên đề", "en": "Topic group"},
    "clc.label.format": {"vi": "Hình thức", "en": "Format"},
    "clc.label.place": {"vi": "Địa điểm", "en": "Place"},
    "clc.label.sessions": {"vi": "Số buổi", "en": "Sessions"},
    "clc.label.partner": {"vi": "Đơn vị phối hợp", "en": "Partner"},
    "clc.label.visits": {"vi": "Lượt người học", "en": "Learner visits"},
    "clc.label.women": {"vi": "Nữ", "en": "Women"},
    "clc.label.ethnic_minority": {"vi": "DTTS", "en": "Ethnic minorities"},
    "clc.label.rural_workers": {"vi": "Lao động nông thôn", "en": "Rural workers"},
    "clc.label.learners": {"vi": "Số người (không trùng)", "en": "Persons (each counted once)"},
    "clc.label.rural_workers_new": {"vi": "LĐNT học lần đầu trong năm",
                                    "en": "Rural workers learning for the first time this year"},
    "clc.label.cost": {"vi": "Kinh phí (đồng)", "en": "Cost (VND)"},
    "clc.label.funding": {"vi": "Nguồn kinh phí", "en": "Source of funds"},
    "clc.label.notes": {"vi": "Ghi chú", "en": "Notes"},
    "clc.centre.name": {"vi": "Tên trung tâm", "en": "Centre name"},
    "clc.centre.director": {"vi": "Giám đốc", "en": "Director"},
    "clc.centre.decision_no": {"vi": "Số quyết định thành lập", "en": "Founding decision no."},
    "clc.centre.decision_date": {"vi": "Ngày quyết định", "en": "Decision date"},
    "clc.centre.combined_culture": {"vi": "Kết hợp với Trung tâm Văn hóa - Thể thao xã",
                                    "en": "Combined with the commune's culture and sports centre"},
    "clc.centre.branches": {"vi": "Điểm học tập ở thôn, làng", "en": "Learning points in villages"},
    "clc.centre.notes": {"vi": "Ghi chú", "en": "Notes"},
    "clc.date.a_number": {"vi": "phải là ngày dạng dd/mm/yyyy, không phải một số",
                          "en": "must be a date as dd/mm/yyyy, not a number"},
    "clc.date.not_real": {"vi": "«{text}» không phải là ngày có thật", "en": "«{text}» is not a real date"},
    "clc.date.bad_form": {"vi": "«{text}» không phải là ngày dạng dd/mm/yyyy", "en": "«{text}» is not a date as dd/mm/yyyy"},
    "clc.date.not_iso": {"vi": "«{text}» không phải là ngày dạng YYYY-MM-DD", "en": "«{text}» is not a date as YYYY-MM-DD"},
    "clc.p.sentence": {"vi": "{text}.", "en": "{text}."},
    "clc.p.as_is": {"vi": "{text}", "en": "{text}"},
    "clc.p.not_a_category": {"vi": "«{value}» không phải là một trong tám nhóm chuyên đề.",
                             "en": "«{value}» is not one of the eight topic groups."},
    "clc.p.not_a_format": {"vi": "«{value}» không phải là hình thức đã biết ({known}).",
                           "en": "«{value}» is not a known format ({known})."},
    "clc.p.whole_number": {"vi": "phải là số nguyên.", "en": "must be a whole number."},
    "clc.p.a_date": {"vi": "phải là ngày.", "en": "must be a date."},
    "clc.p.text": {"vi": "phải là chữ.", "en": "must be text."},
    "clc.p.no_such_code": {"vi": "mã «{code}» không có.", "en": "code «{code}» does not exist."},
    "clc.p.code_not_in_list": {"vi": "mã «{code}» không có trong danh mục.", "en": "code «{code}» is not in the list."},
    "clc.p.required": {"vi": "chưa nhập (bắt buộc).", "en": "not entered (required)."},
    "clc.p.date_out_of_range": {"vi": "{date} nằm ngoài khoảng cho phép ({earliest} – {latest}).",
                                "en": "{date} is outside the allowed range ({earliest} – {latest})."},
    "clc.p.before_unit": {"vi": "{date} trước ngày đơn vị được thành lập ({founded}).",
                          "en": "{date} is before the unit was established ({founded})."},
    "clc.p.after_unit": {"vi": "{date} sau ngày đơn vị thôi tồn tại ({ended}); hoạt động sau đó ghi vào sổ của "
                               "đơn vị mới.",
                         "en": "{date} is after the unit ceased to exist ({ended}); later activities go in the "
                               "new unit's log."},
    "clc.p.end_before_start": {"vi": "{end} trước ngày bắt đầu ({start}).", "en": "{end} is before the start date ({start})."},
    "clc.p.course_over_a_year": {"vi": "{end} cách ngày bắt đầu hơn một năm — kiểm tra lại.",
                                 "en": "{end} is more than a year after the start date — check it."},
    "clc.p.negative": {"vi": "không được là số âm.", "en": "must not be negative."},
    "clc.p.too_large": {"vi": "{value} lớn bất thường (tối đa {ceiling}).",
                        "en": "{value} is unusually large (at most {ceiling})."},
    "clc.p.at_least_one_session": {"vi": "phải có ít nhất 1 buổi.", "en": "there must be at least 1 session."},
    "clc.p.more_than": {"vi": "{value} lớn hơn {other} ({bound}).", "en": "{value} is more than {other} ({bound})."},
    "clc.p.too_long": {"vi": "dài quá {limit} ký tự.", "en": "longer than {limit} characters."},
    "clc.p.yes_or_no": {"vi": "chỉ nhận có/không.", "en": "takes yes/no only."},
    "clc.p.decision_out_of_range": {"vi": "{date} nằm ngoài khoảng {earliest} – {latest}.",
                                    "en": "{date} is outside {earliest} – {latest}."},
    "tables.activity_problem": {"vi": "Hoạt động «{title}» ({date}): {problem}",
                                "en": "Activity «{title}» ({date}): {problem}"},
    "tables.centre_problem": {"vi": "Thông tin trung tâm «{name}»: {problem}",
                              "en": "Centre details «{name}»: {problem}"},
})
# ---- end lead (learning-centre rules) -----------------------------------------------------------


def template(code: str, lang: str = DEFAULT) -> str:
    by_lang = TEMPLATES[code]
    return by_lang.get(lang) or by_lang[DEFAULT]


def render(code: str, params: dict, lang: str = DEFAULT) -> str:
    """The template of `code` in `lang` filled with `params`; a parameter that is itself a coded
    message (a Text, a coded exception) or Lines of them is worded in the same language."""
    return template(code, lang).format(**{k: _param(v, lang) for k, v in params.items()})


class Lines(tuple):
    """A parameter of several messages, one a line (each worded in the message's language)."""

    def __str__(self) -> str:
        return "\n".join(str(x) for x in self)


def _param(value, lang: str):
    if isinstance(value, Lines):
        return "\n".join(words(x, lang) for x in value)
    if isinstance(value, (str, BaseException)) and _coded(value) is not None:
        return words(value, lang)
    return value


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


def _coded(message) -> tuple[str, dict] | None:
    """(code, params) of a coded message: a Text or CodedError, an exception raised with a Text
    (KeyProblem(Text(...)), whatever its own `code`), or an object whose `coded` is a Text
    (StorageError, whose str() is computed)."""
    code = getattr(message, "code", None)
    params = getattr(message, "params", None)
    if isinstance(code, str) and code in TEMPLATES and isinstance(params, dict):
        return code, params
    if isinstance(message, BaseException) and len(message.args) == 1 and isinstance(message.args[0], Text):
        return message.args[0].code, message.args[0].params
    coded = getattr(message, "coded", None)
    if isinstance(coded, Text):
        return coded.code, coded.params
    return None


def words(message, lang: str = DEFAULT) -> str:
    """A message (Text, CodedError, or any other object: its str()) in `lang`."""
    coded = _coded(message)
    if coded is not None:
        try:
            return render(coded[0], coded[1], lang)
        except (KeyError, IndexError):  # a template that names a parameter this message lacks
            return str(message)
    return str(message)


def cli_language(value: str | None = None) -> str:
    """The CLI's language: `--lang` if given, else XHHT_LANG, else Vietnamese."""
    chosen = (value or os.environ.get("XHHT_LANG") or DEFAULT).strip().lower()[:2]
    return chosen if chosen in LANGUAGES else DEFAULT
