"""Spreadsheet import: read (calamine/csv) -> map columns -> validate -> apply.

Pure functions and plain data; the transaction lives in services/imports.py.
"""
