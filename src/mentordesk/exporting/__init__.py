"""Writing files from plain data: Excel workbooks (openpyxl, write-only), CSV,
and the safe-output helpers every writer uses (files.py). Pure code: no
database, no Qt; services/exports.py reads the data and calls these."""
