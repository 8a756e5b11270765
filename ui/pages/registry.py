"""Pages of the main window, in sidebar order: (module, class name). Features add one line each."""

PAGES: list[tuple[str, str]] = [
    ("ui.pages.dashboard", "DashboardPage"),
    ("ui.pages.entry", "EntryPage"),
    ("ui.pages.clc", "ClcPage"),
    ("ui.pages.reports", "ReportsPage"),
    ("ui.pages.sync", "SyncPage"),
    ("ui.pages.merge", "MergePage"),
    ("ui.pages.completeness", "CompletenessPage"),
    ("ui.pages.settings", "SettingsPage"),
]
