"""Which Qt binaries and data files build.spec leaves out of the bundle, by the platform's file names.

Qt ships plugins for set-ups this desktop app never runs on (Wayland compositors, framebuffers, VNC,
touch/evdev input, network status, TLS, the virtual keyboard with QML and Quick). Their file names
differ by platform:

    Linux    PySide6/Qt/plugins/platforms/libqeglfs.so   PySide6/Qt/lib/libQt6Quick.so.6
    Windows  PySide6\\plugins\\platforms\\qdirect2d.dll     PySide6\\Qt6Quick.dll

so a name is first reduced to its Qt name (plugin folder + "qeglfs", library "qt6quick") and the
rules below are written once, for both. Windows keeps qwindows; Linux keeps xcb; both keep minimal
and offscreen (the self-test).
"""

from __future__ import annotations

import re
import sys

# Plugin folders dropped entirely (a folder name, or the start of one).
DROPPED_PLUGIN_FOLDERS = ("egldeviceintegrations", "generic", "networkinformation", "tls",
                          "platforminputcontexts", "wayland-")
# Plugins dropped by folder and the start of their Qt name.
DROPPED_PLUGINS = {
    "platformthemes": ("qgtk3",),
    "platforms": ("qeglfs", "qlinuxfb", "qvnc", "qvkkhrdisplay", "qminimalegl", "qwayland",
                  "qdirect2d"),  # Direct2D: an alternative to qwindows the app does not use
    "imageformats": ("qicns", "qtga", "qtiff", "qwbmp", "qwebp"),
}
# Qt libraries dropped by the start of their Qt name: Wayland/EGLFS support, and the virtual
# keyboard (PySide6-Addons) which pulls in QML and Quick (~17 MB).
DROPPED_LIBRARIES = ("qt6wayland", "qt6wlshell", "qt6eglfs", "qt6virtualkeyboard", "qt6quick", "qt6qml")
# Windows only: the software OpenGL renderer (~20 MB), used by Qt Quick / QOpenGLWidget only.
DROPPED_WINDOWS_LIBRARIES = ("opengl32sw",)

_LINUX_LIBRARY = re.compile(r"^(?:lib)?(?P<stem>.+?)\.so(?:\.\d+)*$", re.IGNORECASE)
_WINDOWS_LIBRARY = re.compile(r"^(?P<stem>.+)\.(?:dll|pyd)$", re.IGNORECASE)
_MAC_LIBRARY = re.compile(r"^(?:lib)?(?P<stem>.+?)(?:\.\d+)*\.dylib$", re.IGNORECASE)


def qt_name(dest: str, platform: str = sys.platform) -> tuple[str | None, str]:
    """(plugin folder or None, Qt name in lower case) of a bundle path on `platform`.

    >>> qt_name("PySide6/Qt/plugins/platforms/libqeglfs.so", "linux")
    ('platforms', 'qeglfs')
    >>> qt_name("PySide6\\\\plugins\\\\platforms\\\\qdirect2d.dll", "win32")
    ('platforms', 'qdirect2d')
    >>> qt_name("PySide6/Qt/lib/libQt6Quick.so.6", "linux")
    (None, 'qt6quick')
    """
    parts = dest.replace("\\", "/").split("/")
    base = parts[-1]
    if platform.startswith("win"):
        pattern = _WINDOWS_LIBRARY
    elif platform == "darwin":
        pattern = _MAC_LIBRARY
    else:
        pattern = _LINUX_LIBRARY
    match = pattern.match(base)
    stem = (match.group("stem") if match else base).lower()
    folder = parts[-2].lower() if len(parts) >= 3 and parts[-3].lower() == "plugins" else None
    return folder, stem


def keep_binary(dest: str, platform: str = sys.platform) -> bool:
    """False for a Qt plugin or library the app never uses (see the module's rules)."""
    folder, stem = qt_name(dest, platform)
    if folder is not None:
        if any(folder == f or (f.endswith("-") and folder.startswith(f)) for f in DROPPED_PLUGIN_FOLDERS):
            return False
        return not any(stem.startswith(s) for s in DROPPED_PLUGINS.get(folder, ()))
    if stem.startswith(DROPPED_LIBRARIES):
        return False
    if platform.startswith("win") and stem.startswith(DROPPED_WINDOWS_LIBRARIES):
        return False
    return True


_QT_TRANSLATIONS = re.compile(r"(^|/)pyside6/(qt/)?translations/", re.IGNORECASE)


def keep_data(dest: str) -> bool:
    """Translation sources stay in the repository; Qt's own translations (14 MB; PySide6/Qt/translations
    on Linux, PySide6/translations on Windows) are not needed: the app's texts come from
    resources/translations and its standard buttons are relabelled."""
    name = dest.replace("\\", "/")
    if name.endswith((".ts", ".tsv")):
        return False
    return not _QT_TRANSLATIONS.search(name)
