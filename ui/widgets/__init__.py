"""Reusable widgets of the main window (bars, chips, collapsible panels)."""
