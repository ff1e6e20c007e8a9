"""content.load_module_file: the one loader for a module's data files (schema + module check)."""
from __future__ import annotations

import json
import shutil

from course_lib import content
from tests.helpers import assert_course_error


def test_module_file_of_another_module_is_refused(tmp_path, monkeypatch):
    real = content.data_path("m00", "tasks.json")
    doc = json.loads(real.read_text("utf-8"))
    assert content.load_module_file("m00", "tasks.json", "tasks") == doc  # the real file loads as it is
    copy = tmp_path / "tasks.json"
    shutil.copyfile(real, copy)
    doc["module"] = "m01"
    copy.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(content, "data_path", lambda module_id, filename: tmp_path / filename)
    exc = assert_course_error(content.load_module_file, "m00", "tasks.json", "tasks")
    assert "gehört zu „m01“, nicht zu „m00“" in exc.message and "„m00“" in exc.hint


def test_module_file_is_checked_against_its_schema(tmp_path, monkeypatch):
    (tmp_path / "content.json").write_text(json.dumps({"module": "m00", "quiz": "keine Liste"}), "utf-8")
    monkeypatch.setattr(content, "data_path", lambda module_id, filename: tmp_path / filename)
    exc = assert_course_error(content.load_module_file, "m00", "content.json", "content")
    assert "nicht das erwartete Format" in exc.message
