"""build.spec's filter of Qt plugins and libraries works on the platform's own file names: Linux's
lib*.so names (as before) and Windows's *.dll names (where the old substring rules missed nearly
everything). Tested on both name sets; the bundle itself is built by tools/build.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent


def _filter():
    spec = importlib.util.spec_from_file_location("bundle_filter", ROOT / "tools" / "bundle_filter.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The names a PySide6 6.x wheel installs on Windows, as PyInstaller's Qt hooks place them.
WINDOWS_KEPT = [
    r"PySide6\Qt6Core.dll", r"PySide6\Qt6Gui.dll", r"PySide6\Qt6Widgets.dll", r"PySide6\Qt6Pdf.dll",
    r"PySide6\Qt6PdfWidgets.dll", r"PySide6\Qt6PrintSupport.dll", r"PySide6\Qt6Svg.dll",
    r"PySide6\Qt6Network.dll", r"PySide6\pyside6.abi3.dll", r"shiboken6\shiboken6.abi3.dll",
    r"PySide6\QtCore.pyd", r"PySide6\MSVCP140.dll", r"PySide6\d3dcompiler_47.dll",
    r"PySide6\plugins\platforms\qwindows.dll", r"PySide6\plugins\platforms\qminimal.dll",
    r"PySide6\plugins\platforms\qoffscreen.dll", r"PySide6\plugins\styles\qmodernwindowsstyle.dll",
    r"PySide6\plugins\imageformats\qico.dll", r"PySide6\plugins\imageformats\qjpeg.dll",
    r"PySide6\plugins\imageformats\qgif.dll", r"PySide6\plugins\imageformats\qsvg.dll",
    r"PySide6\plugins\imageformats\qpdf.dll", r"PySide6\plugins\iconengines\qsvgicon.dll",
]
WINDOWS_DROPPED = [
    r"PySide6\plugins\platforms\qdirect2d.dll",
    r"PySide6\plugins\platforminputcontexts\qtvirtualkeyboardplugin.dll",
    r"PySide6\plugins\generic\qtuiotouchplugin.dll",
    r"PySide6\plugins\networkinformation\qnetworklistmanager.dll",
    r"PySide6\plugins\tls\qschannelbackend.dll", r"PySide6\plugins\tls\qcertonlybackend.dll",
    r"PySide6\plugins\tls\qopensslbackend.dll",
    r"PySide6\plugins\imageformats\qicns.dll", r"PySide6\plugins\imageformats\qtga.dll",
    r"PySide6\plugins\imageformats\qtiff.dll", r"PySide6\plugins\imageformats\qwbmp.dll",
    r"PySide6\plugins\imageformats\qwebp.dll",
    r"PySide6\Qt6VirtualKeyboard.dll", r"PySide6\Qt6Quick.dll", r"PySide6\Qt6QuickControls2.dll",
    r"PySide6\Qt6Qml.dll", r"PySide6\Qt6QmlModels.dll", r"PySide6\opengl32sw.dll",
]

LINUX_KEPT = [
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
]
LINUX_DROPPED = [
    "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so", "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
]


def test_windows_dll_names_are_filtered():
    f = _filter()
    assert [n for n in WINDOWS_KEPT if not f.keep_binary(n, "win32")] == []
    assert [n for n in WINDOWS_DROPPED if f.keep_binary(n, "win32")] == []


def test_linux_so_names_are_filtered():
    f = _filter()
    assert [n for n in LINUX_KEPT if not f.keep_binary(n, "linux")] == []
    assert [n for n in LINUX_DROPPED if f.keep_binary(n, "linux")] == []


# The substring rules build.spec used before (Linux names only): the Linux bundle must not change.
_OLD_UNUSED = (
    "plugins/wayland-", "plugins/egldeviceintegrations/", "plugins/generic/", "plugins/networkinformation/",
    "plugins/tls/", "plugins/platforminputcontexts/", "plugins/platformthemes/libqgtk3",
    "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqvnc", "platforms/libqvkkhrdisplay",
    "platforms/libqminimalegl", "platforms/libqwayland", "libQt6Wayland", "libQt6WlShell", "libQt6EglFS",
    "libQt6VirtualKeyboard", "libQt6Quick", "libQt6Qml",
    "imageformats/libqicns", "imageformats/libqtga", "imageformats/libqtiff", "imageformats/libqwbmp",
    "imageformats/libqwebp",
)


def test_every_installed_linux_qt_binary_is_judged_as_before():
    f = _filter()
    qt = Path(PySide6.__file__).parent / "Qt"
    names = [f"PySide6/Qt/{p.relative_to(qt).as_posix()}" for sub in ("lib", "plugins") if (qt / sub).is_dir()
             for p in (qt / sub).rglob("*") if p.is_file() and ".so" in p.name]
    if not names:
        names = LINUX_KEPT + LINUX_DROPPED  # a Windows or macOS test machine
    changed = [n for n in names if f.keep_binary(n, "linux") != (not any(part in n for part in _OLD_UNUSED))]
    # One deliberate difference: the old rule's case ("libQt6EglFS") missed EGLFS's KMS support
    # library, which only the dropped egldeviceintegrations plugins use.
    assert [n for n in changed if "libQt6EglFsKmsSupport" not in n] == []


def test_qt_translations_are_left_out_on_both_platforms():
    f = _filter()
    assert not f.keep_data("PySide6/Qt/translations/qtbase_vi.qm")
    assert not f.keep_data(r"PySide6\translations\qtbase_vi.qm")
    assert not f.keep_data("resources/translations/xhht_en.ts")
    assert f.keep_data("resources/translations/xhht_en.qm")
    assert f.keep_data(r"resources\fonts\NotoSans-Regular.ttf")
