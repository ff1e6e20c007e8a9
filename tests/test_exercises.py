"""The exercise system, every task type driven through its widget: right, wrong, empty and
malformed input (German message, nothing lost), hints in order, solution locked until a real
attempt; progress survives a kernel restart."""
from __future__ import annotations

import subprocess
import sys

import pytest

from course_lib import content, exercises as ex
from course_lib.exercises import ___, checks, progress
from course_lib.exercises.view import TaskView

_M00 = {t["id"]: t for t in content.load_tasks("m00")["tasks"]}  # choice answers from the data, not their stored position
RIGHT = {
    "t1": _M00["t1"]["answer"],
    "t2": list(_M00["t2"]["answer"]),
    "t3": {"i1": "info", "i2": "unsicher", "i3": "info", "i4": "unsicher"},
    "t4": ["run", "explore", "quiz", "reflect"],
    "t5": "34",
}
WRONG = {
    "t1": next(o["id"] for o in _M00["t1"]["options"] if o["id"] != _M00["t1"]["answer"]),
    "t2": [o["id"] for o in _M00["t2"]["options"] if o["id"] not in _M00["t2"]["answer"]],
    "t3": {"i1": "unsicher", "i2": "info", "i3": "unsicher", "i4": "info"},
    "t4": ["quiz", "reflect", "run", "explore"],
    "t5": "50",
}
EMPTY = {"t1": None, "t2": [], "t3": {}, "t5": "", "t6": ""}
MALFORMED = {"t5": "vierunddreißig", "t3": {"i1": "info"}, "t6": "Zu kurz."}


@pytest.mark.parametrize("tid", sorted(RIGHT))
def test_right_answer_solves(tid, data_dir):
    v = TaskView("m00", tid)
    v.respond(RIGHT[tid])
    if tid == "t4":
        v._moved = True  # the test sets the order directly; a learner moves items
    v.check_button.click()
    assert v.result is not None and v.result.solved, v.feedback.value
    assert "vt-msg-ok" in v.feedback.value
    assert progress.get("m00", tid)["status"] == "solved"


@pytest.mark.parametrize("tid", sorted(WRONG))
def test_wrong_answer_explains_why(tid, data_dir):
    v = TaskView("m00", tid)
    v.respond(WRONG[tid])
    if tid == "t4":
        v._moved = True  # the learner's shuffled start order may equal WRONG["t4"]; a learner moves items
    v.check_button.click()
    assert v.result is not None and not v.result.solved
    assert "vt-msg-wrong" in v.feedback.value or "vt-msg-partial" in v.feedback.value
    assert v.result.message and (v.result.details or v.result.status == "wrong")
    rec = progress.get("m00", tid)
    assert rec["status"] == "tried" and rec["attempts"] == 1


@pytest.mark.parametrize("tid", sorted(EMPTY))
def test_empty_input_german_message_not_counted(tid, data_dir):
    v = TaskView("m00", tid)
    v.respond(EMPTY[tid])
    v.check_button.click()
    assert "vt-msg-error" in v.feedback.value and "Was tun?" in v.feedback.value
    assert progress.get("m00", tid)["attempts"] == 0
    assert v.solution_button.disabled


@pytest.mark.parametrize("tid", sorted(MALFORMED))
def test_malformed_input_is_kept(tid, data_dir):
    v = TaskView("m00", tid)
    v.respond(MALFORMED[tid])
    v.check_button.click()
    assert "vt-msg-error" in v.feedback.value
    assert progress.get("m00", tid)["attempts"] == 0
    # nothing lost: the input is still in the widget and saved for the next session
    assert v.response() == MALFORMED[tid]
    assert TaskView("m00", tid).response() == MALFORMED[tid]


def test_hints_in_order_then_exhausted(data_dir):
    v = TaskView("m00", "t5")
    hints = content.find(content.load_tasks("m00")["tasks"], "t5", "")["hints"]
    assert v.hint_button.description == f"Tipp 1 von {len(hints)} anzeigen"
    v.hint_button.click()
    assert hints[0][:20] in v.hints_html.value and hints[1][:20] not in v.hints_html.value
    v.hint_button.click()
    assert hints[1][:20] in v.hints_html.value
    assert v.hint_button.disabled
    assert progress.get("m00", "t5")["hints"] == len(hints)
    assert hints[1][:20] in TaskView("m00", "t5").hints_html.value  # hints come back after reopening


def test_solution_locked_until_real_attempt(data_dir):
    v = TaskView("m00", "t5")
    assert v.solution_button.disabled
    v.solution_button.disabled = False  # even if forced in the front end …
    v.solution_button.click()
    assert "erst nach Ihrem ersten Versuch" in v.feedback.value and v.solution_html.value == ""
    v.respond("")
    v.check_button.click()  # empty = no real attempt
    assert TaskView("m00", "t5").solution_button.disabled
    v.respond("50")
    v.check_button.click()
    assert not v.solution_button.disabled
    v.solution_button.click()
    assert "Musterlösung" in v.solution_html.value
    assert progress.get("m00", "t5")["solution_seen"] is True


def test_choice_task_solution_needs_two_attempts_or_a_right_answer(data_dir):
    tasks = content.load_tasks("m00")["tasks"]
    t1, t2 = (content.find(tasks, i, "") for i in ("t1", "t2"))
    w1, w2 = [o["id"] for o in t1["options"] if o["id"] != t1["answer"]][:2]  # from the data
    v = TaskView("m00", "t1")
    v.respond(w1)
    v.check_button.click()
    assert v.solution_button.disabled, "one wrong guess must not open the solution of a choice task"
    v.solution_button.disabled = False
    v.solution_button.click()
    assert "nach 2 Versuchen" in v.feedback.value and v.solution_html.value == ""
    v.respond(w2)
    v.check_button.click()
    assert not v.solution_button.disabled
    w = TaskView("m00", "t2")
    w.respond(list(t2["answer"]))
    w.check_button.click()
    assert not w.solution_button.disabled, "a right answer opens the solution at once"


def test_order_check_without_moving_is_not_an_attempt(data_dir):
    v = TaskView("m00", "t4")
    assert v.response() != content.find(content.load_tasks("m00")["tasks"], "t4", "")["answer"], "start order must not be the answer"
    v.check_button.click()
    assert "noch nicht verändert" in v.feedback.value and "vt-msg-error" in v.feedback.value
    rec = progress.get("m00", "t4")
    assert rec["attempts"] == 0 and v.solution_button.disabled and v.result is None
    v.move(0, +1)
    v.check_button.click()
    assert progress.get("m00", "t4")["attempts"] == 1


def test_order_task_buttons_move_items(data_dir):
    v = TaskView("m00", "t4")
    start = v.response()
    v.move(0, +1)
    assert v.response()[:2] == [start[1], start[0]]
    v.move(0, -1)  # out of range: nothing happens
    assert len(v.response()) == len(start)


def test_code_task_blank_then_value(data_dir):
    fb = ex.check_code("m00", "t7", 1.7 * ___)
    assert "Noch nicht ausgefüllt" in fb.html and "vt-msg-info" in fb.html
    assert "vt-msg-error" not in fb.html, "a fresh run-all must not greet the learner with a red box"
    assert progress.get("m00", "t7")["attempts"] == 0
    fb = ex.check_code("m00", "t7", "abc")
    assert "keine Zahl" in fb.html
    fb = ex.check_code("m00", "t7", 1.7 * 200)
    assert not fb.result.solved and "zu niedrig" in fb.html
    fb = ex.check_code("m00", "t7", 1.7 * 220)
    assert fb.result.solved and progress.get("m00", "t7")["status"] == "solved"


def test_numeric_parsing_german_and_english():
    assert checks.read_number("1.234,5").value == 1234.5
    assert checks.read_number("1234,5 €", "€", "money").value == 1234.5
    assert checks.read_number("1,234.5").value == 1234.5
    assert checks.read_number(" 34 ").value == 34
    with pytest.raises(checks.CourseInputError):
        checks.read_number("zwölf")


def test_numeric_typical_mistake_feedback():
    t = content.find(content.load_tasks("m00")["tasks"], "t5", "")
    r = checks.check(t, "21,7")
    assert r.status == "wrong" and "addiert" in r.details[0]
    assert "typischer Fehler" in r.message and "Zwischenschritt" not in r.message


def test_text_is_never_graded_and_suggestions_are_transparent():
    t = content.find(content.load_tasks("m00")["tasks"], "t6", "")
    r = checks.check(t, "Ich höre zu, damit die Lösung passt, auch wenn es dauert.")
    assert r.status == "review" and not r.solved
    assert "vermutlich angesprochen: Zuhören und Fragen" in r.details
    assert any("versteht Ihren Text nicht" in d for d in r.details)


def test_text_task_self_check_sets_bearbeitet_with_coverage(data_dir):
    v = TaskView("m00", "t6")
    v.respond("Ein gutes Gespräch beginnt damit, dass ich zuhöre und nachfrage, bevor ich etwas anbiete.")
    assert v.rubric is None
    v.check_button.click()
    assert "vt-msg-ok" not in v.feedback.value and "Richtig" not in v.feedback.value
    rec = progress.get("m00", "t6")
    assert rec["status"] == "tried" and rec["attempts"] == 1 and "first_correct" not in rec
    assert v.rubric is not None and "Musterlösung" in v.selfcheck_box.children[1].value
    assert any("vermutlich angesprochen" in lab for lab in v.rubric.labels)
    assert v.rubric.value == [], "suggestions must not be pre-ticked"
    v.rubric.value = ["zuhoeren", "vertrauen"]
    v.selfcheck_button.click()
    rec = progress.get("m00", "t6")
    assert rec["status"] == "self_checked" and rec["covered"] == ["zuhoeren", "vertrauen"] and rec["coverage"] == round(2 / 3, 4)
    assert "2 von 3 Kernpunkten" in v.selfcheck_msg.value
    again = TaskView("m00", "t6")  # reopened: rubric and ticks come back
    assert again.rubric is not None and sorted(again.rubric.value) == ["vertrauen", "zuhoeren"]
    assert "bearbeitet" in again.feedback.value
    df = progress.overview()
    row = df[df["Modul"].str.startswith("00")].iloc[0]
    assert row["Freitext bearbeitet"] == "1 von 1" and row["gelöst"] == 0


def test_text_task_prompt_copy_is_not_an_attempt(data_dir):
    t = content.find(content.load_tasks("m00")["tasks"], "t6", "")
    v = TaskView("m00", "t6")
    v.respond(t["prompt"])
    v.check_button.click()
    assert "Aufgabenstellung" in v.feedback.value and progress.get("m00", "t6")["attempts"] == 0
    assert v.rubric is None


def test_progress_survives_kernel_restart(data_dir):
    """Write progress in one Python process (kernel), read it in a fresh one."""
    code_write = ("from course_lib.exercises.view import TaskView\n"
                  "v = TaskView('m00', 't1'); v.respond('a'); v.check_button.click()\n"
                  "v2 = TaskView('m00', 't5'); v2.hint_button.click()\n")
    code_read = ("from course_lib.exercises import progress\n"
                 "import json; print(json.dumps([progress.get('m00','t1'), progress.get('m00','t5')]))\n"
                 "df = progress.overview(); print(int(df.loc[0, 'gelöst']))\n")
    env = {"VERTRIEB30_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code_write], check=True, env=env, timeout=60)
    out = subprocess.run([sys.executable, "-c", code_read], check=True, env=env, timeout=60, capture_output=True, text=True).stdout
    import json
    line1, line2 = out.strip().splitlines()
    t1, t5 = json.loads(line1)
    assert t1["status"] == "solved" and t1["attempts"] == 1 and t1["response"] == "a" and t1["first_correct"] is True
    assert t5["hints"] == 1 and t5["status"] == "open"
    assert line2 == "1"


def test_progress_overview_and_reset(data_dir):
    v = TaskView("m00", "t1")
    v.respond("a")
    v.check_button.click()
    ov = ex.progress_overview()
    assert "1" in ov.table.value and "gelöst" in ov.table.value
    assert "1 von" in ov.alt and "1 von" in ov.chart.value  # the chart: HTML, no matplotlib (#22)
    ov.reset_button.click()
    assert "Häkchen" in ov.message.value
    assert progress.get("m00", "t1")["status"] == "solved"
    ov.confirm.value = True
    ov.reset_button.click()
    assert progress.get("m00", "t1")["status"] == "open"
    assert "zurückgesetzt" in ov.message.value


def test_progress_cli_reset(data_dir):
    from course_lib.exercises import progress_cli

    progress.record_attempt("m00", "t1", "a", True)
    assert progress_cli.main(["--reset"]) == 0
    assert progress.get("m00", "t1")["status"] == "open"


def test_stale_saved_answer_does_not_break_the_task(data_dir):
    """A saved answer whose option ids no longer exist: the task opens, says so, keeps the data."""
    progress.save_response("m00", "t1", "zz")  # an option id of an older version
    v = TaskView("m00", "t1")
    assert v.response() is None and "passt nicht mehr" in v.feedback.value
    assert progress.get("m00", "t1")["response"] == "zz", "the old answer stays in the store"
    progress.save_response("m00", "t2", ["a", "zz"])
    assert "passt nicht mehr" in TaskView("m00", "t2").feedback.value


def test_task_heading_is_the_kind_not_the_id(data_dir):
    """The task's name is the notebook's markdown heading (tests/test_exercises_view_review.py);
    the widget's first line names the kind and level, never an internal id."""
    v = TaskView("m00", "t1")
    assert "Aufgabe t1" not in v.header.value and "t1" not in v.header.value
    assert "Einfachauswahl · Stufe 1" in v.header.value


def test_first_correct_of_a_task_is_kept(data_dir):
    v = TaskView("m00", "t5")
    v.respond("50")
    v.check_button.click()
    v.respond("34")
    v.check_button.click()
    rec = progress.get("m00", "t5")
    assert rec["first_correct"] is False and rec["status"] == "solved" and rec["attempts"] == 2
    row = progress.overview().iloc[0]
    assert row["beim ersten Versuch richtig"] == 0 and row["gelöst"] == 1 and row["Versuche"] == 2


def test_feedback_singular_and_plural_of_units():
    t6 = content.find(content.load_tasks("m04")["tasks"], "t6", "")  # code task, unit „Punkte“
    assert checks.check(t6, 1).message == "Ihr Ergebnis stimmt: 1\u00a0Punkt."
    assert checks.check(t6, 2).message.startswith("Ihr Ergebnis (2\u00a0Punkte) ist zu hoch")
    assert checks.multi_counts(1, 0) == "Es fehlt noch 1 zutreffende Antwort."
    assert checks.multi_counts(2, 0) == "Es fehlen noch 2 zutreffende Antworten."
    assert checks.multi_counts(0, 1) == "1 Ihrer angekreuzten Antworten trifft nicht zu."
    assert checks.multi_counts(0, 3) == "3 Ihrer angekreuzten Antworten treffen nicht zu."
    t = content.find(content.load_tasks("m00")["tasks"], "t6", "")
    with pytest.raises(checks.CourseInputError, match="erst 1 Wort\\."):
        checks.check(t, "Zuhören")
