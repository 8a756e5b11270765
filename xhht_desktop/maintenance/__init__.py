"""Keeping the user's data safe: backups, restore, consistency checks, the bundle's self-test.

No Qt here: the Settings page, the "Sao lưu"/"Khôi phục" dialogs and the CLI all call these functions.
"""
