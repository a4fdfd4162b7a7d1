"""The main window: sidebar of pages, search as you type, counts in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
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

from ..services.container import Services
from .about import show_about
from .context import Navigator, PageContext
from .tasks import TaskRunner
from .search import SearchField
from .settings import UiSettings
from .views.dashboard import DashboardPage
from .views.events import EventsPage
from .views.list_page import ListPage
from .views.matches import MatchesPage
from .views.placeholder import PLANNED, PlaceholderPage
from .views.sessions import SessionsPage
from .views.sponsors import SponsorsPage
from .views.volunteers import VolunteersPage
from .views.youth import YouthPage

# (key, sidebar title); Ctrl+1 … Ctrl+8 follow this order.
PAGES = (
    ("dashboard", "Dashboard"),
    ("volunteers", "Volunteers"),
    ("youth", "Youth"),
    ("matches", "Matches"),
    ("sessions", "Sessions"),
    ("sponsors", "Sponsors"),
    ("events", "Events & training"),
    ("reports", "Reports"),
)
# Pages that exist: each is a widget class built as PageClass(context, parent).
# A page that is a ListPage gets the search field, column chooser and counts.
PAGE_CLASSES: dict[str, type[QWidget]] = {
    "dashboard": DashboardPage,
    "volunteers": VolunteersPage,
    "youth": YouthPage,
    "matches": MatchesPage,
    "sessions": SessionsPage,
    "sponsors": SponsorsPage,
    "events": EventsPage,
}
# A new window opens on what needs attention today.
DEFAULT_PAGE = "dashboard"


def _searchable(page: QWidget) -> bool:
    """A list page: a ListPage, or any page with the same search, column and count methods."""
    return isinstance(page, ListPage) or hasattr(page, "set_search_text")


class _SidebarDelegate(QStyledItemDelegate):
    """No focus rectangle in the sidebar: the highlighted page already shows where you are."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: UiSettings, *,
                 database_name: str | None = None, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services, self.settings = services, settings
        self.database_name = database_name or (
            services.db.path.name if services.db.path else services.db.label)
        self.setWindowTitle(f"{self.database_name} — MentorDesk")
        self.pages: dict[str, QWidget] = {}
        self._key = DEFAULT_PAGE  # the page on show; the search field belongs to it
        self.undo_stack = QUndoStack(self)
        self.navigator = Navigator(self.show_page)
        self.tasks = TaskRunner(self)
        self.context = PageContext(services, settings, today, self.undo_stack, self.navigator,
                                   self.tasks)
        self.sidebar = QListWidget(self)
        self.stack = QStackedWidget(self)
        self.search = SearchField(self._search, self)
        self._build_pages()
        self._build_centre()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.sidebar.currentRowChanged.connect(self._page_changed)
        self._restore()

    # --- construction -------------------------------------------------------------

    def _build_pages(self) -> None:
        links = [(title, lambda k=key: self.show_page(k))
                 for key, title in PAGES if key in PAGE_CLASSES]
        for key, title in PAGES:
            if key in PAGE_CLASSES:
                page: QWidget = PAGE_CLASSES[key](self.context, self)
                if _searchable(page):
                    for signal in page.count_signals():
                        signal.connect(self._update_counts)
            else:
                message, detail = PLANNED[key]
                page = PlaceholderPage(key=key, title=title, message=message, detail=detail,
                                       links=links, parent=self)
            page.setObjectName(f"{key}Page")
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(title, self.sidebar)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 14))

    def _build_centre(self) -> None:
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

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file = menus.addMenu("&File")
        quit_ = file.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)
        quit_.setMenuRole(QAction.MenuRole.QuitRole)

        edit = menus.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.find_action = edit.addAction("&Find…", QKeySequence.StandardKey.Find,
                                          self.focus_search)

        view = menus.addMenu("&View")
        self.page_actions = QActionGroup(self)
        for number, (key, title) in enumerate(PAGES, start=1):
            action = view.addAction(title.replace("&", "&&"))
            action.setCheckable(True)
            action.setData(key)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            self.page_actions.addAction(action)
        view.addSeparator()
        self.columns_menu = view.addMenu("&Columns")
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        self.reload_action = view.addAction("&Reload", QKeySequence.StandardKey.Refresh,
                                            self.reload_page)

        help_ = menus.addMenu("&Help")
        self.about_action = about = help_.addAction("&About MentorDesk",
                                lambda: show_about(self, self.services.db.label))
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about_qt = help_.addAction("About &Qt", QApplication.aboutQt)
        about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)

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
        self.show_page(last if last in self.pages else DEFAULT_PAGE)

    # --- pages --------------------------------------------------------------------------

    def current_key(self) -> str:
        return self._key

    def current_page(self) -> QWidget:
        return self.pages[self.current_key()]

    def show_page(self, key: str) -> None:
        row = [k for k, _ in PAGES].index(key)
        if self.sidebar.currentRow() == row:
            self._page_changed(row)
        else:
            self.sidebar.setCurrentRow(row)

    def _page_changed(self, row: int) -> None:
        if self.search.pending():  # typed just before switching: finish it there
            self.search.flush()
        self.stack.setCurrentIndex(row)
        key, title = PAGES[row]
        self._key = key
        page = self.pages[key]
        self.page_actions.actions()[row].setChecked(True)
        is_list = _searchable(page)
        if hasattr(page, "ensure_loaded"):
            page.ensure_loaded()
        self.search.show_text(page.search_text() if is_list else "")
        self.search.setEnabled(is_list)
        self.search.setPlaceholderText(f"Search {title.lower()}" if is_list else "Search")
        self.find_action.setEnabled(is_list)
        self.columns_menu.setEnabled(is_list)
        self.reload_action.setEnabled(hasattr(page, "reload"))
        self.settings.set_last_page(key)
        self._update_counts()

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        page = self.current_page()
        if _searchable(page):
            page.columns.fill_menu(self.columns_menu)

    def reload_page(self) -> None:
        page = self.current_page()
        if hasattr(page, "reload"):
            page.reload()

    # --- search and counts -----------------------------------------------------------------

    def focus_search(self) -> None:
        if self.search.isEnabled():
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def _search(self, text: str) -> None:
        page = self.current_page()
        if _searchable(page):
            page.set_search_text(text)

    def _focus_table(self) -> None:
        page = self.current_page()
        if _searchable(page) and page.shown_count():
            page.table.setFocus(Qt.FocusReason.OtherFocusReason)
            page.table.selectRow(0)

    def _update_counts(self, *_: object) -> None:
        page = self.current_page()
        self.count_label.setText(page.count_text() if _searchable(page) else "")

    # --- window ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.wait()
        self.search.flush()
        for page in self.pages.values():
            if _searchable(page):
                page.save_state()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_last_page(self.current_key())
        self.settings.sync()
        super().closeEvent(event)
