"""Plausible synthetic content beyond `xhht_desktop.sample`: activity-log entries of a community
learning centre, deterministic per unit and period (seeded), for benchmarks and stress tests."""

from __future__ import annotations

import datetime as dt
import random

from xhht_desktop.domain.periods import Period

TITLES = {
    "literacy": ["Lớp xóa mù chữ mức độ 1", "Lớp sau biết chữ", "Ôn tập chữ viết cho người lớn"],
    "agri_tech": ["Kỹ thuật trồng cà phê xen canh", "Chăn nuôi bò nhốt chuồng", "Trồng sâm dây",
                  "Phòng bệnh cho heo", "Ghép cà phê"],
    "law_policy": ["Tuyên truyền Luật Hôn nhân và Gia đình", "Phổ biến Luật Đất đai", "Chính sách vay vốn"],
    "health": ["Phòng chống sốt rét", "Nước sạch và vệ sinh", "Dinh dưỡng trẻ em", "Dân số - KHHGĐ"],
    "vocational": ["Dạy nghề đan lát", "Dạy nghề may", "Sửa chữa máy nông nghiệp"],
    "it_language": ["Tin học cơ bản", "Sử dụng điện thoại thông minh", "Tiếng Việt giao tiếp"],
    "culture": ["Đọc sách tại thư viện thôn", "Cồng chiêng", "Hội thi văn nghệ"],
    "life_skills": ["Kỹ năng phòng tránh đuối nước", "Kỹ năng làm cha mẹ", "An toàn giao thông"],
}
FORMATS = ["class", "topic", "talk", "study_tour", "contest", "club"]
PARTNERS = ["Trạm Khuyến nông", "Trạm Y tế xã", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Đoàn Thanh niên", ""]


def sample_activities(unit_code: str, period: Period, count: int = 25) -> list[dict]:
    """`count` activities dated inside a half-year `period` (for a year: its first half), as field dicts
    ready for `xhht_desktop.clc.domain.Activity(**d)`."""
    rng = random.Random(f"clc|{unit_code}|{period.code}")
    start = period.start
    days = (period.end - start).days if not period.is_year else 180
    out = []
    for i in range(count):
        cat = rng.choice(list(TITLES))
        fmt = rng.choice(FORMATS)
        sessions = rng.randint(1, 12) if fmt == "class" else 1
        people = rng.randint(12, 60)
        visits = people * sessions
        women = int(visits * rng.uniform(0.3, 0.7))
        dtts = int(visits * rng.uniform(0.4, 0.9))
        rural = int(visits * rng.uniform(0.3, 0.8))
        out.append({
            "date": start + dt.timedelta(days=rng.randint(0, days)),
            "title": f"{rng.choice(TITLES[cat])} (đợt {i + 1})",
            "category": cat,
            "format": fmt,
            "sessions": sessions,
            "visits": visits,
            "women": women,
            "ethnic_minority": dtts,
            "rural_workers": rural,
            "learners": people,
            "rural_workers_new": min(people, rural, rng.randint(0, people)),
            "partner": rng.choice(PARTNERS),
            "cost": rng.choice([None, 0, 500_000, 1_500_000, 3_000_000]),
            "funding": rng.choice(["", "Ngân sách xã", "Hội Khuyến học"]),
        })
    return out
