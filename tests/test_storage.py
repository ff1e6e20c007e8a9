"""Learner data is never lost: atomic writes, a writer killed mid-write, two writers at once,
corrupt or unknown files moved aside with a German notice."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from course_lib import storage
from course_lib.storage import Store


def test_default_location_outside_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("VERTRIEB30_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert storage.data_dir() == tmp_path / "xdg" / "vertrieb30"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    d = storage.data_dir()
    assert d == tmp_path / "home" / ".local" / "share" / "vertrieb30"
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert not str(d).startswith(repo)


def test_roundtrip_and_format(data_dir):
    s = Store("reflections")
    s.update(lambda d: d.setdefault("m01", {}).update(r1={"text": "Grüße – „ok“"}))
    doc = json.loads((data_dir / "reflections.json").read_text("utf-8"))
    assert doc["format"] == "vertrieb30/reflections" and doc["version"] == 1
    assert s.read()["m01"]["r1"]["text"] == "Grüße – „ok“"


def test_failed_write_leaves_previous_state(data_dir, monkeypatch):
    s = Store("probe")
    s.update(lambda d: d.__setitem__("a", 1))

    def crash(*_a, **_k):
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(storage.os, "replace", crash)
        with pytest.raises(OSError):
            s.update(lambda d: d.__setitem__("a", 2))
    assert s.read() == {"a": 1}
    assert not list(data_dir.glob(".probe.json.*.tmp")), "temp file must be cleaned up"


WRITER = r"""
import sys
from course_lib.storage import Store
s = Store("probe")
i = 0
while True:
    i += 1
    s.update(lambda d: d.update(n=i, blob="x" * 3_000_000))
"""


def test_writer_killed_mid_write_keeps_a_valid_state(data_dir):
    env = {**os.environ, "VERTRIEB30_DATA_DIR": str(data_dir)}
    Store("probe").update(lambda d: d.update(n=0, blob=""))
    for delay in (0.35, 0.5, 0.65):
        p = subprocess.Popen([sys.executable, "-c", WRITER], env=env)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        data = Store("probe").read()  # must parse: old or new state, never a torn file
        assert isinstance(data.get("n"), int)
        assert data["blob"] in ("", "x" * 3_000_000)
        assert not list(data_dir.glob("probe.defekt-*")), "a killed writer must not corrupt the store"


CONCURRENT = r"""
import sys
from course_lib.storage import Store
tag = sys.argv[1]
s = Store("probe")
for i in range(60):
    s.update(lambda d: d.setdefault(tag, []).append(i))
"""


def test_two_processes_writing_at_once_lose_nothing(data_dir):
    env = {**os.environ, "VERTRIEB30_DATA_DIR": str(data_dir)}
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, tag], env=env) for tag in ("a", "b")]
    for p in procs:
        assert p.wait(timeout=120) == 0
    data = Store("probe").read()
    assert data["a"] == list(range(60)) and data["b"] == list(range(60))


@pytest.mark.parametrize("content,reason", [
    (b"{not json", "beschädigt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 99, "data": {}}).encode(), "unbekannte Version"),
    (json.dumps({"format": "something/else", "version": 1, "data": {}}).encode(), "fremdes Format"),
    (b"\xff\xfe\x00", "beschädigt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 1, "data": {"m01": {"p1": {"evil": 1}}}}).encode(), "unerwarteter Inhalt"),
    (json.dumps({"format": "vertrieb30/polls", "version": 1, "data": {"<script>": {}}}).encode(), "unerwarteter Inhalt"),
])
def test_unreadable_file_is_moved_aside_with_notice(data_dir, content, reason):
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


def test_reflection_widget_shows_notice_for_moved_file(data_dir):
    from course_lib.blocks import reflection

    (data_dir / "reflections.json").write_text("{kaputt", encoding="utf-8")
    storage.pop_notices()
    v = reflection.show("m00").views[0]
    assert "beiseitegelegt" in v.status.value
