"""The sync pages as an official and a Department clerk use them: export on the Đồng bộ page, merge
(check, apply, confirm, conflicts, receipt) and who has reported — each installation its own file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.core.test_sync_fixtures import PEK, Site, department, figure, sender
from xhht_desktop.db import meta
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import keys, merge
from ui.context import AppContext
from ui.widgets import messages


@pytest.fixture
def shown(monkeypatch):
    """Message boxes recorded; confirmations answered yes."""
    seen: list[tuple[str, str, str]] = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    return seen


@pytest.fixture
def sites(tmp_path):
    dept = department(tmp_path)
    yield dept
    dept.close()


def _page(qtbot, cls, site: Site, period=Period(2014, 1)):
    ctx = AppContext(site.db, site.path, period)
    page = cls(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def test_commune_trusts_the_key_exports_and_gets_the_email(qtbot, tmp_path, sites, shown, monkeypatch):
    from ui.pages.sync import SyncPage

    lone = Site(tmp_path / "pek.sqlite3", "commune", PEK, "Y Blong")
    lone.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
    page = _page(qtbot, SyncPage, lone)
    assert not page.export_button.isEnabled() and page.key_warning.isVisibleTo(page)
    assert page.own_fingerprint.text() == keys.installation_fingerprint(lone.db)

    key_file = keys.write_file(tmp_path / "so.pub", keys.department_public_key_text(sites.db))
    monkeypatch.setattr(messages, "open_file_name", lambda *a, **k: str(key_file))
    page.trust_department()
    dept_fp = keys.department_phone_fingerprint(sites.db)  # age key and signing key: one code by phone
    assert page.department_fingerprint.text() == dept_fp
    assert any(dept_fp in text for _k, text, _d in shown)  # read back over the phone
    assert page.export_button.isEnabled() and not page.key_warning.isVisibleTo(page)
    assert "Gói số 1" in page.pending_label.text() and "số liệu chỉ tiêu: 1" in page.pending_label.text()

    meta.put(lone.db, keys.META_DEPARTMENT_EMAIL, "xhht@sogddt.kontum.gov.vn")
    usb = tmp_path / "usb"
    usb.mkdir()
    page.folder.setText(str(usb))
    page.export_button.click()
    qtbot.waitUntil(lambda: page.task is None and page.last_result is not None, timeout=30000)
    (made,) = usb.glob("*.xhht")
    assert made.name.startswith("XHHT_23353_Xa_Dak_Pek_") and made == page.last_result.path
    assert page.exports_model.rowCount() == 1
    assert page.mail_to.text() == "xhht@sogddt.kontum.gov.vn"
    assert "Xã Đắk Pék (23353)" in page.mail_subject.text() and "6 tháng đầu năm 2014" in page.mail_subject.text()
    assert made.name in page.mail_body.toPlainText()
    assert not page.export_button.isEnabled()  # nothing new since package 1
    assert "Không có gì mới" in page.pending_label.text()

    lone.save("2014-H1", Entry("XMC_15_60", None, 1160, 1200))
    lone.db.conn.commit()
    page.ctx.notify_data_changed()
    assert page.export_button.isEnabled() and "thay đổi từ gói số 1" in page.pending_label.text()
    page.full_button.click()
    qtbot.waitUntil(lambda: page.task is None and page.exports_model.rowCount() == 2, timeout=30000)
    assert page.exports_model.rows[0]["full"] and "gửi lại toàn bộ" in page.mail_body.toPlainText()
    assert not [s for s in shown if s[0] != "info"]
    lone.close()


def _merge_page(qtbot, dept):
    from ui.pages.merge import MergePage
    page = _page(qtbot, MergePage, dept)
    _lists_read(qtbot, page)
    return page


def _lists_read(qtbot, page):
    """Changes are written by the writer; the conflicts and installations are then read again in a
    worker."""
    qtbot.waitUntil(page.ctx.idle, timeout=30000)
    qtbot.waitUntil(lambda: page.lists_task is None, timeout=30000)


def _run(qtbot, page, dry_run):
    page.run_merge(dry_run=dry_run)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    _lists_read(qtbot, page)


def test_department_checks_applies_confirms_and_prints(qtbot, tmp_path, sites, shown):
    pek = sender(tmp_path, sites, "commune", PEK)
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
    usb = tmp_path / "usb"
    good = pek.export(usb)
    bad = usb / "XHHT_hong.xhht"
    bad.write_bytes(good.read_bytes()[:-10])
    page = _merge_page(qtbot, sites)

    # Drag-and-drop of the USB folder.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(usb))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert [p.name for p in page.paths] == sorted([good.name, bad.name])

    before = sites.dump()
    _run(qtbot, page, dry_run=True)
    assert sites.dump() == before  # "Kiểm tra" changes nothing
    statuses = {p.file: p.status for p in page.report.packages}
    assert statuses == {good.name: "held", bad.name: "rejected"}
    verdicts = [page.preview_model.index(r, 0).data() for r in range(2)]
    assert set(verdicts) == {"Sẽ chờ xác nhận máy gửi", "Sẽ bị từ chối"}

    _run(qtbot, page, dry_run=False)
    assert page.paths == []  # handled files leave the list
    assert page.tabs.tabText(2) == "Máy gửi (1 chờ xác nhận)"
    assert page.installations_model.rows[0]["fingerprint"] == pek.fingerprint
    page.installations.selectRow(0)
    page.confirm_selected()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    _lists_read(qtbot, page)
    assert [p.status for p in page.report.packages] == ["imported"]
    assert figure(sites, PEK, "2014-H1", "XMC_15_60") == (1150, 1200, None)
    assert page.installations_model.rows[0]["status"] == "confirmed"

    for name in ("bien-nhan.html", "bien-nhan.txt", "bien-nhan.pdf"):
        from ui.pages.merge import save_receipt
        path = save_receipt(page.report, tmp_path / name)
        assert path.stat().st_size > 200
    assert "BIÊN NHẬN" in (tmp_path / "bien-nhan.txt").read_text(encoding="utf-8")
    assert (tmp_path / "bien-nhan.pdf").read_bytes().startswith(b"%PDF")
    assert not [s for s in shown if s[0] == "error"]
    pek.close()


def test_department_resolves_a_conflict_and_revokes(qtbot, tmp_path, sites, shown):
    a = sender(tmp_path, sites, "commune", PEK, name="a")
    b = sender(tmp_path, sites, "commune", PEK, name="b")
    a.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    b.save("2014-H1", Entry("XMC_15_60", None, 150, 200))
    merge.merge_files(sites.db, [a.export(tmp_path / "a"), b.export(tmp_path / "b")])
    merge.confirm_installations(sites.db, [a.fingerprint, b.fingerprint])
    page = _merge_page(qtbot, sites)
    assert page.tabs.tabText(1) == "Xung đột (1)"
    row = page.conflicts_model.rows[0]
    assert {page.conflicts_model.index(0, 3).data(), page.conflicts_model.index(0, 4).data()} == \
        {"100 / 200", "150 / 200"}
    page.conflicts.selectRow(0)
    assert page.resolve_selected("incoming") == 1
    _lists_read(qtbot, page)
    assert figure(sites, PEK, "2014-H1", "XMC_15_60")[0] == row["incoming_data"]["numerator"]
    assert page.conflicts_model.rowCount() == 0 and page.tabs.tabText(1) == "Xung đột"

    page.tabs.setCurrentIndex(2)
    page.installations.selectRow(0)
    revoked = page.installations_model.rows[0]["fingerprint"]
    page.revoke_selected()
    _lists_read(qtbot, page)
    assert {i["fingerprint"]: i["status"] for i in merge.list_installations(sites.db)}[revoked] == "revoked"
    assert {i["fingerprint"]: i["status"] for i in page.installations_model.rows}[revoked] == "revoked"
    a.close()
    b.close()


def test_completeness_page_shows_the_grid(qtbot, tmp_path, sites):
    from ui.pages.completeness import CompletenessPage

    pek = sender(tmp_path, sites, "commune", PEK)
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
    merge.merge_files(sites.db, [pek.export(tmp_path / "usb", now=dt.datetime(2014, 7, 3, 8, 0))])
    merge.confirm_installations(sites.db, [pek.fingerprint])
    page = _page(qtbot, CompletenessPage, sites, Period(2014, 1))
    page.district.setCurrentIndex(page.district.findData("610"))
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)  # computed in a worker; the last filter wins
    grid = page.model.grid
    assert grid.periods == ["2013-H2", "2013", "2014-H1"]  # 4 periods asked; the plan starts in December 2013
    row = next(i for i, u in enumerate(grid.units) if u.code == PEK)
    assert page.model.index(row, len(grid.periods)).data() == "Đã nhận 1/12"
    assert all(u.district_code == "610" for u in grid.units)
    assert "đã nhận 1" in page.totals.text()
    page.span.setCurrentIndex(page.span.findData(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)
    assert page.model.grid.periods == ["2014-H1"]
    pek.close()


def test_sync_keys_dialog_backs_up_the_department_key(qtbot, tmp_path, sites, shown, monkeypatch):
    from ui.dialogs import sync_keys

    ctx = AppContext(sites.db, sites.path, Period(2014, 1))
    dialog = sync_keys.SyncKeysDialog(ctx)
    qtbot.addWidget(dialog)
    body = dialog.body
    assert body.own_fingerprint.text() == keys.installation_fingerprint(sites.db)
    assert body.department_fingerprint.text() == keys.department_phone_fingerprint(sites.db)
    target = tmp_path / "khoa.age"
    monkeypatch.setattr(sync_keys, "ask_passphrase", lambda *a, **k: "mật khẩu của Sở")
    monkeypatch.setattr(messages, "save_file_name", lambda *a, **k: str(target))
    body.backup()
    qtbot.waitUntil(lambda: any(k == "info" for k, _t, _d in shown), timeout=30000)
    assert target.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt")
    assert keys.restore_department_key(sites.db, target.read_bytes(), "mật khẩu của Sở") == \
        keys.department_fingerprint(sites.db)
    body.email.setText("xhht@sogddt.kontum.gov.vn")
    body.save_email()
    qtbot.waitUntil(body.ctx.idle, timeout=30000)  # written by the writer
    assert meta.get(sites.db, keys.META_DEPARTMENT_EMAIL) == "xhht@sogddt.kontum.gov.vn"


def test_pages_are_offered_by_role():
    from ui.pages.completeness import CompletenessPage
    from ui.pages.merge import MergePage
    from ui.pages.sync import SyncPage

    assert SyncPage.roles == {"commune", "district"}
    assert MergePage.roles == CompletenessPage.roles == {"department"}
    assert Path(__file__).exists()
