import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "xhht_desktop"


def test_core_never_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "shiboken6", "ui") for n in names):
                offenders.append(f"{path.relative_to(CORE.parent)}:{node.lineno}")
    assert offenders == [], f"core modules import Qt or the UI: {offenders}"


def test_architecture_check_detects_an_offender(tmp_path, monkeypatch):
    # The check above must be able to fail: plant a Qt import and run it against that tree.
    fake = tmp_path / "xhht_desktop"
    fake.mkdir()
    (fake / "bad.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "CORE", fake)
    try:
        test_core_never_imports_qt()
    except AssertionError as exc:
        assert "bad.py" in str(exc)
    else:
        raise AssertionError("the architecture test did not notice a PySide6 import")
