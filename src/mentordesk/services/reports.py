"""Printed reports: gather the figures, lay out the PDF, write it atomically.

The CLI (`mentordesk report ...`) and the GUI's Reports page call these. A report
is written to a temporary file beside the target and moved into place only when
it is complete (exporting/files.py), so a failure or a Cancel leaves any earlier
file as it was. Report settings: the paper size (A4 or Letter; by default from
the computer's locale), the organisation's logo, and the coordinator's
highlights text for each sponsor.
"""

from __future__ import annotations

import json
import locale
import os
from datetime import date
from pathlib import Path

from ..db import Database
from ..domain import Setting, Sponsor
from ..domain.errors import NotFound, ValidationError
from ..domain.progress import SILENT, Progress
from ..domain.values import name_key
from ..exporting.files import atomic_output
from ..exporting.pdf import PAPER_NAMES, paper_for_locale
from .base import get_or_raise
from .organisation import SponsorService
from .settings import SettingsService

HIGHLIGHTS_KEY = "report_highlights"
MAX_HIGHLIGHTS = 4000  # characters: about a page
PROGRAMME_TITLE = "Programme report"


def system_locale() -> str | None:
    """The locale the computer runs in: LC_PAPER / LC_ALL / LANG, else Python's view."""
    for var in ("LC_PAPER", "LC_ALL", "LANG"):
        if os.environ.get(var) and os.environ[var] not in ("C", "POSIX"):
            return os.environ[var]
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


class ReportService:
    def __init__(self, db: Database):
        self.db = db
        self.settings = SettingsService(db)

    # --- reports ----------------------------------------------------------------------

    def sponsor_report(self, sponsor_id: int, start: date, end: date, out_path: Path | str, *,
                       paper: str | None = None, progress: Progress = SILENT) -> Path:
        """Write one company's impact report for the period (first and last day included)."""
        from ..exporting.pdf.sponsor import render_sponsor_report
        from .sponsor_report import SponsorReportService

        paper = self._paper_or_default(paper)
        figures = SponsorReportService(self.db).figures(sponsor_id, start, end,
                                                        progress=progress)
        return self._write(out_path, progress,
                           lambda temp: render_sponsor_report(figures, temp, paper=paper))

    def programme_report(self, start: date, end: date, out_path: Path | str, *,
                         paper: str | None = None, progress: Progress = SILENT) -> Path:
        """Write the board's programme report for the period."""
        from ..exporting.pdf.document import ReportMeta
        from ..exporting.pdf.programme import render_programme_report
        from ..exporting.pdf.tables import format_period
        from .programme_report import ProgrammeReportService

        paper = self._paper_or_default(paper)
        figures = ProgrammeReportService(self.db).figures(start, end, progress=progress)
        org, period = self.settings.value("organisation_name"), format_period(start, end)
        meta = ReportMeta(title=PROGRAMME_TITLE, author=org, footer=period,
                          subject=f"Match survival, closures, support and screening, {period}",
                          header=" · ".join(p for p in (org, PROGRAMME_TITLE) if p))
        return self._write(out_path, progress, lambda temp: render_programme_report(
            figures, temp, paper=paper, meta=meta))

    @staticmethod
    def _write(out_path: Path | str, progress: Progress, render) -> Path:
        progress.check()
        progress.progress(1, 2, "Laying out the pages…")
        with atomic_output(out_path) as temp:
            render(temp)
            progress.check()  # a Cancel now still leaves the earlier file in place
        progress.progress(2, 2, "")
        return Path(out_path)

    # --- settings ---------------------------------------------------------------------

    def paper(self) -> str:
        """"a4" or "letter": the setting, or the locale's usual paper when unset."""
        return self.settings.value("paper") or paper_for_locale(system_locale())

    def set_paper(self, paper: str | None) -> None:
        """Store the paper size ("a4", "letter"; None or "" follows the locale again)."""
        self.settings.set("paper", (paper or "").strip().lower())

    def _paper_or_default(self, paper: str | None) -> str:
        if paper is None:
            return self.paper()
        if paper.lower() not in PAPER_NAMES:
            raise ValidationError("Choose the paper size A4 or Letter.", "paper")
        return paper.lower()

    def highlights(self, sponsor_id: int) -> str:
        """The coordinator's highlights text for the company's report ("" when none)."""
        return self.settings.value(HIGHLIGHTS_KEY).get(str(sponsor_id), "")

    def set_highlights(self, sponsor_id: int, text: str) -> None:
        """Store the highlights text for one company (empty text removes it); one
        transaction, so two coordinators editing two companies lose nothing."""
        text = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
        if len(text) > MAX_HIGHLIGHTS:
            raise ValidationError(
                f"Keep the highlights under {MAX_HIGHLIGHTS:,} characters "
                f"(this text has {len(text):,}).", "highlights")
        with self.db.transaction() as s:
            get_or_raise(s, Sponsor, sponsor_id, "sponsor company")
            row = s.get(Setting, HIGHLIGHTS_KEY, with_for_update=True)
            stored = dict(json.loads(row.value)) if row else {}
            if text:
                stored[str(sponsor_id)] = text
            else:
                stored.pop(str(sponsor_id), None)
            value = json.dumps(stored)
            if row is None:
                s.add(Setting(key=HIGHLIGHTS_KEY, value=value))
            else:
                row.value = value

    # --- look-ups for the command line ------------------------------------------------

    def find_sponsor(self, name: str) -> int:
        """The ID of the company called `name` (case and surrounding spaces ignored);
        otherwise NotFound listing the companies there are."""
        sponsors = SponsorService(self.db)
        found = sponsors.find(name)
        if found is not None:
            return found.id
        listing = ", ".join(sorted((sp.name for sp in sponsors.list()), key=name_key))
        raise NotFound(f"There is no sponsor called {name.strip()!r}; known sponsors: "
                       f"{listing or 'none yet'}.")
