"""The written sections of a report: what a person says about the figures, per unit and period."""

from __future__ import annotations

SECTIONS = (
    ("danh_gia_chung", "Đánh giá chung"),
    ("ton_tai_han_che", "Tồn tại, hạn chế"),
    ("kien_nghi_de_xuat", "Kiến nghị, đề xuất"),
    ("phuong_huong", "Phương hướng, nhiệm vụ kỳ tới"),
)
