"""Instructor handouts contain no solution – also when opened in a full course environment –
and the leak check really finds planted ones; the command never deletes a foreign folder."""
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
    doc = json.loads((out / "exercises" / handout.PACKAGE / "m00_start" / "data" / "tasks.json").read_text("utf-8"))
    assert doc["handout"] is True
    for t in doc["tasks"]:
        assert t["prompt"] and len(t["hints"]) >= 2
        assert not checks.is_checkable(t)
        assert "answer" not in t and "solution" not in t
        assert "concepts" not in t and "min_concepts" not in t  # the free-text rubric labels are gone too


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
    tf = dst / "exercises" / handout.PACKAGE / "m00_start" / "data" / "tasks.json"
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

    stripped = json.loads((out / "exercises" / handout.PACKAGE / "m00_start" / "data" / "tasks.json").read_text("utf-8"))
    monkeypatch.setattr(content, "load_tasks", lambda mid: stripped)
    v = TaskView("m00", "t1")
    assert v.check_button.description == "Antwort speichern"
    v.respond("b")
    v.check_button.click()
    assert "gespeichert" in v.feedback.value and "Richtig" not in v.feedback.value
    from course_lib.exercises import progress
    assert progress.get("m00", "t1")["response"] == "b"


def test_handout_package_cannot_resolve_to_the_full_course(built):
    out, _ = built
    pkg = out / "exercises" / handout.PACKAGE
    assert (pkg / "__init__.py").is_file() and not (out / "course_lib").exists()
    for f in list(pkg.rglob("*.py")) + list((out / "exercises").glob("*.ipynb")):
        assert "course_lib" not in f.read_text("utf-8"), f
    for cf in pkg.glob("*/data/content.json"):
        assert json.loads(cf.read_text("utf-8"))["quiz"] == []  # the quiz's right answers are not shipped
    nb = nbformat.read(out / "exercises" / "00_Beispiel_Aufgabentypen.ipynb", as_version=4)
    assert f"from {handout.PACKAGE} import exercises as ex" in nb.cells[[c.cell_type for c in nb.cells].index("code")].source


def test_leak_check_finds_a_reference_to_the_full_course_and_rubric_labels(built, tmp_path):
    dst, docs = _copy(built, tmp_path)
    nb_path = dst / "exercises" / "00_Beispiel_Aufgabentypen.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("from course_lib import exercises as ex"))
    label = next(c["label"] for d in docs for t in d["tasks"] for c in t.get("concepts", []))
    nb.cells.append(nbformat.v4.new_markdown_cell("Achten Sie auf: " + label))
    nbformat.write(nb, nb_path)
    leaks = handout.find_leaks(dst, docs)
    assert any("vollständigen Kurs" in leak for leak in leaks)
    assert any(label[:20] in leak for leak in leaks)


def test_handout_notebook_in_full_course_environment_shows_no_solution(built, tmp_path):
    """Execute a handout notebook with the full course importable (PYTHONPATH = repository):
    it imports the stripped package, checks nothing and shows no solution, hint texts only."""
    import os

    from nbclient import NotebookClient

    out, docs = built
    src = out / "exercises" / "00_Beispiel_Aufgabentypen.ipynb"
    nb = nbformat.read(src, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys, json\n"
        f"from {handout.PACKAGE} import content\n"
        f"from {handout.PACKAGE}.exercises.view import TaskView\n"
        "shown = []\n"
        "for t in content.load_tasks('m00')['tasks']:\n"
        "    v = TaskView('m00', t['id'])\n"
        "    if t['type'] in ('single', 'numeric', 'text'):\n"
        "        v.respond({'single': t.get('options', [{}])[0].get('id'), 'numeric': '1', 'text': 'Zuhören Nutzen Vertrauen ehrlich fragen'}[t['type']])\n"
        "        v.check_button.click()\n"
        "    v.hint_button.click(); v.solution_button.click()\n"
        "    shown.append([getattr(w, 'value', '') for w in v.box.children if hasattr(w, 'value')] + [v.check_button.description])\n"
        "print(json.dumps({'full_course_loaded': any(m == 'course_lib' or m.startswith('course_lib.') for m in sys.modules),\n"
        "                  'course_lib_importable': __import__('importlib').util.find_spec('course_lib') is not None,\n"
        "                  'ex': ex.__name__, 'shown': shown}, ensure_ascii=False))"))
    env_data = tmp_path / "data"
    old = {k: os.environ.get(k) for k in ("PYTHONPATH", "VERTRIEB30_DATA_DIR")}
    os.environ["PYTHONPATH"] = str(ROOT)  # the FULL course is importable in this kernel
    os.environ["VERTRIEB30_DATA_DIR"] = str(env_data)
    try:
        client = NotebookClient(nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(src.parent)}},
                                store_widget_state=True)
        client.execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    report = json.loads(nb.cells[-1].outputs[-1]["text"])
    assert report["course_lib_importable"] is True  # the trap is set …
    assert report["full_course_loaded"] is False  # … and the notebook does not fall into it
    assert report["ex"] == f"{handout.PACKAGE}.exercises"
    flat = json.dumps(nb, ensure_ascii=False)  # every output and the stored widget state
    for needle in handout.solution_strings(docs):
        assert needle not in flat, needle[:60]
    assert "Richtig" not in json.dumps(report["shown"], ensure_ascii=False)
    assert all(s[-1] != "Prüfen" for s in report["shown"])


def test_refuses_to_delete_a_foreign_non_empty_folder(tmp_path, capsys):
    foreign = tmp_path / "Dokumente"
    foreign.mkdir()
    (foreign / "wichtig.txt").write_text("nicht löschen")
    assert handout.main([str(foreign)]) == 2
    assert (foreign / "wichtig.txt").read_text() == "nicht löschen"
    assert "nicht gelöscht" in capsys.readouterr().err
    empty = tmp_path / "leer"
    empty.mkdir()
    assert handout.main([str(empty)]) == 0 and (empty / handout.MARKER).is_file()
    (empty / "notiz.txt").write_text("x")
    assert handout.main([str(empty)]) == 0  # ours (marker): rebuilt
    assert not (empty / "notiz.txt").exists()
