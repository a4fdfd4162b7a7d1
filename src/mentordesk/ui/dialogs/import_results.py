"""The last pages of the import wizard: the preview (counts, rows and their problems,
what would be created), the import itself (progress, Cancel) and the summary (save
the rejected rows, undo the import). As in import_pages.py, the pages show what the
wizard holds and ask it to start the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from ...importing.kinds import KINDS
from ...importing.plan import ImportPlan
from ...services.imports import ImportResult
from ..forms.messages import error_colour, quiet_label
from ..models.import_preview import STATUS_LABELS, PreviewLine, PreviewModel
from ..views.table import RecordTableView
from ..widgets.charts import FigureTiles
from .import_pages import WizardPage, page_button

if TYPE_CHECKING:
    from .import_wizard import ImportWizard

TO_CREATE = {"sponsors": "Sponsor companies", "branches": "Branches",
             "programmes": "Programmes", "events": "Events"}
MANY = 12  # names listed before "and N more"
SUBTITLE = ("Nothing has been written yet. Rows with a problem are left out; the others are "
            "imported together.")


def listed(names: list[str]) -> str:
    shown = ", ".join(names[:MANY])
    return shown + (f" and {len(names) - MANY} more" if len(names) > MANY else "")


def preview_table(parent: QWidget, name: str) -> tuple[PreviewModel, RecordTableView]:
    """The table of preview lines (the preview's rows, the summary's rejected rows)."""
    model = PreviewModel(error_colour(parent), parent)
    table = RecordTableView(parent)
    table.setObjectName(name)
    table.setSortingEnabled(False)
    table.setModel(model)
    table.set_empty_text("No rows to show.")
    chars = parent.fontMetrics().averageCharWidth()
    for column, width in enumerate((7, 12, 26, 16, 16)):
        table.setColumnWidth(column, width * chars)
    return model, table


class PreviewPage(WizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard, "Check before importing", SUBTITLE)
        self.setCommitPage(True)  # no way back from the import itself
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.tiles = FigureTiles([STATUS_LABELS[s] for s in STATUS_LABELS], self)
        self.show_box = QComboBox(self)
        self.show_box.setObjectName("previewShow")
        self.show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_box.currentIndexChanged.connect(
            lambda _=0: self.model.set_status(self.show_box.currentData()))
        self.model, self.table = preview_table(self, "previewTable")
        self.notes = QLabel(self)
        self.notes.setObjectName("previewWarnings")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_box = QWidget(self)
        self.to_create = QLabel(self.create_box)
        self.to_create.setWordWrap(True)
        self.create = QCheckBox("&Create them", self.create_box)
        self.create.setObjectName("createMissing")
        self.create.setChecked(True)
        self.create.toggled.connect(self._create_toggled)
        self.create_note = quiet_label("", self.create_box)
        create_row = QHBoxLayout()
        create_row.addWidget(self.create)
        create_row.addWidget(self.create_note, 1)
        box = QVBoxLayout(self.create_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.to_create)
        box.addLayout(create_row)
        self.save_button = page_button("Save rejected rows…", self,
                                       lambda: wizard.save_rejects(self, self.owner.plan))
        self.saved = quiet_label("", self)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Show:", self, buddy=self.show_box))
        top.addWidget(self.show_box)
        top.addStretch(1)
        top.addWidget(self.save_button)
        for widget in (self.tiles, None, self.table, self.notes, self.create_box, self.saved):
            if widget is None:
                self.layout_.addLayout(top)
            else:
                self.layout_.addWidget(widget, 1 if widget is self.table else 0)
        self.finish_layout()

    def initializePage(self) -> None:
        self.clear()
        self.owner.preview()

    def isComplete(self) -> bool:
        plan = self.owner.plan
        return super().isComplete() and plan is not None and self._writes(plan)

    @staticmethod
    def _writes(plan: ImportPlan) -> bool:
        return bool(plan.counts["new"] or plan.counts["changed"])

    def clear(self) -> None:
        for tile in self.tiles.tiles:
            tile.set_figure("–")
        self.model.set_lines([])
        self.show_box.clear()
        self.notes.hide()
        self.create_box.hide()
        self.save_button.setEnabled(False)
        self.saved.setText("")

    def show_plan(self, plan: ImportPlan, lines) -> None:
        counts = plan.counts
        self.setSubTitle(SUBTITLE if self._writes(plan) else
                         "Nothing to import: every row is already up to date or has a problem.")
        details = {"new": "to add", "changed": "to update", "unchanged": "already up to date",
                   "rejected": "left out"}
        for tile, status in zip(self.tiles.tiles, STATUS_LABELS):
            tile.set_figure(f"{counts[status]:,}", details[status])
        self.tiles.refit()
        self.model.set_lines(lines)
        for column in (3, 4):  # the column at fault and its value: rejected rows only
            self.table.setColumnHidden(column, not counts["rejected"])
        self.show_box.blockSignals(True)
        self.show_box.addItem(f"All rows ({len(plan.rows):,})", None)
        for status, label in STATUS_LABELS.items():
            self.show_box.addItem(f"{label} ({counts[status]:,})", status)
        self.show_box.blockSignals(False)
        if counts["rejected"]:  # what needs the coordinator's eye first
            self.show_box.setCurrentIndex(self.show_box.findData("rejected"))
        self.save_button.setEnabled(bool(counts["rejected"]))
        self.notes.setText("\n".join(f"• {w}" for w in plan.warnings))
        self.notes.setVisible(bool(plan.warnings))
        named = [f"{TO_CREATE.get(k, k)}: {listed(v)}" for k, v in plan.to_create.items() if v]
        self.to_create.setText("Not in MentorDesk yet: " + "; ".join(named) + ".")
        self.create_box.setVisible(bool(named))
        self._create_toggled(self.create.isChecked())

    def _create_toggled(self, checked: bool) -> None:
        self.owner.create_missing = checked
        self.create_note.setText("" if checked else
                                 "(the rows that need them will be rejected)")


class ImportPage(WizardPage):
    """Runs the import; the wizard moves on to the summary when it is done."""

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard, "Importing", "The rows are written together, in one go: "
                         "Cancel now and nothing is written.")
        self.what = QLabel(self)
        self.what.setWordWrap(True)
        self.layout_.addSpacing(12)
        self.layout_.addWidget(self.what)
        self.finish_layout()
        self.layout_.addStretch(1)

    def initializePage(self) -> None:
        plan, counts = self.owner.plan, self.owner.plan.counts
        sheet = f", sheet “{plan.sheet}”" if plan.sheet else ""
        self.what.setText(f"Adding {counts['new']:,} and updating {counts['changed']:,} "
                          f"{KINDS[plan.kind].label} from {plan.file_name}{sheet}.")
        self.owner.apply()

    def isComplete(self) -> bool:
        return False  # the wizard moves on by itself


class SummaryPage(WizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard, "Imported", "")
        self.setFinalPage(True)
        self.tiles = FigureTiles(["Added", "Updated", "Unchanged", "Rejected"], self)
        self.facts = quiet_label("", self)
        self.facts.setObjectName("summaryFacts")
        self.save_button = page_button("Save rejected rows…", self,
                                       lambda: wizard.save_rejects(self, wizard.result))
        self.undo_button = page_button("Undo this import…", self, wizard.undo)
        self.undo_button.setObjectName("undoImport")
        self.saved = quiet_label("", self)
        self.rejected_lines: list[PreviewLine] = []
        self.model, self.table = preview_table(self, "rejectedTable")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        for widget in (self.tiles, self.facts, self.table, self.saved):
            self.layout_.addWidget(widget, 4 if widget is self.table else 0)
        self.layout_.addLayout(buttons)
        self.finish_layout(stretch=True)

    def initializePage(self) -> None:
        result, table = self.owner.result, self.owner.table
        self.setSubTitle(f"{table.file_name}{f' (sheet {table.sheet})' if table.sheet else ''}: "
                         f"{result.rows:,} rows read.")
        for tile, value, detail in zip(self.tiles.tiles, (
                result.created, result.updated, result.unchanged, result.rejected),
                ("new records", "records changed", "already up to date", "left out")):
            tile.set_figure(f"{value:,}", detail)
        self.tiles.refit()
        facts = [f"{TO_CREATE.get(k, k)} added: {listed(v)}."
                 for k, v in result.created_records.items() if v]
        if result.backup is not None:
            facts.append(f"A backup of the database was taken first: {result.backup.name}.")
        self.facts.setText("\n".join(facts))
        self.model.set_lines(self.rejected_lines)
        self.table.setVisible(bool(self.rejected_lines))
        self.save_button.setEnabled(bool(result.rejected))
        self.undo_button.setEnabled(result.batch_id is not None)

    def show_undone(self, undone: ImportResult) -> None:
        self.setTitle("Import undone")
        self.undo_button.setEnabled(False)
        self.facts.setText(f"The import was undone: the {undone.removed:,} records it added "
                           f"were removed and the {undone.updated:,} it changed were put back.")
