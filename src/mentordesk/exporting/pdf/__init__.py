"""Printed reports (reportlab): the toolkit and the report layouts.

- document.py -- ReportDocument (A4/Letter, header, footer, "Page X of Y",
  metadata), ReportMeta, styles(), cover_story(), section(), paragraphs()
- fonts.py -- the embedded Unicode font family (Noto Sans)
- tables.py -- figure_table(), figure_tiles(), exact formatting of figures
- charts.py -- bar_chart(), hours_per_month_chart(): vector, greyscale-legible
- sponsor.py -- the sponsor impact report layout

Pure code over plain data: nothing here reads the database (services/reports.py
gathers the figures and calls these). This module itself imports nothing heavy:
services can ask which paper a locale uses without loading reportlab.
"""

from __future__ import annotations

PAPER_NAMES = ("a4", "letter")


# Countries that print on US Letter (CLDR's paperSize data); everywhere else uses A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA",
                              "PR", "SV", "NI", "BZ", "DO"})
_COUNTRY_NAMES = frozenset({  # Windows names its locales "English_United States"
    "united states", "canada", "mexico", "philippines", "chile", "colombia", "venezuela",
    "costa rica", "guatemala", "panama", "puerto rico", "el salvador", "nicaragua", "belize",
    "dominican republic"})


def paper_for_locale(name: str | None) -> str:
    """"letter" for a locale of a Letter country ("en_US.UTF-8", "es-MX",
    Windows' "English_United States"), otherwise "a4"."""
    if not name:
        return "a4"
    parts = name.split(".")[0].split("@")[0].replace("-", "_").split("_")[1:]
    codes = [p for p in parts if len(p) == 2 and p.isalpha()]
    if codes:
        return "letter" if codes[-1].upper() in LETTER_COUNTRIES else "a4"
    return "letter" if " ".join(parts).casefold() in _COUNTRY_NAMES else "a4"
