"""Schema of sync: keys, exported and imported packages, installations, conflicts (migration 0003)."""

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    # Filled by the sync feature (issue 4) before its first release.
    pass
