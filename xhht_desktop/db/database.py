"""The app's handle on a SQLite connection (what `open_database` and `open_reader` return).

The database layer was written against sqlite-utils' `Database`, and its annotations still say
`sqlite_utils.Database`; what it uses of it is the connection (`db.conn`) and transactions
(`db.atomic()`). Importing sqlite-utils costs ~35 ms (click, pluggy, its regular expressions), a
sixth of the window's start before its first page shows its figures, and every command's too. So
`Database` here is that part, with sqlite-utils 4's semantics (recursive triggers on; `atomic`:
BEGIN … COMMIT, a nested block a savepoint, rolled back on any exception), and anything else asked
of it (`db.execute`, `db.table_names()`, `db["table"]`, what a migration does…) is answered by a
sqlite-utils `Database` made on the same connection the first time it is needed (sqlite-utils is
imported then). `xhht_desktop/__init__` makes `import sqlite_utils` itself free until then.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any


class Database:
    """A SQLite connection with sqlite-utils' `atomic()`; the rest of sqlite-utils' `Database` on
    demand (see the module docstring)."""

    _savepoints = itertools.count(1)

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._full = None
        self._full_lock = threading.Lock()
        conn.execute("PRAGMA recursive_triggers=on;")  # as sqlite_utils.Database(conn) does

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction around the block (a savepoint inside another one): committed at its end,
        rolled back if it raises — sqlite_utils.Database.atomic, line for line."""
        if self.conn.in_transaction:
            savepoint = f"xhht_{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                # An error such as a RAISE(ROLLBACK) trigger can end the whole transaction,
                # savepoints included: then there is nothing to roll back to.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
        else:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def sqlite_utils(self):
        """sqlite-utils' Database on this connection (made once, importing sqlite-utils)."""
        with self._full_lock:
            if self._full is None:
                import sqlite_utils

                self._full = sqlite_utils.Database(self.conn, execute_plugins=False)
            return self._full

    def __getattr__(self, name: str) -> Any:  # what this class does not have: sqlite-utils'
        if name.startswith("__") and name.endswith("__") or name in ("_full", "_full_lock", "conn"):
            raise AttributeError(name)
        return getattr(self.sqlite_utils(), name)

    def __getitem__(self, table_name: str):
        return self.sqlite_utils()[table_name]

    def __repr__(self) -> str:
        return f"<xhht Database {self.conn!r}>"
