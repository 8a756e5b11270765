"""The translation checker (tools/translations.py missing) sees every user-visible string — lupdate's,
dict-literal labels, the core's label tables and the catalogue texts the interface shows — and CI
fails (this test) when one has no English."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nothing_is_missing():
    tool = _tool()
    assert tool.missing("en") == []
    ts = (ROOT / "resources" / "translations" / "xhht_en.ts").read_text(encoding="utf-8")
    assert "<name />" not in ts  # every message has the context Qt looks it up in (fix_contexts)


def test_the_command_fails_when_something_is_missing(tmp_path):
    tool = _tool()
    # A dict literal with a Vietnamese label that lupdate cannot see is found …
    sample = tmp_path / "page.py"
    sample.write_text('LABELS = {"a": "Phiếu theo dõi", "b": QT_TRANSLATE_NOOP("X", "Đã đánh dấu")}\n'
                      'NAMES = {"vi": "Tiếng Việt"}  # i18n: own name\n'
                      'SPANS = {"4 kỳ gần nhất": 4}\n', encoding="utf-8")
    found = tool.unmarked_labels([sample])
    assert [(line, text) for _f, line, text in found] == [(1, "Phiếu theo dõi"), (3, "4 kỳ gần nhất")]
    # … the core's label tables the interface names are checked against the .ts …
    tables = tool.core_tables_shown()
    assert "xhht_desktop.clc.domain.CATEGORY_LABELS_VI" in tables and "xhht_desktop.sync.export.TABLE_LABELS_VI" in tables
    # … and the command's exit code is what CI reads.
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "missing"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
