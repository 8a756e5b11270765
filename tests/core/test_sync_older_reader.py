"""A package carrying a table an older Department build does not know (`narratives`, migration 0007):
the older reader refuses that package whole, with a reason that says to update, changes nothing, keeps
importing the sender's other packages (the refused one shows as a gap), and once updated imports the
same file. The older reader is simulated by a table list without `narratives` (sync.tables.KNOWN_TABLES);
docs/sync-format.md describes the behaviour. (Tried once by hand with the build just before migration
0007, `git archive 2dce7f1^`: the same refusal, word for word.)"""

from __future__ import annotations

import pytest

from xhht_desktop.domain.values import Entry
from xhht_desktop.reports import narrative as N
from xhht_desktop.sync import merge, tables

from tests.core.test_reports_fixtures import PEK, unit
from tests.core.test_sync_fixtures import ON_TIME, confirm_all, department, figure, sender, statuses


def _older_reader(monkeypatch) -> None:
    monkeypatch.setattr(tables, "KNOWN_TABLES", tuple(t for t in tables.KNOWN_TABLES if t != "narratives"))


@pytest.fixture
def world(tmp_path):
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    yield dept, site
    site.close()
    dept.close()


def _counts(db) -> dict[str, int]:
    return {t: db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("indicator_values", "narratives", "history")}


def test_an_older_department_refuses_the_package_whole_and_keeps_the_others(world, tmp_path, monkeypatch):
    dept, site = world
    site.save("2014", Entry("XMC_15_60", None, 978, 1000))
    first = site.export(tmp_path / "usb1", now=ON_TIME)
    merge.merge_files(dept.db, [first])
    assert statuses(confirm_all(dept)) == ["imported"]

    # Package 2: a figure and the narrative; package 3: a figure only.
    site.save("2014", Entry("PC_THCS", value=1))
    N.save(site.db, site.unit_id, "2014", {"danh_gia_chung": "Công tác xóa mù chữ được duy trì."},
           actor=site.inst.actor, origin=site.inst.installation_id)
    second = site.export(tmp_path / "usb2", now=ON_TIME)
    site.save("2014", Entry("GIA_DINH_HIEU_HOC", value=1234))
    third = site.export(tmp_path / "usb3", now=ON_TIME)

    _older_reader(monkeypatch)
    before = _counts(dept.db)
    report = merge.merge_files(dept.db, [second, third])
    refused, imported = report.packages
    assert (refused.status, refused.code) == ("rejected", "newer_format")
    assert "narratives" in refused.reason and "cập nhật XHHT Desktop của Sở" in refused.reason
    assert imported.status == "imported"  # one refused package never stops the others
    # Nothing of package 2 arrived, not even its figure; package 3's did; the gap is said.
    assert figure(dept, PEK, "2014", "PC_THCS") is None
    assert figure(dept, PEK, "2014", "GIA_DINH_HIEU_HOC")[2] == 1234
    after = _counts(dept.db)
    assert after["narratives"] == before["narratives"] == 0
    assert after["indicator_values"] == before["indicator_values"] + 1
    assert any("Thiếu gói số 2" in g for g in report.gaps)
    assert any(r["missing"] == [2] for r in merge.list_installations(dept.db))

    # The Department updates its program: the same file imports (its figure and the narrative
    # arrive; package 3's later figure stays).
    monkeypatch.undo()
    again = merge.merge_files(dept.db, [second])
    assert statuses(again) == ["imported"]
    assert figure(dept, PEK, "2014", "PC_THCS")[2] == 1
    assert figure(dept, PEK, "2014", "GIA_DINH_HIEU_HOC")[2] == 1234
    pek = unit(dept.db, PEK)
    assert N.load(dept.db, pek.id, "2014")["danh_gia_chung"] == "Công tác xóa mù chữ được duy trì."
    assert not any(r["missing"] for r in merge.list_installations(dept.db))


def test_a_package_without_narratives_is_read_by_the_older_department(world, tmp_path, monkeypatch):
    """Only a package that carries narrative records names the table: figures alone still travel."""
    dept, site = world
    site.save("2014", Entry("XMC_15_60", None, 978, 1000))
    package = site.export(tmp_path / "usb", now=ON_TIME)
    _older_reader(monkeypatch)
    merge.merge_files(dept.db, [package])
    assert statuses(confirm_all(dept)) == ["imported"]
    assert figure(dept, PEK, "2014", "XMC_15_60")[:2] == (978, 1000)


def test_an_unconfirmed_sender_refused_by_the_older_department_is_not_held(world, tmp_path, monkeypatch):
    """The refusal comes before the sender is held: nothing waits for a confirmation that could not
    import it, and after the update the same file is held, then imported, as any first package."""
    dept, site = world
    site.save("2014", Entry("XMC_15_60", None, 978, 1000))
    N.save(site.db, site.unit_id, "2014", {"kien_nghi_de_xuat": "Đề nghị hỗ trợ tài liệu."},
           actor=site.inst.actor, origin=site.inst.installation_id)
    package = site.export(tmp_path / "usb", now=ON_TIME)
    _older_reader(monkeypatch)
    assert statuses(merge.merge_files(dept.db, [package])) == ["rejected"]
    assert merge.list_installations(dept.db) == []
    monkeypatch.undo()
    assert statuses(merge.merge_files(dept.db, [package])) == ["held"]
    assert statuses(confirm_all(dept)) == ["imported"]
    assert N.load(dept.db, unit(dept.db, PEK).id, "2014")["kien_nghi_de_xuat"] == "Đề nghị hỗ trợ tài liệu."
