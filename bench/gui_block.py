"""gui-block: how long the GUI thread stays away from the event loop in a Department's working session.

    python bench/gui_block.py DB PACKAGES_DIR [--root CODE]   # child: prints RESULT {...}
    (normally run through `python bench/run.py --scale province --only gui-block --json OUT`)

A scripted session, offscreen, on a copy of the Department's province database: open every page;
Sổ TTHTCĐ over "Tất cả các kỳ" (51,000 activities of 102 communes); sort by each column; filter
(search text, then a category); a merge of 100 packages while the Department's entry form is saved;
generate the consolidated report (PDF) and print it (to a PDF printer, through the page's own print
action with the print dialog answered). A heartbeat timer (5 ms) runs throughout; the longest gap
between two of its ticks, less its interval, is the longest time the GUI thread did not return to
the event loop: `max_block_ms`. The step it happened in is reported too.

`--root` puts another checkout's code first on the path (to measure the code before a change with
the same script).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEARTBEAT_MS = 5
PERIOD = "2020"


def province_batch(province_db: Path, out_dir: Path, packages: int = 100) -> tuple[Path, Path]:
    """The Department database (a copy of the province one, keys made, the communes' installations
    confirmed) and `packages` incremental packages of its communes for a new half-year. Cached."""
    sys.path.insert(0, str(HERE.parent))
    from bench import packages as pk
    from xhht_desktop.db.values_repo import RECORD_NAMESPACE
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync.tables import table_specs

    root = out_dir / f"gui-block-{province_db.stem}-{packages}"
    done = root / "done.json"
    if done.exists():
        return root / "department.sqlite3", root / "packages"
    shutil.rmtree(root, ignore_errors=True)
    (root / "packages").mkdir(parents=True)
    dept, insts, recipient = pk.department_ready(province_db, root / "department.sqlite3", packages)
    db = open_app_database(dept)
    specs = table_specs(db)
    db.conn.close()
    for inst in insts:
        # The year's figures (2021–2030 indicators are yearly) and the half-year's activities.
        tables = pk.period_rows(inst, pk.BATCH_PERIOD[:4], specs)
        half = pk.period_rows(inst, pk.BATCH_PERIOD, specs)
        tables["clc_activities"] = half.get("clc_activities", [])
        data, _m = pk.build_package_bytes(
            inst, tables, specs, [recipient], sequence=2, previous=pk.first_package_uuid(inst),
            package_uuid=str(uuid.uuid5(RECORD_NAMESPACE, f"bench-pkg|{inst.key}|2")))
        (root / "packages" / f"XHHT_{inst.code}_{pk.BATCH_PERIOD}_2.xhht").write_bytes(data)
    done.write_text(json.dumps({"packages": len(insts)}))
    return root / "department.sqlite3", root / "packages"


def child(db: str, packages_dir: str, code_root: str | None) -> int:
    sys.path.insert(0, str(Path(code_root).resolve()) if code_root else str(HERE.parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QDialog

    import ui.app as ui_app

    app = ui_app.make_application([sys.argv[0]]) if hasattr(ui_app, "make_application") \
        else QApplication([sys.argv[0]])
    from ui.widgets import messages

    # No modal box may stop the script: what would have been shown is recorded instead.
    said: list[str] = []
    for name in ("info", "warn", "error"):
        setattr(messages, name, lambda *a, _n=name, **k: said.append(f"{_n}: {a[1] if len(a) > 1 else ''}"))
    messages.confirm = lambda *a, **k: True
    if hasattr(messages, "ask_save_changes"):
        messages.ask_save_changes = lambda *a, **k: messages.SAVE

    work = Path(tempfile.mkdtemp(prefix="xhht-gui-block-"))
    ctx, window = ui_app.create_main_window(db)
    window.resize(1366, 768)
    window.show()

    # ---- the heartbeat ----------------------------------------------------------------------------
    clock = QElapsedTimer()
    clock.start()
    state = {"last": 0, "max": 0.0, "where": "", "step": "start", "gaps": []}

    def beat() -> None:
        now = clock.nsecsElapsed()
        if state["last"]:
            gap = (now - state["last"]) / 1e6 - HEARTBEAT_MS
            state["gaps"].append(gap)
            if gap > state["max"]:
                state["max"], state["where"] = gap, state["step"]
                seen = samples.get(state["last"])
                state["stack"] = seen.most_common(3) if seen else []
            if gap > 100:
                seen = samples.get(state["last"])
                state.setdefault("blocks", []).append(
                    (round(gap), state["step"], seen.most_common(1)[0][0] if seen else ""))
        state["last"] = now

    # A watchdog samples the GUI thread's stack while it is away from the event loop, so the
    # report says what the longest block was doing (sampled every 50 ms; the most frequent frames).
    import threading
    import traceback
    from collections import Counter

    gui_ident = threading.get_ident()
    samples: dict[int, Counter] = {}
    stop = threading.Event()

    def watchdog() -> None:
        woke = time.perf_counter()
        while not stop.wait(0.05):
            late = time.perf_counter() - woke - 0.05
            woke = time.perf_counter()
            if late > 0.08:  # this thread could not get the GIL: who had it (at the line it stopped)?
                frames = sys._current_frames()
                hog = []
                for ident, other in frames.items():
                    if ident == threading.get_ident():
                        continue
                    top = traceback.extract_stack(other)[-2:]
                    hog.append(" < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(top)))
                state.setdefault("gil", []).append((round(late * 1000), state["step"],
                                                    " | ".join(h for h in hog if "wait" not in h)[:400]))
            last = state["last"]
            if last and (clock.nsecsElapsed() - last) / 1e6 > 100:
                frames = sys._current_frames()
                frame = frames.get(gui_ident)
                if frame is not None:
                    stack = traceback.extract_stack(frame)
                    ours = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in stack
                            if "site-packages" not in f.filename and "/lib/python" not in f.filename][-6:]
                    text = " < ".join(reversed(ours))
                    if len(ours) <= 2:  # the GUI thread is in Qt's C++ (or waits for the GIL): who runs?
                        others = []
                        for ident, other in frames.items():
                            if ident in (gui_ident, threading.get_ident()):
                                continue
                            top = traceback.extract_stack(other)[-3:]
                            others.append(" < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                                                     for f in reversed(top)))
                        text += " || others: " + " | ".join(o for o in others if "wait" not in o)[:300]
                    samples.setdefault(last, Counter())[text] += 1

    threading.Thread(target=watchdog, daemon=True).start()

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.timeout.connect(beat)
    heart.start(HEARTBEAT_MS)

    # ---- the session --------------------------------------------------------------------------------
    def idle() -> bool:
        return getattr(ctx, "idle", lambda: True)()

    def no_task(page, *names) -> bool:
        return all(getattr(page, n, None) is None for n in names)

    printed = work / "printed.pdf"

    class AnsweredPrintDialog:
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setWindowTitle(self, _title):  # noqa: N802 - Qt's name
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

    from ui.dialogs import report_print
    report_print.QPrintDialog = AnsweredPrintDialog
    if hasattr(report_print, "FrameDialog"):  # the paper's frame (number, date, signer): as it is
        report_print.FrameDialog.exec = lambda self: QDialog.DialogCode.Accepted

    def session():
        from xhht_desktop.domain.periods import parse_period

        ctx.set_period(parse_period(PERIOD))  # a year the province reports (Kon Tum ends in 2025)
        yield idle
        for spec in list(window.specs):
            state["step"] = f"open {spec.class_name}"
            window.open_page(spec.class_name)
            yield idle
        clc = window.open_page("ClcPage")
        state["step"] = "CLC log: Tất cả các kỳ"
        clc.period_filter.setCurrentIndex(0)
        yield lambda: idle() and not getattr(clc, "loading", False)
        rows = clc.model.rowCount() if hasattr(clc.model, "accepted_count") else clc.proxy.rowCount()
        shown = clc.model.accepted_count() if hasattr(clc.model, "accepted_count") else clc.proxy.rowCount()
        state["clc_rows"] = shown
        for column in range(clc.model.columnCount()):
            if clc.table.isColumnHidden(column):
                continue
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                state["step"] = f"CLC sort column {column} {order.name}"
                clc.table.sortByColumn(column, order)
                yield idle
        state["step"] = "CLC filter: search"
        clc.search.setFocus()
        clc.search.setText("tap huan")
        yield 400
        state["step"] = "CLC filter: category"
        clc.category_filter.setCurrentIndex(1)
        yield idle
        clc.category_filter.setCurrentIndex(0)
        clc.search.clear()
        yield 400
        del rows

        merge = window.open_page("MergePage")
        state["step"] = "merge 100 packages: start"
        merge.add_paths([packages_dir])
        merge.run_merge(dry_run=False)
        yield 300  # the merge is under way
        state["step"] = "entry form saved during the merge"
        entry = window.open_page("EntryPage")
        pairs = [(r.numerator, r.denominator) for r in getattr(entry, "rows", {}).values()
                 if getattr(r, "numerator", None) is not None and getattr(r, "denominator", None) is not None
                 and r.denominator.text().strip()]
        if pairs:  # a valid edit: the numerator becomes the denominator (all of them reached)
            pairs[0][0].setText(pairs[0][1].text())
        state["saved"] = bool(entry.save())
        state["step"] = "merge 100 packages: until done"
        yield lambda: no_task(merge, "task") and idle()
        report = getattr(merge, "report", None)
        state["merged"] = len(report.packages) if report is not None else 0

        reports = window.open_page("ReportsPage")
        state["step"] = "reports: choose the consolidated PDF"
        reports.kind.setCurrentIndex(max(0, reports.kind.findData("consolidated")))
        index = reports.period.findData(PERIOD)
        if index >= 0:
            reports.period.setCurrentIndex(index)
        reports.format.setCurrentIndex(max(0, reports.format.findData("pdf")))
        yield idle
        state["step"] = "reports: generate"
        reports.generate()
        yield lambda: no_task(reports, "task") and idle()
        state["report_pages"] = reports.document.pageCount()
        state["step"] = "reports: print"
        reports.print_current()
        yield lambda: no_task(reports, "print_task") and idle()
        yield 100
        state["printed"] = printed.exists() and printed.stat().st_size > 0

    steps = session()
    started = time.perf_counter()

    def advance() -> None:
        try:
            wait = next(steps)
        except StopIteration:
            finish()
            return
        if isinstance(wait, int):
            QTimer.singleShot(wait, advance)
        else:
            poll(wait)

    def poll(cond) -> None:
        if cond():
            QTimer.singleShot(20, advance)  # let what the step caused settle and be measured
        else:
            QTimer.singleShot(20, lambda: poll(cond))

    def finish() -> None:
        heart.stop()
        stop.set()
        gaps = sorted(state["gaps"])
        result = {
            "max_block_ms": round(state["max"], 1), "where": state["where"],
            "p99_block_ms": round(gaps[int(len(gaps) * 0.99)] if gaps else 0.0, 1),
            "session_s": round(time.perf_counter() - started, 1), "clc_rows": state.get("clc_rows"),
            "merged": state.get("merged"), "saved_during_merge": state.get("saved"),
            "report_pages": state.get("report_pages"), "printed": state.get("printed"),
            "messages": said[:10], "longest_block_stack": state.get("stack", []),
            "blocks_over_100ms": state.get("blocks", [])[:40], "gil_held_over_80ms": state.get("gil", [])[:20],
        }
        print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
        window.hide()
        app.quit()

    QTimer.singleShot(0, advance)
    app.exec()
    return 0


def measure(province_db: Path, out_dir: Path, *, code_root: Path | None = None, timeout: int = 1800) -> dict:
    """Run the session in a child process on a fresh copy of the Department database."""
    import subprocess

    dept, packages_dir = province_batch(province_db, out_dir)
    with tempfile.TemporaryDirectory(prefix="xhht-gui-block-db-") as tmp:
        db = Path(tmp) / "department.sqlite3"
        src = sqlite3.connect(str(dept))
        dst = sqlite3.connect(str(db))
        src.backup(dst)
        src.close()
        dst.close()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XHHT_NO_FIRST_RUN_DIALOGS="1")
        cmd = [sys.executable, str(HERE / "gui_block.py"), str(db), str(packages_dir)]
        if code_root is not None:
            cmd += ["--root", str(code_root)]
        t = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                                  cwd=str(code_root or HERE.parent))
        except subprocess.TimeoutExpired:
            return {"error": f"gui-block: not done within {timeout} s"}
        for line in proc.stdout.splitlines():
            if line.startswith("RESULT "):
                data = json.loads(line[7:])
                data["wall"] = time.perf_counter() - t
                return data
        return {"error": (proc.stderr or proc.stdout)[-2000:]}


if __name__ == "__main__":
    args = sys.argv[1:]
    root = None
    if "--root" in args:
        i = args.index("--root")
        root = args[i + 1]
        del args[i:i + 2]
    sys.exit(child(args[0], args[1], root))
