"""Printed and exported documents: the commune/district progress sheet and the consolidated
reports of a district or the province, as PDF (reportlab) and XLSX (openpyxl).

Data and layout apart: `rows` turns queries into plain rows (always through the one aggregation
engine: db.aggregate, its rules in domain.aggregation); `pdf_base`, `progress_sheet`, `consolidated`, `xlsx` and
`charts` lay them out; `cli` is the headless face.
"""
