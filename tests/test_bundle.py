"""What the bundle is made from: resources present, compiled translations current, version resource
valid. (The bundle itself is built and self-tested by `python tools/build.py`, run in .ci/run.)"""

from __future__ import annotations

import ast
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from xhht_desktop import __version__
from xhht_desktop.maintenance.selftest import missing_resources, run_self_test
from xhht_desktop.paths import resource_path

ROOT = Path(__file__).resolve().parent.parent


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_resource_the_bundle_needs_is_in_the_checkout():
    assert missing_resources() == []
    assert (ROOT / "resources" / "icons" / "app.ico").is_file()


def test_compiled_translation_matches_its_source():
    """The .qm must be rebuilt whenever the .ts changes (tools/translations.py release)."""
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "xhht_en.qm")))
    stale = []
    for context in ET.parse(resource_path("translations", "xhht_en.ts")).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            expected = message.findtext("translation") or ""
            if expected and translator.translate(name, message.findtext("source")) != expected:
                stale.append((name, message.findtext("source")))
    assert stale == []


def test_windows_version_resource_carries_the_app_version():
    build = _load_tool("build")
    path = ROOT / "resources" / "version_info.txt"
    assert path.read_text(encoding="utf-8") == build.VERSION_TEMPLATE.format(
        numbers=build.version_numbers(__version__), version=__version__), "run tools/build.py"
    # PyInstaller evaluates this text with its version classes; check it is a well-formed call tree.
    seen: dict[str, list] = {}

    def record(name):
        return lambda *args, **kwargs: seen.setdefault(name, []).append((args, kwargs)) or name

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    eval(compile(ast.parse(path.read_text(encoding="utf-8"), mode="eval"), str(path), "eval"),  # noqa: S307
         {n: record(n) for n in names})
    strings = dict(args for args, _ in seen["StringStruct"])
    assert strings["ProductVersion"] == __version__
    assert seen["FixedFileInfo"][0][1]["filevers"] == build.version_numbers(__version__)


def test_self_test_writes_a_pdf_and_an_xlsx(tmp_path):
    result = run_self_test(tmp_path / "st")
    assert result.pdf.read_bytes().startswith(b"%PDF") and result.xlsx.stat().st_size > 0
    assert any(s.startswith("kiểm tra dữ liệu") for s in result.steps)


def test_spec_builds_a_windowed_app_and_a_console_cli_sharing_one_folder():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    exes = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "EXE"]
    kinds = {next(k.value.value for k in e.keywords if k.arg == "name"):
             next(k.value.value for k in e.keywords if k.arg == "console") for e in exes}
    assert kinds == {"XHHT": False, "xhht-cli": True}
    collects = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "COLLECT"]
    assert len(collects) == 1
