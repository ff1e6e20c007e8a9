"""Learner data on disk (course_lib/storage.py), pinned where a learner depends on it: the file
format, the size limit on reading and writing, the German „NICHT gespeichert“ reasons, the exact
notice of a moved-aside file, the one-time move from the old folder, and that a failed or
refused write leaves the previous state. Written against the mutation survivors of storage.py
(``make mutation MUTANTS="course_lib.storage*"``)."""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from course_lib import storage
from course_lib.storage import SaveError, Store, StoreDataError

HINT = ("Ihr Text bzw. Ihre Auswahl steht noch im Notebook – kopieren Sie längere Texte zur Sicherheit. "
        "Versuchen Sie es in einer Minute noch einmal; bleibt der Fehler, melden Sie ihn Ihrer Kursleitung.")


def test_file_format_is_tagged_versioned_and_readable(data_dir):
    Store("probe").update(lambda d: d.update(b="Grüße „x“", a=[1, 2]))
    text = (data_dir / "probe.json").read_text("utf-8")
    doc = json.loads(text)
    assert set(doc) == {"format", "version", "saved", "data"}
    assert doc["format"] == "vertrieb30/probe" and doc["version"] == 1 and doc["data"] == {"a": [1, 2], "b": "Grüße „x“"}
    assert len(doc["saved"]) == 19 and doc["saved"][10] == "T"
    assert "Grüße „x“" in text, "umlauts and quotes stay readable in the file"
    assert text.index('"a"') < text.index('"b"') and '\n "data": {\n  "a": [' in text  # sorted, indent 1
    assert not [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")]


def test_update_returns_the_new_data_and_read_is_a_copy(data_dir):
    s = Store("probe")
    assert s.update(lambda d: d.update(a=1)) == {"a": 1}
    got = s.read()
    got["a"] = 99
    assert s.read() == {"a": 1}
    s.reset()
    assert s.read() == {} and json.loads((data_dir / "probe.json").read_text("utf-8"))["data"] == {}


def test_store_names_and_folders(data_dir, tmp_path):
    for bad in ("../x", "a b", "", "x.json"):
        with pytest.raises(ValueError):
            Store(bad)
    assert Store("self_assessment").name == "self_assessment"
    assert Store("probe").folder == data_dir and Store("probe").path == data_dir / "probe.json"
    other = tmp_path / "anders"
    s = Store("probe", folder=other)
    s.update(lambda d: d.update(a=1))
    assert (other / "probe.json").exists() and (other / "probe.lock").exists()
    assert not (data_dir / "probe.json").exists()


def test_data_dir_from_the_environment_is_created(monkeypatch, tmp_path):
    target = tmp_path / "neu" / "daten"
    monkeypatch.setenv("VERTRIEB30_DATA_DIR", str(target))
    assert storage.data_dir() == target and target.is_dir()


def test_legacy_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert storage.legacy_dir() == tmp_path / "xdg" / "vertrieb30"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert storage.legacy_dir() == tmp_path / "h" / ".local" / "share" / "vertrieb30"


def _legacy_setup(monkeypatch, tmp_path):
    monkeypatch.setattr(storage, "_MIGRATED", set())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    old = tmp_path / "xdg" / "vertrieb30"
    new = tmp_path / "platform" / "vertrieb30"
    return old, new


def test_move_into_a_folder_whose_parents_do_not_exist_yet(monkeypatch, tmp_path):
    old, _ = _legacy_setup(monkeypatch, tmp_path)
    new = tmp_path / "tief" / "unten" / "vertrieb30"
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    storage.pop_notices()
    storage._migrate_legacy(new)
    assert Store("polls", folder=new).read() == {"m01": {"p1": "a"}} and storage.pop_notices() == []


def test_move_from_the_old_folder_into_an_empty_new_one(monkeypatch, tmp_path):
    old, new = _legacy_setup(monkeypatch, tmp_path)
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    new.mkdir(parents=True)  # exists but empty: replaced by the old folder
    storage.pop_notices()
    storage._migrate_legacy(new)
    assert not old.exists() and Store("polls", folder=new).read() == {"m01": {"p1": "a"}}
    assert storage.pop_notices() == []


def test_move_is_tried_once_and_an_empty_old_folder_is_left(monkeypatch, tmp_path):
    old, new = _legacy_setup(monkeypatch, tmp_path)
    old.mkdir(parents=True)
    storage._migrate_legacy(new)
    assert old.is_dir() and not new.exists()  # nothing to move
    (old / "polls.json").write_text("{}")
    storage._migrate_legacy(new)  # already tried in this process
    assert (old / "polls.json").exists() and not new.exists()


def test_failed_move_says_the_data_is_not_lost(monkeypatch, tmp_path):
    old, new = _legacy_setup(monkeypatch, tmp_path)
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    storage.pop_notices()

    def refuse(*_a):
        raise PermissionError(13, "nein")

    monkeypatch.setattr(storage.shutil, "move", refuse)
    storage._migrate_legacy(new)
    assert storage.pop_notices() == [
        f"Ihre gespeicherten Kursdaten aus „{old}“ konnten nicht nach „{new}“ verschoben werden "
        "(PermissionError). Sie sind nicht verloren: Der alte Ordner ist noch da."]
    assert (old / "polls.json").exists()


def test_two_folders_with_data_notice_text(monkeypatch, tmp_path):
    old, new = _legacy_setup(monkeypatch, tmp_path)
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    Store("polls", folder=new).update(lambda d: d.update(m01={"p1": "b"}))
    storage.pop_notices()
    storage._migrate_legacy(new)
    assert storage.pop_notices() == [
        f"Im früheren Datenordner „{old}“ liegen noch gespeicherte Kursdaten. Der Kurs nutzt jetzt „{new}“, "
        "in dem schon Daten sind; der alte Ordner wurde deshalb nicht übernommen und nicht gelöscht."]


@pytest.mark.parametrize("exc,reason", [
    (PermissionError(13, "denied"), "keine Schreibberechtigung"),
    (OSError(errno.ENOSPC, "full"), "der Speicherplatz ist voll"),
    (OSError(errno.EIO, "io"), "OSError"),
    (IsADirectoryError(21, "dir"), "IsADirectoryError"),
])
def test_failed_write_says_why_in_german(data_dir, monkeypatch, exc, reason):
    s = Store("probe")
    s.update(lambda d: d.update(a=1))

    def crash(*_a):
        raise exc

    with monkeypatch.context() as m:
        m.setattr(storage, "REPLACE_DELAY_S", 0)
        m.setattr(storage.os, "replace", crash)
        with pytest.raises(SaveError) as info:
            s.update(lambda d: d.update(a=2))
    assert info.value.message == f"Ihre letzte Eingabe wurde NICHT gespeichert („probe.json“: {reason})."
    assert info.value.hint == HINT
    assert s.read() == {"a": 1}
    assert not [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")], "the temp file is removed"


def test_lock_that_cannot_be_taken_is_a_save_error(data_dir, monkeypatch):
    import filelock

    def no_lock(self, *a, **k):
        raise filelock.Timeout(str(data_dir / "probe.lock"))

    monkeypatch.setattr(filelock.FileLock, "acquire", no_lock)
    with pytest.raises(SaveError) as info:
        Store("probe").update(lambda d: d.update(a=1))
    assert info.value.message == ("Ihre letzte Eingabe wurde NICHT gespeichert (Sperre für „probe.json“: "
                                  "die Datei ist gerade von einem anderen Notebook gesperrt).")
    assert not (data_dir / "probe.json").exists()


def test_refused_data_says_not_saved_and_names_the_problem_for_developers(data_dir):
    with pytest.raises(StoreDataError) as info:
        Store("reflections").update(lambda d: d.update(m01={"r1": {"text": 5}}))
    e = info.value
    assert e.message == ("Ihre letzte Eingabe wurde NICHT gespeichert (ein Fehler im Kurs-Code). Ihre bisher "
                         "gespeicherten Eingaben sind unverändert.")
    assert e.hint == "Bitte melden Sie das Ihrer Kursleitung (Details stehen im Kurs-Protokoll)."
    assert e.detail.startswith("store 'reflections': refusing to write data that does not match its schema")
    assert str(e) == f"{e.detail} – {e.message}"
    with pytest.raises(StoreDataError, match="data is not JSON"):
        Store("probe").update(lambda d: d.update(x=float("nan")))
    with pytest.raises(StoreDataError, match="data must be a dict, got list"):
        Store("probe")._serialise([1])
    assert not (data_dir / "probe.json").exists() and not (data_dir / "reflections.json").exists()


def test_size_limit_on_writing_and_reading(data_dir, monkeypatch):
    monkeypatch.setattr(storage, "MAX_STORE_BYTES", 2_000_000)
    s = Store("probe")
    with pytest.raises(SaveError) as info:
        s.update(lambda d: d.update(blob="x" * 2_000_000))
    assert info.value.message == ("Ihre letzte Eingabe wurde NICHT gespeichert: Die Datei „probe.json“ würde "
                                  "größer als 2\u00a0MB.")
    assert info.value.hint == "Kürzen Sie Ihren Text; Ihre bisher gespeicherten Eingaben bleiben erhalten."
    s.update(lambda d: d.update(blob="x" * 1_000_000))  # below the limit: written and read back
    assert len(s.read()["blob"]) == 1_000_000
    size = (data_dir / "probe.json").stat().st_size
    monkeypatch.setattr(storage, "MAX_STORE_BYTES", size)  # exactly the limit is still read
    assert len(s.read()["blob"]) == 1_000_000
    monkeypatch.setattr(storage, "MAX_STORE_BYTES", size - 1)
    storage.pop_notices()
    assert s.read() == {}
    notes = storage.pop_notices()
    assert len(notes) == 1 and "(zu groß)" in notes[0]
    assert len(list(data_dir.glob("probe.defekt-*.json"))) == 1


@pytest.mark.parametrize("doc,problem", [
    ({"format": "vertrieb30/probe", "version": 1, "data": [1]}, "ohne Daten"),
    ({"format": "vertrieb30/probe", "version": 1}, "ohne Daten"),
    ({"format": "vertrieb30/probe", "version": "1", "data": {}}, "unbekannte Version '1'"),
    ({"format": "vertrieb30/probe", "data": {}}, "unbekannte Version None"),
    ({"format": "vertrieb30/polls", "version": 1, "data": {}}, "fremdes Format"),
    (["vertrieb30/probe"], "fremdes Format"),
])
def test_moved_aside_notice_names_the_problem_and_the_new_name(data_dir, doc, problem):
    (data_dir / "probe.json").write_text(json.dumps(doc), encoding="utf-8")
    storage.pop_notices()
    assert Store("probe").read() == {}
    aside = list(data_dir.glob("probe.defekt-*.json"))
    assert len(aside) == 1 and json.loads(aside[0].read_text("utf-8")) == doc
    assert storage.pop_notices() == [
        f"Ihre gespeicherte Datei „probe.json“ war nicht lesbar ({problem}). Sie wurde nicht gelöscht, sondern als "
        f"„{aside[0].name}“ beiseitegelegt (Ordner: {data_dir}). Neue Eingaben werden ab jetzt wieder gespeichert."]
    assert storage.pop_notices() == []


def test_unknown_store_is_not_schema_checked_but_known_ones_are(data_dir):
    assert storage._schema_errors("probe", {"anything": [1, {"x": None}]}) == []
    assert storage._schema_errors("polls", {"m01": {"p1": "a"}}) == []
    assert storage._schema_errors("polls", {"m01": {"p1": 3}}) != []


def test_notice_html_is_one_box_per_notice(data_dir):
    storage.pop_notices()
    assert storage.notice_html() == ""
    storage.NOTICES.extend(["Erste <Meldung>", "Zweite"])
    html = storage.notice_html()
    assert html.count("vt-msg-info") == 2 and "Erste &lt;Meldung&gt;" in html and "<b>Gespeicherte Daten:</b>" in html
    assert storage.notice_html() == "" and storage.pop_notices() == []


def test_atomic_write_replaces_the_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("alt", encoding="utf-8")
    storage.atomic_write_text(target, "neu\nzeile")
    assert target.read_bytes() == b"neu\nzeile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_replace_retries_only_permission_errors(tmp_path, monkeypatch):
    calls = []

    def other_error(src, dst):
        calls.append(1)
        raise FileNotFoundError(2, "weg")

    monkeypatch.setattr(storage.os, "replace", other_error)
    with pytest.raises(FileNotFoundError):
        storage._replace("a", tmp_path / "b")
    assert calls == [1]


def test_replace_waits_between_retries(tmp_path, monkeypatch):
    waits, calls = [], []
    real = os.replace

    def busy_once(src, dst):
        calls.append(1)
        if len(calls) == 1:
            raise PermissionError(13, "busy")
        real(src, dst)

    monkeypatch.setattr(storage.time, "sleep", waits.append)
    monkeypatch.setattr(storage.os, "replace", busy_once)
    (tmp_path / "a").write_text("1")
    storage._replace(str(tmp_path / "a"), tmp_path / "b")
    assert waits == [storage.REPLACE_DELAY_S] and (tmp_path / "b").read_text() == "1"


def test_refused_data_is_written_to_the_course_log(monkeypatch):
    from course_lib.blocks import guard

    logged = []

    class Log:
        def error(self, fmt, *args):
            logged.append(fmt % args)

    monkeypatch.setattr(guard, "logger", lambda: Log())
    StoreDataError("store 'x': kaputt")
    assert logged == ["refused to save learner data: store 'x': kaputt"]

    def broken():
        raise RuntimeError("no log")

    monkeypatch.setattr(guard, "logger", broken)
    assert StoreDataError("egal").detail == "egal"  # a broken log never hides the German message


def test_windows_folder_has_no_author_level(monkeypatch, tmp_path):
    """platformdirs on Windows: ``<LOCALAPPDATA>/<appauthor>/<appname>``, where appauthor None
    means "the app name again" and only False leaves the level out (platformdirs docs)."""
    import platformdirs

    def windows_rule(appname, appauthor=None):
        parts = [tmp_path / "Local"] + ([] if appauthor is False else [appauthor or appname])
        return str(Path(*parts, appname))

    monkeypatch.setattr(platformdirs, "user_data_dir", windows_rule)
    assert storage.platform_dir() == tmp_path / "Local" / "vertrieb30"


def test_no_old_folder_or_the_same_folder_means_nothing_to_do(monkeypatch, tmp_path):
    old, new = _legacy_setup(monkeypatch, tmp_path)
    storage.pop_notices()
    storage._migrate_legacy(new)  # the old folder does not exist
    assert storage.pop_notices() == [] and not new.exists()
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    storage._migrate_legacy(old)  # old and new are one folder (Linux)
    assert storage.pop_notices() == [] and Store("polls", folder=old).read() == {"m01": {"p1": "a"}}


def test_move_is_remembered_per_target_folder(monkeypatch, tmp_path):
    old, new = _legacy_setup(monkeypatch, tmp_path)
    storage._migrate_legacy(tmp_path / "erst")  # nothing there yet
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    storage._migrate_legacy(new)  # another target: tried
    assert Store("polls", folder=new).read() == {"m01": {"p1": "a"}} and not old.exists()


def test_each_moved_aside_file_is_kept_under_its_own_timestamp(data_dir):
    import re

    for bad in (b"{eins", b"{zwei"):
        (data_dir / "probe.json").write_bytes(bad)
        assert Store("probe").read() == {}
    aside = sorted(data_dir.glob("probe.defekt-*.json"))
    assert sorted(p.read_bytes() for p in aside) == [b"{eins", b"{zwei"], "a second broken file never overwrites the first"
    for p in aside:  # sortable date-time stamp down to microseconds
        assert re.fullmatch(r"probe\.defekt-\d{8}-\d{6}-\d{6}\.json", p.name), p.name
    storage.pop_notices()


def test_move_aside_of_a_file_that_vanished_still_tells(data_dir):
    storage.pop_notices()
    Store("probe")._move_aside("beschädigt")  # another notebook moved it a moment ago
    notes = storage.pop_notices()
    assert len(notes) == 1 and "(beschädigt)" in notes[0]


@pytest.mark.parametrize("content,problem", [
    (b"{kaputt", "beschädigt"),
    (b"\xff\xfe", "beschädigt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 1, "data": {"m01": {"p1": 5}}}).encode(), "unerwarteter Inhalt"),
])
def test_moved_aside_notice_for_broken_or_unexpected_content(data_dir, content, problem):
    (data_dir / "polls.json").write_bytes(content)
    storage.pop_notices()
    assert Store("polls").read() == {}
    notes = storage.pop_notices()
    assert len(notes) == 1 and notes[0].startswith(f"Ihre gespeicherte Datei „polls.json“ war nicht lesbar ({problem}).")


def test_platform_folder_is_used_and_created_without_the_variable(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("VERTRIEB30_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(storage, "_MIGRATED", set())
    target = tmp_path / "plattform" / "vertrieb30"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda appname, appauthor=None: str(target))
    Store("polls", folder=tmp_path / "xdg" / "vertrieb30").update(lambda d: d.update(m01={"p1": "a"}))
    assert storage.data_dir() == target and target.is_dir()
    assert Store("polls").read() == {"m01": {"p1": "a"}}, "the old folder's data moved to the platform folder"


def test_replace_tries_exactly_replace_retries_times(tmp_path, monkeypatch):
    calls = []

    def busy(src, dst):
        calls.append(1)
        raise PermissionError(13, "busy")

    monkeypatch.setattr(storage.time, "sleep", lambda s: None)
    monkeypatch.setattr(storage.os, "replace", busy)
    with pytest.raises(PermissionError):
        storage._replace("a", tmp_path / "b")
    assert len(calls) == storage.REPLACE_RETRIES


def test_atomic_write_uses_a_hidden_temp_file_in_the_same_folder(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(Path(src))
        real(src, dst)

    monkeypatch.setattr(storage.os, "replace", spy)
    storage.atomic_write_text(tmp_path / "x.json", "neu")
    (src,) = seen
    assert src.parent == tmp_path, "same folder: the rename is atomic"
    assert src.name.startswith(".x.json.") and src.name.endswith(".tmp")


def test_atomic_write_fsyncs_the_file_and_on_posix_the_folder(tmp_path, monkeypatch):
    import sys

    calls = []
    real = os.fsync
    monkeypatch.setattr(storage.os, "fsync", lambda fd: calls.append(fd) or real(fd))
    storage.atomic_write_text(tmp_path / "x.json", "neu")
    assert len(calls) == (1 if sys.platform == "win32" else 2)


def test_folder_fsync_failure_is_harmless(tmp_path, monkeypatch):
    import stat

    real = os.fsync

    def no_dir_sync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "not supported")  # some file systems cannot sync a folder
        real(fd)

    monkeypatch.setattr(storage.os, "fsync", no_dir_sync)
    storage.atomic_write_text(tmp_path / "x.json", "neu")
    assert (tmp_path / "x.json").read_text() == "neu"


def test_failed_cleanup_does_not_hide_why_the_write_failed(data_dir, monkeypatch):
    s = Store("probe")
    with monkeypatch.context() as m:
        m.setattr(storage.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "voll")))
        m.setattr(storage.os, "unlink", lambda *a: (_ for _ in ()).throw(OSError(errno.EACCES, "nein")))
        with pytest.raises(SaveError) as info:
            s.update(lambda d: d.update(a=1))
    assert "der Speicherplatz ist voll" in info.value.message


@pytest.fixture
def ascii_locale():
    import locale

    old = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, old)


def test_umlauts_are_saved_as_utf8_whatever_the_platform_default(data_dir, ascii_locale):
    Store("probe").update(lambda d: d.update(t="Grüße"))
    assert "Grüße".encode("utf-8") in (data_dir / "probe.json").read_bytes()


def test_store_name_of_only_underscores_is_refused():
    with pytest.raises(ValueError, match="bad store name '__'"):
        Store("__")


def test_a_store_of_exactly_the_size_limit_is_written(data_dir, monkeypatch):
    s = Store("probe")
    s.update(lambda d: d.update(blob="x" * 1000))
    size = (data_dir / "probe.json").stat().st_size
    monkeypatch.setattr(storage, "MAX_STORE_BYTES", size)
    s.update(lambda d: d.update(blob="y" * 1000))  # same length: exactly the limit
    assert s.read()["blob"] == "y" * 1000


def test_notice_html_is_exactly_one_box_per_notice(data_dir):
    from course_lib.blocks.messages import box

    storage.pop_notices()
    storage.NOTICES.extend(["A", "B"])
    assert storage.notice_html() == box("info", "A", title="Gespeicherte Daten") + box("info", "B", title="Gespeicherte Daten")
