""""Dữ liệu mẫu" for the TTHTCĐ log: a plausible centre and a few activities a month.

Deterministic (seeded by unit code and month) so screenshots and tests repeat. Recorded with the
actor "Dữ liệu mẫu" and history source "sample", like the indicator sample data.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity, Centre
from xhht_desktop.db import units_repo

SAMPLE_ACTOR = "Dữ liệu mẫu"
VILLAGES = ("Thôn Đắk Ung", "Thôn Kon Riêng", "Thôn Đắk Tung", "Thôn Peng Sal")
# (title, category, format, partner, sessions range, learners range, women share, ethnic share,
#  rural share, cost range in thousand đồng, funding)
TEMPLATES = (
    ("Lớp xóa mù chữ {village}", "literacy", "class", "Hội Liên hiệp Phụ nữ", (20, 40), (15, 30), .6, .97, .9,
     (2000, 6000), "Ngân sách huyện"),
    ("Lớp giáo dục sau biết chữ {village}", "literacy", "class", "Trường Tiểu học", (15, 30), (12, 25), .55, .97, .9,
     (1500, 4000), "Ngân sách huyện"),
    ("Tập huấn kỹ thuật trồng và chăm sóc cà phê", "agri_tech", "topic", "Trạm Khuyến nông", (1, 2), (30, 70), .4, .9,
     .95, (0, 1500), "Đơn vị phối hợp"),
    ("Kỹ thuật trồng sâm Ngọc Linh dưới tán rừng", "agri_tech", "topic", "Trạm Khuyến nông", (1, 3), (20, 50), .35,
     .9, .95, (0, 2000), "Chương trình mục tiêu quốc gia"),
    ("Phòng trừ sâu bệnh hại lúa nước", "agri_tech", "talk", "Hội Nông dân", (1, 1), (25, 60), .45, .9, .95,
     (0, 0), ""),
    ("Tuyên truyền Luật Hôn nhân và gia đình", "law_policy", "talk", "Tư pháp xã", (1, 1), (40, 90), .55, .9, .8,
     (0, 500), "Ngân sách xã"),
    ("Phổ biến chính sách vay vốn hộ nghèo", "law_policy", "talk", "Hội Nông dân", (1, 1), (30, 70), .5, .9, .85,
     (0, 0), ""),
    ("Nói chuyện phòng chống sốt xuất huyết", "health", "talk", "Trạm Y tế xã", (1, 1), (35, 80), .6, .9, .8,
     (0, 300), "Ngân sách xã"),
    ("Chăm sóc sức khỏe bà mẹ và trẻ em", "health", "topic", "Trạm Y tế xã", (1, 2), (20, 45), .95, .95, .8,
     (0, 500), "Ngân sách xã"),
    ("Lớp dạy nghề đan lát truyền thống", "vocational", "class", "Trung tâm GDNN-GDTX huyện", (10, 20), (15, 25), .3,
     .97, .95, (3000, 8000), "Chương trình mục tiêu quốc gia"),
    ("Hướng dẫn dùng điện thoại thông minh, dịch vụ công trực tuyến", "it_language", "topic", "Đoàn Thanh niên",
     (1, 2), (20, 40), .5, .8, .7, (0, 500), "Ngân sách xã"),
    ("Sinh hoạt câu lạc bộ cồng chiêng", "culture", "club", "Phòng Văn hóa - Thông tin", (1, 1), (25, 45), .4, 1.0,
     .85, (0, 0), ""),
    ("Ngày hội đọc sách", "culture", "contest", "Hội Khuyến học", (1, 1), (60, 150), .55, .85, .6, (500, 2000),
     "Xã hội hóa"),
    ("Kỹ năng phòng chống đuối nước cho thanh thiếu niên", "life_skills", "talk", "Đoàn Thanh niên", (1, 1),
     (30, 70), .5, .9, .3, (0, 300), "Ngân sách xã"),
)


def sample_activities(unit_code: str, year: int, month: int) -> list[Activity]:
    """The sample activities of one month (3 to 6 of them)."""
    rng = random.Random(f"clc|{unit_code}|{year}-{month:02d}")
    out = []
    days = sorted(rng.sample(range(1, 28), rng.randint(3, 6)))
    for day in days:
        (title, cat, fmt, partner, (s0, s1), (l0, l1), w, e, r, (c0, c1), funding) = rng.choice(TEMPLATES)
        village = rng.choice(VILLAGES)
        sessions = rng.randint(s0, s1)
        learners = rng.randint(l0, l1)
        visits = learners * sessions if sessions > 1 else learners
        if sessions > 1:
            visits -= rng.randint(0, sessions * 2)  # some miss a session
        visits = max(visits, learners)
        rural = int(visits * r)
        # Early in the year most rural learners are new to the centre; later fewer.
        new_share = max(0.1, 0.9 - 0.07 * (month - 1))
        rural_people = int(learners * r)
        cost = rng.randint(c0, c1) * 1000 if c1 else None
        out.append(Activity(
            date=dt.date(year, month, day), title=title.format(village=village), category=cat, format=fmt,
            sessions=sessions, visits=visits, women=int(visits * w), ethnic_minority=int(visits * e),
            rural_workers=rural, learners=learners, rural_workers_new=int(rural_people * new_share),
            place=village if "{village}" in title or rng.random() < 0.4 else "", partner=partner,
            end_date=dt.date(year, month, day) + dt.timedelta(days=sessions * 3) if fmt == "class" else None,
            cost=cost, funding=funding if cost else "",
        ))
    return out


def fill_sample_log(db: sqlite_utils.Database, unit_id: int, *, origin: str, first_year: int = 2014,
                    until: dt.date | None = None) -> int:
    """A sample centre and log for a commune, month by month up to `until` (default today)."""
    unit = units_repo.get_unit(db, unit_id)
    if unit.level != "xa":
        return 0
    until = until or dt.date.today()
    if repo.get_centre(db, unit_id) is None:
        repo.save_centre(db, unit_id, Centre(name=repo.default_centre_name(unit), director="A Thuyên",
                                             decision_no="125/QĐ-UBND", decision_date=dt.date(2008, 9, 3),
                                             combined_culture=True, branches=list(VILLAGES)),
                         actor=SAMPLE_ACTOR, origin=origin, source="sample")
    written = 0
    with db.atomic():
        for year in range(first_year, until.year + 1):
            for month in range(1, 13):
                if dt.date(year, month, 1) > until:
                    break
                for a in sample_activities(unit.code, year, month):
                    if a.date > until or not unit.valid_on(a.date.isoformat()):
                        continue
                    repo.add_activity(db, unit_id, a, actor=SAMPLE_ACTOR, origin=origin, source="sample")
                    written += 1
    return written
