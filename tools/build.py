"""Build the bundle and prove it works: `python tools/build.py` (Linux and Windows).

Steps: compile the translations (.ts → .qm), write the Windows version resource from
xhht_desktop.__version__, run PyInstaller on build.spec (dist/XHHT/: XHHT + xhht-cli sharing one
_internal folder), then run the bundle's self-tests — `xhht-cli self-test` and `XHHT --self-test`
(offscreen; temporary database, one PDF, one XLSX) — and print the size and timings.

    python tools/build.py                 # everything
    python tools/build.py --no-build      # only the self-tests of an existing dist/XHHT
    python tools/build.py --no-self-test  # only build
    python tools/build.py --clean         # PyInstaller --clean (slower; after dependency changes)

Exit code 0 only when the build and both self-tests succeeded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "XHHT"
WINDOWS = sys.platform == "win32"
sys.path.insert(0, str(ROOT))

VERSION_TEMPLATE = """# UTF-8
# Windows version resource of XHHT.exe and xhht-cli.exe; written by tools/build.py from
# xhht_desktop.__version__ (edit the version there, not here).
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '042a04b0',
        [StringStruct('CompanyName', 'XHHT Desktop'),
         StringStruct('FileDescription', 'XHHT Desktop – Xây dựng xã hội học tập tỉnh Kon Tum (KH 2780/KH-UBND)'),
         StringStruct('FileVersion', '{version}'),
         StringStruct('ProductName', 'XHHT Desktop'),
         StringStruct('ProductVersion', '{version}'),
         StringStruct('LegalCopyright', 'Phông chữ: SIL Open Font License')])
    ]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    parts = [int("".join(ch for ch in p if ch.isdigit()) or 0) for p in version.split(".")[:4]]
    return tuple(parts + [0] * (4 - len(parts)))  # type: ignore[return-value]


def write_version_info() -> Path:
    from xhht_desktop import __version__

    out = ROOT / "resources" / "version_info.txt"
    text = VERSION_TEMPLATE.format(numbers=version_numbers(__version__), version=__version__)
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return out


def step(title: str) -> float:
    print(f"\n== {title}", flush=True)
    return time.perf_counter()


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def exe(name: str) -> Path:
    return DIST / (f"{name}.exe" if WINDOWS else name)


def run_self_tests() -> None:
    # A fresh user: empty data folder and home, so the tests cannot lean on this machine's data.
    with tempfile.TemporaryDirectory(prefix="xhht-newuser-") as home:
        env = dict(os.environ, XHHT_DATA_DIR=str(Path(home) / "data"), HOME=home,
                   XDG_CONFIG_HOME=str(Path(home) / "config"), XDG_DATA_HOME=str(Path(home) / "share"))
        env.pop("PYTHONPATH", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for args in ([str(exe("xhht-cli")), "--version"], [str(exe("xhht-cli")), "self-test"],
                     [str(exe("XHHT")), "--self-test"]):
            started = time.perf_counter()
            subprocess.run(args, cwd=home, env=env, check=True, timeout=300)
            print(f"   {Path(args[0]).name} {' '.join(args[1:])}: {time.perf_counter() - started:.1f} s", flush=True)
        leftovers = sorted(str(p.relative_to(home)) for p in Path(home).rglob("*"))
        if any(p.startswith("data") for p in leftovers):
            raise SystemExit(f"the self-test wrote into the user's data folder: {leftovers}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-self-test", action="store_true")
    parser.add_argument("--clean", action="store_true")
    args = parser.parse_args(argv)
    total = time.perf_counter()
    if not args.no_build:
        t = step("translations (.ts → .qm)")
        subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "release"], check=True)
        print(f"   {time.perf_counter() - t:.1f} s")
        write_version_info()
        t = step("PyInstaller (build.spec)")
        if DIST.exists():
            shutil.rmtree(DIST)
        cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build"), str(ROOT / "build.spec")]
        if args.clean:
            cmd.insert(3, "--clean")
        subprocess.run(cmd, cwd=ROOT, check=True)
        print(f"   {time.perf_counter() - t:.1f} s")
    if not exe("XHHT").exists() or not exe("xhht-cli").exists():
        print(f"no bundle in {DIST}", file=sys.stderr)
        return 1
    print(f"   bundle: {DIST} ({folder_size(DIST) / 1e6:.0f} MB)")
    if not args.no_self_test:
        t = step("self-tests of the bundle")
        run_self_tests()
        print(f"   {time.perf_counter() - t:.1f} s")
    print(f"\nOK in {time.perf_counter() - total:.0f} s: {DIST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
