"""The desktop user interface (PySide6). Nothing outside ui/ imports Qt; ui/app.py is the GUI composition root."""
