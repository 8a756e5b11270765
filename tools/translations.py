"""Interface translations: Vietnamese source strings in ui/ → resources/translations/xhht_en.ts → .qm.

    python tools/translations.py update    # pyside6-lupdate over ui/, then fill from the glossary
    python tools/translations.py release   # pyside6-lrelease: .ts → .qm (the build runs this)
    python tools/translations.py missing   # list strings with no English yet

The glossary `resources/translations/en_glossary.tsv` (source<TAB>English, "\\n" for a line break)
fills translations that are still empty in the .ts; a translation already in the .ts (e.g. edited
in Qt Linguist) is kept.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def _tool(name: str) -> str:
    exe_dir = Path(sys.executable).parent
    for candidate in (exe_dir / name, exe_dir / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6-Essentials)")
    return found


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"xhht_{lang}.ts"


def glossary(lang: str) -> dict[str, str]:
    path = TRANSLATIONS / f"{lang}_glossary.tsv"
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, _, target = line.partition("\t")
        out[source.replace("\\n", "\n")] = target.replace("\\n", "\n")
    return out


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py") if "__pycache__" not in p.parts)


def fill(lang: str) -> tuple[int, list[tuple[str, str]]]:
    """Fill empty translations from the glossary; return (filled, still missing)."""
    path = ts_path(lang)
    tree = ET.parse(path)
    words = glossary(lang)
    filled, missing = 0, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            if translation.text and translation.get("type") != "unfinished":
                continue  # translated (perhaps by hand in Qt Linguist): keep
            if source in words:
                translation.text = words[source]
                translation.attrib.pop("type", None)
                filled += 1
            else:
                missing.append((name, source))
    ET.indent(tree, space="    ")
    with path.open("wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
    return filled, missing


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-source-language", "vi",
                        "-target-language", lang, "-ts", str(ts_path(lang))], cwd=ROOT, check=True)
        filled, missing = fill(lang)
        print(f"{lang}: {filled} filled from the glossary, {len(missing)} still without a translation")


def release() -> list[Path]:
    out = []
    for lang in LANGUAGES:
        qm = ts_path(lang).with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts_path(lang)), "-qm", str(qm)],
                       cwd=ROOT, check=True)
        out.append(qm)
        print(qm)
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "missing":
        for lang in LANGUAGES:
            for context, source in fill(lang)[1]:
                print(f"{lang}\t{context}\t{source!r}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
