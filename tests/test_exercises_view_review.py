"""Findings of the screenshot review of the exercise widgets (issue 17), each as a rule the
task widget keeps: one heading per task, the free-text box in the answer-field grid, Enter
checks a number field, the number message names the field, no stale „Nächster Tipp“ note,
the multi-choice note only when the prompt does not already say so."""
from __future__ import annotations

import glob
import re
from pathlib import Path

import nbformat
import pytest

from course_lib import content
from course_lib.blocks.choices import says_multiple
from course_lib.exercises import checks, progress
from course_lib.exercises.view import _TASK_CSS, TYPE_DE, TaskView

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(Path(p).parent.parent.name.split("_")[0] for p in glob.glob(str(ROOT / "course_lib/m0*/data/tasks.json")))
ALL_TASKS = [(m, t["id"]) for m in MODULES for t in content.load_tasks(m)["tasks"]]


# -- 6: one heading per task -------------------------------------------------------------
def _task_cells():
    """(notebook, module, task id, the last markdown heading above the task cell)."""
    for f in sorted((ROOT / "exercises").glob("*.ipynb")):
        heading = None
        for c in nbformat.read(f, as_version=4).cells:
            if c.cell_type == "markdown":
                heads = [ln for ln in c.source.splitlines() if ln.startswith("## ")]
                heading = heads[-1] if heads else heading
            m = re.search(r'ex\.task\("(m\d\d)", "(t\d+)"\)', c.source) if c.cell_type == "code" else None
            if m:
                yield f.name, m.group(1), m.group(2), heading
                heading = None  # the next task needs a heading of its own


def test_every_task_cell_has_its_own_markdown_heading():
    """The widget shows no title of its own, so the notebook's heading must name every task."""
    cells = list(_task_cells())
    assert len(cells) >= 55
    missing = [(nb, t) for nb, _m, t, h in cells if not h]
    assert not missing, missing


@pytest.mark.parametrize("module_id,task_id", ALL_TASKS)
def test_widget_shows_kind_and_level_but_not_a_second_title(module_id, task_id, data_dir):
    v = TaskView(module_id, task_id, seed="review")
    head = v.header.value
    assert v.task["title"] not in head, "the markdown heading names the task; a bold title under it reads twice"
    assert "<h4" not in head and "<b>" not in head
    assert head.startswith(f"<p class='vt-task-kind'") and TYPE_DE[v.task["type"]] in head and f"Stufe {v.task['level']}" in head


# -- 1: the free-text box sits in the label column, in the normal font ---------------------
def test_free_text_box_uses_the_answer_field_grid(data_dir):
    v = TaskView("m00", "t6")
    assert "vt-answer-text" in v._w._dom_classes and v._w.layout.width == "100%"
    assert any(getattr(c, "value", None) == _TASK_CSS for c in v.box.children), "the CSS travels with the widget"
    rules = dict(re.findall(r"(\.vt-answer-text[^{]*)\{([^}]*)\}", _TASK_CSS))
    label = next(r for s, r in rules.items() if "widget-label" in s)
    box = next(r for s, r in rules.items() if "textarea" in s and "widget-label" not in s and s.strip().endswith("textarea"))
    assert "var(--vt-label-w)" in label, "same label column as the number and dropdown fields"
    assert "var(--jp-ui-font-family)" in box and "monospace" not in box
    assert "max-width: 32em" in box, "ends where a one-line answer field ends (css.py: input max-width 32em)"


# -- 14: Enter in the number field checks ---------------------------------------------------
def test_enter_in_the_number_field_checks_but_leaving_it_does_not(data_dir):
    v = TaskView("m00", "t5")
    assert v._w.continuous_update, "the value must be in the kernel before Enter's submit message"
    v.respond("34")
    v._w._handle_custom_msg({"event": "focus-lost"}, [])  # anything but submit counts nothing
    assert progress.get("m00", "t5")["attempts"] == 0 and v.result is None
    v._w._handle_custom_msg({"event": "submit"}, [])
    assert progress.get("m00", "t5")["attempts"] == 1 and v.result.solved
    assert "vt-msg-ok" in v.feedback.value


def test_enter_with_bad_input_shows_the_message_and_counts_nothing(data_dir):
    v = TaskView("m00", "t5")
    v.respond("zwanzig")
    v._w._handle_custom_msg({"event": "submit"}, [])
    assert progress.get("m00", "t5")["attempts"] == 0
    assert "keine Zahl" in v.feedback.value


# -- 11: the number message names the field the learner sees --------------------------------
def test_number_message_names_the_fields_label(data_dir):
    v = TaskView("m00", "t5")
    label = v._w.description.rstrip(":")
    assert label == "Ihr Ergebnis (Besuche)"
    v.respond("zwanzig")
    v.check_button.click()
    assert f"„{label}“" in v.feedback.value and "„Ihre Antwort“" not in v.feedback.value


def test_field_label_with_and_without_unit():
    assert checks.field_label({"type": "numeric", "unit": "€"}) == "Ihr Ergebnis (€)"
    assert checks.field_label({"type": "numeric"}) == "Ihr Ergebnis"
    with pytest.raises(checks.CourseInputError) as e:
        checks.check({"type": "numeric", "answer": 3.0}, "drei")
    assert "„Ihr Ergebnis“" in e.value.message


# -- 15: no stale „Nächster Tipp“ note --------------------------------------------------------
def test_next_tip_note_goes_when_the_learner_opens_the_next_tip(data_dir):
    v = TaskView("m00", "t1")
    wrong = next(o["id"] for o in v.task["options"] if o["id"] != v.task["answer"])
    v.respond(wrong)
    v.check_button.click()
    assert "Tipp 1 von 2 eingeblendet" in v.feedback.value and "Tipp 1:" in v.hints_html.value
    v.hint_button.click()  # tip 2
    assert "Tipp 2:" in v.hints_html.value
    assert "eingeblendet" not in v.feedback.value, "the note said tip 1 – it is stale now"
    assert "vt-msg-wrong" in v.feedback.value, "the result of the check stays"
    assert v.hint_button.description == "Alle Tipps gezeigt"


def test_a_message_shown_after_the_note_is_not_overwritten_by_a_tip(data_dir):
    v = TaskView("m00", "t5")
    v.respond("50")
    v.check_button.click()
    v.respond("fünfzig")
    v.check_button.click()  # the input error replaces the result and its note
    shown = v.feedback.value
    v.hint_button.click()
    assert v.feedback.value == shown


# -- 5: the multi-choice note -----------------------------------------------------------------
@pytest.mark.parametrize("prompt,says", [
    ("Kreuzen Sie alle an, die das AVR-Modell dazu zählt.", True),
    ("Kreuzen Sie alle passenden an.", True),
    ("Mehrere Antworten können richtig sein.", True),
    ("Kreuzen Sie an, was stimmt.", False),
    ("Welche Reaktion ist angemessen?", False),
    ("Kreuzen Sie allein die falsche an.", False),
])
def test_says_multiple(prompt, says):
    assert says_multiple(prompt) is says


def test_m04_t1_shows_no_second_multi_note(data_dir):
    v = TaskView("m04", "t1", seed="review")
    assert v.input is v._w, "the prompt already says „Kreuzen Sie alle an“"


# -- 14 (consequence): Enter then „Prüfen“ on the same answer counts once --------------------
def test_checking_the_same_answer_again_counts_no_new_attempt(data_dir):
    v = TaskView("m00", "t5")
    v.respond("50")
    v._w._handle_custom_msg({"event": "submit"}, [])   # Enter …
    v.check_button.click()                             # … then „Prüfen“ on the same answer
    rec = progress.get("m00", "t5")
    assert rec["attempts"] == 1 and rec["hints"] == 1, rec
    assert "eben schon geprüft" in v.feedback.value and "vt-msg-wrong" in v.feedback.value
    v.respond("34")
    v.check_button.click()
    assert progress.get("m00", "t5")["attempts"] == 2 and v.result.solved


def test_two_clicks_on_the_same_wrong_choice_do_not_open_the_solution(data_dir):
    v = TaskView("m00", "t1")
    wrong = next(o["id"] for o in v.task["options"] if o["id"] != v.task["answer"])
    v.respond(wrong)
    v.check_button.click()
    v.check_button.click()
    assert progress.get("m00", "t1")["attempts"] == 1 and v.solution_button.disabled
