"""Instructor handouts contain no solution – and the leak check really finds planted ones."""
from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from course_lib.exercises import checks, handout

from .notebook_files import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handout") / "set"
    docs = handout.build(out)
    return out, docs


def test_handout_has_no_solutions(built):
    out, docs = built
    assert docs, "no task files found"
    assert handout.find_leaks(out, docs) == []
    assert sorted(p.name for p in (out / "exercises").glob("*.ipynb")) == sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))


def test_handout_tasks_keep_what_learners_need(built):
    out, _docs = built
    doc = json.loads((out / "course_lib" / "m00_start" / "data" / "tasks.json").read_text("utf-8"))
    assert doc["handout"] is True
    for t in doc["tasks"]:
        assert t["prompt"] and len(t["hints"]) >= 2
        assert not checks.is_checkable(t)
        assert "answer" not in t and "solution" not in t


def test_handout_notebooks_are_cleared(built):
    out, _ = built
    for p in (out / "exercises").glob("*.ipynb"):
        nb = nbformat.read(p, as_version=4)
        assert "widgets" not in nb.metadata
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def _copy(built, tmp_path):
    out, docs = built
    dst = tmp_path / "copy"
    shutil.copytree(out, dst)
    return dst, docs


def test_leak_check_finds_solution_planted_in_a_notebook(built, tmp_path):
    dst, docs = _copy(built, tmp_path)
    solution = docs[0]["tasks"][0]["solution"]
    nb_path = sorted((dst / "exercises").glob("*.ipynb"))[0]
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("Lösung: " + solution))
    nbformat.write(nb, nb_path)
    leaks = handout.find_leaks(dst, docs)
    assert any(nb_path.name in leak and "Lösungstext" in leak for leak in leaks)


def test_leak_check_finds_solution_in_metadata_and_data(built, tmp_path):
    dst, docs = _copy(built, tmp_path)
    task = docs[0]["tasks"][1]
    nb_path = sorted((dst / "exercises").glob("*.ipynb"))[0]
    nb = nbformat.read(nb_path, as_version=4)
    nb.metadata["widgets"] = {"state": {"x": {"value": task["solution"]}}}
    nbformat.write(nb, nb_path)
    tf = dst / "course_lib" / "m00_start" / "data" / "tasks.json"
    doc = json.loads(tf.read_text("utf-8"))
    doc["tasks"][0]["answer"] = "a"
    tf.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    leaks = handout.find_leaks(dst, docs)
    assert any("hat Lösungsfelder ['answer']" in leak for leak in leaks)
    assert any(nb_path.name in leak for leak in leaks)


def test_handout_task_widget_saves_without_checking(built, data_dir, monkeypatch):
    out, _ = built
    from course_lib import content
    from course_lib.exercises.view import TaskView

    stripped = json.loads((out / "course_lib" / "m00_start" / "data" / "tasks.json").read_text("utf-8"))
    monkeypatch.setattr(content, "load_tasks", lambda mid: stripped)
    v = TaskView("m00", "t1")
    assert v.check_button.description == "Antwort speichern"
    v.respond("b")
    v.check_button.click()
    assert "gespeichert" in v.feedback.value and "Richtig" not in v.feedback.value
    from course_lib.exercises import progress
    assert progress.get("m00", "t1")["response"] == "b"
