"""UI state goes to the settings file it is given, and only comes back if it still fits."""

from PySide6.QtCore import QByteArray, QSettings

from mentordesk.ui.settings import UiSettings


def test_values_round_trip_through_the_file(tmp_path):
    path = tmp_path / "ui.ini"
    first = UiSettings(path)
    first.set_window_geometry(QByteArray(b"geometry"))
    first.set_window_state(QByteArray(b"state"))
    first.set_last_page("matches")
    first.set_header_state("volunteers", ("name", "email"), QByteArray(b"header"))
    first.sync()
    assert path.exists()

    again = UiSettings(str(path))
    assert again.window_geometry() == QByteArray(b"geometry")
    assert again.window_state() == QByteArray(b"state")
    assert again.last_page() == "matches"
    assert again.header_state("volunteers", ("name", "email")) == QByteArray(b"header")


def test_a_header_saved_for_other_columns_is_ignored(tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    settings.set_header_state("volunteers", ("name", "email"), QByteArray(b"header"))
    assert settings.header_state("volunteers", ("name", "email", "phone")) is None
    settings.clear_header_state("volunteers")
    assert settings.header_state("volunteers", ("name", "email")) is None


def test_nothing_saved_reads_as_none(tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    assert settings.window_geometry() is None
    assert settings.window_state() is None
    assert settings.last_page() is None


def test_takes_a_qsettings_object(tmp_path):
    store = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    settings = UiSettings(store)
    settings.set_last_page("youth")
    assert store.value("window/lastPage") == "youth"
    assert settings.qsettings is store


def test_list_filters_and_recent_databases_round_trip(tmp_path):
    path = tmp_path / "ui.ini"
    first = UiSettings(path)
    first.set_list_filters("youth", {"show": "Waiting", "programme": 3, "from": "2025-01-01"})
    first.add_recent_database("/data/a.sqlite")
    first.add_recent_database("postgresql+psycopg://coord@server/mentoring")
    first.sync()
    again = UiSettings(path)
    assert again.list_filters("youth") == {"show": "Waiting", "programme": 3,
                                           "from": "2025-01-01"}
    assert again.list_filters("volunteers") == {}
    assert again.recent_databases() == ["postgresql+psycopg://coord@server/mentoring",
                                        "/data/a.sqlite"]
    again.remove_recent_database("/data/a.sqlite")
    assert again.recent_databases() == ["postgresql+psycopg://coord@server/mentoring"]


def test_unreadable_filters_and_recent_lists_read_as_empty(tmp_path):
    store = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    store.setValue("filters/youth", "{not json")
    store.setValue("recent/databases", '{"a": 1}')
    settings = UiSettings(store)
    assert settings.list_filters("youth") == {}
    assert settings.recent_databases() == []
