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


def _when(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%H:%M ngày %d/%m/%Y")
    except ValueError:
        return iso


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{format_int(counts.get(k, 0))} {COUNT_LABELS_VI[k]}" for k in COUNT_KEYS if counts.get(k))


def title(report: MergeReport) -> str:
    return "KẾT QUẢ KIỂM TRA GÓI ĐỒNG BỘ (CHƯA NHẬP)" if report.dry_run else "BIÊN NHẬN NHẬP GÓI ĐỒNG BỘ"


def summary_lines(report: MergeReport) -> list[str]:
    labels = DRY_RUN_LABELS_VI if report.dry_run else STATUS_LABELS_VI
    sc = report.status_counts
    lines = [f"{labels[s]}: {format_int(n)} gói" for s, n in sc.items() if n]
    rc = _counts_text(report.record_counts)
    if rc:
        lines.append(f"Bản ghi: {rc}")
    if report.cancelled:
        lines.append(f"Đã dừng theo yêu cầu; {len(report.not_processed)} tệp chưa xử lý.")
    return lines


def receipt_text(report: MergeReport, lang: str = M.DEFAULT) -> str:
    """The receipt as plain text; `lang` words the packages' reasons, problems and warnings (the CLI's
    --lang); the frame is the Vietnamese paper's."""
    labels = DRY_RUN_LABELS_VI if report.dry_run else STATUS_LABELS_VI
    out = [title(report), f"Lúc {_when(report.finished_at or report.started_at)} – người thực hiện: {report.actor}", ""]
    out += summary_lines(report)
    out.append("")
    for i, p in enumerate(report.packages, 1):
        who = f"{p.unit_name} ({p.unit_code})" if p.unit_code else "không rõ đơn vị"
        seq = f", gói số {p.sequence}" if p.sequence else ""
        out.append(f"{i}. {p.file} – {who}{seq} – {labels[p.status]}")
        if p.fingerprint:
            out.append(f"   Máy gửi: {p.fingerprint}")
        if p.reason:
            out.append(f"   {M.words(p.reason, lang)}")
        counts = _counts_text(p.counts)
        if counts and p.status != "rejected":
            out.append(f"   Bản ghi: {counts}")
        for problem in p.problems:
            out.append(f"   Lỗi: {M.words(problem, lang)}")
        for warning in p.warnings:
            out.append(f"   Lưu ý: {M.words(warning, lang)}")
    if report.gaps:
        out += ["", "Gói còn thiếu:"] + [f"- {g}" for g in report.gaps]
    if report.not_processed:
        out += ["", "Chưa xử lý:"] + [f"- {n}" for n in report.not_processed]
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
