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
            <source>&lt;p&gt;Theo dõi Kế hoạch 2780/KH-UBND ngày 02/12/2013 của UBND tỉnh Kon Tum “Xây dựng xã hội học tập giai đoạn 2013–2020” từ xã đến tỉnh: nhập chỉ tiêu, so với mục tiêu 2015 và 2020, sổ theo dõi trung tâm học tập cộng đồng, báo cáo và gói đồng bộ.&lt;/p&gt;&lt;p&gt;Chỉ lưu số liệu tổng hợp, không lưu thông tin cá nhân.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Follows plan 2780/KH-UBND of 2 December 2013 of the Kon Tum Provincial People's Committee, “Building a learning society 2013–2020”, from the commune up to the province: indicator entry against the 2015 and 2020 targets, the community learning centre log, reports and sync packages.&lt;/p&gt;&lt;p&gt;Only aggregate figures are stored, never personal data.&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="66" />
            <source>&lt;b&gt;Thư mục dữ liệu:&lt;/b&gt;&lt;br&gt;{path}</source>
            <translation>&lt;b&gt;Data folder:&lt;/b&gt;&lt;br&gt;{path}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="74" />
            <source>&lt;p style='color:#66757f'&gt;Lược đồ dữ liệu {schema} · Python {python} · Qt (PySide6) {qt} · SQLite {sqlite}&lt;br&gt;Phông chữ Noto Sans và Liberation Serif theo giấy phép SIL Open Font License.&lt;/p&gt;</source>
            <translation>&lt;p style='color:#66757f'&gt;Data schema {schema} · Python {python} · Qt (PySide6) {qt} · SQLite {sqlite}&lt;br&gt;Noto Sans and Liberation Serif fonts under the SIL Open Font License.&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="82" />
            <source>Mở thư mục dữ liệu</source>
            <translation>Open data folder</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="85" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>BackupRestore</name>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="55" />
            <source>trước khi sao lưu</source>
            <translation>before the backup</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="58" />
            <source>Sao lưu dữ liệu</source>
            <translation>Back up data</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="59" />
            <source>Cơ sở dữ liệu XHHT (*.sqlite3)</source>
            <translation>XHHT database (*.sqlite3)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="70" />
            <source>Đã sao lưu dữ liệu.</source>
            <translation>The data has been backed up.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="71" />
            <source>Tệp sao lưu: {path}
Hãy cất một bản ở nơi khác máy này (USB, thư điện tử).</source>
            <translation>Backup file: {path}
Keep a copy somewhere other than this computer (USB stick, e-mail).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="76" />
            <source>Không sao lưu được.</source>
            <translation>The backup failed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="78" />
            <source>Đang sao lưu…</source>
            <translation>Backing up…</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="92" />
            <source>Khôi phục dữ liệu</source>
            <translation>Restore data</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="96" />
            <source>Chọn một bản sao lưu để thay toàn bộ dữ liệu hiện tại. Dữ liệu hiện tại không mất: nó được giữ lại thành một bản sao lưu «Trước khôi phục».</source>
            <translation>Choose a backup to replace all current data. The current data is not lost: it is kept as a “Before restore” backup.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="102" />
            <source>Thời gian</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="102" />
            <source>Loại</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="102" />
            <source>Dung lượng</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="112" />
            <source>Chọn tệp khác…</source>
            <translation>Choose another file…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="118" />
            <source>Chưa chọn bản sao lưu.</source>
            <translation>No backup chosen.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="124" />
            <source>Tôi hiểu bản sao lưu này thuộc đơn vị khác và muốn thay toàn bộ dữ liệu của máy này bằng nó.</source>
            <translation>I understand this backup belongs to another unit and want to replace all data on this computer with it.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="130" />
            <location filename="../../ui/dialogs/backup_restore.py" line="227" />
            <source>Khôi phục</source>
            <translation>Restore</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="135" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="146" />
            <source>Hằng ngày</source>
            <translation>Daily</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="146" />
            <source>Trước nâng cấp</source>
            <translation>Before upgrade</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="147" />
            <source>Trước khôi phục</source>
            <translation>Before restore</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="147" />
            <source>Khác</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="160" />
            <source>Chọn tệp sao lưu</source>
            <translation>Choose a backup file</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="161" />
            <source>Cơ sở dữ liệu XHHT (*.sqlite3 *.db);;Mọi tệp (*)</source>
            <translation>XHHT database (*.sqlite3 *.db);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="171" />
            <source>Đang kiểm tra «{name}»…</source>
            <translation>Checking “{name}”…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="174" />
            <source>Đang kiểm tra bản sao lưu…</source>
            <translation>Checking the backup…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="195" />
            <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Đơn vị: {unit}&lt;br&gt;Số liệu đã lưu: {count}&lt;br&gt;Thay đổi gần nhất: {last}</source>
            <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Unit: {unit}&lt;br&gt;Figures stored: {count}&lt;br&gt;Last change: {last}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="197" />
            <source>chưa khởi tạo</source>
            <translation>not set up</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="200" />
            <source>Bản sao lưu của phiên bản cũ hơn: sẽ được nâng cấp khi mở (có sao lưu trước).</source>
            <translation>Backup from an older version: it will be upgraded when opened (after a backup).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="204" />
            <source>Bản sao lưu này thuộc đơn vị khác với máy này ({unit}).</source>
            <translation>This backup belongs to a different unit than this computer ({unit}).</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="223" />
            <source>trước khi khôi phục</source>
            <translation>before restoring</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="225" />
            <source>Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này?</source>
            <translation>Replace all current data with this backup?</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="226" />
            <source>Dữ liệu hiện tại được giữ lại trong thư mục sao lưu, có thể khôi phục lại nếu cần.</source>
            <translation>The current data is kept in the backup folder and can be restored if needed.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="227" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="234" />
            <source>Đang khôi phục…</source>
            <translation>Restoring…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="243" />
            <source>Không mở lại được cơ sở dữ liệu.</source>
            <translation>The database could not be reopened.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="244" />
            <source>{error}
Bản dữ liệu trước khi khôi phục nằm trong thư mục {folder}.</source>
            <translation>{error}
The data as it was before the restore is in the folder {folder}.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="261" />
            <source>Đã khôi phục dữ liệu.</source>
            <translation>The data has been restored.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="262" />
            <source>Dữ liệu trước khi khôi phục được giữ lại ở:
{path}</source>
            <translation>The data as it was before the restore is kept at:
{path}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/backup_restore.py" line="268" />
            <source>Không khôi phục được. Dữ liệu hiện tại không thay đổi.</source>
            <translation>The restore failed. The current data has not changed.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../ui/pages/settings.py" line="49" />
            <location filename="../../ui/pages/settings.py" line="67" />
            <source>Cài đặt</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="72" />
            <source>Thư mục dữ liệu</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="78" />
            <source>Số liệu nằm trong thư mục riêng của người dùng này, không nằm cạnh chương trình: cài lại hay nâng cấp chương trình không làm mất số liệu.</source>
            <translation>The figures live in this user's own folder, not next to the program: reinstalling or upgrading the program does not lose them.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="84" />
            <source>Mở thư mục</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="86" />
            <source>Mở thư mục sao lưu</source>
            <translation>Open backup folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="95" />
            <source>Sao lưu</source>
            <translation>Backups</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="99" />
            <source> bản</source>
            <translation> copies</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="101" />
            <source>Giữ lại bản sao lưu hằng ngày:</source>
            <translation>Daily backups to keep:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="108" />
            <source>Sao lưu ngay…</source>
            <translation>Back up now…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="110" />
            <source>Khôi phục…</source>
            <translation>Restore…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="112" />
            <source>Kiểm tra dữ liệu</source>
            <translation>Check data</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="121" />
            <source>Ngôn ngữ giao diện</source>
            <translation>Interface language</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="130" />
            <source>Khi đổi ngôn ngữ, cửa sổ được dựng lại; số liệu đang sửa được hỏi lưu trước.</source>
            <translation>Changing the language rebuilds the window; you are asked to save figures being edited first.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="137" />
            <source>Cán bộ phụ trách</source>
            <translation>Official in charge</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="145" />
            <source>Họ và tên:</source>
            <translation>Full name:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="146" />
            <source>Chức vụ:</source>
            <translation>Title:</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="148" />
            <source>Tên này ghi ở mục «Người lập biểu» trên các báo cáo và trong lịch sử thay đổi.</source>
            <translation>This name appears as “Prepared by” on reports and in the change history.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="157" />
            <source>Đồng bộ</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="159" />
            <source>Khóa đồng bộ…</source>
            <translation>Sync keys…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="171" />
            <source>Lưu cài đặt</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="226" />
            <source>hằng ngày</source>
            <translation>daily</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="226" />
            <source>trước nâng cấp</source>
            <translation>before upgrade</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="227" />
            <source>trước khôi phục</source>
            <translation>before restore</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="227" />
            <source>khác</source>
            <translation>other</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="229" />
            <source>Bản sao lưu tự động gần nhất: {when} ({kind}). Mỗi ngày mở chương trình, một bản được chép vào thư mục sao lưu.</source>
            <translation>Latest automatic backup: {when} ({kind}). Each day the program is opened, a copy goes to the backup folder.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="233" />
            <source>Chưa có bản sao lưu tự động. Mỗi ngày mở chương trình, một bản được chép vào thư mục sao lưu.</source>
            <translation>No automatic backup yet. Each day the program is opened, a copy goes to the backup folder.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="240" />
            <source>Có thay đổi chưa lưu.</source>
            <translation>Unsaved changes.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="259" />
            <source>Không lưu được cài đặt.</source>
            <translation>The settings could not be saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="266" />
            <source>Đã lưu cài đặt.</source>
            <translation>Settings saved.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="274" />
            <source>trước khi đổi ngôn ngữ</source>
            <translation>before changing the language</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="275" />
            <source>Ngôn ngữ mới sẽ được dùng từ lần mở chương trình sau.</source>
            <translation>The new language will be used from the next start.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="278" />
            <source>Không tìm thấy bản dịch cho ngôn ngữ này.</source>
            <translation>No translation found for this language.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="303" />
            <source>Dữ liệu không có vấn đề.</source>
            <translation>No problems found in the data.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="307" />
            <source>… và {n} vấn đề khác.</source>
            <translation>… and {n} more problems.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="310" />
            <source>Đang kiểm tra dữ liệu…</source>
            <translation>Checking the data…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings.py" line="312" />
            <source>Không kiểm tra được dữ liệu.</source>
            <translation>The data could not be checked.</translation>
        </message>
    </context>
    <context>
        <name>UserGuideDialog</name>
        <message>
            <location filename="../../ui/dialogs/about.py" line="100" />
            <source>Hướng dẫn sử dụng XHHT Desktop</source>
            <translation>XHHT Desktop user guide</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="111" />
            <source>Không tìm thấy tệp hướng dẫn: {path}</source>
            <translation>User guide not found: {path}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/about.py" line="114" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
    </context>
</TS>