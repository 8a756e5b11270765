"""Writing into workbook cells: user text is always text, never a formula.

openpyxl turns a string that starts with "=" into a formula, and Excel or LibreOffice would evaluate
it when the workbook is opened (=HYPERLINK, =WEBSERVICE, DDE…): an activity title, a note or an
official's name typed as "=…" would become live in every workbook we write, at the commune and
province-wide. Every text value goes through `put` (or `text`), which stores it as a string cell
(data type "s") whatever it starts with ("=", "+", "-", "@", a tab or a carriage return): the
spreadsheet shows the characters the user typed. Formulas of our own are written with `formula`.

The workbook format cannot hold most C0 control characters; openpyxl raises on them. The entry
form, the import and the merge refuse them (domain/text.py), so none should be stored; one that
is (an old database, a hand edit) is written as U+FFFD rather than failing the whole export, and
`check` names the record.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

REPLACEMENT = "\ufffd"


def text(cell, value: object):
    """Put `value` (None, or anything shown as its str) into `cell` as a string cell. Returns the cell."""
    if value is None:
        cell.value = None
        return cell
    s = value if isinstance(value, str) else str(value)
    if ILLEGAL_CHARACTERS_RE.search(s):
        s = ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, s)
    cell.value = s
    cell.data_type = "s"  # set after the value: openpyxl's setter would have made "=…" a formula
    return cell


def put(cell, value: object):
    """Put a value of any type: text as text (see `text`), numbers, dates and None as they are."""
    if isinstance(value, str):
        return text(cell, value)
    cell.value = value
    return cell


def formula(cell, expression: str):
    """A formula of our own (a rate, a difference): the only way a cell becomes one."""
    if not expression.startswith("="):
        raise ValueError("a formula starts with '='")
    cell.value = expression
    cell.data_type = "f"
    return cell


def strings_as_text(wb) -> None:
    """Every string cell of a workbook built in normal mode becomes text (`text`): for a workbook
    that holds no formulas of ours (the entry template), whatever code wrote its cells."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    text(cell, cell.value)
