"""Time from starting a process to the first paint of its main window: the app on a database, or a
bare PySide6 QMainWindow started the same way (same interpreter, same platform plugin).

    python bench/gui_probe.py app DB     # prints RESULT {"seconds": …} and exits
    python bench/gui_probe.py content DB # … when the first page shows its content
    python bench/gui_probe.py bare

The clock starts in the parent just before the child is spawned (XHHT_T0), so interpreter start-up
and imports count for both. The app is started through `ui.app.run`, the function `main.py` calls;
the probe only adds an event filter (installed when the application object is made) that quits at
the first Paint event of a QMainWindow. In `content` mode it quits instead when the window says its
first page shows its content (`MainWindow.after_content_shown`: painted, with the figures a worker
computes when the page has one) - what the official came for, not the empty frame.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _watch(app, t0: float) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Paint and obj.isWidgetType() \
                    and isinstance(obj.window(), QMainWindow) and obj.window().isVisible():
                self.done = True
                seconds = time.time() - t0
                from bench.common import vm_hwm_mb
                print("RESULT " + json.dumps({"seconds": seconds, "peak_mb": vm_hwm_mb()}), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    app._first_paint = FirstPaint()
    app.installEventFilter(app._first_paint)


def child(mode: str, db: str | None) -> int:
    t0 = float(os.environ["XHHT_T0"])
    sys.path.insert(0, str(HERE.parent))
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
        app = QApplication([sys.argv[0]])
        _watch(app, t0)
        w = QMainWindow()
        w.setCentralWidget(QLabel("XHHT"))
        w.resize(1280, 800)
        w.show()
        return app.exec()
    import ui.app as ui_app
    if mode == "content":
        from ui.main_window import MainWindow
        real_attach = MainWindow.attach

        def attach(self, *args, **kwargs):
            out = real_attach(self, *args, **kwargs)

            def shown() -> None:
                from PySide6.QtWidgets import QApplication

                from bench.common import vm_hwm_mb
                print("RESULT " + json.dumps({"seconds": time.time() - t0, "peak_mb": vm_hwm_mb()}), flush=True)
                QApplication.instance().quit()

            self.after_content_shown(shown)
            return out

        MainWindow.attach = attach
        return ui_app.run(["--db", db])
    real = ui_app.make_application

    def make_application(argv):
        app = real(argv)
        _watch(app, t0)
        return app

    ui_app.make_application = make_application
    return ui_app.run(["--db", db])


def measure(mode: str, db: Path | None = None, timeout: int = 120) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XHHT_NO_FIRST_RUN_DIALOGS="1")
    env["XHHT_T0"] = repr(time.time())
    cmd = [sys.executable, str(HERE / "gui_probe.py"), mode] + ([str(db)] if db else [])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=str(HERE.parent))
    except subprocess.TimeoutExpired:
        return {"error": f"{mode}: no paint within {timeout} s"}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    return {"error": f"{mode}: exit {proc.returncode}: {proc.stderr[-800:]}"}


if __name__ == "__main__":
    sys.exit(child(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
