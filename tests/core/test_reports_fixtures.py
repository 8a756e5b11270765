"""Databases with several communes for the report tests (districts 610 Đắk Glei and 611 Ngọc Hồi)."""

from __future__ import annotations

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation
from xhht_desktop.sample import sample_entries

# Xã Đắk Pék is 23353 (district 610); 23344, 23347 are also in Đắk Glei; 23371, 23374 in Ngọc Hồi.
PEK = "23353"


def unit(db, code, period="2014"):
    return units_repo.find_unit(db, code, parse_period(period))


def save(db, code, period, *entries):
    return values_repo.save_entries(db, unit(db, code, period).id, period, list(entries), actor="test", origin="t")


def fill_hand_figures(db) -> None:
    """Figures a test can check by hand (Đắk Pék, 2014-H2 and 2014)."""
    save(db, PEK, "2014-H1", Entry("XMC_15_60", None, 1150, 1200), Entry("XMC_15_60", "nu", 560, 600),
         Entry("XMC_15_60", "dtts", None, None))
    save(db, PEK, "2014-H2",
         Entry("XMC_15_60", None, 1166795, 1193042), Entry("XMC_15_60", "nu", 570000, 590000),
         Entry("XMC_15_60", "dtts", 800000, 830000),
         Entry("LDNT_HOC_TTHTCD", None, 489, 978))
    save(db, PEK, "2014",
         Entry("XMC_15_60", None, 978, 1000), Entry("XMC_15_60", "nu", 470, 490),
         Entry("XMC_15_60", "dtts", None, None),
         Entry("PC_THCS", None, value=1), Entry("PC_TH_DDT", None, value=0),
         Entry("GIA_DINH_HIEU_HOC", None, value=1234))


def fill_sample(db, codes, periods) -> None:
    """Plausible figures (xhht_desktop.sample) for many units and periods."""
    for code in codes:
        for period in periods:
            u = unit(db, code, period)
            entries = sample_entries(u.code, u.level, parse_period(period))
            values_repo.save_entries(db, u.id, period, entries, actor="mẫu", origin="t", source="sample")


def communes_of(db, district_code, period="2014"):
    p = parse_period(period)
    return [u.code for u in units_repo.children(db, unit(db, district_code, period).id, p.end.isoformat())]


def department(db):
    return init_installation(db, "department", "62", "Trần Thị B", "Chuyên viên")
