"""A merge reads the reference stamp once (reference.pin_stamp): inside the pin the catalogue is not
re-checked per call; once unpinned, a change made since is seen again."""

from __future__ import annotations

from xhht_desktop.db import reference
from xhht_desktop.installation import open_app_database


def test_a_pinned_stamp_is_read_once_and_a_change_is_seen_after_unpinning(tmp_path):
    db = open_app_database(tmp_path / "dept.sqlite3")
    code = next(i.code for i in reference.catalogue_in_db(db, "XHHT2130").indicators if i.target_op)
    before = reference.catalogue_in_db(db, "XHHT2130").by_code[code].target_op
    new_op = ">" if before != ">" else "≥"
    reference.pin_stamp(db)
    try:
        reference.set_target_op(db, "XHHT2130", code, new_op, actor="Sở")
        # Pinned: the catalogue built before the change stays (no stamp query per call).
        assert reference.catalogue_in_db(db, "XHHT2130").by_code[code].target_op == before
    finally:
        reference.unpin_stamp(db)
    assert reference.catalogue_in_db(db, "XHHT2130").by_code[code].target_op == new_op
    db.conn.close()
