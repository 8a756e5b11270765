"""Printed and exported documents: the commune/district progress sheet and the consolidated
reports of a district or the province, as PDF (reportlab) and XLSX (openpyxl).

Data and layout apart: `rows` turns queries into plain rows (always through the same aggregation
rules as `db.aggregate.compute_values`); `pdf_base`, `progress_sheet`, `consolidated`, `xlsx` and
`charts` lay them out; `cli` is the headless face.
"""
