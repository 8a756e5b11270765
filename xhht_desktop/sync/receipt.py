"""The receipt of a merge, as plain text and as printable HTML (the UI prints the HTML)."""

from __future__ import annotations

import datetime as dt
import html

from xhht_desktop import messages as M
from xhht_desktop.domain.values import format_int
from xhht_desktop.sync.merge import (
    COUNT_KEYS,
    COUNT_LABELS_VI,
    DRY_RUN_LABELS_VI,
    STATUS_LABELS_VI,
    MergeReport,
)


# The receipt on the command line in English (`xhht --lang en merge`); the printed paper (HTML) and
# the default text stay Vietnamese.
STATUS_LABELS_EN = {"imported": "Imported", "duplicate": "Duplicate – imported before",
                    "conflict": "Imported, with conflicts", "held": "Awaiting confirmation of the sender",
                    "rejected": "Rejected"}
DRY_RUN_LABELS_EN = {"imported": "Would be imported", "duplicate": "Duplicate – imported before",
                     "conflict": "Would be imported, with conflicts",
                     "held": "Would await confirmation of the sender", "rejected": "Would be rejected"}
COUNT_LABELS_EN = {"new": "new", "updated": "updated", "unchanged": "unchanged", "older": "older (skipped)",
                   "conflicts": "conflicts", "deleted": "deleted"}
_WORDS = {
    "title_dry": ("KẾT QUẢ KIỂM TRA GÓI ĐỒNG BỘ (CHƯA NHẬP)", "CHECK OF SYNC PACKAGES (NOT IMPORTED)"),
    "title": ("BIÊN NHẬN NHẬP GÓI ĐỒNG BỘ", "RECEIPT OF IMPORTED SYNC PACKAGES"),
    "at": ("Lúc {when} – người thực hiện: {actor}", "At {when} – by: {actor}"),
    "packages": ("{label}: {n} gói", "{label}: {n} packages"),
    "records": ("Bản ghi: {counts}", "Records: {counts}"),
    "cancelled": ("Đã dừng theo yêu cầu; {n} tệp chưa xử lý.", "Stopped on request; {n} files not processed."),
    "unknown_unit": ("không rõ đơn vị", "unit unknown"),
    "sequence": (", gói số {n}", ", package no. {n}"),
    "sender": ("   Máy gửi: {fp}", "   Sending installation: {fp}"),
    "problem": ("   Lỗi: {text}", "   Problem: {text}"),
    "warning": ("   Lưu ý: {text}", "   Note: {text}"),
    "gaps": ("Gói còn thiếu:", "Packages still missing:"),
    "not_processed": ("Chưa xử lý:", "Not processed:"),
}


def _w(key: str, lang: str, **params) -> str:
    vi, en = _WORDS[key]
    return (en if lang == "en" else vi).format(**params)


def _when(iso: str, lang: str = M.DEFAULT) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%H:%M %d/%m/%Y" if lang == "en" else "%H:%M ngày %d/%m/%Y")
    except ValueError:
        return iso


def _counts_text(counts: dict[str, int], lang: str = M.DEFAULT) -> str:
    labels = COUNT_LABELS_EN if lang == "en" else COUNT_LABELS_VI
    return ", ".join(f"{format_int(counts.get(k, 0))} {labels[k]}" for k in COUNT_KEYS if counts.get(k))


def _status_labels(report: MergeReport, lang: str) -> dict[str, str]:
    if lang == "en":
        return DRY_RUN_LABELS_EN if report.dry_run else STATUS_LABELS_EN
    return DRY_RUN_LABELS_VI if report.dry_run else STATUS_LABELS_VI


def title(report: MergeReport, lang: str = M.DEFAULT) -> str:
    return _w("title_dry" if report.dry_run else "title", lang)


def summary_lines(report: MergeReport, lang: str = M.DEFAULT) -> list[str]:
    labels = _status_labels(report, lang)
    sc = report.status_counts
    lines = [_w("packages", lang, label=labels[s], n=format_int(n)).replace(" 1 packages", " 1 package")
             for s, n in sc.items() if n]
    rc = _counts_text(report.record_counts, lang)
    if rc:
        lines.append(_w("records", lang, counts=rc))
    if report.cancelled:
        lines.append(_w("cancelled", lang, n=len(report.not_processed)))
    return lines


def receipt_text(report: MergeReport, lang: str = M.DEFAULT) -> str:
    """The receipt as plain text; `lang` "en" for the command line in English (the reasons worded by
    their codes, xhht_desktop/messages.py)."""
    labels = _status_labels(report, lang)
    out = [title(report, lang), _w("at", lang, when=_when(report.finished_at or report.started_at, lang),
                                   actor=report.actor), ""]
    out += summary_lines(report, lang)
    out.append("")
    for i, p in enumerate(report.packages, 1):
        who = f"{p.unit_name} ({p.unit_code})" if p.unit_code else _w("unknown_unit", lang)
        seq = _w("sequence", lang, n=p.sequence) if p.sequence else ""
        out.append(f"{i}. {p.file} – {who}{seq} – {labels[p.status]}")
        if p.fingerprint:
            out.append(_w("sender", lang, fp=p.fingerprint))
        if p.reason:
            out.append(f"   {M.words(p.reason, lang)}")
        counts = _counts_text(p.counts, lang)
        if counts and p.status != "rejected":
            out.append("   " + _w("records", lang, counts=counts))
        for problem in p.problems:
            out.append(_w("problem", lang, text=M.words(problem, lang)))
        for warning in p.warnings:
            out.append(_w("warning", lang, text=M.words(warning, lang)))
    if report.gaps:
        out += ["", _w("gaps", lang)] + [f"- {M.words(g, lang)}" for g in report.gaps]
    if report.not_processed:
        out += ["", _w("not_processed", lang)] + [f"- {n}" for n in report.not_processed]
    return "\n".join(out) + "\n"


def receipt_html(report: MergeReport) -> str:
    """A4-printable HTML (Times-metric font), one table row per package."""
    labels = DRY_RUN_LABELS_VI if report.dry_run else STATUS_LABELS_VI
    e = html.escape
    rows = []
    for i, p in enumerate(report.packages, 1):
        details = [e(p.reason)] if p.reason else []
        details += [f"<b>Lỗi:</b> {e(x)}" for x in p.problems]
        details += [f"<i>Lưu ý:</i> {e(x)}" for x in p.warnings]
        counts = _counts_text(p.counts) if p.status != "rejected" else ""
        rows.append(
            f"<tr><td align='center'>{i}</td><td>{e(p.file)}</td>"
            f"<td>{e(p.unit_name)}<br/><small>{e(p.unit_code)}</small></td>"
            f"<td>{e(p.fingerprint)}<br/><small>gói số {p.sequence or ''}</small></td>"
            f"<td><b>{e(labels[p.status])}</b></td><td>{e(counts)}</td>"
            f"<td>{'<br/>'.join(details)}</td></tr>")
    gaps = "".join(f"<li>{e(g)}</li>" for g in report.gaps)
    summary = "".join(f"<li>{e(s)}</li>" for s in summary_lines(report))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{e(title(report))}</title>
<style>
 body {{ font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 12pt; }}
 @page {{ size: A4 landscape; margin: 20mm 15mm 20mm 25mm; }}
 h1 {{ font-size: 14pt; text-align: center; }}
 table {{ border-collapse: collapse; width: 100%; }}
 th, td {{ border: 1px solid #000; padding: 3px 5px; vertical-align: top; font-size: 10.5pt; }}
 th {{ background: #eee; }}
</style></head><body>
<p><b>SỞ GIÁO DỤC VÀ ĐÀO TẠO</b></p>
<h1>{e(title(report))}</h1>
<p style="text-align:center"><i>Lúc {e(_when(report.finished_at or report.started_at))} – người thực hiện:
 {e(report.actor)}</i></p>
<ul>{summary}</ul>
<table>
<tr><th>STT</th><th>Tệp</th><th>Đơn vị gửi</th><th>Máy gửi</th><th>Kết quả</th><th>Bản ghi</th><th>Ghi chú</th></tr>
{''.join(rows)}
</table>
{f'<h2 style="font-size:12pt">Gói còn thiếu</h2><ul>{gaps}</ul>' if gaps else ''}
<p style="margin-top:24pt; text-align:right"><b>Người nhập</b><br/><i>(Ký, ghi rõ họ tên)</i><br/><br/><br/>
{e(report.actor)}</p>
</body></html>
"""
