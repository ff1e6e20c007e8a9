"""Instructor handouts (course_lib/exercises/handout.py) on a tiny synthetic course: exactly
which fields are stripped, which texts the leak scan searches and where (raw text, parsed
JSON strings, solution fields left in tasks.json, references to ``course_lib``), what the
build copies, renames and writes, and the command's exit codes and messages. Written against
the mutation survivors (``make mutation MUTANTS="course_lib.exercises.handout*"``)."""
from __future__ import annotations

import json

import nbformat
import pytest

from course_lib.exercises import handout

SOL = "Die Musterlösung steht hier ausführlich."
TASK = {"id": "t1", "type": "single", "prompt": "Welche Antwort? Nennen Sie Zuhören als Kernpunkt.", "hints": ["Denken Sie an Fragen"],
        "answer": "a", "solution": SOL, "mistakes": [{"value": 1, "feedback": "Typischer Fehler: doppelt gezählt."}],
        "expected": 3, "concepts": [{"id": "k1", "label": "Zuhören als Kernpunkt", "patterns": ["zuh"]},
                                    {"id": "k2", "label": "Nutzen des Kunden benennen", "patterns": ["nutz"]},
                                    {"id": "k3", "label": "kurz", "patterns": ["k"]}],
        "min_concepts": 1,
        "options": [{"id": "a", "text": "Option A", "feedback": "Richtig, weil Zuhören hilft."},
                    {"id": "b", "text": "Option B", "feedback": "kurz"}],
        "items": [{"id": "i1", "text": "Aussage", "feedback": "Gehört zur Information, nicht Druck."}]}
DOC = {"module": "m00", "tasks": [TASK], "extra": "weg"}


def test_strip_task_removes_every_solution_field_and_keeps_the_rest():
    t = handout.strip_task(TASK)
    assert t == {"id": "t1", "type": "single", "prompt": TASK["prompt"], "hints": TASK["hints"],
                 "options": [{"id": "a", "text": "Option A"}, {"id": "b", "text": "Option B"}],
                 "items": [{"id": "i1", "text": "Aussage"}]}
    assert TASK["options"][0]["feedback"] and TASK["answer"] == "a", "the original is not changed"
    assert handout.strip_tasks_file(DOC) == {"module": "m00", "handout": True, "tasks": [t]}


def test_solution_strings_are_long_solution_texts_but_not_public_labels():
    got = handout.solution_strings([DOC])
    assert got == {SOL, "Typischer Fehler: doppelt gezählt.", "Richtig, weil Zuhören hilft.",
                   "Gehört zur Information, nicht Druck.", "Nutzen des Kunden benennen"}
    # exactly MIN_LEAK_CHARS characters (after stripping) count, one fewer does not
    t = {"solution": "  " + "x" * handout.MIN_LEAK_CHARS + " ", "options": [{"feedback": "y" * (handout.MIN_LEAK_CHARS - 1)}]}
    assert handout.solution_strings([{"tasks": [t]}]) == {"x" * handout.MIN_LEAK_CHARS}
    hinted = {"hints": ["Denken Sie an den Nutzen des Kunden benennen"], "concepts": [{"label": "Nutzen des Kunden benennen"}]}
    assert handout.solution_strings([{"tasks": [hinted]}]) == set()


def test_strings_in_json_yields_keys_and_nested_values():
    node = {"a": ["x", {"b": "y", "n": 3}], "c": None}
    assert list(handout._strings_in_json(node)) == ["a", "x", "b", "y", "n", "c"]
    assert list(handout._strings_in_json("s")) == ["s"]
    assert list(handout._strings_in_json(5)) == []


def _tree(tmp_path, files: dict):
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def test_find_leaks_reports_each_kind_with_the_file(tmp_path):
    stripped = json.dumps(handout.strip_tasks_file(DOC))
    out = _tree(tmp_path, {
        "clean/tasks.json": stripped,
        "pkg/m00/data/tasks.json": json.dumps({"tasks": [{"id": "t9", "answer": "a", "options": [{"id": "a", "feedback": "x"}],
                                                          "items": [{"id": "i", "feedback": "y"}]}, {"id": "t8"}]}),
        "a.py": "import course_lib.storage\n",
        "b.md": "course_lib wird hier nur erwähnt.",
        "c.txt": "Hier steht: " + SOL,
        "d.json": json.dumps({"x": SOL}, ensure_ascii=True),  # escaped umlauts: found in the parsed strings
        "e.ipynb": "{kein json " + "Richtig, weil Zuhören hilft.",
        "f.py": "x = 'my_course_lib'\n",
    })
    leaks = handout.find_leaks(out, [DOC])
    assert "a.py: verweist auf den vollständigen Kurs („course_lib“)" in leaks
    assert not any(l.startswith("b.md") for l in leaks) and not any(l.startswith("f.py") for l in leaks)
    assert not any(l.startswith("clean/") for l in leaks)
    assert (f"pkg/m00/data/tasks.json: Aufgabe t9 hat Lösungsfelder {sorted(['answer', 'options[].feedback', 'items[].feedback'])}"
            in leaks)
    assert not any("Aufgabe t8" in l for l in leaks)
    assert f"c.txt: enthält Lösungstext „{SOL[:60]}…“" in leaks
    assert f"d.json: enthält Lösungstext „{SOL[:60]}…“" in leaks
    assert "e.ipynb: enthält Lösungstext „Richtig, weil Zuhören hilft.…“" in leaks
    assert len(leaks) == 5


def test_find_leaks_on_a_clean_folder_and_long_needles(tmp_path):
    long = "L" * 80
    out = _tree(tmp_path, {"x.txt": "nichts", "notiz.json": "[1, 2]"})
    assert handout.find_leaks(out, [{"tasks": [{"solution": long}]}]) == []
    (tmp_path / "y.txt").write_text(long, encoding="utf-8")
    assert handout.find_leaks(out, [{"tasks": [{"solution": long}]}]) == [f"y.txt: enthält Lösungstext „{'L' * 60}…“"]


def _tiny_root(tmp_path):
    root = tmp_path / "root"
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"state": 1}
    code = nbformat.v4.new_code_cell("from course_lib import exercises\nexercises.show('m00', 't1')")
    code.outputs = [nbformat.v4.new_output("stream", text="alt")]
    code.execution_count = 7
    nb.cells = [nbformat.v4.new_markdown_cell("Mit `course_lib` arbeiten"), code]
    (root / "exercises").mkdir(parents=True)
    nbformat.write(nb, root / "exercises" / "01_Uebung.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), root / "exercises" / "02_Ohne_Widgets.ipynb")  # no widget state at all
    (root / "exercises" / "notiz.txt").write_text("kein Notebook")
    _tree(root, {
        "course_lib/__init__.py": "import course_lib.storage\n",
        "course_lib/m00/data/tasks.json": json.dumps(DOC, ensure_ascii=False),
        "course_lib/m00/data/content.json": json.dumps({"quiz": [{"id": "q1"}], "reflections": ["r"], "hinweis": "siehe course_lib für Übungen"}),
        "course_lib/m00/data/info.md": "course_lib erklärt",
        "course_lib/m00/hilfe.py": "# Übung: course_lib\n",
        "course_lib/m00/data/bild.svg": "<svg>course_lib</svg>",
        "course_lib/authoring/x.py": "geheim", "course_lib/workshop/y.py": "geheim",
        "course_lib/exercises/handout.py": "geheim", "course_lib/__pycache__/z.pyc": "x",
        "course_lib/m00/data/liesmich.txt": "Für course_lib",
        "course_lib/m00/alt.pyc": "x",
        "pyproject.toml": '# Abhängigkeiten\n[project]\nname = "x"\ndependencies = ["ipywidgets>=8", "pandas>=2"]\n',
    })
    return root


def test_build_writes_a_stripped_renamed_package(tmp_path):
    root = _tiny_root(tmp_path)
    out = tmp_path / "out"
    docs = handout.build(out, root)
    assert docs == [DOC]
    pkg = out / "exercises" / handout.PACKAGE
    assert json.loads((pkg / "m00" / "data" / "tasks.json").read_text("utf-8")) == handout.strip_tasks_file(DOC)
    assert (pkg / "m00" / "data" / "tasks.json").read_text("utf-8").endswith("}\n")
    assert json.loads((pkg / "m00" / "data" / "content.json").read_text("utf-8")) == {
        "quiz": [], "reflections": ["r"], "hinweis": f"siehe {handout.PACKAGE} für Übungen"}
    assert (pkg / "__init__.py").read_text("utf-8") == f"import {handout.PACKAGE}.storage\n"
    assert (pkg / "m00" / "data" / "info.md").read_text("utf-8") == f"{handout.PACKAGE} erklärt"
    assert (pkg / "m00" / "data" / "bild.svg").read_text("utf-8") == "<svg>course_lib</svg>"  # only text sources renamed
    assert (pkg / "HANDOUT").read_text("utf-8") == "Arbeitsblatt-Fassung ohne Lösungen\n"
    assert (pkg / "m00" / "data" / "liesmich.txt").read_text("utf-8") == f"Für {handout.PACKAGE}"
    assert (pkg / "m00" / "hilfe.py").read_text("utf-8") == f"# Übung: {handout.PACKAGE}\n"
    assert not (pkg / "m00" / "alt.pyc").exists()
    tasks_text = (pkg / "m00" / "data" / "tasks.json").read_text("utf-8")
    assert "Nennen Sie Zuhören" in tasks_text, "umlauts stay readable for the instructor"
    assert tasks_text.startswith('{\n "module": "m00"'), "one-space indent, as every course data file"
    content_text = (pkg / "m00" / "data" / "content.json").read_text("utf-8")
    assert content_text.startswith('{\n "quiz": []') and content_text.endswith("}\n") and "für Übungen" in content_text
    for gone in ("authoring", "workshop", "exercises/handout.py", "__pycache__"):
        assert not (pkg / gone).exists(), gone
    assert (out / "requirements.txt").read_text("utf-8") == "ipywidgets>=8\npandas>=2\n"
    assert (out / "README.md").read_text("utf-8") == (
        "# Vertrieb 3.0 – Arbeitsblätter (ohne Lösungen)\n\n"
        "Diese Fassung enthält die Übungsnotebooks ohne Musterlösungen und ohne automatische Auswertung. "
        "Ihre Antworten werden gespeichert und im Workshop besprochen.\n\n"
        f"Die nötige Kursbibliothek liegt im Ordner `exercises/{handout.PACKAGE}` – es muss nichts installiert werden "
        "außer den Bibliotheken aus `requirements.txt` (`pip install -r requirements.txt`). "
        "Dann `jupyter lab exercises/`.\n")
    assert (out / handout.MARKER).read_text("utf-8") == "Von „make handouts“ angelegt; wird beim nächsten Aufruf ersetzt.\n"
    assert sorted(p.name for p in (out / "exercises").iterdir()) == ["01_Uebung.ipynb", "02_Ohne_Widgets.ipynb", handout.PACKAGE]
    nb = nbformat.read(out / "exercises" / "01_Uebung.ipynb", as_version=4)
    assert "widgets" not in nb.metadata
    assert nb.cells[0].source == f"Mit `{handout.PACKAGE}` arbeiten"
    assert nb.cells[1].source.startswith(f"from {handout.PACKAGE} import exercises")
    assert nb.cells[1].outputs == [] and nb.cells[1].execution_count is None
    assert handout.find_leaks(out, docs) == []


def test_prepare_creates_replaces_only_its_own_folder(tmp_path):
    new = tmp_path / "a" / "b"
    handout._prepare(new)
    assert sorted(p.name for p in new.iterdir()) == [handout.MARKER]
    (new / "alt.txt").write_text("x")
    handout._prepare(new)
    assert sorted(p.name for p in new.iterdir()) == [handout.MARKER]
    foreign = tmp_path / "fremd"
    foreign.mkdir()
    (foreign / "wichtig.txt").write_text("x")
    with pytest.raises(handout.HandoutFolderError) as info:
        handout._prepare(foreign)
    assert str(info.value) == (f"Der Ordner „{foreign}“ ist nicht leer und wurde nicht von diesem Befehl angelegt. "
                               "Er wird nicht gelöscht. Bitte wählen Sie einen neuen oder leeren Zielordner.")
    (foreign / handout.MARKER).mkdir()  # a folder named like the marker is not the marker file
    with pytest.raises(handout.HandoutFolderError):
        handout._prepare(foreign)
    f = tmp_path / "datei"
    f.write_text("x")
    with pytest.raises(handout.HandoutFolderError) as info:
        handout._prepare(f)
    assert str(info.value) == f"„{f}“ ist eine Datei, kein Ordner – bitte wählen Sie einen anderen Zielordner."
    assert f.read_text() == "x"


def test_main_exit_codes_and_messages(tmp_path, monkeypatch, capsys):
    root = _tiny_root(tmp_path)
    real = handout.build
    monkeypatch.setattr(handout, "build", lambda out: real(out, root))
    out = tmp_path / "set"
    assert handout.main([str(out)]) == 0
    assert capsys.readouterr().out == (f"Arbeitsblatt-Satz ohne Lösungen gebaut: {out} (1 Aufgaben aus 1 Modulen; "
                                       "Lecksuche: sauber)\n")
    monkeypatch.setattr(handout, "find_leaks", lambda o, d: ["a: x", "b: y"])
    assert handout.main([str(out)]) == 1
    assert capsys.readouterr().out == "Lösungen im Arbeitsblatt-Satz gefunden:\na: x\nb: y\n"
    f = tmp_path / "datei"
    f.write_text("x")
    assert handout.main([str(f)]) == 2
    assert capsys.readouterr().err == f"„{f}“ ist eine Datei, kein Ordner – bitte wählen Sie einen anderen Zielordner.\n"


def test_main_default_folder(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(handout, "build", lambda out: seen.append(out) or [])
    monkeypatch.setattr(handout, "find_leaks", lambda o, d: [])
    monkeypatch.setattr(handout.sys, "argv", ["handout"])
    assert handout.main() == 0 and str(seen[0]) == "build/handouts"
    monkeypatch.setattr(handout.sys, "argv", ["handout", str(tmp_path / "x")])
    assert handout.main() == 0 and seen[1] == tmp_path / "x"


@pytest.fixture
def ascii_locale():
    """A platform whose default text encoding is not UTF-8 (Windows: cp1252): open() without
    an encoding then fails on umlauts instead of silently working as on a UTF-8 Linux."""
    import locale

    old = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, old)


def test_build_reads_and_writes_utf8_whatever_the_platform_default(tmp_path, ascii_locale):
    import locale

    assert locale.getpreferredencoding(False).lower() not in ("utf-8", "utf8")
    root = _tiny_root(tmp_path)
    out = tmp_path / "out"
    docs = handout.build(out, root)
    pkg = out / "exercises" / handout.PACKAGE
    assert docs == [DOC]
    assert (pkg / "HANDOUT").read_bytes() == "Arbeitsblatt-Fassung ohne Lösungen\n".encode("utf-8")
    assert (pkg / "m00" / "hilfe.py").read_bytes() == f"# Übung: {handout.PACKAGE}\n".encode("utf-8")
    assert "Zuhören".encode("utf-8") in (pkg / "m00" / "data" / "tasks.json").read_bytes()
    assert (out / "requirements.txt").read_text("utf-8") == "ipywidgets>=8\npandas>=2\n"


def test_solution_strings_tolerate_entries_without_text():
    t = {"mistakes": [{"value": 1}], "concepts": [{"id": "k"}], "options": [{"id": "a"}], "solution": "Eine lange Musterlösung hier."}
    assert handout.solution_strings([{"tasks": [t]}]) == {"Eine lange Musterlösung hier."}


def test_strip_task_of_a_minimal_task():
    assert handout.strip_task({"id": "t", "type": "text", "prompt": "P"}) == {"id": "t", "type": "text", "prompt": "P"}


def test_find_leaks_in_notebooks_binaries_and_other_json(tmp_path):
    out = _tree(tmp_path, {
        "f.ipynb": json.dumps({"cells": [{"source": SOL}]}, ensure_ascii=True),  # escaped: only the parsed strings show it
        "g.ipynb": json.dumps({"cells": [{"source": "import course_lib"}]}),
        "other.json": json.dumps({"tasks": [{"id": "t", "answer": 1}]}),  # not a task file
        "pkg/data/tasks.json": json.dumps({"module": "m00"}),  # no task list at all
    })
    (tmp_path / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00" * 10)
    leaks = handout.find_leaks(out, [DOC])
    assert sorted(leaks) == sorted([f"f.ipynb: enthält Lösungstext „{SOL[:60]}…“",
                                    "g.ipynb: verweist auf den vollständigen Kurs („course_lib“)"])


def test_strip_task_of_options_without_feedback():
    t = {"id": "t", "type": "single", "answer": "a", "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B", "feedback": "x"}],
         "items": [{"id": "i", "text": "I"}]}
    assert handout.strip_task(t)["options"] == [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
