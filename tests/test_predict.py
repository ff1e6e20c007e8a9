"""The shared predict-then-reveal block (course_lib/blocks/predict.py)."""
from __future__ import annotations

import pytest

from course_lib.blocks.panel import LivePanel, slider
from course_lib.blocks.predict import Predict, Question, gate
from course_lib.errors import CourseInputError

import ipywidgets as widgets


def _panel():
    out = widgets.HTML()
    return LivePanel(title="T", question="Was passiert?", controls={"x": slider("x", 1, 0, 10, 1, integer=True)},
                     views=[out], update=lambda v: setattr(out, "value", str(v["x"])))


def test_number_guess_gates_views_and_reports_without_grading():
    p = _panel()
    pr = gate(p, Predict([Question("Wie viel?", unit="Punkte", unit_one="Punkt", lo=0, hi=10, digits=0,
                                   answer=lambda: (4, "4 Punkte"))]))
    assert p.predict is pr and pr.widget in p.box.children and p.view_box.layout.display == "none"
    with pytest.raises(CourseInputError):
        pr.commit("")            # an empty guess is not a commitment
    assert not pr.committed and p.view_box.layout.display == "none"
    out = pr.commit("5")[0]
    assert pr.committed and p.view_box.layout.display is None
    assert out.sentence == "Ihre Vermutung: 5\u00a0Punkte – das Modell zeigt: 4 Punkte. Ihre Vermutung liegt um 1\u00a0Punkt über dem Modellwert."
    assert not out.close and "Richtig" not in pr.result.value and "vt-msg-info" in pr.result.value
    assert pr.inputs[0].disabled and pr.button.disabled
    assert pr.commit("9")[0].guess == 5  # committed once; later calls do not change the guess


def test_button_path_shows_german_error_and_range():
    pr = Predict([Question("Wie viel?", lo=0, hi=10, answer=lambda: (1, "1"))])
    pr.inputs[0].value = "12"
    pr.button.click()
    assert not pr.committed and "zwischen 0 und 10" in pr.message.value
    pr.inputs[0].value = "2,5"
    pr.button.click()
    assert pr.committed and pr.guesses == [2.5] and pr.message.value == ""


def test_choice_and_several_questions_and_callbacks():
    seen = []
    pr = Predict([Question("A?", choices=[("Ja", "ja"), ("Nein", "nein")], answer=lambda: ("ja", "ja")),
                  Question("B?", lo=0, hi=100, digits=0, tolerance=10, answer=lambda: (50, "50"))])
    pr.on_commit(lambda p: seen.append(p.guesses))
    with pytest.raises(CourseInputError):
        pr.commit(["vielleicht", 3])
    outs = pr.commit(["ja", 55])
    assert [o.close for o in outs] == [True, True] and seen == [["ja", 55.0]]
    assert "stimmen überein" in outs[0].sentence and "nah am Modell" in outs[1].sentence


def test_tied_choices_count_as_close_and_shuffle_key_orders_options():
    """A set of option ids from answer() means several options are equally right (m05 ties)."""
    opts = [("A", "a"), ("B", "b"), ("C", "c"), ("D", "d")]
    q = Question("Welche?", choices=opts, answer=lambda: (frozenset({"b", "c"}), "B und C"),
                 shuffle_key="test/predict/tie")
    from course_lib.learner import order
    pr = Predict([q])
    assert pr.inputs[0].ids == order("test/predict/tie", ["a", "b", "c", "d"])
    assert pr.commit("c")[0].close
    pr2 = Predict([Question("Welche?", choices=opts, answer=lambda: (frozenset({"b", "c"}), "B und C"))])
    assert not pr2.commit("a")[0].close
