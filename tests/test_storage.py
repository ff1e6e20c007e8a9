"""Learner data is never lost: atomic writes, a writer killed mid-write, two writers at once,
corrupt or unknown files moved aside with a German notice – on the native (fcntl) and on the
simulated non-POSIX locking path (no fcntl: filelock's soft lock, as where neither flock nor
msvcrt exist); data folder per platform with a one-time move from the old Linux path;
validation before writing; failed saves say so."""
from __future__ import annotations

import errno
import importlib
import json
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from course_lib import storage
from course_lib.storage import SaveError, Store, StoreDataError

ROOT = Path(__file__).resolve().parents[1]
NO_FCNTL = "import sys; sys.modules['fcntl'] = None  # simulate a platform without fcntl\n"


def _reload_filelock():
    import filelock
    import filelock._native
    import filelock._native._unix

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        importlib.reload(filelock._native._unix)
        importlib.reload(filelock._native)
        importlib.reload(filelock)


@pytest.fixture(params=["native", "no-fcntl"])
def backend(request):
    """Run a test on both locking paths; yields the code prefix for subprocesses."""
    if request.param == "native":
        yield ""
        return
    import filelock

    saved = sys.modules.get("fcntl")
    sys.modules["fcntl"] = None
    try:
        _reload_filelock()
        assert filelock.FileLock.__name__ == "SoftFileLock", "the simulation must really avoid fcntl"
        yield NO_FCNTL
    finally:
        if saved is None:
            sys.modules.pop("fcntl", None)
        else:
            sys.modules["fcntl"] = saved
        _reload_filelock()
        assert filelock.FileLock.__name__ != "SoftFileLock"


def test_no_fcntl_import_anywhere_in_course_lib():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "course_lib").rglob("*.py")
                 if "import fcntl" in p.read_text("utf-8") or "from fcntl" in p.read_text("utf-8")]
    assert offenders == []


def test_course_lib_imports_and_saves_without_fcntl(tmp_path):
    code = NO_FCNTL + (
        "import filelock\n"
        "from course_lib.storage import Store\n"
        "import course_lib.blocks.reflection, course_lib.blocks.poll, course_lib.exercises.view\n"
        "Store('probe').update(lambda d: d.update(a=1))\n"
        "assert Store('probe').read() == {'a': 1}\n"
        "print(filelock.FileLock.__name__)\n")
    env = {**os.environ, "VERTRIEB30_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-W", "ignore", "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "SoftFileLock"


# -- where the data lives ---------------------------------------------------------------------

def test_default_location_outside_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("VERTRIEB30_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert storage.data_dir() == tmp_path / "xdg" / "vertrieb30"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    d = storage.data_dir()
    assert d == tmp_path / "home" / ".local" / "share" / "vertrieb30"
    assert not str(d).startswith(str(ROOT))


def _fake_macos(monkeypatch, tmp_path):
    """Pretend to be on macOS: platformdirs' macOS rules, HOME in tmp_path."""
    import platformdirs
    from platformdirs.macos import MacOS

    monkeypatch.delenv("VERTRIEB30_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(platformdirs, "user_data_dir",
                        lambda appname, appauthor=None: MacOS(appname=appname, appauthor=appauthor).user_data_dir)
    monkeypatch.setattr(storage, "_MIGRATED", set())
    return tmp_path / "home" / "Library" / "Application Support" / "vertrieb30"


def test_platform_folder_and_one_time_move_from_old_linux_path(monkeypatch, tmp_path):
    new = _fake_macos(monkeypatch, tmp_path)
    old = tmp_path / "home" / ".local" / "share" / "vertrieb30"
    old.mkdir(parents=True)
    Store("reflections", folder=old).update(lambda d: d.update(m01={"r1": {"text": "alt"}}))
    storage.pop_notices()
    assert storage.data_dir() == new
    assert not old.exists(), "the old folder is moved, not copied"
    assert Store("reflections").read()["m01"]["r1"]["text"] == "alt"
    assert storage.pop_notices() == []
    # once only: a later old folder (e.g. another tool) is not moved again in this process
    old.mkdir(parents=True)
    (old / "x.json").write_text("{}")
    assert storage.data_dir() == new and (old / "x.json").exists()


def test_move_never_merges_two_folders_with_data(monkeypatch, tmp_path):
    new = _fake_macos(monkeypatch, tmp_path)
    old = tmp_path / "home" / ".local" / "share" / "vertrieb30"
    Store("polls", folder=old).update(lambda d: d.update(m01={"p1": "a"}))
    Store("polls", folder=new).update(lambda d: d.update(m01={"p1": "b"}))
    storage.pop_notices()
    assert storage.data_dir() == new
    assert Store("polls").read() == {"m01": {"p1": "b"}}
    assert (old / "polls.json").exists(), "the old data stays where it is"
    notes = storage.pop_notices()
    assert len(notes) == 1 and "nicht gelöscht" in notes[0]


def test_on_linux_platform_folder_is_the_old_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("VERTRIEB30_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(storage, "_MIGRATED", set())
    if sys.platform.startswith("linux"):
        assert storage.platform_dir() == storage.legacy_dir()
        Store("probe", folder=storage.legacy_dir()).update(lambda d: d.update(a=1))
        assert Store("probe").read() == {"a": 1}


# -- writing ---------------------------------------------------------------------------------

def test_roundtrip_and_format(data_dir, backend):
    s = Store("reflections")
    s.update(lambda d: d.setdefault("m01", {}).update(r1={"text": "Grüße – „ok“"}))
    doc = json.loads((data_dir / "reflections.json").read_text("utf-8"))
    assert doc["format"] == "vertrieb30/reflections" and doc["version"] == 1
    assert s.read()["m01"]["r1"]["text"] == "Grüße – „ok“"


def test_failed_write_leaves_previous_state_and_says_not_saved(data_dir, monkeypatch, backend):
    s = Store("probe")
    s.update(lambda d: d.__setitem__("a", 1))

    def crash(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(storage.os, "replace", crash)
        with pytest.raises(SaveError) as exc:
            s.update(lambda d: d.__setitem__("a", 2))
    assert "NICHT gespeichert" in exc.value.message and "Speicherplatz" in exc.value.message
    assert s.read() == {"a": 1}
    assert not list(data_dir.glob(".probe.json.*.tmp")), "temp file must be cleaned up"


def test_failed_save_in_a_widget_callback_says_it_failed(data_dir, monkeypatch):
    from course_lib.blocks import guard

    shown = []
    monkeypatch.setattr(storage.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    assert guard.run(Store("probe").update, shown.append, lambda d: d.update(a=1)) is False
    assert "NICHT gespeichert" in shown[0] and "Schreibberechtigung" in shown[0]
    assert "Eingaben sind erhalten" not in shown[0]


def test_replace_is_retried_while_a_reader_holds_the_file(data_dir, monkeypatch):
    """Windows: os.replace raises PermissionError while another process has the target open."""
    s = Store("probe")
    s.update(lambda d: d.update(a=1))
    real, calls = os.replace, []

    def busy_twice(src, dst):
        calls.append(dst)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        real(src, dst)

    with monkeypatch.context() as m:
        m.setattr(storage, "REPLACE_DELAY_S", 0.001)
        m.setattr(storage.os, "replace", busy_twice)
        s.update(lambda d: d.update(a=2))
    assert len(calls) == 3
    assert s.read() == {"a": 2}


def test_replace_gives_up_after_the_retries(data_dir, monkeypatch):
    s = Store("probe")
    s.update(lambda d: d.update(a=1))
    calls = []

    def always_busy(src, dst):
        calls.append(1)
        raise PermissionError(13, "busy")

    with monkeypatch.context() as m:
        m.setattr(storage, "REPLACE_DELAY_S", 0.001)
        m.setattr(storage.os, "replace", always_busy)
        with pytest.raises(SaveError):
            s.update(lambda d: d.update(a=2))
    assert len(calls) == storage.REPLACE_RETRIES
    assert s.read() == {"a": 1}


@pytest.mark.parametrize("bad", [
    lambda d: d.update(m01={"r1": {"text": 5}}),           # wrong type
    lambda d: d.update(m01={"r1": {"no-text": "x"}}),      # missing required key
    lambda d: d.update({"<script>": {}}),                 # bad module id
    lambda d: d.update(m01={"r1": {"text": object()}}),   # not JSON at all
])
def test_update_validates_before_writing(data_dir, bad):
    s = Store("reflections")
    s.update(lambda d: d.update(m01={"r1": {"text": "gut"}}))
    before = (data_dir / "reflections.json").read_bytes()
    storage.pop_notices()
    with pytest.raises(StoreDataError):
        s.update(bad)
    assert (data_dir / "reflections.json").read_bytes() == before, "nothing may be written"
    assert s.read() == {"m01": {"r1": {"text": "gut"}}}
    assert not list(data_dir.glob("reflections.defekt-*")) and storage.pop_notices() == []


def test_store_that_would_be_too_large_is_not_written(data_dir):
    s = Store("probe")
    s.update(lambda d: d.update(a=1))
    with pytest.raises(SaveError) as exc:
        s.update(lambda d: d.update(blob="x" * (storage.MAX_STORE_BYTES + 1)))
    assert "NICHT gespeichert" in exc.value.message
    assert s.read() == {"a": 1} and not list(data_dir.glob("probe.defekt-*"))


# -- killed writers: fault injection at every step of the write --------------------------------

WRITER = r"""
import os, signal, sys
from course_lib import storage
from course_lib.storage import Store
point = sys.argv[1]
die = lambda: os.kill(os.getpid(), signal.SIGKILL)
real_fdopen, real_replace, real_fsync = os.fdopen, os.replace, os.fsync

class HalfWriter:  # writes half of the new content, then the process dies
    def __init__(self, fh): self.fh = fh
    def __enter__(self): return self
    def __exit__(self, *a): return False
    def write(self, s):
        self.fh.write(s[: len(s) // 2]); self.fh.flush(); die()

if point == "mid-write":
    storage.os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))
elif point == "before-fsync":
    storage.os.fsync = lambda fd: die()
elif point == "before-replace":
    storage._replace = lambda src, dst: die()
elif point == "after-replace":
    def replace_then_die(src, dst):
        real_replace(src, dst); die()
    storage.os.replace = replace_then_die
elif point == "in-change":
    pass
Store("probe").update(lambda d: (d.update(n=1, blob="y" * 1_000_000), point == "in-change" and die()))
sys.exit(3)  # never reached: the process is killed at the injection point
"""


@pytest.mark.parametrize("point", ["in-change", "mid-write", "before-fsync", "before-replace", "after-replace"])
def test_writer_killed_at_each_step_keeps_a_valid_state(data_dir, backend, point):
    env = {**os.environ, "VERTRIEB30_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    Store("probe").update(lambda d: d.update(n=0, blob=""))
    storage.pop_notices()
    p = subprocess.run([sys.executable, "-W", "ignore", "-c", backend + WRITER, point], env=env, timeout=120,
                       capture_output=True, text=True)
    assert p.returncode == -signal.SIGKILL, f"the fault was not injected: rc={p.returncode} {p.stderr[-500:]}"
    data = Store("probe").read()  # must parse (and get the lock back from a dead owner)
    expected_new = point == "after-replace"
    assert data == ({"n": 1, "blob": "y" * 1_000_000} if expected_new else {"n": 0, "blob": ""})
    assert not list(data_dir.glob("probe.defekt-*")) and storage.pop_notices() == []
    Store("probe").update(lambda d: d.update(n=2))  # and the store stays writable
    assert Store("probe").read()["n"] == 2


CONCURRENT = r"""
import sys
from course_lib.storage import Store
tag = sys.argv[1]
s = Store("probe")
for i in range(60):
    s.update(lambda d: d.setdefault(tag, []).append(i))
"""


def test_two_processes_writing_at_once_lose_nothing(data_dir, backend):
    env = {**os.environ, "VERTRIEB30_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-W", "ignore", "-c", backend + CONCURRENT, tag], env=env)
             for tag in ("a", "b")]
    for p in procs:
        assert p.wait(timeout=180) == 0
    data = Store("probe").read()
    assert data["a"] == list(range(60)) and data["b"] == list(range(60))


# -- unreadable files and notices --------------------------------------------------------------

@pytest.mark.parametrize("content,reason", [
    (b"{not json", "beschädigt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 99, "data": {}}).encode(), "unbekannte Version"),
    (json.dumps({"format": "something/else", "version": 1, "data": {}}).encode(), "fremdes Format"),
    (b"\xff\xfe\x00", "beschädigt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 1, "data": {"m01": {"p1": {"evil": 1}}}}).encode(), "unerwarteter Inhalt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 1, "data": {"<script>": {}}}).encode(), "unerwarteter Inhalt"),
])
def test_unreadable_file_is_moved_aside_with_notice(data_dir, content, reason, backend):
    (data_dir / "polls.json").write_bytes(content)
    storage.pop_notices()
    s = Store("polls")
    assert s.read() == {}
    aside = list(data_dir.glob("polls.defekt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == content, "the old file must be kept, not deleted"
    notes = storage.pop_notices()
    assert len(notes) == 1 and reason in notes[0] and "nicht gelöscht" in notes[0]
    s.update(lambda d: d.__setitem__("m01", {"p1": "a"}))
    assert s.read() == {"m01": {"p1": "a"}}


def test_notice_html_shows_each_notice_once(data_dir):
    (data_dir / "quiz.json").write_text("{kaputt", encoding="utf-8")
    storage.pop_notices()
    Store("quiz").read()
    html = storage.notice_html()
    assert "beiseitegelegt" in html and "vt-msg" in html and "quiz.json" in html
    assert storage.notice_html() == ""


def test_reflection_widget_shows_notice_for_moved_file(data_dir):
    from course_lib.blocks import reflection

    (data_dir / "reflections.json").write_text("{kaputt", encoding="utf-8")
    storage.pop_notices()
    v = reflection.show("m00").views[0]
    assert "beiseitegelegt" in v.status.value


def test_corrupt_progress_file_shows_german_notice_in_exercise_task(data_dir):
    from course_lib import exercises as ex

    (data_dir / "progress.json").write_text('{"format": "vertrieb30/progress", "version": 1, "data": [', encoding="utf-8")
    storage.pop_notices()
    t = ex.task("m00", "t1")
    assert "beiseitegelegt" in t.feedback.value and "nicht gelöscht" in t.feedback.value
    assert list(data_dir.glob("progress.defekt-*.json"))
    assert "beiseitegelegt" not in ex.task("m00", "t1").feedback.value, "shown once, not on every task"


def test_corrupt_polls_file_shows_german_notice_in_poll(data_dir):
    from course_lib.blocks import poll

    (data_dir / "polls.json").write_bytes(b"\x00\x01")
    storage.pop_notices()
    p = poll.show("m00", "p1")
    assert "beiseitegelegt" in p.comment.value


def test_oversized_reflection_is_refused_at_input_and_hides_nothing(data_dir):
    from course_lib.blocks import reflection
    from course_lib.blocks.reflection import HARD_MAX_CHARS

    r = reflection.show("m00")
    v = r.views[0]
    v.text.value = "Meine kurze Fassung"
    v.text.value = "x" * (HARD_MAX_CHARS + 1)
    assert "zu lang" in v.status.value and "200.000\u00a0Zeichen" in v.status.value and "NICHT gespeichert" in v.status.value
    saved = Store("reflections").read()["m00"]
    assert saved[v.prompt["id"]]["text"] == "Meine kurze Fassung"
    v.text.value = "x" * HARD_MAX_CHARS  # exactly at the limit is fine
    assert Store("reflections").read()["m00"][v.prompt["id"]]["text"] == "x" * HARD_MAX_CHARS
    storage.pop_notices()
    again = reflection.show("m00").views[0]
    assert again.text.value == "x" * HARD_MAX_CHARS and "beiseitegelegt" not in again.status.value
