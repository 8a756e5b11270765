<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../ui/dialogs/about.py" line="43" />
            <source>Giới thiệu XHHT Desktop</source>
            <translation>About XHHT Desktop</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="52" />
            <source>&lt;p&gt;Phiên bản {version}&lt;/p&gt;</source>
            <translation>&lt;p&gt;Version {version}&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="58" />
            <source>&lt;p&gt;Theo dõi Kế hoạch 2780/KH-UBND ngày 02/12/2013 của Ủy ban nhân dân (UBND) tỉnh Kon Tum thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012–2020”, và từ năm 2021 chương trình giai đoạn 2021–2030 (Quyết định 1373/QĐ-TTg), từ xã đến tỉnh: nhập chỉ tiêu, so với mục tiêu, sổ theo dõi trung tâm học tập cộng đồng, báo cáo và gói đồng bộ.&lt;/p&gt;&lt;p&gt;Chỉ lưu số liệu tổng hợp, không lưu thông tin cá nhân.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Follows plan 2780/KH-UBND of 2 December 2013 of the Kon Tum Provincial People's Committee (UBND), which carries out the scheme “Building a learning society 2012–2020”, and from 2021 the 2021–2030 programme (Decision 1373/QĐ-TTg), from the commune up to the province: indicator entry against the targets, the community learning centre log, reports and sync packages.&lt;/p&gt;&lt;p&gt;Only aggregate figures are stored, never personal data.&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="67" />
            <source>&lt;b&gt;Thư mục dữ liệu:&lt;/b&gt;&lt;br&gt;{path}</source>
            <translation>&lt;b&gt;Data folder:&lt;/b&gt;&lt;br&gt;{path}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="75" />
            <source>&lt;p style='color:#66757f'&gt;Lược đồ dữ liệu {schema} · Python {python} · Qt (PySide6) {qt} · SQLite {sqlite}&lt;br&gt;Phông chữ Noto Sans và Liberation Serif theo giấy phép SIL Open Font License.&lt;/p&gt;</source>
            <translation>&lt;p style='color:#66757f'&gt;Data schema {schema} · Python {python} · Qt (PySide6) {qt} · SQLite {sqlite}&lt;br&gt;Noto Sans and Liberation Serif fonts under the SIL Open Font License.&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="83" />
            <source>Mở thư mục dữ liệu</source>
            <translation>Open data folder</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="86" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>AgenciesDialog</name>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="286" />
            <source>Các cơ quan</source>
            <translation>Agencies</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="289" />
            <source>Dấu *: Sở đã thêm hoặc sửa (gửi trong bản cập nhật danh mục).</source>
            <translation>Mark *: added or corrected by the Department (sent in the reference update).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="290" />
            <source>Dấu *: do bản cập nhật danh mục của Sở mang đến.</source>
            <translation>Mark *: brought by the Department's reference update.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="300" />
            <source>Thêm cơ quan…</source>
            <translation>Add agency…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="302" />
            <source>Sửa cơ quan…</source>
            <translation>Edit agency…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="308" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="319" />
            <source>Tên</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="319" />
            <source>Viết tắt</source>
            <translation>Short name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="319" />
            <source>Có từ</source>
            <translation>From</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="319" />
            <source>Đến</source>
            <translation>To</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="319" />
            <source>Kế nhiệm</source>
            <translation>Successors</translation>
        </message>
    </context>
    <context>
        <name>AgencyRowDialog</name>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="220" />
            <source>Sửa cơ quan</source>
            <translation>Edit agency</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="220" />
            <source>Thêm cơ quan</source>
            <translation>Add agency</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="225" />
            <source>Tên đầy đủ</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="227" />
            <source>Tên viết tắt</source>
            <translation>Short name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="229" />
            <source>Tên tiếng Anh</source>
            <translation>English name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="233" />
            <source>Có từ ngày</source>
            <translation>Valid from</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="235" />
            <source>YYYY-MM-DD; để trống nếu còn hoạt động</source>
            <translation>YYYY-MM-DD; leave empty while it still exists</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="236" />
            <source>Đến ngày</source>
            <translation>Until</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="239" />
            <source>Tên cơ quan kế nhiệm; nhiều cơ quan cách nhau bằng «;»</source>
            <translation>Successor agency; separate several with “;”</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="240" />
            <source>Cơ quan kế nhiệm</source>
            <translation>Successors</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="242" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="246" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="247" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="270" />
            <source>Lưu cơ quan</source>
            <translation>Save agency</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="272" />
            <source>Chưa lưu được cơ quan.</source>
            <translation>The agency was not saved.</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../../ui/app.py" line="122" />
            <location filename="../../ui/app.py" line="126" />
            <source>Tệp dữ liệu không bị thay đổi.</source>
            <translation>The data file has not been changed.</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="124" />
            <source>Không mở được tệp dữ liệu «{path}»: {error}.</source>
            <translation>Could not open the data file “{path}”: {error}.</translation>
        </message>
    </context>
    <context>
        <name>ApplyDepartmentFilesDialog</name>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="79" />
            <source>Nhận tệp từ Sở</source>
            <translation>Files from the Department</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="82" />
            <source>Đã kiểm tra chữ ký và nội dung. Các thay đổi dưới đây chưa được áp dụng:</source>
            <translation>Signature and content checked. The changes below are not applied yet:</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="89" />
            <source>Áp dụng</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="90" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="101" />
            <source>Không có gì phải áp dụng:</source>
            <translation>Nothing to apply:</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="103" />
            <source>Không có tệp nào áp dụng được:</source>
            <translation>None of the files can be applied:</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="118" />
            <source>Kết quả:</source>
            <translation>Result:</translation>
        </message>
    </context>
    <context>
        <name>BackupRestore</name>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="57" />
            <source>trước khi sao lưu</source>
            <translation>before the backup</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="60" />
            <source>Sao lưu dữ liệu</source>
            <translation>Back up data</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="61" />
            <source>Cơ sở dữ liệu XHHT (*.sqlite3)</source>
            <translation>XHHT database (*.sqlite3)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="76" />
            <source>Đã sao lưu dữ liệu.</source>
            <translation>The data has been backed up.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="77" />
            <source>Tệp sao lưu: {path}
Hãy cất một bản ở nơi khác máy này (USB, thư điện tử).</source>
            <translation>Backup file: {path}
Keep a copy somewhere other than this computer (USB stick, e-mail).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="82" />
            <source>Không sao lưu được.</source>
            <translation>The backup failed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="84" />
            <source>Đang sao lưu…</source>
            <translation>Backing up…</translation>
        </message>
    </context>
    <context>
        <name>Breakdowns</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="78" />
            <location filename="../../ui/models/presentation.py" line="83" />
            <source>Tổng số</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="79" />
            <location filename="../../ui/models/presentation.py" line="84" />
            <source>Nữ</source>
            <translation>Women</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="80" />
            <source>Dân tộc thiểu số</source>
            <translation>Ethnic minorities</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="85" />
            <source>DTTS</source>
            <translation>EM</translation>
        </message>
    </context>
    <context>
        <name>CatalogueRows</name>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="44" />
            <source>rate – tỷ lệ %</source>
            <translation>rate – percentage</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="45" />
            <source>flag – đạt/chưa</source>
            <translation>flag – met/not met</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="46" />
            <source>count – số lượng</source>
            <translation>count – number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="47" />
            <source>trend – tăng so với năm trước</source>
            <translation>trend – higher than last year</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="48" />
            <source>level – mức độ</source>
            <translation>level – degree</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="49" />
            <source>cấp xã</source>
            <translation>commune level</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="50" />
            <source>cấp huyện</source>
            <translation>district level</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="51" />
            <source>cấp tỉnh</source>
            <translation>province level</translation>
        </message>
    </context>
    <context>
        <name>CatalogueTargetsDialog</name>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="145" />
            <source>Danh mục và chỉ tiêu</source>
            <translation>Catalogue and targets</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="149" />
            <source>Chương trình</source>
            <translation>Programme</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="165" />
            <location filename="../../ui/dialogs/returns.py" line="284" />
            <source>Lưu mục tiêu</source>
            <translation>Save targets</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="167" />
            <location filename="../../ui/dialogs/returns.py" line="304" />
            <source>Phát hành bản cập nhật…</source>
            <translation>Publish an update…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="170" />
            <location filename="../../ui/dialogs/returns.py" line="320" />
            <source>Gửi cho các đơn vị…</source>
            <translation>Send to the units…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="172" />
            <source>Thêm chỉ tiêu…</source>
            <translation>Add indicator…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="174" />
            <source>Sửa chỉ tiêu…</source>
            <translation>Edit indicator…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="180" />
            <source>Áp dụng bản cập nhật…</source>
            <translation>Apply an update…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="184" />
            <source>Cơ quan…</source>
            <translation>Agencies…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="188" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="211" />
            <source>Mã</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="211" />
            <source>Chỉ tiêu</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="211" />
            <source>Loại</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="211" />
            <source>So sánh</source>
            <translation>Comparison</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="212" />
            <source>Mục tiêu {y}</source>
            <translation>Target {y}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="216" />
            <source>tăng</source>
            <translation>increase</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="223" />
            <source>Sở đã thêm hoặc sửa dòng này</source>
            <translation>The Department added or corrected this row</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="231" />
            <source>Mục tiêu dự thảo, chưa được Sở xác nhận</source>
            <translation>Draft target, not yet confirmed by the Department</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="234" />
            <source>Sở đã xác nhận hoặc sửa</source>
            <translation>Confirmed or corrected by the Department</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="245" />
            <source>Ô vàng: mục tiêu dự thảo. Sửa ô rồi «Lưu mục tiêu»; «Thêm chỉ tiêu…», «Sửa chỉ tiêu…» (dấu *: Sở đã thêm hoặc sửa); «Phát hành bản cập nhật» ghi tệp đã ký gửi cho các đơn vị. Bản đã phát hành gần nhất: số {v}.</source>
            <translation>Yellow cells: draft targets. Edit a cell, then “Save targets”; “Add indicator…”, “Edit indicator…” (mark *: added or corrected by the Department); “Publish an update” writes the signed file for the units. Latest published: number {v}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="325" />
            <source>Bỏ qua: {s}</source>
            <translation>Skipped: {s}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="347" />
            <source>Chọn một chỉ tiêu trong bảng để sửa.</source>
            <translation>Choose an indicator in the table to edit.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="248" />
            <location filename="../../ui/dialogs/returns.py" line="252" />
            <source>chưa có</source>
            <translation>none yet</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="251" />
            <source>Mục tiêu đang dùng. Ô vàng: mục tiêu dự thảo. Bản cập nhật đã áp dụng: số {v}.</source>
            <translation>Targets in force. Yellow cells: draft targets. Update applied: number {v}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="271" />
            <source>Mục tiêu «{t}» của {ind} năm {y} không phải là số.</source>
            <translation>The target “{t}” of {ind} for {y} is not a number.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="286" />
            <source>Chưa lưu được mục tiêu.</source>
            <translation>The targets were not saved.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="297" />
            <source>Chọn nơi lưu bản cập nhật</source>
            <translation>Choose where to save the update</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="306" />
            <source>Chưa phát hành được.</source>
            <translation>Not published.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="309" />
            <source>Đã phát hành bản cập nhật danh mục số {v}.</source>
            <translation>Reference update number {v} published.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="313" />
            <source>Chọn thư mục «Gửi cho các đơn vị»</source>
            <translation>Choose the “Send to the units” folder</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="322" />
            <source>Chưa viết được biên nhận.</source>
            <translation>The receipts were not written.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="326" />
            <source>Đã viết {n} thư mục, mỗi đơn vị một thư mục (biên nhận, bản cập nhật, thư gửi).</source>
            <translation>{n} folders written, one per unit (receipt, update, e-mail text).</translation>
        </message>
    </context>
    <context>
        <name>ClcActivityDialog</name>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="57" />
            <source>Tại trung tâm</source>
            <translation>At the centre</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="62" />
            <source>Số buổi</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="63" />
            <source>Lượt người học</source>
            <translation>Learner visits</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="64" />
            <source>Nữ (lượt)</source>
            <translation>Women (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="65" />
            <source>DTTS (lượt)</source>
            <translation>EM (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="66" />
            <source>LĐNT (lượt)</source>
            <translation>RW (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="67" />
            <source>Người (không trùng)</source>
            <translation>Persons (distinct)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="68" />
            <source>LĐNT mới trong năm</source>
            <translation>RW new this year</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="72" />
            <source>Ngày</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="73" />
            <source>Tên hoạt động</source>
            <translation>Activity</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="74" />
            <source>Nhóm chuyên đề</source>
            <translation>Topic group</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="75" />
            <source>Hình thức</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="76" />
            <source>Địa điểm</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="77" />
            <source>Đơn vị phối hợp</source>
            <translation>Partner</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="78" />
            <source>Nguồn kinh phí</source>
            <translation>Funding source</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="79" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="82" />
            <source>Gõ 15 = ngày 15 tháng này; 15/3 = 15 tháng 3; hoặc đủ ngày/tháng/năm. Mũi tên lên/xuống: ±1 ngày.</source>
            <translation>Type 15 = the 15th of this month; 15/3 = 15 March; or a full day/month/year. Up/down arrows: ±1 day.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="84" />
            <source>Lượt người học: một người học 10 buổi tính 10 lượt.</source>
            <translation>Learner visits: one learner at 10 sessions counts as 10 visits.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="85" />
            <source>Số lượt người học là nữ (không lớn hơn Lượt người học).</source>
            <translation>Visits by women (not more than the learner visits).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="86" />
            <source>Số lượt người học là người dân tộc thiểu số.</source>
            <translation>Visits by ethnic-minority (EM) learners.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="87" />
            <source>Số lượt người học là lao động nông thôn.</source>
            <translation>Visits by rural workers (RW).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="88" />
            <source>Số người khác nhau tham gia hoạt động này. Khi chỉ có 1 buổi, tự lấy bằng Lượt người học.</source>
            <translation>Number of different people who took part in this activity. With a single session it follows the learner visits.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="90" />
            <source>Số lao động nông thôn của hoạt động này CHƯA học ở trung tâm từ 01/01 năm nay (xem sổ theo dõi người học). Cộng các số này ra số LĐNT không trùng trong năm — tử số gợi ý của chỉ tiêu LĐNT học tại TTHTCĐ.</source>
            <translation>Rural workers of this activity who had NOT yet studied at the centre since 1 January this year (see the learners' register). These add up to the year's distinct rural workers — the suggested numerator of the indicator "rural workers studying at the CLC".</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="95" />
            <source>Gõ chữ cái đầu: X, C, P, S, D, T, V, K.</source>
            <translation>Type the first letters of the subject area.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="96" />
            <source>Gõ chữ cái đầu: L, C, N, T, H, S, K.</source>
            <translation>Type the first letters of the format.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="97" />
            <source>Chỉ cho lớp học kéo dài nhiều ngày; để trống nếu diễn ra trong một ngày.</source>
            <translation>Only for a class over several days; leave blank if it took one day.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="99" />
            <source>Số tiền (đồng), ví dụ 1.500.000.</source>
            <translation>Amount in VND, e.g. 1.500.000.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="242" />
            <location filename="../../ui/dialogs/clc_activity.py" line="595" />
            <source>Thêm hoạt động</source>
            <translation>Add activity</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="242" />
            <source>Sửa hoạt động</source>
            <translation>Edit activity</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="243" />
            <source>Nhân bản hoạt động (ghi thành hoạt động mới)</source>
            <translation>Duplicate activity (saved as a new activity)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="265" />
            <source>gõ 15 hoặc 15/3 · ↑↓ đổi ngày</source>
            <translation>type 15 or 15/3 · ↑↓ change the day</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="270" />
            <source>Ví dụ: Nói chuyện chuyên đề phòng chống sốt xuất huyết</source>
            <translation>E.g.: Talk on preventing dengue fever</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="317" />
            <source>Người học</source>
            <translation>Learners</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="326" />
            <source>Mặc định: tại trung tâm ({centre}); hoặc chọn/gõ điểm học tập ở thôn.</source>
            <translation>Default: at the centre ({centre}); or pick/type a village learning point.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="327" />
            <source>Mặc định: tại trung tâm; hoặc chọn/gõ điểm học tập ở thôn.</source>
            <translation>Default: at the centre; or pick/type a village learning point.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="338" />
            <source>Đến ngày</source>
            <translation>Until</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="350" />
            <source>Nguồn</source>
            <translation>Funding</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="352" />
            <source>Kinh phí (đồng)</source>
            <translation>Cost (VND)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="372" />
            <source>Enter: lưu · Ctrl+Enter: lưu và thêm tiếp · Esc: đóng</source>
            <translation>Enter: save · Ctrl+Enter: save and add another · Esc: close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="376" />
            <source>Lưu và thêm tiếp</source>
            <translation>Save and add another</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="380" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="384" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="384" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="563" />
            <source>Chưa lưu được:</source>
            <translation>Not saved:</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="598" />
            <source>Đã lưu «{title}» ({n} hoạt động trong lần này). Nhập hoạt động tiếp theo.</source>
            <translation>Saved “{title}” ({n} activities this time). Enter the next activity.</translation>
        </message>
    </context>
    <context>
        <name>ClcActivityModel</name>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="34" />
            <source>Ngày</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="35" />
            <source>Ngày diễn ra (ngày bắt đầu nếu là lớp học nhiều ngày)</source>
            <translation>Date held (first day of a class over several days)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="36" />
            <source>Đến ngày</source>
            <translation>Until</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="37" />
            <source>Ngày kết thúc của lớp học nhiều ngày</source>
            <translation>Last day of a class over several days</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="38" />
            <source>Tên hoạt động</source>
            <translation>Activity</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="39" />
            <source>Nhóm chuyên đề</source>
            <translation>Topic group</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="40" />
            <source>Hình thức</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="41" />
            <source>Địa điểm</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="42" />
            <source>Để trống = tại trung tâm</source>
            <translation>Blank = at the centre</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="43" />
            <source>Buổi</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="43" />
            <source>Số buổi</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="44" />
            <source>Lượt</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="45" />
            <source>Lượt người học: một người học 10 buổi là 10 lượt</source>
            <translation>Learner visits: one learner at 10 sessions is 10 visits</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="46" />
            <source>Nữ</source>
            <translation>Women</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="46" />
            <source>Nữ (lượt)</source>
            <translation>Women (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="47" />
            <source>DTTS</source>
            <translation>EM</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="48" />
            <source>Dân tộc thiểu số (lượt)</source>
            <translation>Ethnic minority (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="49" />
            <source>LĐNT</source>
            <translation>RW</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="50" />
            <source>Lao động nông thôn (lượt)</source>
            <translation>Rural workers (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="51" />
            <source>Người</source>
            <translation>Persons</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="52" />
            <source>Số người khác nhau của hoạt động (không trùng)</source>
            <translation>Different people in the activity (distinct)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="53" />
            <source>LĐNT mới</source>
            <translation>New RW</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="54" />
            <source>Lao động nông thôn học lần đầu trong năm tại trung tâm (người)</source>
            <translation>Rural workers studying at the centre for the first time this year (persons)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="55" />
            <source>Phối hợp</source>
            <translation>Partner</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="56" />
            <source>Đơn vị phối hợp</source>
            <translation>Partner</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="57" />
            <source>Kinh phí</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="58" />
            <source>Kinh phí (đồng)</source>
            <translation>Cost (VND)</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="59" />
            <source>Xã</source>
            <translation>Commune</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="62" />
            <source>Trung tâm</source>
            <translation>Centre</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="353" />
            <source>⚑ Sở đề nghị kiểm tra lại: «{m}» ({s}).</source>
            <translation>⚑ The Department asks to check: “{m}” ({s}).</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="366" />
            <source>Ghi chú: {notes}</source>
            <translation>Note: {notes}</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="372" />
            <source>Nguồn: {funding}</source>
            <translation>Funding: {funding}</translation>
        </message>
    </context>
    <context>
        <name>ClcCentreDialog</name>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="31" />
            <source>Chưa rõ</source>
            <translation>Unknown</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="32" />
            <source>Có</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="33" />
            <source>Không</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="36" />
            <source>Tên trung tâm</source>
            <translation>Centre name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="37" />
            <source>Giám đốc</source>
            <translation>Director</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="38" />
            <source>Số quyết định thành lập</source>
            <translation>Founding decision number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="39" />
            <source>Ngày quyết định</source>
            <translation>Decision date</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="40" />
            <source>Kết hợp với Trung tâm Văn hóa - Thể thao xã</source>
            <translation>Combined with the commune's culture and sports centre</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="41" />
            <source>Điểm học tập ở thôn, làng</source>
            <translation>Village learning points</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="42" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="55" />
            <source>Thông tin trung tâm học tập cộng đồng</source>
            <translation>Community learning centre details</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="63" />
            <source>Ví dụ: 125/QĐ-UBND</source>
            <translation>E.g.: 125/QĐ-UBND</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="72" />
            <source>Mỗi dòng một điểm học tập, ví dụ:
Thôn Đắk Ung
Thôn Kon Riêng</source>
            <translation>One learning point per line, e.g.:
Thôn Đắk Ung
Thôn Kon Riêng</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="85" />
            <source>Xã được hợp nhất từ ngày 01/07/2025. Trung tâm của các xã cũ: {names}. Sổ của các xã cũ vẫn giữ nguyên.</source>
            <translation>The commune was formed by a merger on 01/07/2025. Centres of the former communes: {names}. The former communes' logs are kept as they are.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="90" />
            <source>Lấy các trung tâm cũ làm điểm học tập</source>
            <translation>Take the former centres as learning points</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="101" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="105" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_centre.py" line="129" />
            <source>Chưa lưu được:</source>
            <translation>Not saved:</translation>
        </message>
    </context>
    <context>
        <name>ClcPage</name>
        <message>
            <location filename="../../ui/pages/clc.py" line="88" />
            <source>Sổ TTHTCĐ</source>
            <translation>CLC log</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="164" />
            <source>Sổ hoạt động</source>
            <translation>Activity log</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="165" />
            <source>Tổng hợp theo nhóm</source>
            <translation>Summary by group</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="172" />
            <location filename="../../ui/pages/clc.py" line="278" />
            <location filename="../../ui/pages/clc.py" line="652" />
            <source>Hoàn tác</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="177" />
            <source>Insert: thêm · Enter: sửa · Ctrl+D: nhân bản · Delete: xóa · Ctrl+Z: hoàn tác · Ctrl+F: tìm</source>
            <translation>Insert: add · Enter: edit · Ctrl+D: duplicate · Delete: delete · Ctrl+Z: undo · Ctrl+F: find</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="179" />
            <source>Ctrl+F: tìm · chỉ xem (sổ do các xã ghi)</source>
            <translation>Ctrl+F: find · read-only (the communes keep the logs)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="213" />
            <source>Thông tin trung tâm…</source>
            <translation>Centre details…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="222" />
            <source>Kỳ</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="224" />
            <location filename="../../ui/pages/clc.py" line="435" />
            <source>Tất cả các kỳ</source>
            <translation>All periods</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="232" />
            <source>từ</source>
            <translation>from</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="243" />
            <source>đến</source>
            <translation>to</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="246" />
            <source>Nhóm</source>
            <translation>Group</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="248" />
            <source>Tất cả các nhóm</source>
            <translation>All groups</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="255" />
            <source>Tìm (Ctrl+F): tên, đơn vị phối hợp, địa điểm… — không cần dấu</source>
            <translation>Find (Ctrl+F): title, partner, place… — accents optional</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="265" />
            <source>Thêm hoạt động</source>
            <translation>Add activity</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="267" />
            <source>Insert hoặc Ctrl+N</source>
            <translation>Insert or Ctrl+N</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="269" />
            <source>Sửa</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="272" />
            <source>Nhân bản</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="273" />
            <source>Ctrl+D: ghi một hoạt động mới giống hoạt động đang chọn</source>
            <translation>Ctrl+D: record a new activity like the selected one</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="275" />
            <source>Xóa</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="276" />
            <source>Delete (có thể hoàn tác)</source>
            <translation>Delete (can be undone)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="281" />
            <location filename="../../ui/pages/clc.py" line="652" />
            <source>Làm lại</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="289" />
            <source>Xuất Excel…</source>
            <translation>Export to Excel…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="290" />
            <source>Xuất các hoạt động đang hiện (theo bộ lọc) ra tệp .xlsx</source>
            <translation>Export the activities shown (as filtered) to an .xlsx file</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="454" />
            <source>Không đọc được: {error}</source>
            <translation>Could not read: {error}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="496" />
            <source>Sổ hoạt động TTHTCĐ các xã thuộc {unit}</source>
            <translation>CLC activity logs of the communes of {unit}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="497" />
            <source>Chỉ xem: mỗi xã ghi sổ của mình; số liệu về đây qua gói đồng bộ.</source>
            <translation>Read-only: each commune keeps its own log; the records arrive here in sync packages.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="502" />
            <source>Chưa ghi thông tin trung tâm (giám đốc, quyết định thành lập, điểm học tập ở thôn). Bấm «Thông tin trung tâm…».</source>
            <translation>The centre's details (director, founding decision, village learning points) are not recorded yet. Click “Centre details…”.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="508" />
            <source>Giám đốc: {name}</source>
            <translation>Director: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="510" />
            <source>QĐ thành lập</source>
            <translation>Founded by decision</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="511" />
            <source>số {number}</source>
            <translation>no. {number}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="512" />
            <source>ngày {date}</source>
            <translation>of {date}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="515" />
            <source>kết hợp với TT Văn hóa - Thể thao xã</source>
            <translation>combined with the commune's culture and sports centre</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="516" />
            <source>không kết hợp với TT Văn hóa - Thể thao</source>
            <translation>not combined with the culture and sports centre</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="517" />
            <source>{n} điểm học tập ở thôn</source>
            <translation>{n} village learning points</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="518" />
            <source>chưa ghi điểm học tập ở thôn</source>
            <translation>no village learning points recorded</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="530" />
            <source>Đang tải sổ hoạt động…</source>
            <translation>Loading the activity log…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="532" />
            <source>{shown} / {total} hoạt động đang hiện</source>
            <translation>{shown} / {total} activities shown</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="533" />
            <source>{total} hoạt động</source>
            <translation>{total} activities</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="535" />
            <source>⚠ {n} hoạt động có ngày lưu sai, không hiện: chạy «Kiểm tra dữ liệu» để biết hoạt động nào</source>
            <translation>⚠ {n} activities have a wrongly stored date and are not shown: run «Check data» to see which</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="539" />
            <source>⚑ Sở đề nghị kiểm tra lại {n} hoạt động (dòng tô hồng; rê chuột lên tên hoạt động để đọc)</source>
            <translation>⚑ The Department asks to check {n} activities (rows in pink; hover over the activity's name to read it)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="615" />
            <source>thêm {what}</source>
            <translation>add {what}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="615" />
            <source>sửa {what}</source>
            <translation>edit {what}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="648" />
            <location filename="../../ui/pages/clc.py" line="650" />
            <source>Không hoàn tác được thay đổi này.</source>
            <translation>This change could not be undone.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="729" />
            <source>Đã thêm «{title}» ngày {date}.</source>
            <translation>Added “{title}” on {date}.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="730" />
            <source>Đã sửa «{title}» ngày {date}.</source>
            <translation>Edited “{title}” on {date}.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="614" />
            <location filename="../../ui/pages/clc.py" line="784" />
            <source>{n} hoạt động</source>
            <translation>{n} activities</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="616" />
            <source>xóa {what}</source>
            <translation>delete {what}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="714" />
            <source>Lưu hoạt động</source>
            <translation>Save the activity</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="716" />
            <source>Đang chờ «{other}» xong rồi lưu…</source>
            <translation>Waiting for «{other}» to finish, then saving…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="785" />
            <source>Đã xóa {what}. Bấm Ctrl+Z hoặc «Hoàn tác» để lấy lại.</source>
            <translation>Deleted {what}. Press Ctrl+Z or “Undo” to get it back.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="789" />
            <source>Xóa hoạt động</source>
            <translation>Delete activities</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="826" />
            <source>Lưu thông tin trung tâm</source>
            <translation>Save the centre's record</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="847" />
            <source>Xuất sổ hoạt động ra Excel</source>
            <translation>Export the activity log to Excel</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="854" />
            <source>Đang ghi…</source>
            <translation>Writing…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="866" />
            <source>Đang xuất sổ hoạt động…</source>
            <translation>Exporting the activity log…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="867" />
            <source>Đã xuất {n} hoạt động ra «{path}».</source>
            <translation>Exported {n} activities to “{path}”.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/clc.py" line="864" />
            <source>Không xuất được tệp Excel.</source>
            <translation>The Excel file could not be written.</translation>
        </message>
    </context>
    <context>
        <name>ClcSummaryWidget</name>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="29" />
            <source>Hoạt động</source>
            <translation>Activities</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="30" />
            <source>Số hoạt động</source>
            <translation>Number of activities</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="31" />
            <source>Buổi</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="31" />
            <source>Số buổi</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="32" />
            <source>Lượt</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="32" />
            <source>Lượt người học</source>
            <translation>Learner visits</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="33" />
            <source>Người</source>
            <translation>Persons</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="34" />
            <source>Số người không trùng, cộng theo từng hoạt động (một người học hai hoạt động được tính hai lần)</source>
            <translation>Distinct persons, added up activity by activity (a person in two activities counts twice)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="36" />
            <source>Nữ</source>
            <translation>Women</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="36" />
            <source>Nữ (lượt)</source>
            <translation>Women (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="37" />
            <source>DTTS</source>
            <translation>EM</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="38" />
            <source>Dân tộc thiểu số (lượt)</source>
            <translation>Ethnic minority (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="39" />
            <source>LĐNT</source>
            <translation>RW</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="40" />
            <source>Lao động nông thôn (lượt)</source>
            <translation>Rural workers (visits)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="61" />
            <source>Trung tâm học tập cộng đồng</source>
            <translation>Community learning centre</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="76" />
            <source>Chưa có hoạt động nào trong sổ cho khoảng thời gian này.</source>
            <translation>No activity in the log for this time span yet.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="148" />
            <source>các xã thuộc {unit}</source>
            <translation>communes of {unit}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="155" />
            <source>Tử số gợi ý của chỉ tiêu LĐNT học tại TTHTCĐ chỉ có cho 6 tháng đầu năm và cả năm.</source>
            <translation>The suggested numerator of the indicator "rural workers studying at the CLC" exists only for the first half-year and the whole year.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="159" />
            <source>Chưa ghi «LĐNT học lần đầu trong năm» cho hoạt động nào của kỳ này, nên chưa có tử số gợi ý cho chỉ tiêu LĐNT học tại TTHTCĐ.</source>
            <translation>No activity of this period has “RW new this year” recorded, so there is no suggested numerator for the indicator "rural workers studying at the CLC" yet.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="164" />
            <source>Lao động nông thôn học tại trung tâm (người, không trùng): &lt;b&gt;{n}&lt;/b&gt; — tử số gợi ý cho chỉ tiêu LDNT_HOC_TTHTCD; số đã nhập không bị thay đổi.</source>
            <translation>Rural workers studying at the centre (distinct persons): &lt;b&gt;{n}&lt;/b&gt; — suggested numerator of indicator LDNT_HOC_TTHTCD; the figure entered is not changed.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="180" />
            <source>Nhóm chuyên đề</source>
            <translation>Topic group</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="191" />
            <source>Tổng cộng</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/clc_summary.py" line="200" />
            <source>Chưa ghi</source>
            <translation>Not recorded</translation>
        </message>
    </context>
    <context>
        <name>ClcTotalsModel</name>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="407" />
            <source>Tổng cộng: {n} hoạt động</source>
            <translation>Total: {n} activities</translation>
        </message>
        <message>
            <location filename="../../ui/models/clc_activity_model.py" line="426" />
            <source>Tổng các hoạt động có ghi số này (để trống = chưa ghi, không tính là 0)</source>
            <translation>Sum over the activities that record this figure (blank = not recorded, not counted as 0)</translation>
        </message>
    </context>
    <context>
        <name>CompletenessModel</name>
        <message>
            <location filename="../../ui/models/sync_models.py" line="422" />
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="445" />
            <source>{unit} – kỳ {period}: {status}</source>
            <translation>{unit} – period {period}: {status}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="447" />
            <source>Đã có {reported} trên {expected} số liệu.</source>
            <translation>{reported} of {expected} figures received.</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="450" />
            <source>Gói đầu tiên lập lúc {time}.</source>
            <translation>First package made at {time}.</translation>
        </message>
    </context>
    <context>
        <name>CompletenessPage</name>
        <message>
            <location filename="../../ui/pages/completeness.py" line="36" />
            <source>4 kỳ gần nhất</source>
            <translation>Last 4 periods</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="37" />
            <source>8 kỳ gần nhất</source>
            <translation>Last 8 periods</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="38" />
            <source>Chỉ kỳ đang chọn</source>
            <translation>The chosen period only</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="42" />
            <source>Tình hình báo cáo</source>
            <translation>Reporting status</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="51" />
            <source>Tình hình báo cáo của các đơn vị</source>
            <translation>Reporting status of the units</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="60" />
            <source>Tất cả huyện</source>
            <translation>All districts</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="64" />
            <source>Mọi cơ quan theo dõi</source>
            <translation>All monitoring agencies</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="67" />
            <source>Kỳ</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="69" />
            <source>Huyện</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="71" />
            <source>Cơ quan theo dõi</source>
            <translation>Monitoring agency</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="73" />
            <source>Đề nghị kiểm tra lại…</source>
            <translation>Correction requests…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="74" />
            <source>Đánh dấu số liệu của một đơn vị để xã kiểm tra lại; xem các đề nghị đang mở và đã đóng</source>
            <translation>Mark a unit's figure for the commune to check again; see the open and closed requests</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="152" />
            <source>Không đọc được: {error}</source>
            <translation>Could not read: {error}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="163" />
            <source>Kỳ {p}: </source>
            <translation>Period {p}: </translation>
        </message>
        <message>
            <location filename="../../ui/pages/completeness.py" line="165" />
            <source>Hạn nộp: {days} ngày sau khi hết kỳ.</source>
            <translation>Due: {days} days after the end of the period.</translation>
        </message>
    </context>
    <context>
        <name>ConflictsModel</name>
        <message>
            <location filename="../../ui/models/sync_models.py" line="295" />
            <source>Phiên bản {revision} của máy {origin}
Sửa lúc {time} bởi {who}</source>
            <translation>Revision {revision} from computer {origin}
Edited at {time} by {who}</translation>
        </message>
    </context>
    <context>
        <name>CoreLabels</name>
        <message>
            <location filename="../../ui/models/core_labels.py" line="40" />
            <source>Xóa mù chữ, sau biết chữ</source>
            <translation>Literacy, post-literacy</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="41" />
            <source>Chuyển giao KHKT</source>
            <translation>Technology transfer</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="28" />
            <source>Pháp luật, chính sách</source>
            <translation>Law and policy</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="29" />
            <source>Sức khỏe, dân số, môi trường</source>
            <translation>Health, population, environment</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="30" />
            <source>Dạy nghề ngắn hạn</source>
            <translation>Short vocational training</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="42" />
            <source>Tin học, ngoại ngữ, KN số</source>
            <translation>IT, languages, digital skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="32" />
            <source>Văn hóa, thể thao, đọc sách</source>
            <translation>Culture, sport, reading</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="33" />
            <source>Kỹ năng sống</source>
            <translation>Life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="34" />
            <source>Lớp học</source>
            <translation>Class</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="35" />
            <source>Chuyên đề</source>
            <translation>Thematic session</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="36" />
            <source>Nói chuyện</source>
            <translation>Talk</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="37" />
            <source>Hội thi</source>
            <translation>Contest</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="38" />
            <source>Sinh hoạt câu lạc bộ</source>
            <translation>Club meeting</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="39" />
            <source>Khác</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="26" />
            <source>Xóa mù chữ và sau biết chữ</source>
            <translation>Literacy and post-literacy</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="27" />
            <source>Chuyển giao khoa học kỹ thuật (trồng trọt, chăn nuôi, khuyến công)</source>
            <translation>Technology transfer (crops, livestock, industry extension)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="31" />
            <source>Tin học, ngoại ngữ, kỹ năng số</source>
            <translation>IT, foreign languages, digital skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="10" />
            <source>Ngày</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="11" />
            <source>Ngày kết thúc</source>
            <translation>End date</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="12" />
            <source>Tên hoạt động</source>
            <translation>Activity</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="13" />
            <source>Nhóm chuyên đề</source>
            <translation>Topic group</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="14" />
            <source>Hình thức</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="15" />
            <source>Địa điểm</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="16" />
            <source>Số buổi</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="17" />
            <source>Đơn vị phối hợp</source>
            <translation>Partner</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="18" />
            <source>Lượt người học</source>
            <translation>Learner visits</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="19" />
            <source>Nữ</source>
            <translation>Women</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="20" />
            <source>Lao động nông thôn</source>
            <translation>Rural workers</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="21" />
            <source>Số người (không trùng)</source>
            <translation>Persons (each counted once)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="22" />
            <source>LĐNT học lần đầu trong năm</source>
            <translation>Rural workers learning for the first time this year</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="23" />
            <source>Kinh phí (đồng)</source>
            <translation>Cost (VND)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="24" />
            <source>Nguồn kinh phí</source>
            <translation>Funding source</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="25" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="43" />
            <source>Tên trung tâm</source>
            <translation>Centre name</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="44" />
            <source>Giám đốc</source>
            <translation>Director</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="45" />
            <source>Số quyết định thành lập</source>
            <translation>Founding decision number</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="46" />
            <source>Ngày quyết định</source>
            <translation>Decision date</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="47" />
            <source>Kết hợp với Trung tâm Văn hóa - Thể thao xã</source>
            <translation>Combined with the commune's culture and sports centre</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="48" />
            <source>Điểm học tập ở thôn, làng</source>
            <translation>Village learning points</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="49" />
            <source>1. Xóa mù chữ và phổ cập giáo dục</source>
            <translation>1. Literacy and universal education</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="50" />
            <source>2. Nâng cao trình độ tin học, ngoại ngữ</source>
            <translation>2. Better IT and foreign-language skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="51" />
            <source>3. Nâng cao trình độ chuyên môn, nghiệp vụ, tay nghề</source>
            <translation>3. Better professional, administrative and vocational skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="52" />
            <source>4. Hoàn thiện kỹ năng sống</source>
            <translation>4. Life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="53" />
            <source>5. Trung tâm học tập cộng đồng và các mô hình học tập</source>
            <translation>5. Community learning centres and learning models</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="54" />
            <source>Đã nhận</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="55" />
            <source>Nhận muộn</source>
            <translation>Received late</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="56" />
            <source>Chờ xác nhận</source>
            <translation>Awaiting confirmation</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="57" />
            <source>Chưa nhận</source>
            <translation>Not received</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="58" />
            <source>Chưa đến hạn</source>
            <translation>Not due yet</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="63" />
            <source>số liệu chỉ tiêu</source>
            <translation>indicator figures</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="64" />
            <source>đánh dấu hoàn thành kỳ</source>
            <translation>period-complete marks</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="65" />
            <source>thông tin trung tâm học tập cộng đồng</source>
            <translation>community learning centre details</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="66" />
            <source>hoạt động của trung tâm học tập cộng đồng</source>
            <translation>community learning centre activities</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="67" />
            <source>phần đánh giá, kiến nghị của báo cáo</source>
            <translation>report assessments and proposals</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="68" />
            <source>Đã nhập</source>
            <translation>Imported</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="69" />
            <source>Trùng – đã nhập trước đó</source>
            <translation>Duplicate – imported before</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="70" />
            <source>Đã nhập, có xung đột</source>
            <translation>Imported, with conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="71" />
            <source>Chờ xác nhận máy gửi</source>
            <translation>Held until the sender is confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="72" />
            <source>Bị từ chối</source>
            <translation>Refused</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="79" />
            <source>Sẽ nhập</source>
            <translation>Will be imported</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="59" />
            <source>chưa trả lời</source>
            <translation>not answered</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="60" />
            <source>đã trả lời, chưa gửi</source>
            <translation>answered, not sent yet</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="61" />
            <source>đã gửi trả lời</source>
            <translation>answer sent</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="62" />
            <source>đã đóng</source>
            <translation>closed</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="80" />
            <source>Sẽ nhập, có xung đột</source>
            <translation>Will be imported, with conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="81" />
            <source>Sẽ chờ xác nhận máy gửi</source>
            <translation>Will be held until the sender is confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="82" />
            <source>Sẽ bị từ chối</source>
            <translation>Will be refused</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="73" />
            <source>mới</source>
            <translation>new</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="74" />
            <source>cập nhật</source>
            <translation>updated</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="75" />
            <source>không đổi</source>
            <translation>unchanged</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="76" />
            <source>cũ hơn (bỏ qua)</source>
            <translation>older (skipped)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="77" />
            <source>xung đột</source>
            <translation>conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="78" />
            <source>xóa</source>
            <translation>deleted</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="83" />
            <source>Số người 15-60 tuổi biết chữ</source>
            <translation>People aged 15-60 who can read and write</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="84" />
            <source>Dân số 15-60 tuổi</source>
            <translation>Population aged 15-60</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="85" />
            <source>Số người 15-35 tuổi biết chữ</source>
            <translation>People aged 15-35 who can read and write</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="86" />
            <source>Dân số 15-35 tuổi</source>
            <translation>Population aged 15-35</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="87" />
            <source>Số người mới biết chữ tiếp tục học tập, không tái mù chữ</source>
            <translation>Newly literate people who keep learning and do not relapse into illiteracy</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="88" />
            <source>Tổng số người mới biết chữ</source>
            <translation>All newly literate people</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="89" />
            <source>Đạt chuẩn (1) / Chưa đạt (0)</source>
            <translation>Meets the standard (1) / Not yet (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="90" />
            <source>Số CBCCVC tham gia học tập nâng cao trình độ ứng dụng CNTT</source>
            <translation>Officials and public employees improving their IT skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="91" />
            <source>Tổng số CBCCVC</source>
            <translation>All officials and public employees</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="92" />
            <source>Số CBCCVC có trình độ ngoại ngữ bậc 2</source>
            <translation>Officials and public employees with a foreign language at level 2</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="93" />
            <source>Số CBCCVC có trình độ ngoại ngữ bậc 3</source>
            <translation>Officials and public employees with a foreign language at level 3</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="94" />
            <source>Số công nhân lao động có kiến thức cơ bản về tin học, ngoại ngữ</source>
            <translation>Workers with basic IT and foreign-language knowledge</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="95" />
            <source>Tổng số công nhân lao động</source>
            <translation>All workers</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="96" />
            <source>Số CBCC được đào tạo đáp ứng tiêu chuẩn quy định</source>
            <translation>Officials trained to the required standard</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="97" />
            <source>Tổng số CBCC</source>
            <translation>All officials</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="98" />
            <source>Số CBCC lãnh đạo, quản lý được đào tạo, bồi dưỡng theo chương trình quy định</source>
            <translation>Officials in leading or managing posts trained as the programme requires</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="99" />
            <source>Tổng số CBCC giữ chức vụ lãnh đạo, quản lý</source>
            <translation>All officials in leading or managing posts</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="100" />
            <source>Số CBCC thực hiện chế độ bồi dưỡng bắt buộc tối thiểu trong năm</source>
            <translation>Officials completing the minimum compulsory training of the year</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="101" />
            <source>Số cán bộ cấp xã được bồi dưỡng</source>
            <translation>Commune cadres trained</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="102" />
            <source>Tổng số cán bộ cấp xã</source>
            <translation>All commune cadres</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="103" />
            <source>Số cán bộ cấp xã có trình độ chuyên môn đạt chuẩn</source>
            <translation>Commune cadres whose professional qualification meets the standard</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="104" />
            <source>Số công chức cấp xã thực hiện chế độ bồi dưỡng bắt buộc tối thiểu trong năm</source>
            <translation>Commune civil servants completing the minimum compulsory training of the year</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="105" />
            <source>Tổng số công chức cấp xã</source>
            <translation>All commune civil servants</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="106" />
            <source>Số lao động nông thôn (người, không tính trùng) tham gia học tập tại TTHTCĐ</source>
            <translation>Rural workers (persons, each counted once) learning at the community learning centre</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="107" />
            <source>Tổng số lao động nông thôn</source>
            <translation>All rural workers</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="108" />
            <source>Số công nhân lao động KCX, KCN có trình độ THPT hoặc tương đương</source>
            <translation>Workers of export-processing and industrial zones with upper-secondary education or equivalent</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="109" />
            <source>Tổng số công nhân lao động KCX, KCN</source>
            <translation>All workers of export-processing and industrial zones</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="110" />
            <source>Số công nhân đã qua đào tạo nghề</source>
            <translation>Workers with vocational training</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="111" />
            <source>Số công nhân lao động có tay nghề cao ở các ngành kinh tế mũi nhọn</source>
            <translation>Highly skilled workers in the key economic sectors</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="112" />
            <source>Tổng số công nhân lao động các ngành kinh tế mũi nhọn</source>
            <translation>All workers in the key economic sectors</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="113" />
            <source>Số học sinh, sinh viên được học kỹ năng sống</source>
            <translation>Pupils and students taught life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="114" />
            <source>Tổng số học sinh, sinh viên</source>
            <translation>All pupils and students</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="115" />
            <source>Số HSSV và người lao động tham gia học tập kỹ năng sống</source>
            <translation>Pupils, students and workers learning life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="116" />
            <source>Tổng số HSSV và người lao động</source>
            <translation>All pupils, students and workers</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="117" />
            <source>Có TTHTCĐ hoạt động hiệu quả (1) / Không (0)</source>
            <translation>Has an effective community learning centre (1) / No (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="118" />
            <source>Có (1) / Không (0)</source>
            <translation>Yes (1) / No (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="119" />
            <source>Đã thành lập (1) / Chưa (0)</source>
            <translation>Established (1) / Not yet (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="120" />
            <source>Có tổ chức (1) / Không (0)</source>
            <translation>Held (1) / Not held (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="121" />
            <source>Số đơn vị được công nhận</source>
            <translation>Units recognised</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="122" />
            <source>Số gia đình được công nhận</source>
            <translation>Families recognised</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="123" />
            <source>Số dòng họ được công nhận</source>
            <translation>Clans recognised</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="124" />
            <source>Số doanh nghiệp</source>
            <translation>Enterprises</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="125" />
            <source>Số người 15-35 tuổi đạt chuẩn biết chữ mức độ 1</source>
            <translation>People aged 15-35 literate at level 1</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="126" />
            <source>Số người 15-25 tuổi đạt chuẩn biết chữ mức độ 1</source>
            <translation>People aged 15-25 literate at level 1</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="127" />
            <source>Dân số 15-25 tuổi</source>
            <translation>Population aged 15-25</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="128" />
            <source>Số người 15-60 tuổi đạt chuẩn biết chữ mức độ 2</source>
            <translation>People aged 15-60 literate at level 2</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="129" />
            <source>Số người 15-35 tuổi đạt chuẩn biết chữ mức độ 2</source>
            <translation>People aged 15-35 literate at level 2</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="130" />
            <source>Mức độ được công nhận: 0 = chưa đạt, 1 = mức độ 1, 2 = mức độ 2 (NĐ 20/2014 Đ20-21: xã mức 1 khi ≥90% người 15-35 tuổi biết chữ mức 1, ĐBKK 15-25; mức 2 khi ≥90% người 15-60 tuổi biết chữ mức 2, ĐBKK 15-35); kèm số, ngày quyết định công nhận và cơ quan công nhận</source>
            <translation>Recognised level: 0 = not met, 1 = level 1, 2 = level 2 (Decree 20/2014 art. 20-21: a commune reaches level 1 when ≥90% of people aged 15-35 are literate at level 1, 15-25 in especially difficult areas; level 2 when ≥90% of people aged 15-60 are literate at level 2, 15-35 in especially difficult areas); with the number and date of the recognition decision and the recognising body</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="131" />
            <source>Số trẻ 5 tuổi đi học</source>
            <translation>Five-year-olds attending school</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="132" />
            <source>Số trẻ 5 tuổi</source>
            <translation>Five-year-olds</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="133" />
            <source>Số trẻ 5 tuổi hoàn thành chương trình GDMN</source>
            <translation>Five-year-olds completing the preschool programme</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="134" />
            <source>Đạt (1) nếu TRE5_DI_HOC ≥95% (ĐBKK 90%) và TRE5_HT_CTMN ≥85% (ĐBKK 80%), có quyết định công nhận / Chưa (0)</source>
            <translation>Met (1) if TRE5_DI_HOC ≥95% (90% in especially difficult areas) and TRE5_HT_CTMN ≥85% (80%), with a recognition decision / Not yet (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="135" />
            <source>Hoàn thành (1) / Chưa (0)</source>
            <translation>Completed (1) / Not yet (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="136" />
            <source>Số trẻ 6 tuổi vào lớp 1</source>
            <translation>Six-year-olds entering grade 1</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="137" />
            <source>Số trẻ 6 tuổi</source>
            <translation>Six-year-olds</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="138" />
            <source>Số trẻ 11 tuổi hoàn thành chương trình tiểu học</source>
            <translation>Eleven-year-olds completing primary school</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="139" />
            <source>Số trẻ 11 tuổi</source>
            <translation>Eleven-year-olds</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="140" />
            <source>Số trẻ đến 14 tuổi hoàn thành chương trình tiểu học</source>
            <translation>Children up to 14 completing primary school</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="141" />
            <source>Số trẻ đến 14 tuổi</source>
            <translation>Children up to 14</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="142" />
            <source>Mức độ được công nhận: 0 = chưa đạt, 1-3 = mức độ 1-3 (NĐ 20/2014 Đ9-11; ngưỡng: TRE6_VAO_LOP1, TRE11_HT_TH, TRE14_HT_TH); kèm quyết định công nhận</source>
            <translation>Recognised level: 0 = not met, 1-3 = level 1-3 (Decree 20/2014 art. 9-11; thresholds: TRE6_VAO_LOP1, TRE11_HT_TH, TRE14_HT_TH); with the recognition decision</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="143" />
            <source>Số người 15-18 tuổi có bằng tốt nghiệp THCS</source>
            <translation>People aged 15-18 with a lower-secondary diploma</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="144" />
            <source>Dân số 15-18 tuổi</source>
            <translation>Population aged 15-18</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="145" />
            <source>Số người 15-18 tuổi đang học CT GDPT/GDTX cấp THPT hoặc GDNN</source>
            <translation>People aged 15-18 in upper-secondary general or continuing education, or vocational education</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="146" />
            <source>Mức độ được công nhận: 0 = chưa đạt, 1-3 = mức độ 1-3 (NĐ 20/2014 Đ14-16; ngưỡng: TN_THCS_15_18, HOC_THPT_GDNN_15_18; ngưỡng mức 2 (unsure)); kèm quyết định công nhận</source>
            <translation>Recognised level: 0 = not met, 1-3 = level 1-3 (Decree 20/2014 art. 14-16; thresholds: TN_THCS_15_18, HOC_THPT_GDNN_15_18; level 2 threshold unsure); with the recognition decision</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="147" />
            <source>Số người trong độ tuổi lao động được trang bị năng lực thông tin</source>
            <translation>People of working age with information literacy</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="148" />
            <source>Dân số trong độ tuổi lao động</source>
            <translation>Population of working age</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="149" />
            <source>Số người trong độ tuổi lao động được trang bị kỹ năng sống</source>
            <translation>People of working age with life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="150" />
            <source>Số người từ 15 tuổi trở lên có trình độ chuyên môn kỹ thuật</source>
            <translation>People aged 15 and over with a technical qualification</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="151" />
            <source>Dân số từ 15 tuổi trở lên</source>
            <translation>Population aged 15 and over</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="152" />
            <source>Số người từ 15 tuổi trở lên có trình độ đại học trở lên</source>
            <translation>People aged 15 and over with a university degree or higher</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="153" />
            <source>Có ứng dụng (1) / Không (0)</source>
            <translation>Applied (1) / No (0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="154" />
            <source>Số cơ sở giáo dục triển khai quản lý, giảng dạy, học tập trên môi trường số</source>
            <translation>Educational institutions managing, teaching and learning in a digital environment</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="155" />
            <source>Tổng số cơ sở giáo dục (xã: MN, TH, THCS do xã quản lý; tỉnh: THPT, GDTX, GDNN)</source>
            <translation>All educational institutions (commune: preschools, primary and lower-secondary schools it manages; province: upper-secondary, continuing and vocational education)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="156" />
            <source>Số cán bộ khuyến học cấp xã tham gia tổ chức hoạt động TTHTCĐ và được tập huấn CNTT</source>
            <translation>Commune study-promotion staff organising community learning centre activities and trained in IT</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="157" />
            <source>Tổng số cán bộ làm công tác khuyến học cấp xã</source>
            <translation>All commune study-promotion staff</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="158" />
            <source>Số gia đình được công nhận "Gia đình học tập"</source>
            <translation>Families recognised as "Learning family"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="159" />
            <source>Tổng số hộ gia đình</source>
            <translation>All households</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="160" />
            <source>Số dòng họ được công nhận "Dòng họ học tập"</source>
            <translation>Clans recognised as "Learning clan"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="161" />
            <source>Tổng số dòng họ trên địa bàn</source>
            <translation>All clans in the area</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="162" />
            <source>Số thôn, tổ dân phố được công nhận "Cộng đồng học tập"</source>
            <translation>Villages and residential groups recognised as "Learning community"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="163" />
            <source>Tổng số thôn, tổ dân phố</source>
            <translation>All villages and residential groups</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="164" />
            <source>Số đơn vị trên địa bàn xã được công nhận "Đơn vị học tập"</source>
            <translation>Units in the commune recognised as "Learning unit"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="165" />
            <source>Tổng số tổ chức, cơ quan, trường học, doanh nghiệp, cơ sở sản xuất trên địa bàn xã</source>
            <translation>All organisations, agencies, schools, enterprises and production units in the commune</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="166" />
            <source>Số công dân đạt danh hiệu "Công dân học tập"</source>
            <translation>Citizens awarded "Learning citizen"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="167" />
            <source>Tổng số công dân (mẫu số chưa được quy định rõ: người lớn hoặc dân số 15+)</source>
            <translation>All citizens (the denominator is not clearly defined yet: adults or population 15+)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="168" />
            <source>Số người lớn trong GĐHT, DHHT, CĐHT đạt "Công dân học tập"</source>
            <translation>Adults in learning families, clans and communities awarded "Learning citizen"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="169" />
            <source>Tổng số người lớn trong GĐHT, DHHT, CĐHT</source>
            <translation>All adults in learning families, clans and communities</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="170" />
            <source>Số CBCCVC, NLĐ trong đơn vị học tập đạt "Công dân học tập"</source>
            <translation>Officials, public employees and workers in learning units awarded "Learning citizen"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="171" />
            <source>Tổng số CBCCVC, NLĐ trong các đơn vị học tập</source>
            <translation>All officials, public employees and workers in learning units</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="172" />
            <source>Số người đạt CDHT có kỹ năng số đáp ứng yêu cầu theo Chương trình chuyển đổi số quốc gia</source>
            <translation>Learning citizens with the digital skills the national digital transformation programme requires</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="173" />
            <source>Tổng số người đạt danh hiệu CDHT</source>
            <translation>All people awarded "Learning citizen"</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="174" />
            <source>Số người đạt CDHT thành thạo kỹ năng số</source>
            <translation>Learning citizens proficient in digital skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="175" />
            <source>Mức độ được công nhận theo TT 25/2023/TT-BGDĐT: 0 = chưa công nhận, 1 = mức độ 1, 2 = mức độ 2; kèm số, ngày quyết định, cơ quan công nhận; công nhận có hiệu lực 36 tháng (hết hạn thì coi như 0)</source>
            <translation>Level recognised under Circular 25/2023/TT-BGDĐT: 0 = not recognised, 1 = level 1, 2 = level 2; with the decision's number and date and the recognising body; a recognition is valid for 36 months (after that it counts as 0)</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="176" />
            <source>Mức độ công nhận "Cộng đồng học tập" cấp tỉnh: 0 = chưa, 1 = mức độ 1, 2 = mức độ 2; kèm quyết định công nhận</source>
            <translation>Level of the province's "Learning community" recognition: 0 = not yet, 1 = level 1, 2 = level 2; with the recognition decision</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="177" />
            <source>Số đơn vị cấp tỉnh được công nhận</source>
            <translation>Provincial units recognised</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="178" />
            <source>Số thư viện cơ sở giáo dục có cung cấp dịch vụ HTSĐ</source>
            <translation>School libraries offering lifelong-learning services</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="179" />
            <source>Tổng số thư viện cơ sở giáo dục</source>
            <translation>All school libraries</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="180" />
            <source>Số bảo tàng có chương trình giáo dục cho người dân</source>
            <translation>Museums with education programmes for the public</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="181" />
            <source>Tổng số bảo tàng trên địa bàn</source>
            <translation>All museums in the area</translation>
        </message>
        <message>
            <location filename="../../ui/models/core_labels.py" line="182" />
            <source>Có (1) / Không (0); có thể lưu thêm số tiền (đồng)</source>
            <translation>Yes (1) / No (0); the amount (dong) may be stored too</translation>
        </message>
    </context>
    <context>
        <name>CorrectionsDialog</name>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="40" />
            <source>chưa trả lời</source>
            <translation>not answered</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="41" />
            <source>đã trả lời, chưa gửi</source>
            <translation>answered, not sent yet</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="42" />
            <source>đã gửi trả lời</source>
            <translation>answer sent</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="43" />
            <source>đã đóng</source>
            <translation>closed</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="44" />
            <source>xã trả lời</source>
            <translation>commune replied</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="45" />
            <source>xã gửi lại số liệu</source>
            <translation>commune sent the figure again</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="63" />
            <source>Đề nghị kiểm tra lại</source>
            <translation>Correction requests</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="70" />
            <source>Mọi trạng thái</source>
            <translation>Any status</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="73" />
            <location filename="../../ui/dialogs/corrections_dept.py" line="80" />
            <location filename="../../ui/dialogs/corrections_dept.py" line="105" />
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="75" />
            <location filename="../../ui/dialogs/corrections_dept.py" line="81" />
            <source>Trạng thái</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="80" />
            <location filename="../../ui/dialogs/corrections_dept.py" line="104" />
            <source>Kỳ</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="80" />
            <source>Chỉ tiêu / hoạt động</source>
            <translation>Indicator / activity</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="97" />
            <source>Một số liệu (chỉ tiêu)</source>
            <translation>A figure (indicator)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="98" />
            <source>Một hoạt động của TTHTCĐ</source>
            <translation>A learning-centre activity</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="106" />
            <source>Đề nghị về</source>
            <translation>Request about</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="107" />
            <source>Chỉ tiêu</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="224" />
            <source>hoạt động TTHTCĐ {id}</source>
            <translation>learning-centre activity {id}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="225" />
            <source>Hoạt động TTHTCĐ: {date} – {title}</source>
            <translation>Learning-centre activity: {date} – {title}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="81" />
            <location filename="../../ui/dialogs/corrections_dept.py" line="110" />
            <source>Nội dung đề nghị</source>
            <translation>Request</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="82" />
            <source>Trả lời</source>
            <translation>Reply</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="82" />
            <source>Ngày gửi</source>
            <translation>Sent on</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="89" />
            <source>Đề nghị mới</source>
            <translation>New request</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="102" />
            <source>Ví dụ: Đề nghị xã kiểm tra lại mẫu số.</source>
            <translation>For example: Please check the denominator again.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="108" />
            <source>Hoạt động TTHTCĐ</source>
            <translation>Learning-centre activity</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="111" />
            <source>Gửi đề nghị</source>
            <translation>Send request</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="122" />
            <source>Mọi đơn vị</source>
            <translation>All units</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="166" />
            <source>(Sở chưa nhận hoạt động nào của đơn vị trong kỳ này)</source>
            <translation>(the Department has received no activity of this unit in this period)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="182" />
            <source>Hãy chọn đơn vị.</source>
            <translation>Choose a unit.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="184" />
            <source>Hãy chọn hoạt động của TTHTCĐ.</source>
            <translation>Choose a learning-centre activity.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="186" />
            <source>Hãy chọn chỉ tiêu.</source>
            <translation>Choose an indicator.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="193" />
            <source>Gửi đề nghị kiểm tra lại</source>
            <translation>Send a correction request</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/corrections_dept.py" line="202" />
            <source>Không gửi được đề nghị.</source>
            <translation>The request could not be sent.</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="133" />
            <source>Tổng quan</source>
            <translation>Overview</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="173" />
            <source>Đạt mục tiêu</source>
            <translation>Target met</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="173" />
            <source>Gần đạt</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="173" />
            <source>Chưa đạt</source>
            <translation>Not met</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="174" />
            <source>Chưa báo cáo</source>
            <translation>Not reported</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="178" />
            <source>Hoàn thành kỳ báo cáo</source>
            <translation>Period complete</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="187" />
            <source>Cân bằng biết chữ giữa nữ và nam</source>
            <translation>Literacy balance between women and men</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="188" />
            <source>Tỷ lệ của nam = (tổng số − nữ): tử số và mẫu số đều trừ đi phần của nữ; chênh lệch tính bằng điểm phần trăm.</source>
            <translation>Men's rate = (total − women): the women's part is subtracted from both numerator and denominator; the gap is in percentage points.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="269" />
            <location filename="../../ui/pages/dashboard.py" line="296" />
            <source>Tổng quan — {period}</source>
            <translation>Overview — {period}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="270" />
            <source>Đang tổng hợp số liệu của các đơn vị cấp dưới…</source>
            <translation>Adding up the figures of the units below…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="293" />
            <source>số liệu của xã</source>
            <translation>the commune's figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="294" />
            <source>tổng hợp từ các xã và số liệu của huyện</source>
            <translation>summed from the communes plus the district's own figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="295" />
            <source>tổng hợp toàn tỉnh từ các huyện, xã và số liệu của tỉnh</source>
            <translation>province total from the districts, communes and the province's own figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="299" />
            <source>{unit} ({code}) · {scope} · {programme} · so với mục tiêu năm {year}</source>
            <translation>{unit} ({code}) · {scope} · {programme} · against the {year} targets</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="302" />
            <source> · thay đổi so với kỳ trước: {period}</source>
            <translation> · change since the previous period: {period}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="305" />
            <source> · các chỉ tiêu của chương trình này báo cáo theo năm: chọn kỳ «Cả năm {year}»</source>
            <translation> · this programme's indicators are reported by year: choose the period “Year {year}”</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="330" />
            <source>{met} trong {total} chỉ tiêu có mục tiêu</source>
            <translation>{met} of {total} indicators with a target</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="333" />
            <source>Đã đánh dấu hoàn thành</source>
            <translation>Marked complete</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="334" />
            <source>Chưa đánh dấu hoàn thành</source>
            <translation>Not marked complete</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="335" />
            <source>Đã báo cáo {n}/{total} chỉ tiêu của kỳ này.</source>
            <translation>{n}/{total} indicators reported for this period.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="338" />
            <source>{n}/{total} đơn vị</source>
            <translation>{n}/{total} units</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="341" />
            <source>Đơn vị cấp dưới đã đánh dấu hoàn thành kỳ này; đơn vị mình đã đánh dấu hoàn thành.</source>
            <translation>Units below that marked this period complete; this unit has marked it complete.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="343" />
            <source>Đơn vị cấp dưới đã đánh dấu hoàn thành kỳ này; đơn vị mình chưa đánh dấu hoàn thành.</source>
            <translation>Units below that marked this period complete; this unit has not marked it complete yet.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="349" />
            <location filename="../../ui/pages/dashboard.py" line="434" />
            <source>Chỉ tiêu</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="349" />
            <source>Nữ</source>
            <translation>Women</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="349" />
            <source>Nam</source>
            <translation>Men</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="349" />
            <source>Chênh lệch (nam − nữ)</source>
            <translation>Gap (men − women)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="353" />
            <source>Biết chữ 15–60 tuổi</source>
            <translation>Literate, aged 15–60</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="354" />
            <source>Biết chữ 15–35 tuổi</source>
            <translation>Literate, aged 15–35</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="355" />
            <source>Biết chữ mức độ 2, 15–60 tuổi</source>
            <translation>Literate at level 2, age 15–60</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="356" />
            <source>Biết chữ mức độ 1, 15–35 tuổi</source>
            <translation>Literate at level 1, age 15–35</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="358" />
            <source>chưa báo cáo</source>
            <translation>not reported</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="367" />
            <source>Nữ thấp hơn nam</source>
            <translation>Women below men</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="367" />
            <source>Nữ cao hơn hoặc bằng nam</source>
            <translation>Women at or above men</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="434" />
            <source>Giá trị</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="434" />
            <source>So với mục tiêu</source>
            <translation>Against target</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="435" />
            <source>Mục tiêu</source>
            <translation>Target</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="435" />
            <source>Đánh giá</source>
            <translation>Assessment</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="435" />
            <source>So với kỳ trước</source>
            <translation>Since previous period</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="438" />
            <source>Tỉnh</source>
            <translation>Province</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="454" />
            <source>Số liệu của tỉnh kỳ này, theo biên nhận gần nhất của Sở</source>
            <translation>The province's figure for this period, from the Department's latest receipt</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="500" />
            <source>{n}/{total} đơn vị đạt</source>
            <translation>{n}/{total} units meet it</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="504" />
            <source>mức {n} trở lên: {share}</source>
            <translation>level {n} or above: {share}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="506" />
            <location filename="../../ui/pages/dashboard.py" line="537" />
            <source>công nhận mức độ {n} đã hết hiệu lực</source>
            <translation>recognition at level {n} has lapsed</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="509" />
            <location filename="../../ui/pages/dashboard.py" line="629" />
            <source>đạt</source>
            <translation>met</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="509" />
            <location filename="../../ui/pages/dashboard.py" line="629" />
            <source>chưa đạt</source>
            <translation>not met</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="514" />
            <source>của đơn vị mình: {value}</source>
            <translation>this unit's own: {value}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="519" />
            <source>{n}/{total} đơn vị đã báo cáo</source>
            <translation>{n}/{total} units reported</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="522" />
            <source>{n} đơn vị có số liệu</source>
            <translation>{n} units with figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="526" />
            <source>mục tiêu {year}: {draft}</source>
            <translation>{year} target: {draft}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="553" />
            <source>{value} trên thang 0–{top}</source>
            <translation>{value} on a 0–{top} scale</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="554" />
            <source>; mục tiêu kỳ này: mức độ {n}</source>
            <translation>; this period's target: level {n}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="559" />
            <source>Tỷ lệ đơn vị đạt từ mức {n} trở lên</source>
            <translation>Share of units at level {n} or above</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="567" />
            <source>chưa có số liệu</source>
            <translation>no figures yet</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="568" />
            <source>Tăng so với cùng kỳ
(cùng kỳ: {value})</source>
            <translation>Increase on the same period
(same period: {value})</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="574" />
            <source> (dự thảo)</source>
            <translation> (draft)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="578" />
            <source>(dự thảo): {draft}</source>
            <translation>(draft): {draft}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="582" />
            <source>đúng mục tiêu</source>
            <translation>exactly on target</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="585" />
            <source>vượt {points}</source>
            <translation>{points} above</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="586" />
            <source>thiếu {points}</source>
            <translation>{points} short</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="589" />
            <source>chưa có mức độ được công nhận của đơn vị mình</source>
            <translation>no recognised level of this unit's own</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="592" />
            <source>mục tiêu {year} là dự thảo</source>
            <translation>the {year} target is a draft</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="596" />
            <source>không đặt mục tiêu</source>
            <translation>no target</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="612" />
            <source>{share}
từ mức {n}</source>
            <translation>{share}
at level {n}+</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="619" />
            <source>kỳ trước chưa báo cáo</source>
            <translation>previous period not reported</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="626" />
            <location filename="../../ui/pages/dashboard.py" line="630" />
            <source>không đổi</source>
            <translation>unchanged</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="627" />
            <location filename="../../ui/pages/dashboard.py" line="630" />
            <source>{arrow} kỳ trước: {before}</source>
            <translation>{arrow} previous period: {before}</translation>
        </message>
    </context>
    <context>
        <name>DateField</name>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="121" />
            <source>dd/mm/yyyy</source>
            <translation>dd/mm/yyyy</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="121" />
            <source>(không có)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/clc_activity.py" line="128" />
            <source>Chọn trên lịch</source>
            <translation>Pick on a calendar</translation>
        </message>
    </context>
    <context>
        <name>DepartmentFilesCard</name>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="45" />
            <source>Nhận tệp từ Sở</source>
            <translation>Files from the Department</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="49" />
            <source>Kéo thả biên nhận (.xhhtr) hoặc bản cập nhật danh mục (.xhhtu) của Sở vào đây, hoặc bấm nút bên cạnh. Tệp được kiểm tra chữ ký và hiện danh sách thay đổi trước khi áp dụng.</source>
            <translation>Drop the Department's receipts (.xhhtr) or reference updates (.xhhtu) here, or use the button. Signatures are checked and the list of changes is shown before anything is applied.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="54" />
            <source>Nhận tệp từ Sở…</source>
            <translation>Open files from the Department…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="58" />
            <source>Đề nghị kiểm tra lại của Sở</source>
            <translation>The Department's correction requests</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="61" />
            <source>Kỳ</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="61" />
            <source>Nội dung</source>
            <translation>Contents</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="61" />
            <source>Chỉ tiêu / hoạt động</source>
            <translation>Indicator / activity</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="62" />
            <source>Trạng thái</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="62" />
            <source>Trả lời</source>
            <translation>Reply</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="70" />
            <source>Trả lời đề nghị…</source>
            <translation>Reply to the request…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="96" />
            <source>hoạt động TTHTCĐ {id}</source>
            <translation>learning-centre activity {id}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="97" />
            <source>Hoạt động TTHTCĐ: {date} – {title}</source>
            <translation>Learning-centre activity: {date} – {title}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="102" />
            <source>Chọn một đề nghị trong danh sách trước.</source>
            <translation>Choose a request in the list first.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="105" />
            <source>Trả lời đề nghị của Sở</source>
            <translation>Reply to the Department's request</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="111" />
            <source>Chưa ghi được trả lời.</source>
            <translation>The reply was not saved.</translation>
        </message>
    </context>
    <context>
        <name>EntryPage</name>
        <message>
            <location filename="../../ui/pages/entry.py" line="93" />
            <location filename="../../ui/pages/entry.py" line="198" />
            <source>— chưa báo cáo —</source>
            <translation>— not reported —</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="94" />
            <source>Đạt / Có (1)</source>
            <translation>Met / Yes (1)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="95" />
            <source>Chưa đạt / Không (0)</source>
            <translation>Not met / No (0)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="200" />
            <source>0 — Chưa đạt</source>
            <translation>0 — Not reached</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="201" />
            <source>Mức độ {n}</source>
            <translation>Level {n}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="207" />
            <source>Số quyết định</source>
            <translation>Decision no.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="210" />
            <source>dd/mm/yyyy</source>
            <translation>dd/mm/yyyy</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="213" />
            <source>Cơ quan công nhận</source>
            <translation>Recognised by</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="236" />
            <source>Ghi chú…</source>
            <translation>Note…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="307" />
            <source>«{text}» không phải là ngày (dạng đúng: 31/05/2024)</source>
            <translation>“{text}” is not a date (write it as 31/05/2024)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="380" />
            <source>đạt</source>
            <translation>met</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="381" />
            <source>chưa đạt</source>
            <translation>not met</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="390" />
            <source>Nhập số liệu</source>
            <translation>Enter figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="432" />
            <source>Đánh dấu hoàn thành kỳ này</source>
            <translation>Mark this period complete</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="433" />
            <source>Báo cho cấp trên biết đơn vị đã nhập xong số liệu của kỳ này.</source>
            <translation>Tells the level above that this unit has finished entering this period's figures.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="436" />
            <location filename="../../ui/pages/entry.py" line="983" />
            <source>Lưu (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="440" />
            <source>Hủy lưu</source>
            <translation>Cancel save</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="441" />
            <source>Lần lưu này đang chờ việc khác xong; bấm để không lưu nữa (các ô vừa sửa vẫn còn trên biểu).</source>
            <translation>This save is waiting for another task to finish; click to not save after all (your edits stay on the form).</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="470" />
            <source>Lịch sử thay đổi của kỳ này</source>
            <translation>Change history of this period</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="559" />
            <source>Kỳ trước</source>
            <translation>Previous period</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="559" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="561" />
            <source>Tử số</source>
            <translation>Numerator</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="561" />
            <source>Mẫu số</source>
            <translation>Denominator</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="561" />
            <source>Tỷ lệ</source>
            <translation>Rate</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="563" />
            <source>Kết quả</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="565" />
            <source>Mức độ được công nhận · số, ngày quyết định · cơ quan công nhận</source>
            <translation>Recognised level · decision no. and date · recognised by</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="568" />
            <source>Giá trị</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="607" />
            <source>Dùng số này</source>
            <translation>Use this number</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="662" />
            <source>Nhập số liệu — {period}</source>
            <translation>Enter figures — {period}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="663" />
            <source>chỉ tiêu cấp xã</source>
            <translation>commune indicators</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="663" />
            <source>chỉ tiêu cấp huyện</source>
            <translation>district indicators</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="664" />
            <source>chỉ tiêu cấp tỉnh</source>
            <translation>province indicators</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="665" />
            <source>{unit} ({code}) · {scope} · {programme} · ô để trống là chưa báo cáo (khác số 0)</source>
            <translation>{unit} ({code}) · {scope} · {programme} · a blank field means not reported (not 0)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="675" />
            <source>Các chỉ tiêu của {programme} báo cáo theo năm: chọn kỳ «Cả năm {year}» ở thanh trên cùng.</source>
            <translation>The indicators of the {programme} are reported by year: choose the period “Year {year}” in the top bar.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="679" />
            <source>{programme} không có chỉ tiêu nào do {scope} nhập. Số liệu của đơn vị là tổng hợp từ các đơn vị cấp dưới: xem trang Tổng quan.</source>
            <translation>The {programme} has no indicators entered at {scope}. This unit's figures are compiled from the units below it: see the Overview page.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="682" />
            <source>cấp xã</source>
            <translation>commune level</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="682" />
            <source>cấp huyện</source>
            <translation>district level</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="682" />
            <source>cấp tỉnh</source>
            <translation>province level</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="708" />
            <source>Mục tiêu {targets} (kỳ này so với mục tiêu {year}).</source>
            <translation>Targets {targets} (this period is judged against {year}).</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="712" />
            <source>Mục tiêu {year} là {draft}.</source>
            <translation>The {year} target is a {draft}.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="923" />
            <source>Đang lưu, chờ lần lưu trước xong.</source>
            <translation>Saving: wait for the previous save to finish.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="983" />
            <source>Đang lưu…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1022" />
            <source>Đã hủy lưu: chưa ghi số liệu nào, các ô vừa sửa vẫn còn trên biểu.</source>
            <translation>Save cancelled: no figure was written; your edits are still on the form.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1031" />
            <source>Chưa lưu: không ghi được vào cơ sở dữ liệu, không có số liệu nào được ghi.</source>
            <translation>Not saved: the database could not be written, no figures were saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1034" />
            <source>Chưa lưu được số liệu.</source>
            <translation>The figures could not be saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1090" />
            <source>Chưa ghi được dấu hoàn thành.</source>
            <translation>The completion mark was not saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1100" />
            <source>Đang chờ «{other}» xong rồi lưu…</source>
            <translation>Waiting for «{other}» to finish, then saving…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="668" />
            <source>Số có thể gõ dạng 1234 hoặc 1.234. Bấm Ctrl+S để lưu.</source>
            <translation>Numbers can be typed as 1234 or 1.234. Press Ctrl+S to save.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="698" />
            <source>Tử số: {numerator}. Mẫu số: {denominator}.</source>
            <translation>Numerator: {numerator}. Denominator: {denominator}.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="704" />
            <source>cùng kỳ năm trước</source>
            <translation>same period last year</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="705" />
            <source>Mục tiêu: cao hơn cùng kỳ năm trước ({when}: {value}).</source>
            <translation>Target: higher than the same period last year ({when}: {value}).</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="706" />
            <source>chưa có số liệu</source>
            <translation>no figures yet</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="714" />
            <source>Mã {code} · {ref} · {owner}</source>
            <translation>Code {code} · {ref} · {owner}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="721" />
            <source> (dự thảo)</source>
            <translation> (draft)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="753" />
            <source>Công nhận đã hết hiệu lực từ {day} (36 tháng sau quyết định): kỳ này tính là chưa đạt.</source>
            <translation>The recognition lapsed on {day} (36 months after the decision): this period counts as not reached.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="756" />
            <source>Công nhận còn hiệu lực đến hết {day} (36 tháng sau quyết định).</source>
            <translation>The recognition holds until {day} inclusive (36 months after the decision).</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="761" />
            <source>Gợi ý theo NĐ 20/2014: {degree}</source>
            <translation>Suggested by Decree 20/2014: {degree}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="764" />
            <source> (chưa xét các điều kiện khác của mức độ này)</source>
            <translation> (the level's other conditions are not checked)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="766" />
            <source> — tính theo ngưỡng chung (xã ĐBKK có ngưỡng thấp hơn)</source>
            <translation> — with the general thresholds (extremely disadvantaged communes have lower ones)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="768" />
            <source>Tính từ tỷ lệ của xã trong kỳ: {rates}. Chỉ là gợi ý: mức độ báo cáo là mức độ ghi trong quyết định công nhận.</source>
            <translation>Worked out from the commune's rates this period: {rates}. Only a suggestion: the level reported is the one in the recognition decision.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="787" />
            <source>Gợi ý từ sổ TTHTCĐ: {n} người —</source>
            <translation>Suggested by the CLC log: {n} persons —</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="839" />
            <source>Lịch sử thay đổi của kỳ này ({n})</source>
            <translation>Change history of this period ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="883" />
            <source> ({n} lỗi)</source>
            <translation> ({n} errors)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="887" />
            <source>{n}/{total} ô đã nhập</source>
            <translation>{n}/{total} boxes filled</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="890" />
            <source>{n} lỗi</source>
            <translation>{n} errors</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="892" />
            <source>{n} cảnh báo</source>
            <translation>{n} warnings</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="933" />
            <source>Chưa lưu: có ô không phải là số nguyên.</source>
            <translation>Not saved: a box does not hold a whole number.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="953" />
            <source>Lưu số liệu kỳ {period}</source>
            <translation>Save the figures of {period}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1024" />
            <source>Chưa lưu: đơn vị không báo cáo kỳ này.</source>
            <translation>Not saved: the unit does not report this period.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1027" />
            <source>Chưa lưu: còn {n} lỗi, không có số liệu nào được ghi.</source>
            <translation>Not saved: {n} errors remain, no figure was written.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1011" />
            <source>Đã lưu kỳ {period}: {n} số liệu thay đổi.</source>
            <translation>Saved {period}: {n} figures changed.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1072" />
            <source>Còn {n} ô chưa nhập (chưa báo cáo).</source>
            <translation>{n} boxes are still empty (not reported).</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1073" />
            <source>Vẫn đánh dấu kỳ này là đã hoàn thành?</source>
            <translation>Mark this period complete anyway?</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1073" />
            <location filename="../../ui/pages/entry.py" line="1093" />
            <source>Đánh dấu hoàn thành</source>
            <translation>Mark complete</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1085" />
            <source>Đã đánh dấu hoàn thành kỳ này.</source>
            <translation>This period is marked complete.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/entry.py" line="1086" />
            <source>Đã bỏ đánh dấu hoàn thành.</source>
            <translation>The complete mark was removed.</translation>
        </message>
    </context>
    <context>
        <name>ErrorPage</name>
        <message>
            <location filename="../../ui/main_window.py" line="159" />
            <source>Không mở được trang «{page}» ({module}). Hãy báo lỗi này cho người hỗ trợ kỹ thuật.</source>
            <translation>Could not open the page “{page}” ({module}). Please report this to technical support.</translation>
        </message>
    </context>
    <context>
        <name>ErrorReport</name>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="62" />
            <source>Không mở được thư mục nhật ký.</source>
            <translation>The log folder could not be opened.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="78" />
            <source>Đã xảy ra lỗi không mong muốn. Số liệu đã lưu không bị ảnh hưởng; số liệu đang sửa dở có thể cần nhập lại.</source>
            <translation>An unexpected error occurred. Saved figures are not affected; figures being edited may need to be entered again.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="84" />
            <source>Lỗi đã được ghi vào nhật ký{where}. Khi cần hỗ trợ, bấm «Sao chép thông tin lỗi» rồi dán vào thư điện tử hoặc tin nhắn gửi cán bộ hỗ trợ.</source>
            <translation>The error was written to the log{where}. To ask for help, click “Copy error details” and paste into an e-mail or message to whoever supports the app.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="98" />
            <location filename="../../ui/dialogs/error_report.py" line="118" />
            <source>Sao chép thông tin lỗi</source>
            <translation>Copy error details</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="100" />
            <source>Mở thư mục nhật ký</source>
            <translation>Open the log folder</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="102" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="115" />
            <source>Đã xảy ra {count} lỗi không mong muốn. Số liệu đã lưu không bị ảnh hưởng; số liệu đang sửa dở có thể cần nhập lại.</source>
            <translation>{count} unexpected errors occurred. Saved figures are not affected; figures being edited may need to be entered again.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/error_report.py" line="126" />
            <source>Đã sao chép ✓</source>
            <translation>Copied ✓</translation>
        </message>
    </context>
    <context>
        <name>ExportsModel</name>
        <message>
            <location filename="../../ui/models/sync_models.py" line="152" />
            <source>Toàn bộ – </source>
            <translation>Everything – </translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="157" />
            <source>Sở đã nhận ngày {d}</source>
            <translation>Received by the Department on {d}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="158" />
            <source>Sở chưa nhận</source>
            <translation>Not yet received by the Department</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="60" />
            <source>Tử số</source>
            <translation>Numerator</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="61" />
            <source>Mẫu số</source>
            <translation>Denominator</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="62" />
            <source>Giá trị</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="63" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="64" />
            <source>Hoàn thành</source>
            <translation>Complete</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="65" />
            <source>Dòng</source>
            <translation>Row</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="66" />
            <source>Số quyết định</source>
            <translation>Decision no.</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="67" />
            <source>Ngày quyết định</source>
            <translation>Decision date</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="68" />
            <source>Cơ quan công nhận</source>
            <translation>Recognised by</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="262" />
            <location filename="../../ui/dialogs/first_run.py" line="328" />
            <source>Thiết lập XHHT Desktop</source>
            <translation>XHHT Desktop set-up</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="274" />
            <source>Tiếp theo  ›</source>
            <translation>Next  ›</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="275" />
            <source>‹  Quay lại</source>
            <translation>‹  Back</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="276" />
            <source>Hoàn tất</source>
            <translation>Finish</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="277" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="329" />
            <source>Đang thiết lập…</source>
            <translation>Setting up…</translation>
        </message>
    </context>
    <context>
        <name>Flags</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="246" />
            <source>Đạt / Có</source>
            <translation>Met / Yes</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="246" />
            <source>Chưa đạt / Không</source>
            <translation>Not met / No</translation>
        </message>
    </context>
    <context>
        <name>FrameDialog</name>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="177" />
            <source>Số, ngày, nơi nhận, người ký</source>
            <translation>Number, date, recipients, signer</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="180" />
            <source>Theo Nghị định 30/2020/NĐ-CP. Để trống số văn bản nếu văn thư sẽ ghi số khi đăng ký văn bản. Trừ số và ngày, các mục khác được nhớ cho lần in sau.</source>
            <translation>As Decree 30/2020/NĐ-CP sets out. Leave the number empty if the office clerk numbers the paper when registering it. Everything but the number and the date is remembered for the next printing.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="186" />
            <source>để trống: văn thư ghi số</source>
            <translation>empty: the clerk writes the number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="189" />
            <source>Ngày in (hôm nay)</source>
            <translation>Day of printing (today)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="199" />
            <source>mỗi dòng một nơi nhận; «Lưu: VT» ở cuối</source>
            <translation>one recipient per line; «Lưu: VT» (office copy) last</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="202" />
            <source>ví dụ ỦY BAN NHÂN DÂN; để trống nếu không ký thay mặt tập thể</source>
            <translation>e.g. ỦY BAN NHÂN DÂN; empty unless signing on behalf of a collective body</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="205" />
            <source>ví dụ PHÓ CHỦ TỊCH; để trống nếu người đứng đầu ký</source>
            <translation>e.g. PHÓ CHỦ TỊCH; empty when the head signs</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="208" />
            <source>Số văn bản</source>
            <translation>Document number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="209" />
            <source>Ký hiệu</source>
            <translation>Reference code</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="210" />
            <source>Địa danh</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="211" />
            <source>Ngày ban hành</source>
            <translation>Date of issue</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="213" />
            <source>Nơi nhận</source>
            <translation>Recipients</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="214" />
            <source>Thay mặt (TM.)</source>
            <translation>On behalf of (TM.)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="215" />
            <source>Chức vụ người đứng đầu</source>
            <translation>Title of the head</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="216" />
            <source>Cấp phó ký thay (KT.)</source>
            <translation>Deputy signing for the head (KT.)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="217" />
            <source>Họ tên người ký</source>
            <translation>Signer's full name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="218" />
            <source>Họ tên người lập biểu</source>
            <translation>Preparer's full name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="223" />
            <source>Huyện, tỉnh chỉ được đánh giá đạt hay chưa đạt khi số đơn vị đã báo cáo đạt ngưỡng này (mặc định hai phần ba); dưới ngưỡng, bản in và màn hình ghi «chưa đủ số đơn vị báo cáo để đánh giá».</source>
            <translation>A district or the province is judged met or not only once this share of its units has reported (two thirds by default); below it, paper and screen say «too few units reported to judge».</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="227" />
            <source>Ngưỡng đánh giá cấp trên</source>
            <translation>Judging threshold above the commune</translation>
        </message>
    </context>
    <context>
        <name>Groups</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="24" />
            <location filename="../../ui/models/presentation.py" line="39" />
            <source>Xóa mù chữ, phổ cập</source>
            <translation>Literacy, universal education</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="25" />
            <source>Tin học, ngoại ngữ</source>
            <translation>IT, foreign languages</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="26" />
            <source>Chuyên môn, tay nghề</source>
            <translation>Professional and vocational skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="27" />
            <source>Kỹ năng sống</source>
            <translation>Life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="28" />
            <source>TTHTCĐ, mô hình học tập</source>
            <translation>CLCs, learning models</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="31" />
            <location filename="../../ui/models/presentation.py" line="47" />
            <source>1. Xóa mù chữ và phổ cập giáo dục</source>
            <translation>1. Literacy and universal education</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="32" />
            <source>2. Nâng cao trình độ tin học, ngoại ngữ</source>
            <translation>2. Better IT and foreign-language skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="33" />
            <source>3. Nâng cao trình độ chuyên môn, nghiệp vụ, tay nghề</source>
            <translation>3. Better professional, administrative and vocational skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="34" />
            <source>4. Hoàn thiện kỹ năng sống</source>
            <translation>4. Life skills</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="35" />
            <source>5. Trung tâm học tập cộng đồng và các mô hình học tập</source>
            <translation>5. Community learning centres and learning models</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="40" />
            <source>Năng lực, trình độ</source>
            <translation>Skills, qualifications</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="41" />
            <source>Chuyển đổi số, TTHTCĐ</source>
            <translation>Digital, learning centres</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="42" />
            <source>Mô hình học tập</source>
            <translation>Learning models</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="43" />
            <source>Thư viện, bảo tàng</source>
            <translation>Libraries, museums</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="44" />
            <source>Lãnh đạo, kinh phí</source>
            <translation>Leadership, funding</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="48" />
            <source>2. Năng lực và trình độ của người dân</source>
            <translation>2. People's skills and qualifications</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="49" />
            <source>3. Chuyển đổi số trong giáo dục và trung tâm học tập cộng đồng</source>
            <translation>3. Digital transformation in education and community learning centres</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="50" />
            <source>4. Các mô hình học tập và danh hiệu học tập</source>
            <translation>4. Learning models and learning titles</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="51" />
            <source>5. Thư viện, bảo tàng phục vụ học tập suốt đời</source>
            <translation>5. Libraries and museums serving lifelong learning</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="52" />
            <source>6. Lãnh đạo, kinh phí và phong trào thi đua</source>
            <translation>6. Leadership, funding and emulation movement</translation>
        </message>
    </context>
    <context>
        <name>HistoryModel</name>
        <message>
            <location filename="../../ui/models/history_model.py" line="12" />
            <source>Thời gian</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="12" />
            <source>Người sửa</source>
            <translation>Changed by</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="13" />
            <source>Chỉ tiêu</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="13" />
            <source>Trường</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="14" />
            <source>Cũ</source>
            <translation>Old</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="14" />
            <source>Mới</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="15" />
            <source>Nguồn</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="20" />
            <source>(trống)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../../ui/models/history_model.py" line="21" />
            <source>(không)</source>
            <translation>(none)</translation>
        </message>
    </context>
    <context>
        <name>ImportPreviewModel</name>
        <message>
            <location filename="../../ui/models/import_preview.py" line="17" />
            <location filename="../../ui/models/import_preview.py" line="101" />
            <source>Dòng</source>
            <translation>Row</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="17" />
            <source>Mã</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="18" />
            <source>Chỉ tiêu</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="19" />
            <source>Tử số</source>
            <translation>Numerator</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="19" />
            <source>Mẫu số</source>
            <translation>Denominator</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="19" />
            <source>Giá trị</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="20" />
            <source>Tỷ lệ</source>
            <translation>Rate</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="20" />
            <location filename="../../ui/models/import_preview.py" line="104" />
            <source>Kiểm tra</source>
            <translation>Check</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="20" />
            <source>Đang lưu</source>
            <translation>Stored</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="21" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="43" />
            <source>(trống)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="101" />
            <source>Ngày</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="102" />
            <source>Tên hoạt động</source>
            <translation>Activity</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="103" />
            <source>Lượt</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="156" />
            <source>sửa</source>
            <translation>update</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="157" />
            <source>thêm mới</source>
            <translation>new</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="197" />
            <source>bỏ trống — giữ nguyên</source>
            <translation>left empty — kept</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="198" />
            <source>thay đổi</source>
            <translation>changed</translation>
        </message>
        <message>
            <location filename="../../ui/models/import_preview.py" line="198" />
            <source>không đổi</source>
            <translation>unchanged</translation>
        </message>
    </context>
    <context>
        <name>IndicatorRowDialog</name>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="68" />
            <source>Sửa chỉ tiêu</source>
            <translation>Edit indicator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="68" />
            <source>Thêm chỉ tiêu</source>
            <translation>Add indicator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="76" />
            <source>CHỮ_IN_HOA, số và _</source>
            <translation>CAPITALS, digits and _</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="77" />
            <source>Mã</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="81" />
            <source>Nhóm</source>
            <translation>Group</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="83" />
            <source>Tên chỉ tiêu</source>
            <translation>Indicator name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="85" />
            <source>Tên tiếng Anh</source>
            <translation>English name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="89" />
            <source>Loại</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="97" />
            <source>Cấp nhập</source>
            <translation>Entered at</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="99" />
            <source>Tử số</source>
            <translation>Numerator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="101" />
            <source>Mẫu số</source>
            <translation>Denominator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="104" />
            <source>6 tháng và năm</source>
            <translation>Half-year and year</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="104" />
            <source>năm</source>
            <translation>year</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="105" />
            <source>Kỳ báo cáo</source>
            <translation>Reporting period</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="107" />
            <source>không so với mục tiêu</source>
            <translation>not compared with a target</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="109" />
            <source>tăng so với năm trước</source>
            <translation>higher than last year</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="110" />
            <source>So với mục tiêu</source>
            <translation>Against target</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="113" />
            <source>Nữ</source>
            <translation>Women</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="113" />
            <source>Dân tộc thiểu số</source>
            <translation>Ethnic minorities</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="118" />
            <source>Chia theo</source>
            <translation>Broken down by</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="126" />
            <source>Thang mức độ</source>
            <translation>Scale of degrees</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="128" />
            <source>Cơ quan chủ trì</source>
            <translation>Lead agency</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="130" />
            <source>Căn cứ</source>
            <translation>Reference</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="132" />
            <source>vì sao thêm hoặc sửa (gửi kèm bản cập nhật)</source>
            <translation>why it is added or corrected (sent with the update)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="133" />
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="135" />
            <source>Lưu xong, «Phát hành bản cập nhật» để gửi dòng này cho các đơn vị.</source>
            <translation>Once saved, “Publish an update” sends this row to the units.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="139" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="140" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="204" />
            <source>Lưu chỉ tiêu</source>
            <translation>Save indicator</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/catalogue_rows.py" line="206" />
            <source>Chưa lưu được chỉ tiêu.</source>
            <translation>The indicator was not saved.</translation>
        </message>
    </context>
    <context>
        <name>InstallationsModel</name>
        <message>
            <location filename="../../ui/models/sync_models.py" line="325" />
            <source>máy này đang gửi số liệu cho {n} đơn vị</source>
            <translation>this machine is sending figures for {n} units</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="347" />
            <source>Khóa {fp} ký gói cho {n} đơn vị. Mỗi đơn vị được xác nhận riêng: xác nhận dòng này chỉ khi Sở chắc chắn máy được giao nhập số liệu cho {unit}.</source>
            <translation>Key {fp} signs packages for {n} units. Each unit is confirmed on its own: confirm this row only when the Department is sure the machine is assigned to enter figures for {unit}.</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="351" />
            <source>Thiếu {n} gói</source>
            <translation>{n} packages missing</translation>
        </message>
    </context>
    <context>
        <name>Levels</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="153" />
            <source>Chưa đạt</source>
            <translation>Not met</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="154" />
            <source>Mức độ {n}</source>
            <translation>Level {n}</translation>
        </message>
    </context>
    <context>
        <name>Lineage</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="271" />
            <source>{mark} ghép từ số liệu các xã trước sáp nhập ({n}/{total} xã đã báo cáo)</source>
            <translation>{mark} combined from the communes before the merger ({n}/{total} communes reported)</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="264" />
            <location filename="../../ui/main_window.py" line="424" />
            <source>Kỳ báo cáo</source>
            <translation>Reporting period</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="447" />
            <source>Mã {code}</source>
            <translation>Code {code}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="460" />
            <location filename="../../ui/main_window.py" line="476" />
            <source>của kỳ đang mở</source>
            <translation>of the open period</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="235" />
            <location filename="../../ui/main_window.py" line="569" />
            <source>&amp;Tệp</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="570" />
            <source>&amp;Lưu</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="576" />
            <source>&amp;Xuất biểu nhập Excel…</source>
            <translation>&amp;Export Excel entry form…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="579" />
            <source>&amp;Nhập biểu Excel…</source>
            <translation>&amp;Import Excel entry form…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="584" />
            <source>&amp;Sao lưu dữ liệu…</source>
            <translation>&amp;Back up data…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="587" />
            <source>&amp;Khôi phục từ bản sao lưu…</source>
            <translation>&amp;Restore from a backup…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="591" />
            <source>T&amp;hoát</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="235" />
            <location filename="../../ui/main_window.py" line="595" />
            <source>Trợ &amp;giúp</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="596" />
            <source>&amp;Hướng dẫn sử dụng</source>
            <translation>&amp;User guide</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="603" />
            <source>&amp;Giới thiệu</source>
            <translation>&amp;About</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="274" />
            <source>Dữ liệu: {path}</source>
            <translation>Data: {path}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="224" />
            <source>Đang mở dữ liệu…</source>
            <translation>Opening the data…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="600" />
            <source>Mở thư mục &amp;nhật ký</source>
            <translation>Open the &amp;log folder</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="621" />
            <source>«{label}» đang chờ «{other}» xong, sẽ tự thực hiện ngay sau đó.</source>
            <translation>«{label}» is waiting for «{other}» to finish and will run right after it.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="652" />
            <source>Đang hoàn tất bản sao lưu hằng ngày…</source>
            <translation>Finishing the daily backup…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="692" />
            <source>(biểu Excel lấy số liệu đã lưu)</source>
            <translation>(the Excel form takes the saved figures)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="697" />
            <source>Xuất biểu nhập Excel</source>
            <translation>Export Excel entry form</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="698" />
            <source>Bảng tính Excel (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="710" />
            <source>Đang xuất biểu nhập Excel…</source>
            <translation>Exporting the Excel entry form…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="711" />
            <source>Đã xuất biểu nhập: {path}</source>
            <translation>Entry form exported: {path}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="712" />
            <source>Không xuất được biểu nhập Excel.</source>
            <translation>The Excel entry form could not be exported.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="718" />
            <source>trước khi nhập biểu Excel</source>
            <translation>before importing the Excel form</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="726" />
            <source>Đã nhập biểu Excel kỳ {period}: {n} số liệu thay đổi.</source>
            <translation>Excel form imported for {period}: {n} figures changed.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="735" />
            <source>trước khi thoát</source>
            <translation>before exiting</translation>
        </message>
    </context>
    <context>
        <name>MergePage</name>
        <message>
            <location filename="../../ui/pages/merge.py" line="101" />
            <source>Nhận gói đồng bộ</source>
            <translation>Receive sync packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="119" />
            <source>Gói nhận được</source>
            <translation>Received packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="120" />
            <location filename="../../ui/pages/merge.py" line="484" />
            <source>Xung đột</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="121" />
            <location filename="../../ui/pages/merge.py" line="486" />
            <source>Máy gửi</source>
            <translation>Sending computers</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="132" />
            <source>Thêm tệp…</source>
            <translation>Add files…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="134" />
            <source>Thêm thư mục…</source>
            <translation>Add folder…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="136" />
            <source>Bỏ khỏi danh sách</source>
            <translation>Remove from the list</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="138" />
            <source>Kiểm tra</source>
            <translation>Check</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="139" />
            <source>Xem trước: giải mã, kiểm tra chữ ký và số liệu; chưa thay đổi gì</source>
            <translation>Preview: decrypt, check the signature and the figures; nothing is changed yet</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="141" />
            <source>Áp dụng</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="150" />
            <source>Kéo thả tệp .xhht (hoặc cả thư mục) vào trang này. Gói hỏng, gói giả mạo hay gói gửi trùng không làm thay đổi gì; mỗi gói được nhập trọn vẹn hoặc không nhập.</source>
            <translation>Drag .xhht files (or whole folders) onto this page. Damaged, forged or duplicate packages change nothing; each package is imported whole or not at all.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="173" />
            <source>Lưu biên nhận…</source>
            <translation>Save receipt…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="175" />
            <source>In biên nhận…</source>
            <translation>Print receipt…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="205" />
            <source>Chọn gói đồng bộ</source>
            <translation>Choose sync packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="206" />
            <source>Gói XHHT (*.xhht);;Mọi tệp (*)</source>
            <translation>XHHT packages (*.xhht);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="211" />
            <source>Chọn thư mục chứa các gói</source>
            <translation>Choose the folder holding the packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="245" />
            <source>Đang kiểm tra các gói…</source>
            <translation>Checking the packages…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="245" />
            <source>Đang nhập các gói…</source>
            <translation>Importing the packages…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="246" />
            <source>Nhập các gói</source>
            <translation>Import the packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="261" />
            <source>Không nhập được.</source>
            <translation>The import failed.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="267" />
            <source>&lt;b&gt;Kết quả kiểm tra (chưa nhập gì):&lt;/b&gt; </source>
            <translation>&lt;b&gt;Check result (nothing imported yet):&lt;/b&gt; </translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="268" />
            <source>&lt;b&gt;Đã áp dụng:&lt;/b&gt; </source>
            <translation>&lt;b&gt;Applied:&lt;/b&gt; </translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="280" />
            <source>{status}: {n} gói</source>
            <translation>{status}: {n} packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="286" />
            <source>Bản ghi: {counts}</source>
            <translation>Records: {counts}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="288" />
            <source>Đã dừng theo yêu cầu; {n} tệp chưa xử lý.</source>
            <translation>Stopped on request; {n} files not processed.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="304" />
            <source>Lưu biên nhận</source>
            <translation>Save receipt</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="305" />
            <source>Trang in được (*.html);;PDF (*.pdf);;Văn bản (*.txt)</source>
            <translation>Printable page (*.html);;PDF (*.pdf);;Text (*.txt)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="311" />
            <source>Không lưu được biên nhận.</source>
            <translation>The receipt could not be saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="318" />
            <source>Hai máy sửa cùng một số liệu một cách độc lập: cả hai bản được giữ, bản đang dùng ở Sở vẫn có hiệu lực cho đến khi anh/chị chọn. Lựa chọn được ghi vào lịch sử.</source>
            <translation>Two computers changed the same figure independently: both versions are kept, and the one in use at the Department stays in force until you choose. The choice is written to the history.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="329" />
            <source>Giữ bản ở Sở</source>
            <translation>Keep the Department's version</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="331" />
            <source>Lấy bản gửi đến</source>
            <translation>Take the incoming version</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="348" />
            <source>Giải quyết xung đột</source>
            <translation>Resolve conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="356" />
            <source>Gói đầu tiên của một máy lạ được giữ lại. Gọi điện cho cán bộ gửi, nhờ đọc mã nhận dạng (in trên phiếu tiến độ, có trong Cài đặt của máy đó); nếu trùng thì xác nhận — các gói đang giữ được nhập ngay. Máy bị mất hoặc nghi giả mạo thì thu hồi.</source>
            <translation>The first package from an unknown computer is held. Phone the sending official and ask them to read out the identification code (printed on the progress sheet, shown in that computer's Settings); if it matches, confirm — the held packages are imported at once. Revoke a lost or suspect computer.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="371" />
            <source>Xác nhận máy gửi…</source>
            <translation>Confirm sending computer…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="373" />
            <source>Thu hồi…</source>
            <translation>Revoke…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="390" />
            <source>Chỉ xác nhận khi cán bộ gửi đọc đúng mã:
{lines}

Các gói đang giữ của máy này sẽ được nhập.</source>
            <translation>Confirm only if the sending official read out exactly this code:
{lines}

The held packages of this computer will be imported.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="394" />
            <source>Máy {fp} đang gửi số liệu cho {n} đơn vị; chỉ đơn vị trên dòng đã chọn được xác nhận. Chỉ tiếp tục khi Sở chắc chắn máy được giao nhập số liệu cho đơn vị đó.</source>
            <translation>Machine {fp} is sending figures for {n} units; only the unit of the selected row is confirmed. Continue only when the Department is sure the machine is assigned to enter figures for that unit.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="397" />
            <source>Đã đối chiếu mã nhận dạng qua điện thoại?</source>
            <translation>Was the identification code checked by phone?</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="398" />
            <source>Xác nhận</source>
            <translation>Confirm</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="414" />
            <source>Nhập các gói đang giữ</source>
            <translation>Import the held packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="415" />
            <source>Đang nhập các gói đang giữ…</source>
            <translation>Importing the held packages…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="423" />
            <source>Thu hồi máy gửi?</source>
            <translation>Revoke the sending computer?</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="424" />
            <source>Mọi gói sau này ký bằng khóa của máy này sẽ bị từ chối; số liệu đã nhập vẫn giữ nguyên.
{lines}</source>
            <translation>Every later package signed with this computer's key will be refused; figures already imported stay.
{lines}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="426" />
            <source>Khóa bị thu hồi bị từ chối cho mọi đơn vị và không xác nhận lại được.</source>
            <translation>A revoked key is refused for every unit and cannot be confirmed again.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="427" />
            <source>Thu hồi</source>
            <translation>Revoke</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="437" />
            <source>Thu hồi máy gửi</source>
            <translation>Revoke the sending installation</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="472" />
            <source>Không đọc được: {error}</source>
            <translation>Could not read: {error}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="483" />
            <source>Xung đột ({n})</source>
            <translation>Conflicts ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="485" />
            <source>Máy gửi ({n} chờ xác nhận)</source>
            <translation>Sending computers ({n} awaiting confirmation)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/merge.py" line="487" />
            <source>Khóa của Sở: {fp}</source>
            <translation>Department key: {fp}</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../ui/widgets/messages.py" line="21" />
            <source>Có số liệu đã sửa nhưng chưa lưu.</source>
            <translation>Some figures were changed but not saved.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/messages.py" line="22" />
            <source>Lưu các thay đổi{what} trước khi tiếp tục?</source>
            <translation>Save the changes{what} before continuing?</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/messages.py" line="24" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/messages.py" line="25" />
            <source>Không lưu</source>
            <translation>Don't save</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/messages.py" line="26" />
            <location filename="../../ui/widgets/messages.py" line="64" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/messages.py" line="42" />
            <location filename="../../ui/widgets/messages.py" line="50" />
            <location filename="../../ui/widgets/messages.py" line="58" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/messages.py" line="63" />
            <source>Đồng ý</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>MoveToDialog</name>
        <message>
            <location filename="../../ui/dialogs/move_to.py" line="25" />
            <source>Đơn vị đã được sắp xếp</source>
            <translation>The unit has been reorganised</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/move_to.py" line="28" />
            <source>&lt;b&gt;{old}&lt;/b&gt; chỉ báo cáo các kỳ đến 6 tháng đầu năm {year} ({life}). Từ {since}, số liệu do đơn vị mới báo cáo. Chuyển máy này sang đơn vị mới?</source>
            <translation>&lt;b&gt;{old}&lt;/b&gt; reports periods up to the first half of {year} only ({life}). From {since} the new unit reports. Move this installation to the new unit?</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/move_to.py" line="41" />
            <source>Máy giữ nguyên khóa và toàn bộ số liệu, lịch sử của {old}. Gói đầu tiên gửi cho đơn vị mới sẽ chờ Sở xác nhận máy gửi (đọc mã nhận dạng qua điện thoại).</source>
            <translation>The installation keeps its keys and all figures and history of {old}. The first package for the new unit waits until the Department confirms the sender (read the fingerprint over the phone).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/move_to.py" line="48" />
            <source>Chuyển sang đơn vị mới</source>
            <translation>Move to the new unit</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/move_to.py" line="49" />
            <source>Để sau</source>
            <translation>Later</translation>
        </message>
    </context>
    <context>
        <name>Narrative</name>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="332" />
            <source>Đánh giá chung</source>
            <translation>General assessment</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="333" />
            <source>Tồn tại, hạn chế</source>
            <translation>Shortcomings</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="334" />
            <source>Kiến nghị, đề xuất</source>
            <translation>Recommendations</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="335" />
            <source>Phương hướng, nhiệm vụ kỳ tới</source>
            <translation>Direction and tasks for the next period</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="338" />
            <source>Mục «{section}» dài {length} ký tự, quá {limit} ký tự cho phép.</source>
            <translation>Section «{section}» is {length} characters long, over the {limit} allowed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="339" />
            <source>Mục «{section}» chứa ký tự điều khiển không in được ({chars}); xóa ký tự đó rồi lưu lại.</source>
            <translation>Section «{section}» holds unprintable control characters ({chars}); delete them and save again.</translation>
        </message>
    </context>
    <context>
        <name>NarrativeDialog</name>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="284" />
            <source>Đánh giá, kiến nghị — {unit}, {period}</source>
            <translation>Assessment, proposals — {unit}, {period}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="287" />
            <source>Các mục này in sau các bảng số liệu và được gửi về Sở cùng gói số liệu. Mục để trống không in.</source>
            <translation>These sections are printed after the tables and sent to the Department with the data package. An empty section is not printed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="289" />
            <source>Phần đánh giá do {unit} viết và gửi lên (chỉ xem).</source>
            <translation>The assessment {unit} wrote and sent (read only).</translation>
        </message>
    </context>
    <context>
        <name>OfficialPage</name>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="214" />
            <source>Cán bộ phụ trách</source>
            <translation>Official in charge</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="215" />
            <source>Tên cán bộ được ghi vào lịch sử mỗi lần sửa số liệu và vào phiếu báo cáo.</source>
            <translation>The official's name is written to the history at every change and on the report sheets.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="222" />
            <source>Họ và tên, ví dụ: Nguyễn Thị Hồng</source>
            <translation>Full name, e.g. Nguyễn Thị Hồng</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="224" />
            <source>Ví dụ: Công chức Văn hóa - Xã hội</source>
            <translation>E.g. Culture and Social Affairs officer</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="225" />
            <source>Họ và tên</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="226" />
            <source>Chức vụ</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="228" />
            <source>Nạp dữ liệu mẫu để làm quen</source>
            <translation>Load sample data to get to know the app</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="230" />
            <source>Điền số liệu giả định các kỳ 2013–2020 để xem thử bảng tổng quan và báo cáo. Lịch sử ghi rõ nguồn «dữ liệu mẫu»; có thể nhập đè bằng số liệu thật. Không dùng trên máy báo cáo thật.</source>
            <translation>Fills made-up figures for 2013–2020 to try the overview and the reports. The history marks them as “sample data”; real figures can be typed over them. Do not use on a computer that reports for real.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="243" />
            <source>Vai trò: &lt;b&gt;{role}&lt;/b&gt;&lt;br&gt;Đơn vị: &lt;b&gt;{unit} ({code})&lt;/b&gt;</source>
            <translation>Role: &lt;b&gt;{role}&lt;/b&gt;&lt;br&gt;Unit: &lt;b&gt;{unit} ({code})&lt;/b&gt;</translation>
        </message>
    </context>
    <context>
        <name>Operation</name>
        <message>
            <location filename="../../ui/operations.py" line="92" />
            <source>Không thực hiện được.</source>
            <translation>Could not be done.</translation>
        </message>
        <message>
            <location filename="../../ui/operations.py" line="258" />
            <source>«{this}» đang chờ «{other}» xong, sẽ tự thực hiện ngay sau đó.</source>
            <translation>«{this}» is waiting for «{other}» to finish and will run right after it.</translation>
        </message>
        <message>
            <location filename="../../ui/operations.py" line="260" />
            <source>Đang thực hiện «{this}»…</source>
            <translation>Running «{this}»…</translation>
        </message>
        <message>
            <location filename="../../ui/operations.py" line="273" />
            <source>«{this}» đã bắt đầu, không hủy được nữa…</source>
            <translation>«{this}» has started and can no longer be cancelled…</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="40" />
            <source>Mật khẩu bảo vệ khóa</source>
            <translation>Password protecting the key</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="42" />
            <source>Mật khẩu dài ít nhất {n} ký tự. Ghi lại và cất ở nơi an toàn: mất mật khẩu thì không mở được bản sao lưu.</source>
            <translation>The password needs at least {n} characters. Write it down and keep it safe: without it the backup cannot be opened.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="44" />
            <source>Nhập mật khẩu đã đặt khi sao lưu khóa.</source>
            <translation>Enter the password set when the key was backed up.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="50" />
            <source>Mật khẩu</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="55" />
            <source>Nhập lại</source>
            <translation>Repeat</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="62" />
            <source>Đồng ý</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="63" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="71" />
            <source>Mật khẩu quá ngắn.</source>
            <translation>The password is too short.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="74" />
            <source>Hai lần nhập không giống nhau.</source>
            <translation>The two entries differ.</translation>
        </message>
    </context>
    <context>
        <name>PeriodPicker</name>
        <message>
            <location filename="../../ui/widgets/period_picker.py" line="21" />
            <source>6 tháng đầu</source>
            <translation>First half</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/period_picker.py" line="22" />
            <source>6 tháng cuối</source>
            <translation>Second half</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/period_picker.py" line="23" />
            <source>Cả năm</source>
            <translation>Whole year</translation>
        </message>
    </context>
    <context>
        <name>Periods</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="181" />
            <source>6 tháng đầu năm {year}</source>
            <translation>First half of {year}</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="183" />
            <source>6 tháng cuối năm {year}</source>
            <translation>Second half of {year}</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="184" />
            <source>Cả năm {year}</source>
            <translation>Year {year}</translation>
        </message>
    </context>
    <context>
        <name>PreviewModel</name>
        <message>
            <location filename="../../ui/models/sync_models.py" line="198" />
            <source> (toàn bộ)</source>
            <translation> (everything)</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="205" />
            <source>{n} lỗi</source>
            <translation>{n} errors</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="206" />
            <source>{n} lưu ý</source>
            <translation>{n} notes</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="214" />
            <source>Lỗi: {problem}</source>
            <translation>Error: {problem}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="215" />
            <source>Lưu ý: {warning}</source>
            <translation>Note: {warning}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="217" />
            <source>Trong đó {n} bản ghi đã xóa (máy nhận cũng sẽ xóa).</source>
            <translation>Of which {n} records deleted (the receiving computer deletes them too).</translation>
        </message>
    </context>
    <context>
        <name>Programmes</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="55" />
            <source>Kế hoạch 2780/KH-UBND (2013–2020)</source>
            <translation>Plan 2780/KH-UBND (2013–2020)</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="56" />
            <source>Đề án XHHT 2021–2030 (QĐ 1373/QĐ-TTg)</source>
            <translation>Learning society scheme 2021–2030 (Decision 1373/QĐ-TTg)</translation>
        </message>
    </context>
    <context>
        <name>ReportPrint</name>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="117" />
            <source>Đang in trang {page}/{pages}</source>
            <translation>Printing page {page}/{pages}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="123" />
            <source>Đang in…</source>
            <translation>Printing…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="163" />
            <source>Không lưu được bản sao.</source>
            <translation>The copy could not be saved.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="165" />
            <source>Đang lưu bản sao…</source>
            <translation>Saving the copy…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="261" />
            <source>Số văn bản phải là số nguyên dương (nhận được «{value}»).</source>
            <translation>The document number must be a positive whole number (got «{value}»).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="262" />
            <source>Ngày ban hành phải theo dạng ngày/tháng/năm, ví dụ 05/07/2014 (nhận được «{value}»).</source>
            <translation>The date of issue must be day/month/year, e.g. 05/07/2014 (got «{value}»).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="264" />
            <source>«{field}» dài quá {limit} ký tự.</source>
            <translation>«{field}» is longer than {limit} characters.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/report_print.py" line="265" />
            <source>«Nơi nhận» có quá {limit} dòng.</source>
            <translation>«Recipients» has more than {limit} lines.</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <location filename="../../ui/pages/reports.py" line="46" />
            <source>Phiếu theo dõi tiến độ</source>
            <translation>Progress sheet</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="47" />
            <source>Báo cáo tổng hợp (huyện, tỉnh)</source>
            <translation>Consolidated report (district, province)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="48" />
            <source>PDF (để in, ký)</source>
            <translation>PDF (to print and sign)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="49" />
            <source>Excel (gửi Bộ, Sở)</source>
            <translation>Excel (for the Ministry, Department)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="58" />
            <location filename="../../ui/pages/reports.py" line="72" />
            <source>Báo cáo, in ấn</source>
            <translation>Reports, printing</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="85" />
            <source>Loại báo cáo</source>
            <translation>Report</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="86" />
            <source>Kỳ báo cáo</source>
            <translation>Reporting period</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="87" />
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="88" />
            <source>Định dạng</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="91" />
            <source>Nhóm các xã, phường theo huyện cũ (chỉ để phân tích)</source>
            <translation>Group communes and wards by former district (analysis only)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="97" />
            <source>Tạo báo cáo</source>
            <translation>Make report</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="99" />
            <source>Số, ngày, người ký…</source>
            <translation>Number, date, signer…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="100" />
            <source>Đánh giá, kiến nghị…</source>
            <translation>Assessment, proposals…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="101" />
            <source>In…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="102" />
            <source>Mở bằng trình xem</source>
            <translation>Open in viewer</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="103" />
            <source>Lưu thành…</source>
            <translation>Save as…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="104" />
            <source>Mở thư mục báo cáo</source>
            <translation>Open reports folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="109" />
            <source>Chọn loại báo cáo, kỳ và đơn vị rồi bấm «Tạo báo cáo».</source>
            <translation>Choose the report, period and unit, then click “Make report”.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="246" />
            <source>Lưu khung báo cáo</source>
            <translation>Save the report frame</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="278" />
            <location filename="../../ui/pages/reports.py" line="281" />
            <source>Đang tạo báo cáo…</source>
            <translation>Making the report…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="295" />
            <source>Đã tạo: {0} ({1} trang). Bấm «In…» để in, hoặc «Mở bằng trình xem».</source>
            <translation>Made: {0} ({1} pages). Click “Print…” to print, or “Open in viewer”.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="298" />
            <source>Đã tạo tệp Excel: {0}. Bấm «Mở bằng trình xem» để mở bằng Excel.</source>
            <translation>Excel file made: {0}. Click “Open in viewer” to open it in Excel.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="312" />
            <source>Đã hủy, không tạo tệp nào.</source>
            <translation>Cancelled, no file made.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="315" />
            <source>Không tạo được báo cáo: {0}</source>
            <translation>The report could not be made: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="319" />
            <source>Không tạo được báo cáo.</source>
            <translation>The report could not be made.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="351" />
            <source>Đã gửi bản in tới máy in.</source>
            <translation>Sent to the printer.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="356" />
            <source>Đã hủy lệnh in.</source>
            <translation>Printing cancelled.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="358" />
            <source>Không in được.</source>
            <translation>Printing failed.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="364" />
            <source>Máy này chưa có chương trình mở được tệp này.</source>
            <translation>This computer has no program that opens this file.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="371" />
            <source>Lưu báo cáo</source>
            <translation>Save report</translation>
        </message>
        <message>
            <location filename="../../ui/pages/reports.py" line="381" />
            <source>Đã lưu bản sao: {0}</source>
            <translation>Copy saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="98" />
            <source>Khôi phục dữ liệu</source>
            <translation>Restore data</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="102" />
            <source>Chọn một bản sao lưu để thay toàn bộ dữ liệu hiện tại. Dữ liệu hiện tại không mất: nó được giữ lại thành một bản sao lưu «Trước khôi phục».</source>
            <translation>Choose a backup to replace all current data. The current data is not lost: it is kept as a “Before restore” backup.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="108" />
            <source>Thời gian</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="108" />
            <source>Loại</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="108" />
            <source>Dung lượng</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="118" />
            <source>Chọn tệp khác…</source>
            <translation>Choose another file…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="124" />
            <source>Chưa chọn bản sao lưu.</source>
            <translation>No backup chosen.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="130" />
            <source>Tôi hiểu bản sao lưu này thuộc đơn vị khác và muốn thay toàn bộ dữ liệu của máy này bằng nó.</source>
            <translation>I understand this backup belongs to another unit and want to replace all data on this computer with it.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="136" />
            <location filename="../../ui/dialogs/backup_restore.py" line="233" />
            <source>Khôi phục</source>
            <translation>Restore</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="141" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="152" />
            <source>Hằng ngày</source>
            <translation>Daily</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="152" />
            <source>Trước nâng cấp</source>
            <translation>Before upgrade</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="153" />
            <source>Trước khôi phục</source>
            <translation>Before restore</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="153" />
            <source>Khác</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="166" />
            <source>Chọn tệp sao lưu</source>
            <translation>Choose a backup file</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="167" />
            <source>Cơ sở dữ liệu XHHT (*.sqlite3 *.db);;Mọi tệp (*)</source>
            <translation>XHHT database (*.sqlite3 *.db);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="177" />
            <source>Đang kiểm tra «{name}»…</source>
            <translation>Checking “{name}”…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="180" />
            <source>Đang kiểm tra bản sao lưu…</source>
            <translation>Checking the backup…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="201" />
            <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Đơn vị: {unit}&lt;br&gt;Số liệu đã lưu: {count}&lt;br&gt;Thay đổi gần nhất: {last}</source>
            <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Unit: {unit}&lt;br&gt;Figures stored: {count}&lt;br&gt;Last change: {last}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="203" />
            <source>chưa khởi tạo</source>
            <translation>not set up</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="206" />
            <source>Bản sao lưu của phiên bản cũ hơn: sẽ được nâng cấp khi mở (có sao lưu trước).</source>
            <translation>Backup from an older version: it will be upgraded when opened (after a backup).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="210" />
            <source>Bản sao lưu này thuộc đơn vị khác với máy này ({unit}).</source>
            <translation>This backup belongs to a different unit than this computer ({unit}).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="229" />
            <source>trước khi khôi phục</source>
            <translation>before restoring</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="231" />
            <source>Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này?</source>
            <translation>Replace all current data with this backup?</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="232" />
            <source>Dữ liệu hiện tại được giữ lại trong thư mục sao lưu, có thể khôi phục lại nếu cần.</source>
            <translation>The current data is kept in the backup folder and can be restored if needed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="233" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="241" />
            <source>Đang khôi phục…</source>
            <translation>Restoring…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="262" />
            <source>Không mở lại được cơ sở dữ liệu.</source>
            <translation>The database could not be reopened.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="263" />
            <source>{error}
Bản dữ liệu trước khi khôi phục nằm trong thư mục {folder}.</source>
            <translation>{error}
The data as it was before the restore is in the folder {folder}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="280" />
            <source>Đã khôi phục dữ liệu.</source>
            <translation>The data has been restored.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="281" />
            <source>Dữ liệu trước khi khôi phục được giữ lại ở:
{path}</source>
            <translation>The data as it was before the restore is kept at:
{path}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="288" />
            <source>Không khôi phục được. Dữ liệu hiện tại không thay đổi.</source>
            <translation>The restore failed. The current data has not changed.</translation>
        </message>
    </context>
    <context>
        <name>RolePage</name>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="39" />
            <source>Nhập chỉ tiêu của xã mỗi 6 tháng và cả năm, ghi sổ trung tâm học tập cộng đồng, in phiếu tiến độ, gửi gói số liệu lên cấp trên.</source>
            <translation>Enters the commune's indicators every half-year and year, keeps the community learning centre log, prints the progress sheet, sends data packages upwards.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="41" />
            <source>Nhập các chỉ tiêu cấp huyện và xem tổng hợp của các xã trong huyện (đến 30/6/2025).</source>
            <translation>Enters district indicators and sees the totals of the district's communes (until 30/6/2025).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="43" />
            <source>Nhận gói số liệu của các xã, huyện; hợp nhất, theo dõi đơn vị đã/chưa báo cáo và lập báo cáo toàn tỉnh.</source>
            <translation>Receives the communes' and districts' packages, merges them, follows who has reported and makes the province report.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="52" />
            <source>Chào mừng đến với XHHT Desktop</source>
            <translation>Welcome to XHHT Desktop</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="53" />
            <source>Theo dõi Kế hoạch 2780/KH-UBND xây dựng xã hội học tập tỉnh Kon Tum. Trước hết, cho biết máy này dùng ở đâu.</source>
            <translation>Follows plan 2780/KH-UBND for building a learning society in Kon Tum province. First, tell us where this computer is used.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="57" />
            <source>Vai trò của người dùng máy này</source>
            <translation>Role of this computer's user</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="88" />
            <source>Cán bộ xã</source>
            <translation>Commune official</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="89" />
            <source>Phòng GD&amp;ĐT huyện</source>
            <translation>District education office</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="90" />
            <source>Sở GD&amp;ĐT</source>
            <translation>Provincial Department of Education</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../ui/pages/settings.py" line="45" />
            <source>số liệu</source>
            <translation>figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="46" />
            <source>dòng lịch sử</source>
            <translation>history rows</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="47" />
            <source>hoạt động TTHTCĐ</source>
            <translation>learning-centre activities</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="48" />
            <source>TTHTCĐ</source>
            <translation>learning centres</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="53" />
            <location filename="../../ui/pages/settings.py" line="71" />
            <source>Cài đặt</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="76" />
            <source>Thư mục dữ liệu</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="82" />
            <source>Số liệu nằm trong thư mục riêng của người dùng này, không nằm cạnh chương trình: cài lại hay nâng cấp chương trình không làm mất số liệu.</source>
            <translation>The figures live in this user's own folder, not next to the program: reinstalling or upgrading the program does not lose them.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="88" />
            <source>Mở thư mục</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="90" />
            <source>Mở thư mục sao lưu</source>
            <translation>Open backup folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="99" />
            <source>Sao lưu</source>
            <translation>Backups</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="104" />
            <source> bản</source>
            <translation> copies</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="107" />
            <source>Giữ lại bản sao lưu hằng ngày:</source>
            <translation>Daily backups to keep:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="114" />
            <source>Sao lưu ngay…</source>
            <translation>Back up now…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="116" />
            <source>Khôi phục…</source>
            <translation>Restore…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="118" />
            <source>Kiểm tra dữ liệu</source>
            <translation>Check data</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="127" />
            <source>Ngôn ngữ giao diện</source>
            <translation>Interface language</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="136" />
            <source>Khi đổi ngôn ngữ, cửa sổ được dựng lại; số liệu đang sửa được hỏi lưu trước.</source>
            <translation>Changing the language rebuilds the window; you are asked to save figures being edited first.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="143" />
            <source>Cán bộ phụ trách</source>
            <translation>Official in charge</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="155" />
            <source>Họ và tên:</source>
            <translation>Full name:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="156" />
            <source>Chức vụ:</source>
            <translation>Title:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="157" />
            <source>Thư điện tử:</source>
            <translation>E-mail:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="159" />
            <source>Tên này ghi ở mục «Người lập biểu» trên các báo cáo và trong lịch sử thay đổi. Địa chỉ thư điện tử đi kèm gói gửi Sở sau; thư của Sở (biên nhận, bản cập nhật) gửi về địa chỉ này.</source>
            <translation>This name is written as «Người lập biểu» (prepared by) on reports and in the change history. The e-mail address travels in the next package sent to the Department; the Department's mail (receipts, updates) is sent to it.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="168" />
            <source>Đồng bộ</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="170" />
            <source>Khóa đồng bộ…</source>
            <translation>Sync keys…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="173" />
            <source>Danh mục và chỉ tiêu…</source>
            <translation>Catalogue and targets…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="185" />
            <location filename="../../ui/pages/settings.py" line="289" />
            <source>Lưu cài đặt</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="251" />
            <source>hằng ngày</source>
            <translation>daily</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="251" />
            <source>trước nâng cấp</source>
            <translation>before upgrade</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="252" />
            <source>trước khôi phục</source>
            <translation>before restore</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="252" />
            <source>khác</source>
            <translation>other</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="254" />
            <source>Bản sao lưu tự động gần nhất: {when} ({kind}). Mỗi ngày mở chương trình, một bản được chép vào thư mục sao lưu.</source>
            <translation>Latest automatic backup: {when} ({kind}). Each day the program is opened, a copy goes to the backup folder.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="258" />
            <source>Chưa có bản sao lưu tự động. Mỗi ngày mở chương trình, một bản được chép vào thư mục sao lưu.</source>
            <translation>No automatic backup yet. Each day the program is opened, a copy goes to the backup folder.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="265" />
            <source>Có thay đổi chưa lưu.</source>
            <translation>Unsaved changes.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="291" />
            <source>Không lưu được cài đặt.</source>
            <translation>The settings could not be saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="298" />
            <source>Đã lưu cài đặt.</source>
            <translation>Settings saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="306" />
            <source>trước khi đổi ngôn ngữ</source>
            <translation>before changing the language</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="307" />
            <source>Ngôn ngữ mới sẽ được dùng từ lần mở chương trình sau.</source>
            <translation>The new language will be used from the next start.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="310" />
            <source>Không tìm thấy bản dịch cho ngôn ngữ này.</source>
            <translation>No translation found for this language.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="325" />
            <source>Dữ liệu không có vấn đề.</source>
            <translation>No problems found in the data.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="329" />
            <source>… và {n} vấn đề khác.</source>
            <translation>… and {n} more problems.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="335" />
            <source>Đang kiểm tra dữ liệu…</source>
            <translation>Checking the data…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="336" />
            <source>Không kiểm tra được dữ liệu.</source>
            <translation>The data could not be checked.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="342" />
            <source>Không phát hiện vấn đề nào (đã kiểm tra {looked}).</source>
            <translation>No problems found (checked {looked}).</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="343" />
            <source>Phát hiện {n} vấn đề (đã kiểm tra {looked}).</source>
            <translation>Found {n} problems (checked {looked}).</translation>
        </message>
    </context>
    <context>
        <name>Sources</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="71" />
            <source>nhập tay</source>
            <translation>typed in</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="72" />
            <source>biểu Excel</source>
            <translation>Excel form</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="73" />
            <source>dữ liệu mẫu</source>
            <translation>sample data</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="74" />
            <source>gói đồng bộ</source>
            <translation>sync package</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="75" />
            <source>hợp nhất</source>
            <translation>merge</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="98" />
            <source>Đạt</source>
            <translation>Met</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="99" />
            <source>Gần đạt</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="100" />
            <source>Chưa đạt</source>
            <translation>Not met</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="101" />
            <source>Không đặt mục tiêu</source>
            <translation>No target</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="102" />
            <source>Chưa báo cáo</source>
            <translation>Not reported</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="103" />
            <source>Chưa đủ số đơn vị báo cáo để đánh giá</source>
            <translation>Too few units reported to judge</translation>
        </message>
    </context>
    <context>
        <name>SyncKeys</name>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="101" />
            <source>Chọn tệp khóa công khai của Sở</source>
            <translation>Choose the Department's public key file</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="102" />
            <source>Khóa của Sở (*.pub *.txt *.age);;Mọi tệp (*)</source>
            <translation>Department key (*.pub *.txt *.age);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="111" />
            <source>Nhận khóa của Sở</source>
            <translation>Accept the Department's key</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="115" />
            <source>Không nhận được khóa của Sở.</source>
            <translation>The Department's key could not be taken in.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="119" />
            <source>Tệp khóa cũ: mã này chỉ gồm khóa mã hóa; tệp chưa có khóa ký của Sở nên chưa nhận được bản cập nhật danh mục và biên nhận – hãy xin Sở tệp khóa công khai mới.</source>
            <translation>Old key file: this code covers the encryption key only; the file has no Department signing key, so reference updates and receipts cannot be received yet – ask the Department for its new public-key file.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="123" />
            <source>Mã này gồm cả khóa mã hóa và khóa ký của Sở.</source>
            <translation>This code covers both the Department's encryption key and its signing key.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="124" />
            <source>Đã nhận khóa của Sở. Mã nhận dạng: {fp}</source>
            <translation>The Department's key was taken in. Identification code: {fp}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="117" />
            <source>Hãy gọi điện cho Sở và đọc mã này để đối chiếu trước khi gửi gói đầu tiên.</source>
            <translation>Phone the Department and read out this code to check it before sending the first package.</translation>
        </message>
    </context>
    <context>
        <name>SyncKeysDialog</name>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="313" />
            <source>Khóa đồng bộ</source>
            <translation>Sync keys</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="319" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>SyncKeysWidget</name>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="142" />
            <source>Mã nhận dạng của máy này</source>
            <translation>This computer's identification code</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="149" />
            <source>Chép</source>
            <translation>Copy</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="152" />
            <source>Xuất khóa ký…</source>
            <translation>Export signing key…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="153" />
            <source>Khóa công khai để kiểm tra chữ ký các gói của máy này (định dạng minisign)</source>
            <translation>Public key to verify the signatures of this computer's packages (minisign format)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="157" />
            <source>Mã này in trên phiếu theo dõi tiến độ; Sở đối chiếu nó qua điện thoại khi nhận gói đầu tiên của máy này.</source>
            <translation>This code is printed on the progress sheet; the Department checks it by phone when it receives this computer's first package.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="167" />
            <source>Khóa của Sở GD&amp;ĐT</source>
            <translation>Key of the Department of Education</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="178" />
            <source>Xuất khóa công khai…</source>
            <translation>Export public key…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="179" />
            <source>Sao lưu khóa bí mật…</source>
            <translation>Back up the secret key…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="180" />
            <source>Xuất tệp định danh age…</source>
            <translation>Export age identity file…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="181" />
            <source>Khôi phục khóa…</source>
            <translation>Restore key…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="186" />
            <source>Nhận khóa của Sở…</source>
            <translation>Receive the Department's key…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="198" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="203" />
            <source>Thư điện tử nhận gói của Sở</source>
            <translation>Department's e-mail address for packages</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="210" />
            <source>Chưa có</source>
            <translation>None yet</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="213" />
            <source>Máy này giữ khóa bí mật của Sở: gói của các xã, huyện được mã hóa bằng khóa này. Gửi tệp khóa công khai cho các đơn vị; sao lưu khóa bí mật (có mật khẩu) và cất ở nơi an toàn.</source>
            <translation>This computer holds the Department's secret key: the communes' and districts' packages are encrypted for it. Send the public key file to the units; back up the secret key (with a password) and keep it safe.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="217" />
            <source>Các gói xuất ra được mã hóa bằng khóa này: chỉ Sở mở được. Tệp khóa cũ: mã chỉ gồm khóa mã hóa, chưa có khóa ký của Sở (cần để nhận bản cập nhật danh mục và biên nhận).</source>
            <translation>Exported packages are encrypted with this key: only the Department can open them. Old key file: the code covers the encryption key only, there is no Department signing key yet (needed to receive reference updates and receipts).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="220" />
            <source>Các gói xuất ra được mã hóa bằng khóa này: chỉ Sở mở được. Mã gồm cả khóa mã hóa và khóa ký của Sở.</source>
            <translation>Exported packages are encrypted with this key: only the Department can open them. The code covers both the Department's encryption key and its signing key.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="223" />
            <source>Chưa có khóa của Sở nên chưa xuất được gói. Sở gửi tệp khóa công khai kèm bộ cài hoặc qua thư điện tử.</source>
            <translation>No Department key yet, so no package can be exported. The Department sends its public key file with the installer or by e-mail.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="237" />
            <source>Lưu địa chỉ thư của Sở</source>
            <translation>Save the Department's e-mail address</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="240" />
            <source>Mọi tệp (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="246" />
            <source>Không ghi được tệp.</source>
            <translation>The file could not be written.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="248" />
            <source>Đã ghi {name}.</source>
            <translation>{name} written.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="251" />
            <source>Lưu khóa ký của máy này</source>
            <translation>Save this computer's signing key</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="254" />
            <source>Lưu khóa công khai của Sở</source>
            <translation>Save the Department's public key</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="258" />
            <source>Xuất khóa BÍ MẬT của Sở, không có mật khẩu?</source>
            <translation>Export the Department's SECRET key without a password?</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="259" />
            <source>Ai có tệp này đều đọc được mọi gói gửi về Sở. Chỉ dùng khi cần mở gói bằng công cụ age; cất tệp ở nơi an toàn.</source>
            <translation>Anyone holding this file can read every package sent to the Department. Use it only to open packages with the age tool; keep the file safe.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="262" />
            <source>Lưu tệp định danh age</source>
            <translation>Save the age identity file</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="269" />
            <source>Lưu bản sao lưu khóa</source>
            <translation>Save the key backup</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="270" />
            <source>Bản sao lưu khóa (*.age)</source>
            <translation>Key backup (*.age)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="278" />
            <source>Đang mã hóa bản sao lưu khóa…</source>
            <translation>Encrypting the key backup…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="279" />
            <source>Đã sao lưu khóa vào {name}.</source>
            <translation>Key backed up to {name}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="280" />
            <source>Không sao lưu được.</source>
            <translation>The backup failed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="283" />
            <source>Chọn bản sao lưu khóa</source>
            <translation>Choose the key backup</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="284" />
            <source>Bản sao lưu khóa (*.age);;Mọi tệp (*)</source>
            <translation>Key backup (*.age);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="300" />
            <source>Đã khôi phục khóa của Sở, mã nhận dạng {fp}.</source>
            <translation>The Department's key was restored, identification code {fp}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="306" />
            <source>Khôi phục khóa của Sở</source>
            <translation>Restore the Department's key</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="307" />
            <source>Đang mở bản sao lưu khóa…</source>
            <translation>Opening the key backup…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/sync_keys.py" line="304" />
            <source>Không khôi phục được khóa.</source>
            <translation>The key could not be restored.</translation>
        </message>
    </context>
    <context>
        <name>SyncModels</name>
        <message>
            <location filename="../../ui/models/sync_models.py" line="33" />
            <location filename="../../ui/models/sync_models.py" line="57" />
            <source>Chờ xác nhận</source>
            <translation>Awaiting confirmation</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="34" />
            <source>Đã xác nhận</source>
            <translation>Confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="35" />
            <source>Đã thu hồi</source>
            <translation>Revoked</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="40" />
            <location filename="../../ui/models/sync_models.py" line="311" />
            <source>Đã nhập</source>
            <translation>Imported</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="41" />
            <source>Trùng – đã nhập trước đó</source>
            <translation>Duplicate – imported before</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="42" />
            <source>Đã nhập, có xung đột</source>
            <translation>Imported, with conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="43" />
            <source>Chờ xác nhận máy gửi</source>
            <translation>Held until the sender is confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="44" />
            <source>Bị từ chối</source>
            <translation>Refused</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="45" />
            <source>Sẽ nhập</source>
            <translation>Will be imported</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="46" />
            <source>Sẽ nhập, có xung đột</source>
            <translation>Will be imported, with conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="47" />
            <source>Sẽ chờ xác nhận máy gửi</source>
            <translation>Will be held until the sender is confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="48" />
            <source>Sẽ bị từ chối</source>
            <translation>Will be refused</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="50" />
            <source>số liệu chỉ tiêu</source>
            <translation>indicator figures</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="51" />
            <source>đánh dấu hoàn thành kỳ</source>
            <translation>period-complete marks</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="52" />
            <source>thông tin trung tâm học tập cộng đồng</source>
            <translation>community learning centre details</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="53" />
            <source>hoạt động của trung tâm học tập cộng đồng</source>
            <translation>community learning centre activities</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="55" />
            <source>Đã nhận</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="56" />
            <source>Nhận muộn</source>
            <translation>Received late</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="58" />
            <source>Chưa nhận</source>
            <translation>Not received</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="59" />
            <source>Chưa đến hạn</source>
            <translation>Not due yet</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="81" />
            <source>không có số liệu theo kỳ</source>
            <translation>no figures by period</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="84" />
            <source>{n} kỳ, từ {first} đến {last}</source>
            <translation>{n} periods, from {first} to {last}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="135" />
            <location filename="../../ui/models/sync_models.py" line="262" />
            <source>Số</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="135" />
            <source>Lập lúc</source>
            <translation>Made at</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="136" />
            <location filename="../../ui/models/sync_models.py" line="174" />
            <source>Tệp</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="136" />
            <source>Nội dung</source>
            <translation>Contents</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="137" />
            <location filename="../../ui/models/sync_models.py" line="263" />
            <source>Bản ghi</source>
            <translation>Records</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="137" />
            <source>Sở nhận</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="169" />
            <source>Kết luận</source>
            <translation>Verdict</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="169" />
            <source>Đơn vị gửi</source>
            <translation>Sending unit</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="170" />
            <source>Gói số</source>
            <translation>Package no.</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="170" />
            <source>Mới</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="171" />
            <source>Cập nhật</source>
            <translation>Updated</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="171" />
            <source>Không đổi</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="172" />
            <source>Cũ hơn</source>
            <translation>Older</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="172" />
            <source>Xung đột</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="173" />
            <source>Vấn đề</source>
            <translation>Problems</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="173" />
            <source>Máy gửi</source>
            <translation>Sending computers</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="230" />
            <source>{indicator} ({breakdown}) – kỳ {period}</source>
            <translation>{indicator} ({breakdown}) – period {period}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="233" />
            <source>Hoàn thành kỳ {period}</source>
            <translation>Period {period} complete</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="235" />
            <source>Hoạt động TTHTCĐ «{title}» ({date})</source>
            <translation>CLC activity “{title}” ({date})</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="244" />
            <source>(không còn)</source>
            <translation>(gone)</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="246" />
            <source>đã xóa</source>
            <translation>deleted</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="251" />
            <source>giá trị {value}</source>
            <translation>value {value}</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="253" />
            <source>(trống)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="256" />
            <source>đã xong</source>
            <translation>complete</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="256" />
            <source>chưa xong</source>
            <translation>not complete</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="262" />
            <location filename="../../ui/models/sync_models.py" line="309" />
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="263" />
            <source>Bản đang dùng ở Sở</source>
            <translation>Version in use at the Department</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="264" />
            <source>Bản gửi đến</source>
            <translation>Incoming version</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="264" />
            <source>Người sửa (gửi đến)</source>
            <translation>Edited by (incoming)</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="265" />
            <source>Phát hiện</source>
            <translation>Detected</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="309" />
            <source>Mã nhận dạng</source>
            <translation>Identification code</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="310" />
            <source>Cán bộ</source>
            <translation>Official</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="310" />
            <source>Trạng thái</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="311" />
            <source>Đang giữ</source>
            <translation>Held</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="312" />
            <source>Thiếu gói số</source>
            <translation>Missing package nos.</translation>
        </message>
        <message>
            <location filename="../../ui/models/sync_models.py" line="312" />
            <source>Lần nhận gần nhất</source>
            <translation>Last received</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <location filename="../../ui/pages/sync.py" line="62" />
            <source>Đồng bộ</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="73" />
            <source>Đồng bộ – gửi số liệu về Sở</source>
            <translation>Sync – send figures to the Department</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="78" />
            <source>Gói tiếp theo</source>
            <translation>Next package</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="85" />
            <source>Chọn…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="87" />
            <source>Lưu vào</source>
            <translation>Save to</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="92" />
            <source>Xuất gói mới</source>
            <translation>Export new package</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="95" />
            <source>Xuất lại toàn bộ</source>
            <translation>Export everything again</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="96" />
            <source>Gửi lại mọi số liệu của đơn vị (khi Sở báo thiếu gói hoặc gói bị mất)</source>
            <translation>Send all of the unit's figures again (when the Department reports a missing or lost package)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="98" />
            <source>Mở thư mục</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="105" />
            <source>Chưa có khóa của Sở nên chưa xuất được gói: bấm «Nhận khóa của Sở…» và chọn tệp khóa do Sở gửi.</source>
            <translation>No Department key yet, so no package can be exported: click “Receive the Department's key…” and choose the key file the Department sent.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="116" />
            <source>Khóa</source>
            <translation>Keys</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="117" />
            <source>Mã nhận dạng máy này</source>
            <translation>This computer's identification code</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="120" />
            <source>Khóa của Sở</source>
            <translation>Department key</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="124" />
            <location filename="../../ui/pages/sync.py" line="188" />
            <source>Nhận khóa của Sở…</source>
            <translation>Receive the Department's key…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="126" />
            <source>Khóa, thư điện tử…</source>
            <translation>Keys, e-mail…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="135" />
            <source>Thư gửi Sở (chép vào hộp thư, đính kèm tệp gói)</source>
            <translation>E-mail to the Department (copy into your mailbox, attach the package file)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="141" />
            <source>Gửi đến</source>
            <translation>To</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="142" />
            <source>Tiêu đề</source>
            <translation>Subject</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="149" />
            <source>Chép địa chỉ</source>
            <translation>Copy address</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="150" />
            <source>Chép tiêu đề</source>
            <translation>Copy subject</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="151" />
            <source>Chép nội dung thư</source>
            <translation>Copy message</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="163" />
            <source>Các gói đã xuất</source>
            <translation>Exported packages</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="187" />
            <source>Chưa có</source>
            <translation>None yet</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="188" />
            <source>Đổi khóa của Sở…</source>
            <translation>Change the Department's key…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="200" />
            <source> (trong đó {d} xóa)</source>
            <translation> (of which {d} deleted)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="203" />
            <source>&lt;b&gt;Gói số {n}&lt;/b&gt; (gói đầu tiên) sẽ gồm toàn bộ {total} bản ghi, {periods}:</source>
            <translation>&lt;b&gt;Package {n}&lt;/b&gt; (the first) will hold all {total} records, {periods}:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="205" />
            <source>&lt;b&gt;Gói số {n}&lt;/b&gt; sẽ gồm {total} bản ghi thay đổi từ gói số {prev}, {periods}:</source>
            <translation>&lt;b&gt;Package {n}&lt;/b&gt; will hold {total} records changed since package {prev}, {periods}:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="209" />
            <source>Không có gì mới kể từ gói số {n}. «Xuất lại toàn bộ» để gửi lại mọi số liệu.</source>
            <translation>Nothing new since package {n}. “Export everything again” sends all figures again.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="227" />
            <source>(Xuất một gói để có nội dung thư.)</source>
            <translation>(Export a package to get the message text.)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="230" />
            <source>(chưa có địa chỉ của Sở: «Khóa, thư điện tử…»)</source>
            <translation>(no Department address yet: “Keys, e-mail…”)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="241" />
            <source>Chọn nơi lưu gói (ví dụ ổ USB)</source>
            <translation>Choose where to save the package (e.g. a USB stick)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="259" />
            <source>Thư mục lưu gói không tồn tại.</source>
            <translation>The package folder does not exist.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="260" />
            <source>Cắm ổ USB rồi bấm «Chọn…» để chọn lại.</source>
            <translation>Plug in the USB stick, then click “Choose…” to choose again.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="271" />
            <source>Xuất gói đồng bộ</source>
            <translation>Export a sync package</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="272" />
            <source>Đang xuất gói đồng bộ…</source>
            <translation>Exporting the sync package…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="279" />
            <source>Đã xuất gói số {n}: {path}
{counts}</source>
            <translation>Package {n} exported: {path}
{counts}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="283" />
            <source>Đã xuất gói số {n}.</source>
            <translation>Package {n} exported.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/sync.py" line="291" />
            <location filename="../../ui/pages/sync.py" line="293" />
            <source>Chưa xuất được gói.</source>
            <translation>The package could not be exported.</translation>
        </message>
    </context>
    <context>
        <name>Targets</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="58" />
            <source>mục tiêu dự thảo, chưa được Sở xác nhận</source>
            <translation>draft target, not yet confirmed by the Department</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="194" />
            <source>tăng</source>
            <translation>increase</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="201" />
            <source>cao hơn cùng kỳ năm trước</source>
            <translation>higher than the same period last year</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="206" />
            <source>{op} mức độ {n}</source>
            <translation>{op} level {n}</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="210" />
            <source>đạt</source>
            <translation>met</translation>
        </message>
        <message>
            <location filename="../../ui/models/presentation.py" line="211" />
            <source>{op} {target}% đơn vị đạt</source>
            <translation>{op} {target}% of units meet it</translation>
        </message>
    </context>
    <context>
        <name>Task</name>
        <message>
            <location filename="../../ui/operations.py" line="178" />
            <location filename="../../ui/operations.py" line="262" />
            <location filename="../../ui/tasks.py" line="194" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/operations.py" line="165" />
            <location filename="../../ui/tasks.py" line="210" />
            <source>Đang hủy…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <location filename="../../ui/tasks.py" line="276" />
            <source>Không thực hiện được: {error}</source>
            <translation>Could not be done: {error}</translation>
        </message>
    </context>
    <context>
        <name>UnitPage</name>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="89" />
            <source>Chọn đơn vị</source>
            <translation>Choose the unit</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="93" />
            <source>Huyện, thành phố</source>
            <translation>District, city</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="96" />
            <source>Gõ tên hoặc mã, có dấu hay không dấu đều được (ví dụ: dak pek)</source>
            <translation>Type a name or code, with or without accents (e.g. dak pek)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="98" />
            <source>Tìm</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="106" />
            <source>Hiện cả các đơn vị trước 01/07/2025 (trước sắp xếp; có ghi ngày)</source>
            <translation>Also show the units before 1 July 2025 (before the reorganisation; with their dates)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="127" />
            <source>Chọn xã, phường (từ 01/07/2025, thuộc tỉnh Quảng Ngãi), hoặc gõ tên để tìm; đơn vị cũ vẫn tìm được, có ghi ngày.</source>
            <translation>Choose a commune or ward (from 1 July 2025, in Quảng Ngãi province), or type a name to search; old units can still be found, with their dates.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="129" />
            <source>Chọn huyện, thành phố của phòng GD&amp;ĐT (đến 30/6/2025).</source>
            <translation>Choose the district of the education office (until 30 June 2025).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="139" />
            <source>— Tất cả huyện, thành phố —</source>
            <translation>— All districts and cities —</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="185" />
            <source>Đơn vị trước sắp xếp: chỉ báo cáo các kỳ đến 6 tháng đầu năm 2025.</source>
            <translation>A unit before the reorganisation: it reports periods up to the first half of 2025 only.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="191" />
            <source>{n} đơn vị</source>
            <translation>{n} units</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/first_run.py" line="192" />
            <source>Không tìm thấy đơn vị nào. Thử gõ ít chữ hơn, hoặc gõ mã đơn vị.</source>
            <translation>No unit found. Try typing fewer letters, or the unit's code.</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <location filename="../../ui/models/presentation.py" line="233" />
            <source>{number} điểm</source>
            <translation>{number} points</translation>
        </message>
    </context>
    <context>
        <name>UserGuideDialog</name>
        <message>
            <location filename="../../ui/dialogs/about.py" line="104" />
            <source>Hướng dẫn sử dụng XHHT Desktop</source>
            <translation>XHHT Desktop user guide</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="116" />
            <source>Không tìm thấy tệp hướng dẫn: {path}</source>
            <translation>User guide not found: {path}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="119" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>XlsxImportDialog</name>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="66" />
            <location filename="../../ui/dialogs/xlsx_import.py" line="219" />
            <source>Nhập biểu Excel</source>
            <translation>Import Excel form</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="69" />
            <source>Chọn biểu nhập đã điền (tạo bằng Tệp → Xuất biểu nhập Excel…). Tệp được kiểm tra toàn bộ trước; chỉ khi không còn lỗi nào mới nhập được, và nhập tất cả hoặc không nhập gì. Dòng để trống giữ nguyên số liệu đang lưu.</source>
            <translation>Choose a filled-in entry form (made with File → Export Excel entry form…). The whole file is checked first; it can be imported only when no error is left, and then all of it or nothing. Empty rows keep the stored figures.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="77" />
            <source>Chưa chọn tệp</source>
            <translation>No file chosen</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="78" />
            <source>Chọn tệp…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="106" />
            <source>Sổ TTHTCĐ (trang TTHTCD)</source>
            <translation>CLC log (sheet TTHTCD)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="123" />
            <source>Các lỗi và cảnh báo sẽ hiện ở đây.</source>
            <translation>Errors and warnings will show here.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="127" />
            <source>Nhập</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="131" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="143" />
            <source>Chọn biểu nhập Excel</source>
            <translation>Choose the Excel entry form</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="144" />
            <source>Bảng tính Excel (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="157" />
            <source>Đang kiểm tra tệp…</source>
            <translation>Checking the file…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="160" />
            <source>Đang kiểm tra biểu Excel…</source>
            <translation>Checking the Excel form…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="174" />
            <source>Sổ TTHTCĐ: {n} hoạt động sẽ được thêm hoặc cập nhật.</source>
            <translation>CLC log: {n} activities will be added or updated.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="178" />
            <source>kỳ &lt;b&gt;{period}&lt;/b&gt;, đơn vị &lt;b&gt;{unit}&lt;/b&gt;</source>
            <translation>period &lt;b&gt;{period}&lt;/b&gt;, unit &lt;b&gt;{unit}&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="184" />
            <source>Tệp có {n} lỗi — chưa nhập được.</source>
            <translation>The file has {n} errors — it cannot be imported yet.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="185" />
            <source>{where}. Sửa các dòng được đánh dấu trong Excel rồi chọn lại tệp.</source>
            <translation>{where}. Correct the marked rows in Excel, then choose the file again.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="187" />
            <source> · {n} cảnh báo</source>
            <translation> · {n} warnings</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="189" />
            <source>Tệp hợp lệ.</source>
            <translation>The file is valid.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="190" />
            <source>{where}: {rows} dòng, {n} số liệu sẽ thay đổi{warn}. Bấm &lt;b&gt;Nhập&lt;/b&gt; để ghi tất cả.</source>
            <translation>{where}: {rows} rows, {n} figures will change{warn}. Click &lt;b&gt;Import&lt;/b&gt; to write them all.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="195" />
            <source>Không đọc được tệp.</source>
            <translation>The file could not be read.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="208" />
            <source>Đang nhập…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="220" />
            <source>Đang nhập biểu Excel…</source>
            <translation>Importing the Excel form…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="229" />
            <source>Chưa nhập: tệp đã thay đổi và nay có lỗi. Không có số liệu nào được ghi.</source>
            <translation>Not imported: the file changed and now has errors. No figure was written.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="233" />
            <source>Đã nhập biểu Excel kỳ {period}.</source>
            <translation>Excel form imported for {period}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="234" />
            <source>{changed} số liệu thay đổi, {unchanged} không đổi.</source>
            <translation>{changed} figures changed, {unchanged} unchanged.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/xlsx_import.py" line="242" />
            <source>Không nhập được — không có số liệu nào được ghi.</source>
            <translation>The import failed — no figure was written.</translation>
        </message>
    </context>
    <context>
        <name>page</name>
        <message>
            <location filename="../../ui/widgets/returns_card.py" line="149" />
            <source>⚑ Sở đề nghị kiểm tra lại: «{m}» ({s}).</source>
            <translation>⚑ The Department asks to check: “{m}” ({s}).</translation>
        </message>
    </context>
    <context>
        <name>parent</name>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="125" />
            <source>Chọn biên nhận hoặc bản cập nhật của Sở</source>
            <translation>Choose the Department's receipts or updates</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/returns.py" line="131" />
            <source>Máy của Sở phát hành bản cập nhật và biên nhận, không áp dụng chúng.</source>
            <translation>The Department's machine publishes updates and receipts; it does not apply them.</translation>
        </message>
    </context>
</TS>