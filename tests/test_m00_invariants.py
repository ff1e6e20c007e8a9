"""00_Start: the warm-up widget says what it shows, and the export preview never stands next
to an error about another pseudonym (issue 19)."""
from __future__ import annotations

import functools
import math
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.blocks import guard
from course_lib.m00_start import model, view

INVARIANTS = {
    "warmup": [
        "W1 the marker sits at (slider value, visits) on the plotted step curve, inside the axes",
        "W2 the number of visits in the text is the marker's height = floor(8 h · 60 / (minutes + 45))",
        "W3 before the guess the views are hidden; afterwards the guess is reported next to the model's answer, "
        "without grading words",
    ],
    "export_preview": [
        "P1 after a valid preview, an invalid pseudonym clears the preview and shows only the error",
    ],
}


@functools.cache
def _warm():
    w = view.warmup()
    w.predict.commit(3)
    return w


@settings(max_examples=60, deadline=None)
@given(m=st.integers(2, 36).map(lambda k: 5 * k))
def test_warmup_invariants(m):
    w = _warm()
    before = len(guard.LAST_ERRORS)
    w.controls["minuten"].value = m
    a = w.artists
    (x,), (y,) = a["marker"].get_data()
    n = int(math.floor(8 * 60 / (m + 45) + 1e-9))
    assert (x, y) == (m, n) == (m, model.visits_per_day(m))                                  # W1, W2
    xs, ys = (np.asarray(d) for d in a["curve"].get_data())
    assert ys[np.searchsorted(xs, x, side="right") - 1] == y
    (x0, x1), (y0, y1) = a["ax"].get_xlim(), a["ax"].get_ylim()
    assert x0 < x < x1 and y0 < y < y1
    text = w.view_box.children[1].value
    assert re.search(rf"<b>{n} Besuche</b>", text) and f"<b>{m} Minuten</b>" in text
    assert len(guard.LAST_ERRORS) == before


@settings(max_examples=30, deadline=None)
@given(guess=st.integers(0, 50))
def test_warmup_prediction(guess):                                                          # W3
    w = view.warmup()
    assert w.view_box.layout.display == "none"
    out = w.predict.commit(guess)[0]
    assert w.view_box.layout.display is None
    res = w.predict.result.value
    assert "Ihre Vermutung:" in res and "das Modell zeigt: 3 Besuche bei 90 Minuten" in res
    assert "Richtig" not in res and "Falsch" not in res
    assert out.close == (guess == 3)
    if abs(guess - 3) == 1:
        assert "1\u00a0Besuch " in res


def test_export_invalid_pseudonym_clears_old_preview(data_dir):                            # P1
    from course_lib.workshop import view as wv

    e = wv.export_widget()
    e.pseudonym.value = "Falke7"
    e.preview_button.click()
    assert "Falke7" in e.preview.value and e.message.value == ""
    e.pseudonym.value = "<b>"
    e.preview_button.click()
    assert e.preview.value == "" and "Eingabe prüfen" in e.message.value
