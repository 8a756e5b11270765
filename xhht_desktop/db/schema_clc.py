"""Schema of the community learning centre (TTHTCĐ) and its activity log (migration 0002)."""

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    # Filled by the CLC feature (issue 3) before its first release.
    pass
