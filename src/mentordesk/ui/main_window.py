"""The main window: sidebar of pages, search as you type, counts in the status bar.

Menus are built by ui/menus.py (File by ui/file_actions.py); a spreadsheet dropped
on the window goes to the import wizard. Switching to another database is the
`host`'s job (ui/app.py), which builds a new window for it.

Only the page the window opens on is built with it, and it reads its data once the
window is painted; every other page is built when first needed (ui/pages.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QToolBar,
    QWidget,
)

from .context import Navigator, PageContext
from .file_actions import DatabaseHost, FileActions
from .menus import build_menus
from .pages import DEFAULT_PAGE, OPENED_BY, PAGE_CLASSES, PAGE_KEYS, PAGES, Pages, searchable
from .search import SearchField
from .settings import UiSettings
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..services.container import Services

# The page table is ui/pages.py's; these names stay importable from here.
__all__ = ["DEFAULT_PAGE", "OPENED_BY", "PAGE_CLASSES", "PAGES", "MainWindow"]


class _SidebarDelegate(QStyledItemDelegate):
    """No focus rectangle in the sidebar: the highlighted page already shows where you are."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: UiSettings, *,
                 database_name: str | None = None, today: Callable[[], date] = date.today,
                 host: DatabaseHost | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # a spreadsheet dropped here is imported
        self.services, self.settings, self.host = services, settings, host
        self.dialogs: dict[str, QDialog] = {}  # the menus' dialogs while open
        self.database_name = database_name or (
            services.db.path.name if services.db.path else services.db.label)
        self.setWindowTitle(f"{self.database_name} — MentorDesk")
        self.pages = Pages(self._build_page)
        self._key = DEFAULT_PAGE  # the page on show; the search field belongs to it
        # The page a new window opens on reads its data once the window is painted: a read
        # running meanwhile would hold the first paint up (they share the GIL).
        self._load_when_painted = False
        self.undo_stack = QUndoStack(self)
        self.navigator = Navigator(self.show_page)
        for kind, key in OPENED_BY.items():
            self.navigator.provide(kind, lambda k=key: self.pages[k])
        self.tasks = TaskRunner(self)
        self.context = PageContext(services, settings, today, self.undo_stack, self.navigator,
                                   self.tasks)
        self.sidebar = QListWidget(self)
        self.stack = QStackedWidget(self)
        self.search = SearchField(self._search, self)
        self.file_actions = FileActions(self, host)
        self._build_centre()
        self._build_toolbar()
        build_menus(self, PAGES)
        self._build_status_bar()
        self.sidebar.currentRowChanged.connect(self._page_changed)
        self._restore()

    # --- construction -------------------------------------------------------------

    def _build_page(self, key: str) -> QWidget:
        """The page `key`, built now (its module imported) and put in the stack."""
        page: QWidget = PAGE_CLASSES[key](self.context, self)
        if searchable(page):
            for signal in page.count_signals():
                signal.connect(self._update_counts)
        page.setObjectName(f"{key}Page")
        self.stack.addWidget(page)
        return page

    def _build_centre(self) -> None:
        for _key, title in PAGES:
            item = QListWidgetItem(title, self.sidebar)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 14))
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding-left: 10px; }")
        self.sidebar.setItemDelegate(_SidebarDelegate(self.sidebar))
        self.sidebar.setFixedWidth(
            max(self.sidebar.fontMetrics().horizontalAdvance(t) for _, t in PAGES) + 48)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        centre = QWidget(self)
        layout = QHBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(centre)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setEnabled(False)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search.setFixedWidth(self.fontMetrics().averageCharWidth() * 36)
        self.search.returnPressed.connect(self._focus_table)
        bar.addWidget(self.search)
        self.addToolBar(bar)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("rowCount")
        self.database_label = QLabel(f"Database: {self.database_name}", self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setToolTip(self.services.db.label)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.database_label)

    def _restore(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1280, screen.width() * 9 // 10), min(800, screen.height() * 9 // 10))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        last = self.settings.last_page()
        self.show_page(last if last in PAGE_KEYS else DEFAULT_PAGE)

    # --- pages --------------------------------------------------------------------------

    def current_key(self) -> str:
        return self._key

    def current_page(self) -> QWidget:
        return self.pages[self.current_key()]

    def show_page(self, key: str) -> None:
        row = PAGE_KEYS.index(key)
        if self.sidebar.currentRow() == row:
            self._page_changed(row)
        else:
            self.sidebar.setCurrentRow(row)

    def _page_changed(self, row: int) -> None:
        if self.search.pending():  # typed just before switching: finish it there
            self.search.flush()
        key, title = PAGES[row]
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self._key = key
        self.page_actions.actions()[row].setChecked(True)
        is_list = searchable(page)
        self._load_when_painted = not self.isVisible()
        if not self._load_when_painted and hasattr(page, "ensure_loaded"):
            page.ensure_loaded()
        self.search.show_text(page.search_text() if is_list else "")
        self.search.setEnabled(is_list)
        self.search.setPlaceholderText(f"Search {title.lower()}" if is_list else "Search")
        self.find_action.setEnabled(is_list)
        self.columns_menu.setEnabled(is_list)
        self.reload_action.setEnabled(hasattr(page, "reload"))
        self.settings.set_last_page(key)
        self._update_counts()

    def fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        page = self.current_page()
        if searchable(page):
            page.columns.fill_menu(self.columns_menu)

    def reload_page(self) -> None:
        page = self.current_page()
        if hasattr(page, "reload"):
            page.reload()

    def organisation_changed(self) -> None:
        """Programmes or rules changed: pages read again (the dashboard on its next visit;
        a page not built yet reads them when it is)."""
        for page in list(self.pages.values()):
            if page is self.current_page() or (searchable(page) and page.loaded()):
                if hasattr(page, "reload"):
                    page.reload()

    # --- search and counts -----------------------------------------------------------------

    def focus_search(self) -> None:
        if self.search.isEnabled():
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def _search(self, text: str) -> None:
        page = self.current_page()
        if searchable(page):
            page.set_search_text(text)

    def _focus_table(self) -> None:
        page = self.current_page()
        if searchable(page) and page.shown_count():
            page.table.setFocus(Qt.FocusReason.OtherFocusReason)
            page.table.selectRow(0)

    def _update_counts(self, *_: object) -> None:
        page = self.current_page()
        self.count_label.setText(page.count_text() if searchable(page) else "")

    # --- window ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.file_actions.accepts_drop(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.file_actions.accepts_drop(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.file_actions.dropped([path])

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._load_when_painted:  # on screen: the page reads once this paint is done
            QTimer.singleShot(0, self, self._load_page)

    def _load_page(self) -> None:
        page = self.current_page()
        if self._load_when_painted and self.isVisible() and hasattr(page, "ensure_loaded"):
            self._load_when_painted = False
            page.ensure_loaded()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.cancel_all()  # background work stops at its next step ...
        self.tasks.wait()  # ... and no thread outlives the window
        self.search.flush()
        for page in list(self.pages.values()):
            if searchable(page):
                page.save_state()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_last_page(self.current_key())
        self.settings.sync()
        super().closeEvent(event)
