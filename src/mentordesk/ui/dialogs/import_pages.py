"""The first pages of the import wizard: the file (kind, sheet) and the column
mapping, and what every page shares (a progress line, one error sentence). Each
page only shows what the wizard (import_wizard.py) holds and asks it to start
background work; none of them reads a file or the database itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...domain.errors import MentorDeskError
from ...importing.kinds import KINDS
from ..database_files import SPREADSHEET_SUFFIXES
from ..forms.messages import error_label, quiet_label, show_error
from ..models.import_preview import MappingModel

if TYPE_CHECKING:
    from .import_wizard import ImportWizard

KIND_CHOICES = [(k.label[:1].upper() + k.label[1:], name) for name, k in KINDS.items()]
SPREADSHEETS = ("Spreadsheets (" + " ".join(f"*{s}" for s in sorted(SPREADSHEET_SUFFIXES))
                + ");;All files (*)")


def page_button(text: str, parent: QWidget, slot) -> QPushButton:
    """A button on a page: Enter still means the wizard's Next, not this button."""
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _=False: slot())
    return button


class WizardPage(QWizardPage):
    """A page with a line of progress for background work and one error sentence."""

    def __init__(self, wizard: ImportWizard, title: str, subtitle: str):
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.layout_ = QVBoxLayout(self)
        self.busy_label = quiet_label("", self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setTextVisible(False)
        self.error = error_label(self)

    def finish_layout(self, stretch: bool = False) -> None:
        if stretch:
            self.layout_.addStretch(1)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label, 1)
        busy.addWidget(self.busy_bar, 1)
        self.layout_.addLayout(busy)
        self.layout_.addWidget(self.error)
        self.set_busy("")

    def set_busy(self, text: str) -> None:
        """Show `text` with a running bar ('' hides both)."""
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy_bar.setVisible(bool(text))
        self.busy_bar.setRange(0, 0)

    def show_progress(self, done: int, total: int, text: str) -> None:
        if self.busy_bar.isVisible():
            self.busy_bar.setRange(0, max(total, 0))
            self.busy_bar.setValue(min(done, total) if total > 0 else 0)
            if text:
                self.busy_label.setText(text + "…")

    def say(self, message: str) -> None:
        show_error(self.error, message)

    def isComplete(self) -> bool:
        return not self.owner.busy()


class FilePage(WizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard, "Choose a spreadsheet",
                         "Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or text (.csv, .tsv, "
                         ".txt). Nothing is written until you press Import.")
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("Choose a file, or drop one on the MentorDesk window")
        self.path.editingFinished.connect(self._path_typed)
        browse = page_button("Choose…", self, self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.kind = QComboBox(self)
        for label, name in KIND_CHOICES:
            self.kind.addItem(label, name)
        self.kind.activated.connect(lambda _=0: self._kind_picked())
        self.kind_chosen = False
        self.sheet = QComboBox(self)
        self.sheet.activated.connect(lambda _=0: self._reload(self.sheet.currentText()))
        form = QFormLayout()
        form.addRow(QLabel("&File:", self, buddy=self.path), row)
        form.addRow("&What it lists:", self.kind)
        form.addRow("&Sheet:", self.sheet)
        self.form = form
        self.layout_.addLayout(form)
        self.facts = quiet_label("", self)
        self.layout_.addWidget(self.facts)
        self.finish_layout(stretch=True)
        self.show_sheets((), None)

    def isComplete(self) -> bool:
        return super().isComplete() and self.owner.mapping is not None

    def choose_file(self) -> None:
        folder = str(Path(self.path.text()).parent) if self.path.text() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Import a spreadsheet", folder,
                                                SPREADSHEETS)
        if chosen:
            self.set_path(Path(chosen))

    def chosen_kind(self) -> str | None:
        """The kind the coordinator chose; None: guess it from the headers."""
        return self.kind.currentData() if self.kind_chosen else None

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self.facts.setText("")
        self.owner.load(path, None, self.chosen_kind())

    def _path_typed(self) -> None:
        text = self.path.text().strip()
        if text and Path(text) != self.owner.source[0]:
            self.set_path(Path(text))

    def _kind_picked(self) -> None:
        self.kind_chosen = True
        self._reload(self.owner.source[1])

    def _reload(self, sheet: str | None) -> None:
        path = self.owner.source[0]
        if path is not None:
            self.owner.load(path, sheet, self.chosen_kind())

    def show_sheets(self, sheets: tuple[str, ...], current: str | None) -> None:
        self.sheet.clear()
        self.sheet.addItems(list(sheets))
        if current:
            self.sheet.setCurrentText(current)
        several = len(sheets) > 1
        self.form.setRowVisible(self.sheet, several)

    def show_loaded(self, guessed: bool) -> None:
        table, kind = self.owner.table, self.owner.kind
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.show_sheets(table.sheets, table.sheet)
        where = f"Sheet \u201c{table.sheet}\u201d: " if table.sheet else ""
        facts = [f"{where}{len(table.rows):,} rows under the header on row {table.header_row}."]
        if guessed:
            facts.append(f"The headers look like a list of {KINDS[kind].label}; "
                         "change it above if not.")
        facts.extend(table.notes)
        self.facts.setText("\n".join(facts))


class _FieldCombo(QComboBox):
    """The wheel scrolls the table, not the choice, unless the combo has focus."""

    def wheelEvent(self, event) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class FieldDelegate(QStyledItemDelegate):
    """A combo of the kind's fields (and "Don't import") in the "Imports as" column."""

    def createEditor(self, parent: QWidget, option, index):
        combo = _FieldCombo(parent)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for label, name in index.model().choices:
            combo.addItem(label, name)
        combo.currentIndexChanged.connect(lambda _=0, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(found, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MappingPage(WizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard, "Match the columns",
                         "Choose what each column holds. Columns set to \u201cDon't import\u201d "
                         "are left out.")
        self.template = QLabel(self)
        self.template.setWordWrap(True)
        self.model = MappingModel(self)
        self.model.mapping_changed.connect(self._changed)
        self.table = QTableView(self)
        self.table.setObjectName("mappingTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.FIELD, FieldDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setWordWrap(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from combo to combo
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MappingModel.SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.missing = error_label(self, "missingFields")
        save = page_button("Save mapping as…", self, self.save_mapping)
        save.setObjectName("saveMapping")
        self.saved = quiet_label("", self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.missing, 1)
        bottom.addStretch(0)
        bottom.addWidget(save, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addWidget(self.template)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(bottom)
        self.layout_.addWidget(self.saved)
        self.finish_layout()

    def initializePage(self) -> None:
        owner = self.owner
        self.model.set_mapping(KINDS[owner.kind], owner.table, owner.mapping)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        self.table.resizeColumnToContents(MappingModel.HEADER)
        self.table.setColumnWidth(MappingModel.HEADER,
                                  min(self.table.columnWidth(MappingModel.HEADER), 260))
        self.table.setColumnWidth(MappingModel.FIELD, 260)
        self.saved.setText("")
        self._show_state()

    def _changed(self) -> None:
        self.owner.mapping = self.model.mapping
        self.saved.setText("")
        self._show_state()
        self.completeChanged.emit()

    def _show_state(self) -> None:
        mapping = self.owner.mapping
        if mapping.template:
            self.template.setText(f"Using your saved mapping \u201c{mapping.template}\u201d.")
        else:
            self.template.setText("Columns were matched by their headers; change any that "
                                  "are wrong.")
        show_error(self.missing, "" if mapping.complete else
                   f"Still needed: a column with the {mapping.missing[0]}.")

    def save_mapping(self) -> None:
        owner = self.owner
        name, ok = QInputDialog.getText(self, "Save mapping", "Name for this mapping (it is "
                                        "used again for files with the same columns):",
                                        text=owner.mapping.template or "")
        if not ok:
            return
        try:
            saved = owner.imports.save_template(name, owner.kind, owner.table.headers,
                                                owner.mapping)
        except MentorDeskError as exc:
            self.say(str(exc))
            return
        self.say("")
        self.saved.setText(f"Saved as \u201c{saved.name}\u201d; files with these columns will "
                           "use it.")

    def isComplete(self) -> bool:
        mapping = self.owner.mapping
        return super().isComplete() and mapping is not None and mapping.complete
