"""The matching assistant from the Matches page: ranking, why, greyed ineligible, proposal."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack

from mentordesk.domain.enums import MatchStatus
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.dialogs.matching_assistant import MatchingAssistant
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.match_detail import MatchDetailPage
from mentordesk.ui.views.matches import MatchesPage

from .conftest import OFFSCREEN_NOISE, TODAY


@pytest.fixture
def context(services, ui_settings):
    runner = TaskRunner()
    yield PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(), runner)
    runner.wait()


@pytest.fixture
def page(qtbot, context):
    page = MatchesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: not getattr(page, "loading", False))
    yield page
    for window in list(page.windows.values()):
        window.close()
    if page.assistant is not None:
        page.assistant.reject()


@pytest.fixture
def people(services):
    youth = {y.full_name: y for y in (services.youth.get(r.id) for r in services.youth.list_rows())}
    volunteers = {r.name: r.id for r in services.volunteers.list_rows(TODAY)}
    ana = youth["Ana García"]
    services.youth.update(ana.id, interests="chess, art", city="York", languages="English")
    services.volunteers.update(volunteers["Bea Brown"], interests="Chess", languages="English")
    return dict(youth={name: y.id for name, y in youth.items()}, volunteers=volunteers)


def ranked(qtbot, dialog: MatchingAssistant) -> list:
    qtbot.waitUntil(lambda: not dialog.loading and dialog.ranking is not None, timeout=10_000)
    return [dialog.model.row_at(dialog.proxy.mapToSource(dialog.proxy.index(r, 0)).row())
            for r in range(dialog.proxy.rowCount())]


def test_ranked_volunteers_with_the_why_and_the_ineligible_greyed(
        qtbot, qtmodeltester, page, people):
    dialog = page.find_mentor(people["youth"]["Ana García"])
    rows = ranked(qtbot, dialog)
    qtmodeltester.check(dialog.model)
    names = [c.name for c in rows]
    assert names[:2] == ["Bea Brown", "Carl Cole"]  # who can be matched, best first
    assert set(names[2:]) == {"José Álvarez", "Anna Smith", "Zoë Zimmer"}
    assert [c.eligible for c in rows] == [True, True, False, False, False]
    bea = dialog.proxy.index(0, 0)
    jose = dialog.proxy.index(names.index("José Álvarez"), 0)
    assert bea.data(Qt.ItemDataRole.ForegroundRole) is None
    assert jose.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    ready = dialog.model.column_index("ready")
    assert jose.siblingAtColumn(ready).data().startswith("Already mentoring in a running match")
    # the first row is selected and explained
    assert dialog.current().name == "Bea Brown"
    why = dialog.why.toPlainText()
    assert "Bea Brown: 50 points" in why
    assert "Shares 1 interest: chess" in why and "Lives in York, like the youth" in why
    assert dialog.propose_button.isEnabled()
    dialog.select_volunteer(people["volunteers"]["José Álvarez"])
    assert "Cannot be matched now" in dialog.why.toPlainText()
    assert not dialog.propose_button.isEnabled()
    dialog.show_all.setChecked(False)
    assert [c.name for c in ranked(qtbot, dialog)] == ["Bea Brown", "Carl Cole"]
    assert "(3)" in dialog.show_all.text()


def test_propose_a_match_for_the_youth_in_their_programme(qtbot, page, services, people):
    dialog = page.find_mentor(people["youth"]["Ana García"])
    ranked(qtbot, dialog)
    dialog.select_volunteer(people["volunteers"]["Bea Brown"])
    dialog.propose()
    assert not dialog.isVisible()
    match = services.matches.detail(dialog.proposed_id)
    assert (match.volunteer, match.youth, match.programme) == (
        "Bea Brown", "Ana García", "Reading Club")
    assert (match.status, match.proposed_on, match.start_date) == (
        MatchStatus.PROPOSED, TODAY, None)
    assert isinstance(page.windows[match.id], MatchDetailPage)  # the new match is opened
    qtbot.waitUntil(lambda: match.id in [r.id for r in page.model.rows()])


def test_propose_and_start_now(qtbot, page, services, people):
    dialog = page.find_mentor(people["youth"]["Ana García"])
    ranked(qtbot, dialog)
    dialog.start_now.setChecked(True)
    dialog.start_date.setDate(QDate(2026, 3, 2))
    dialog.propose()
    match = services.matches.detail(dialog.proposed_id)
    assert (match.status, match.start_date) == (MatchStatus.ACTIVE, date(2026, 3, 2))


def test_a_start_that_breaks_a_rule_is_said_in_one_sentence(qtbot, page, services, people):
    dialog = page.find_mentor(people["youth"]["Ana García"])
    ranked(qtbot, dialog)
    dialog.start_now.setChecked(True)
    dialog.start_date.setDate(QDate(2023, 1, 2))  # before Bea's screening was done
    dialog.propose()
    assert dialog.isVisible()
    match_id = dialog.proposed_id
    assert dialog.message.text().startswith(
        f"Match #{match_id} was proposed, but it cannot start yet: "
        "application check is still pending; interview check is still pending;")
    assert dialog.message.text().count(".") == 1
    assert services.matches.detail(match_id).status is MatchStatus.PROPOSED
    bea = next(c for c in ranked(qtbot, dialog) if c.name == "Bea Brown")
    assert bea.blockers == (f"Already proposed for this young person (match #{match_id}).",)
    assert dialog.message.text().startswith(f"Match #{match_id} was proposed")


def test_pick_the_young_person_in_the_assistant(qtbot, page, services, people):
    page.new_button.click()
    dialog = page.assistant
    qtbot.waitUntil(lambda: dialog.youth.count() > 0)
    listed = {dialog.youth.itemData(i) for i in range(dialog.youth.count())}
    youth = people["youth"]
    assert {youth["Ana García"], youth["Sam Lee"], youth["Kim Ng"]} <= listed
    assert youth["Émile Dupont"] not in listed  # has a running match
    assert not dialog.propose_button.isEnabled()
    dialog.choose_youth(youth["Kim Ng"])
    carl = next(c for c in ranked(qtbot, dialog) if c.name == "Carl Cole")
    assert carl.blockers[0].startswith("Already proposed for this young person")
    assert dialog.ranking.youth == "Kim Ng"


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"This plugin does not support raise\(\)")
def test_the_navigator_opens_the_assistant_and_matches(qtbot, page, context, people):
    assert context.navigator.open_record("find_mentor", people["youth"]["Sam Lee"])
    dialog = page.assistant
    assert ranked(qtbot, dialog) and dialog.ranking.youth == "Sam Lee"
    dialog.reject()
    match_id = page.model.rows()[0].id
    assert context.navigator.open_record("match", match_id)
    assert page.windows[match_id].detail.id == match_id
    page.open_row(page.model.rows()[0])  # double-click: the same window comes forward
    assert len(page.windows) == 1
