"""The closure wizard: reason, who initiated, rematch, closure date, note, summary → close.

Each page checks its own answer and says what is missing in one sentence under
the page; the summary page records the closure through MatchService.close.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain.enums import ClosureCategory
from ...domain.errors import MentorDeskError
from ...services.container import Services
from ...services.matches import MatchDetail
from ..forms.editors import date_edit
from ..forms.messages import error_label, show_error
from .match_forms import long_date

CATEGORIES = {
    ClosureCategory.COMPLETED: "Completed: the match reached its planned end",
    ClosureCategory.MENTOR_INITIATED: "The volunteer (mentor) ended it",
    ClosureCategory.YOUTH_INITIATED: "The young person or family ended it",
    ClosureCategory.PROGRAMME_INITIATED: "The programme ended it",
}


class _Page(QWizardPage):
    def __init__(self, wizard: ClosureWizard, title: str, text: str):
        super().__init__(wizard)
        self.setTitle(title)
        self.setSubTitle(text)
        self.closure = wizard
        self.layout_ = QVBoxLayout(self)
        self.error = error_label(self)
        self.on_show: Callable[[], None] | None = None  # runs each time the page is entered

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)  # right under the answer it is about
        self.layout_.addStretch(1)

    def refuse(self, message: str) -> bool:
        show_error(self.error, message)
        return False

    def initializePage(self) -> None:
        show_error(self.error, "")
        if self.on_show is not None:
            self.on_show()

    def validatePage(self) -> bool:
        show_error(self.error, "")
        return self.check()

    def check(self) -> bool:
        return True


class _Choices(_Page):
    """A page of radio buttons; `chosen()` is the data of the checked one."""

    def __init__(self, wizard: ClosureWizard, title: str, text: str, choices, missing: str):
        super().__init__(wizard, title, text)
        self.missing = missing
        self.group = QButtonGroup(self)
        self.values = []
        for value, label in choices:
            button = QRadioButton(label, self)
            self.group.addButton(button, len(self.values))
            self.values.append(value)
            self.layout_.addWidget(button)
        self.finish_layout()

    def chosen(self):
        index = self.group.checkedId()
        return self.values[index] if index >= 0 else None

    def choose(self, value) -> None:
        if value in self.values:
            self.group.button(self.values.index(value)).setChecked(True)

    def check(self) -> bool:
        return self.chosen() is not None or self.refuse(self.missing)


class ClosureWizard(QWizard):
    """Close one match well; `closed` is True once MatchService.close succeeded."""

    def __init__(self, services: Services, detail: MatchDetail, today: date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.detail, self.today = services, detail, today
        self.closed = False
        self.setWindowTitle(f"Close the match — {detail.volunteer} & {detail.youth}")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.reasons = services.matches.closure_reasons()
        self._defaulted_for: int | None = None  # the reason whose category was last filled in

        self.reason_page = _Page(self, "Why is the match closing?",
                                 "Choose the reason from your organisation's list.")
        self.reason = QComboBox(self.reason_page)
        self.reason.addItem("Choose a reason…", None)
        for reason in self.reasons:
            self.reason.addItem(reason.label, reason.id)
        self.reason_page.layout_.addWidget(self.reason)
        self.reason_page.check = lambda: (self.reason.currentData() is not None or
                                          self.reason_page.refuse(
                                              "Choose a closure reason from the list."))
        self.reason_page.finish_layout()

        self.category_page = _Choices(
            self, "Who initiated the closure?",
            "Filled in from the reason; change it if this closure was different.",
            CATEGORIES.items(),
            "Choose who initiated the closure (completed, mentor, youth or programme).")
        self.category_page.on_show = self._default_category

        self.rematch_page = _Choices(
            self, "Rematch?", "Should either of them be matched again?",
            [(True, "Yes: both may be matched again"),
             (False, "No: do not rematch (could not engage, unsafe behaviour, values)")],
            "Choose whether a rematch is possible.")

        self.date_page = _Page(self, "When was closure completed?",
                               "The match ends on the day of the closure conversation or final "
                               "meeting.")
        self.end_date = date_edit(self.date_page, today)
        last = detail.last_activity
        hint = QLabel(f"Last session or support contact: {long_date(last)}." if last else
                      "This match has no sessions or support contacts.", self.date_page)
        self.date_page.layout_.addWidget(self.end_date)
        self.date_page.layout_.addWidget(hint)
        self.date_page.check = self._check_date
        self.date_page.finish_layout()

        self.note_page = _Page(self, "Closure note", "What happened, the closure conversations, "
                               "any letter or exit survey (optional).")
        self.note = QPlainTextEdit(self.note_page)
        self.note_page.layout_.addWidget(self.note, 1)
        self.note_page.finish_layout()

        self.summary_page = _Page(self, "Summary", "Check the closure, then press Finish to "
                                  "record it.")
        self.summary = QFormLayout()
        self.summary_page.layout_.addLayout(self.summary)
        self.summary_page.on_show = self._fill_summary
        self.summary_page.check = self._close
        self.summary_page.finish_layout()
        self.summary_page.setFinalPage(True)

        for page in (self.reason_page, self.category_page, self.rematch_page, self.date_page,
                     self.note_page, self.summary_page):
            self.addPage(page)

    # --- pages ---------------------------------------------------------------------------

    def _reason(self):
        return next((r for r in self.reasons if r.id == self.reason.currentData()), None)

    def _default_category(self) -> None:
        reason = self._reason()
        if reason is not None and reason.id != self._defaulted_for:
            self._defaulted_for = reason.id
            if reason.default_category is not None:
                self.category_page.choose(reason.default_category)
            else:
                self.category_page.group.setExclusive(False)
                for button in self.category_page.group.buttons():
                    button.setChecked(False)
                self.category_page.group.setExclusive(True)

    def _check_date(self) -> bool:
        try:
            self.services.matches.check_closure_date(self.detail.id, self.closure_date())
        except MentorDeskError as exc:
            return self.date_page.refuse(str(exc))
        return True

    def closure_date(self) -> date:
        return self.end_date.date().toPython()

    def _fill_summary(self) -> None:
        while self.summary.rowCount():
            self.summary.removeRow(0)
        reason, category = self._reason(), self.category_page.chosen()
        rematch = self.rematch_page.chosen()
        note = self.note.toPlainText().strip()
        for label, value in (
            ("Match:", f"{self.detail.volunteer} & {self.detail.youth} ({self.detail.programme})"),
            ("Reason:", reason.label if reason else ""),
            ("Initiated:", CATEGORIES.get(category, "")),
            ("Rematch:", "Yes" if rematch else "No"),
            ("Closure date:", long_date(self.closure_date())),
            ("Note:", note or "(none)"),
        ):
            text = QLabel(value, self.summary_page)
            text.setWordWrap(True)
            self.summary.addRow(label, text)

    def _close(self) -> bool:
        try:
            self.services.matches.close(
                self.detail.id, end_date=self.closure_date(),
                reason_id=self.reason.currentData(), category=self.category_page.chosen(),
                rematch_eligible=self.rematch_page.chosen(),
                note=self.note.toPlainText().strip(), expected_version=self.detail.version)
        except MentorDeskError as exc:
            return self.summary_page.refuse(str(exc))
        self.closed = True
        return True
