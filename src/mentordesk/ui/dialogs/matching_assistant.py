"""The matching assistant: pick a young person, see volunteers ranked and why, propose a match.

Ranking reads every volunteer (thousands on a large database), so it runs on the
context's TaskRunner; a newer request makes older results stale.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError, RuleViolation
from ...services.matching import Candidate, Ranking, YouthChoice
from ..context import PageContext
from ..models import RecordFilterProxy
from ..models.candidates import CandidateModel, why_html
from ..views.table import RecordTableView
from ..forms.editors import date_edit
from ..forms.messages import error_label, show_error
from .match_forms import one_sentence


class MatchingAssistant(QDialog):
    """`proposed` carries the new match's id (started or not)."""

    proposed = Signal(int)

    def __init__(self, context: PageContext, youth_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.ranking: Ranking | None = None
        self.loading = True
        self.proposed_id: int | None = None
        self._wanted = youth_id
        self._generation = 0
        self.setWindowTitle("Find a mentor — matching assistant")
        self.resize(1080, 640)
        self.youth = QComboBox(self)
        self.youth.setEditable(True)
        self.youth.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.youth.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.youth.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.youth.lineEdit().setPlaceholderText("Type a name or programme ID")
        self.youth.setMinimumContentsLength(40)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.show_all = QCheckBox("Show volunteers who cannot be matched", self)
        self.show_all.setChecked(True)
        self.show_all.toggled.connect(self._filter)
        self.model = CandidateModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = RecordTableView(self)
        self.table.setObjectName("candidatesTable")
        self.table.setSelectionMode(RecordTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("Score", "Christopher Washington", "Indianapolis",
                                         "Hollister Logistics · Dayton")):
            width = metrics.horizontalAdvance(sample) + 28
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _: self.propose())
        self.why = QTextBrowser(self)
        self.why.setObjectName("whyPane")
        self.start_now = QCheckBox("&Start now, on", self)
        self.start_date = date_edit(self, context.today())
        self.start_date.setEnabled(False)
        self.start_now.toggled.connect(self.start_date.setEnabled)
        self.message = error_label(self)
        self.propose_button = QPushButton("&Propose match", self)
        self.propose_button.setDefault(True)
        self.propose_button.clicked.connect(self.propose)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        self._build_layout(close)
        self.youth.currentIndexChanged.connect(self._youth_chosen)
        self._set_loading("Loading young people…")
        context.tasks.run(lambda _control: context.services.matching.youth_choices(),
                          self._choices_loaded, self._failed)

    def _build_layout(self, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow("&Young person:", self.youth)
        form.addRow("", self.about)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.why)
        splitter.setSizes([720, 340])
        bottom = QHBoxLayout()
        bottom.addWidget(self.start_now)
        bottom.addWidget(self.start_date)
        bottom.addStretch(1)
        bottom.addWidget(self.propose_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.show_all)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    # --- loading ------------------------------------------------------------------------------

    def _set_loading(self, text: str) -> None:
        self.loading = True
        self.model.set_rows([])
        self.table.set_empty_text(text)
        self.why.clear()
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the work ran
        self.loading = False
        self.table.set_empty_text(str(exc) if isinstance(exc, MentorDeskError) else
                                  f"The volunteers could not be ranked ({exc}).")

    def _choices_loaded(self, choices: list[YouthChoice]) -> None:
        if not shiboken6.isValid(self):
            return
        self.youth.blockSignals(True)
        self.youth.addItem("", None)
        for c in choices:
            ref = f" ({c.programme_ref})" if c.programme_ref else ""
            self.youth.addItem(f"{c.name}{ref} — {c.programme or 'no programme'}", c.id)
        self.youth.setCurrentIndex(0)
        self.youth.blockSignals(False)
        self.loading = False
        if self._wanted is not None:
            self.choose_youth(self._wanted)
        else:
            self.table.set_empty_text("Choose a young person to see volunteers ranked for them.")

    def choose_youth(self, youth_id: int) -> None:
        if self.youth.count() == 0:  # the list is still being read: choose once it is in
            self._wanted = youth_id
            return
        index = self.youth.findData(youth_id)
        if index < 0:  # has a running match, say: rank anyway, named once the ranking is in
            self.youth.addItem(f"Young person #{youth_id}", youth_id)
            index = self.youth.count() - 1
        if index == self.youth.currentIndex():
            self._youth_chosen(index)
        else:
            self.youth.setCurrentIndex(index)

    def _youth_chosen(self, index: int) -> None:
        youth_id = self.youth.itemData(index)
        self.ranking = None
        self.about.clear()
        show_error(self.message, "")
        if youth_id is None:
            self._set_loading("Choose a young person to see volunteers ranked for them.")
            self.loading = False
            return
        self._generation += 1
        generation, today = self._generation, self.context.today()
        self._set_loading("Ranking volunteers…")
        self.context.tasks.run(
            lambda _control: self.context.services.matching.rank(youth_id, today),
            lambda ranking: self._ranked(ranking, generation),
            lambda exc: shiboken6.isValid(self) and generation == self._generation
            and self._failed(exc))

    def _ranked(self, ranking: Ranking, generation: int) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # closed, or the coordinator chose someone else meanwhile
        self.ranking, self.loading = ranking, False
        index = self.youth.findData(ranking.youth_id)
        if self.youth.itemText(index).startswith("Young person #"):
            self.youth.setItemText(index, ranking.youth)
        locale, eligible = QLocale(), len(ranking.eligible)
        blocked = len(ranking.candidates) - eligible
        self.about.setText(f"{ranking.about}.\n{locale.toString(eligible)} volunteers can be "
                           f"matched; {locale.toString(blocked)} cannot (listed after them, "
                           "greyed, with the reasons).")
        self.show_all.setText(f"Show volunteers who cannot be matched ({locale.toString(blocked)})")
        self.model.set_rows(ranking.candidates)
        self.table.set_empty_text("There are no volunteers yet." if not ranking.candidates
                                  else "Every volunteer is hidden: none can be matched now.")
        if ranking.programme_id is None:
            show_error(self.message, "Give this young person a programme on their record "
                       "before proposing a match.")
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    # --- choosing -----------------------------------------------------------------------------

    def _filter(self, show_all: bool) -> None:
        self.proxy.set_row_filter(None if show_all else (lambda c: c.eligible))

    def current(self) -> Candidate | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or self.loading:
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select_volunteer(self, volunteer_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if self.model.row_at(source).volunteer_id == volunteer_id:
                self.table.selectRow(row)
                return
        raise LookupError(f"volunteer {volunteer_id} is not listed")

    def _selected(self, *_: object) -> None:
        candidate = self.current()
        self.why.setHtml(why_html(candidate) if candidate else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        candidate = self.current()
        ok = (candidate is not None and candidate.eligible and self.ranking is not None
              and self.ranking.programme_id is not None)
        self.propose_button.setEnabled(ok)
        self.propose_button.setToolTip("" if ok or candidate is None else
                                       "This volunteer cannot be matched now; see why.")

    def propose(self) -> None:
        candidate, ranking = self.current(), self.ranking
        if candidate is None or ranking is None or not self.propose_button.isEnabled():
            return
        matches, today = self.context.services.matches, self.context.today()
        show_error(self.message, "")
        try:
            match = matches.propose(candidate.volunteer_id, ranking.youth_id,
                                    ranking.programme_id, proposed_on=today)
        except MentorDeskError as exc:
            show_error(self.message, str(exc))
            return
        self.proposed_id = match.id
        problem = ""
        if self.start_now.isChecked():
            try:
                matches.activate(match.id, self.start_date.date().toPython())
            except RuleViolation as exc:
                problem = one_sentence(f"Match #{match.id} was proposed, but it cannot start yet",
                                       exc.reasons)
            except MentorDeskError as exc:
                problem = f"Match #{match.id} was proposed, but it cannot start yet: {exc}"
        self.proposed.emit(match.id)
        if problem:
            self._youth_chosen(self.youth.currentIndex())  # the list shows the proposal now
            show_error(self.message, problem)
            return
        self.accept()
