"""Safe output: atomic replacement, one-sentence errors, OWASP neutralisation."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.progress import Cancelled
from mentordesk.exporting import files
from mentordesk.exporting.files import FileInUse, OutputError, atomic_output, neutralise_formula

OWASP_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("trigger", OWASP_TRIGGERS)
def test_each_owasp_trigger_gets_an_apostrophe(trigger):
    text = f"{trigger}HYPERLINK(\"http://evil.example\",\"x\")"
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Maria", "'already quoted", " =not first", "1+1", "a=b",
                                  "#N/A"])
def test_other_text_is_left_alone(text):
    assert neutralise_formula(text) == text


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_keeps_the_text(text):
    out = neutralise_formula(text)
    assert not out.startswith(tuple(OWASP_TRIGGERS))
    assert out in (text, "'" + text)
    assert (out != text) == text.startswith(tuple(OWASP_TRIGGERS))


def test_success_moves_the_file_into_place(tmp_path):
    target = tmp_path / "out.xlsx"
    with atomic_output(target) as temp:
        assert temp.parent == tmp_path and temp != target
        assert not target.exists()
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path, {"out.xlsx"}) == []


def test_a_failure_leaves_the_previous_file_byte_identical(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous contents")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_bytes(b"half written")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"previous contents"
    assert leftovers(tmp_path, {"out.xlsx"}) == []


def test_cancel_leaves_no_file(tmp_path):
    target = tmp_path / "new.csv"
    with pytest.raises(Cancelled), atomic_output(target) as temp:
        temp.write_text("partial")
        raise Cancelled()
    assert leftovers(tmp_path, set()) == []


def test_a_locked_target_says_close_it_and_try_again(tmp_path, monkeypatch):
    target = tmp_path / "roster.xlsx"
    target.write_bytes(b"open in Excel")

    def sharing_violation(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(files.os, "replace", sharing_violation)
    with pytest.raises(FileInUse) as caught, atomic_output(target) as temp:
        temp.write_bytes(b"new")
    assert str(caught.value) == "roster.xlsx is open in another program; close it and try again."
    assert target.read_bytes() == b"open in Excel"
    assert leftovers(tmp_path, {"roster.xlsx"}) == []


def test_a_full_disk_is_one_sentence(tmp_path):
    with pytest.raises(OutputError) as caught, atomic_output(tmp_path / "big.xlsx"):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert str(caught.value) == "The disk is full; big.xlsx could not be written."
    assert leftovers(tmp_path, set()) == []


def test_a_missing_folder_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(OutputError, match="does not exist; choose another folder"):
        with atomic_output(tmp_path / "nope" / "out.xlsx"):
            pytest.fail("the body must not run")


def test_a_folder_as_target_is_refused(tmp_path):
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        with atomic_output(tmp_path / "dir.xlsx"):
            pytest.fail("the body must not run")


@pytest.mark.skipif(os.name == "nt" or getattr(os, "geteuid", lambda: 0)() == 0,
                    reason="permissions are not enforced for root (or on Windows)")
def test_a_read_only_folder_is_one_sentence(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="You cannot write to the folder"):
            with atomic_output(folder / "out.xlsx"):
                pass
    finally:
        folder.chmod(0o700)


def test_the_file_gets_the_usual_permissions(tmp_path):
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    umask = os.umask(0o022)
    os.umask(umask)
    with atomic_output(tmp_path / "out.csv") as temp:
        temp.write_text("x")
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o666 & ~umask
