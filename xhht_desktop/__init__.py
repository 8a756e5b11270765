"""XHHT Desktop core: everything a user can do, without Qt.

Nothing in this package may import PySide6 (tests/core/test_architecture.py enforces it).
"""

__version__ = "0.1.0"
APP_NAME = "XHHT Desktop"
APP_ID = "XHHT"


def _sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy and pandas when they are installed, to store their values; we never
    pass any, and the built app leaves numpy out (build.spec). In a development environment that
    has numpy (a tool's dependency) the import cost 50–90 ms of every start: while sqlite_utils
    itself is imported, numpy and pandas read as absent — as in the build. Installed once, on the
    import path; nothing else is affected (numpy imports normally before and after).

    It also imports dateutil's date parser (11 ms of every start, a quarter of sqlite-utils' own
    import) for `sqlite_utils.utils.rows_from_file`'s type detection, which the app never calls:
    `dateutil.parser` is made a lazy module (importlib.util.LazyLoader), imported for real the
    first time anything uses it."""
    import sys
    from importlib.machinery import PathFinder

    class Finder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name != "sqlite_utils":
                return None
            sys.meta_path.remove(Finder)
            spec = PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
                return spec
            real = spec.loader.exec_module

            def exec_module(module):
                hidden = [n for n in ("numpy", "pandas") if n not in sys.modules]
                for n in hidden:
                    sys.modules[n] = None  # `import numpy` raises ImportError
                try:
                    real(module)
                finally:
                    for n in hidden:
                        if sys.modules.get(n, 0) is None:
                            del sys.modules[n]

            spec.loader.exec_module = exec_module
            return spec

    if "sqlite_utils" not in sys.modules:
        _lazy_module("dateutil.parser")
        frozen = getattr(sys, "frozen", False)
        spec = None if frozen else PathFinder.find_spec("sqlite_utils")  # before Finder is installed
        if not frozen:
            sys.meta_path.insert(0, Finder)
        _lazy_package("sqlite_utils", spec)


def _lazy_module(name: str) -> None:
    """Put a lazy `name` in sys.modules (the recipe of importlib's documentation): its code runs at
    the first attribute looked up on it. Nothing happens if it is imported already or not found."""
    import importlib.util
    import sys

    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent and parent in sys.modules:
        setattr(sys.modules[parent], child, module)


def _lazy_package(name: str, spec=None) -> None:
    """Put a stand-in for the package `name` in sys.modules: `import name` costs nothing, and the
    package is imported for real (once, under a lock, whatever the thread) the first time an
    attribute is looked up on it; from then on the stand-in hands out the real package's attributes.
    Its submodules can be imported without it (`from sqlite_utils.migrations import Migrations`
    needs neither sqlite-utils' Database nor click).

    Used for sqlite-utils (35 ms to import: click, pluggy, its regexes), which every module of the
    database layer imports for its annotations (`db: sqlite_utils.Database`) while the app's
    connections are xhht_desktop.db.database.Database, which does not need it (see there)."""
    import importlib
    import importlib.util
    import sys
    import threading
    import types

    if name in sys.modules:
        return
    if spec is None:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return
    if spec is None or spec.submodule_search_locations is None:
        return
    lock = threading.RLock()
    real: list[types.ModuleType] = []

    class LazyPackage(types.ModuleType):
        def __getattr__(self, attr: str):  # only for what the stand-in itself does not have
            if attr.startswith("__") and attr.endswith("__") and attr not in ("__all__", "__version__"):
                raise AttributeError(attr)  # what the import system and inspect probe for
            return getattr(load(), attr)

        def __dir__(self):
            return dir(load())

    stand_in = LazyPackage(name)
    stand_in.__spec__ = spec
    stand_in.__path__ = list(spec.submodule_search_locations)
    stand_in.__file__ = spec.origin
    stand_in.__package__ = name

    def load() -> types.ModuleType:
        with lock:
            if not real:
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
                try:
                    module = importlib.import_module(name)
                except BaseException:
                    sys.modules.setdefault(name, stand_in)
                    raise
                for key, sub in list(sys.modules.items()):  # submodules imported through the stand-in
                    head, _, child = key.rpartition(".")
                    if head == name and sub is not None and not hasattr(module, child):
                        setattr(module, child, sub)
                real.append(module)
            return real[0]

    sys.modules[name] = stand_in


_sqlite_utils_without_numpy()
