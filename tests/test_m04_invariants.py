"""Modul 04: what each widget SAYS agrees with what it SHOWS, at every setting (issue 19).

The tests set the controls of a real widget (hypothesis over the full control ranges), then
read back the German text and the plotted data (artist data of the LivePlot figure) and check
the invariants below. Run with ``--hypothesis-show-statistics`` to see the cases.
"""
from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.blocks import guard
from course_lib.format_de import num, pct
from course_lib.m04_cem import model, view

INVARIANTS = {
    "avr_check": [
        "A1 the verdict „empfiehlt Sie weiter“ appears iff the recommendation bar is at or above its 50 % line "
        "(so every state with „empfiehlt“ shows a higher bar than every state with „empfiehlt nicht“)",
        "A2 the percentage in the text equals the plotted recommendation bar",
        "A3 every rating bar has the slider's width; its colour/hatch says above/below the plotted threshold line",
        "A4 the weakest-link markers sit on exactly the dimensions the text names (ties: all tied ones)",
        "A5 no ungrammatical „1 Punkte“ / „fehlt … Punkte“",
        "A6 a loaded customer with a missing rating gets no verdict and no bar until the learner sets that slider",
        "A7 no grading boxes (✅ / ❌) for a model outcome",
    ],
    "beziehungsmatrix": [
        "B1 the star sits at (fachlich, persönlich); the quadrant named in the text is the one the star lies in "
        "relative to the plotted cut lines",
        "B2 Austauschbarkeit shown = 1 − min(fachlich, persönlich)/10, Bindung = F·Pe/100 (one formula, as labelled)",
        "B3 never „Optimum“; a quadrant that only the cut line (not the scale middle) decides is explained",
    ],
    "erwartungsluecke": [
        "E1 verdict „Enttäuschung“ ⇔ the marker lies at or left of the edge of the plotted disappointment zone; "
        "„Begeisterung“ ⇔ at or right of the delight zone's edge; „Erwartung erfüllt“ ⇔ between them",
        "E2 the sign of the plotted effect agrees with the verdict („erfüllt“ ⇔ exactly 0)",
        "E3 the experience named in the text is the marker's x; the effect named is the marker's y",
        "E4 „Enttäuschung: … Punkte“ only under the verdict „Enttäuschung“",
        "E5 the quality slider is active iff there was a failure",
        "E6 no grading boxes for a model outcome",
    ],
}

S = settings(max_examples=150, deadline=None)
half = st.integers(0, 20).map(lambda k: k / 2)  # every slider position of a 0–10 slider with step 0,5


def _text(w) -> str:
    return w.view_state()[1]


def _plain(html: str) -> str:
    """Visible text: tags removed, runs of spaces collapsed (a tag boundary is not a word)."""
    return re.sub(r" {2,}", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".").replace(" :", ":")


def _set(w, **values) -> str:
    """Set several controls in one update; return the result text as plain text."""
    with w.hold():
        for key, value in values.items():
            w.controls[key].value = value
    return _plain(_text(w))


def _no_errors(before: int) -> None:
    assert len(guard.LAST_ERRORS) == before, guard.LAST_ERRORS[-1]


@functools.cache
def _avr():
    return view.avr_check()


@functools.cache
def _matrix():
    return view.beziehungsmatrix()


@functools.cache
def _luecke():
    w = view.erwartungsluecke()
    w.predict.commit(7)
    return w


# ---------------------------------------------------------------------------------- AVR
@S
@given(p=half, v=half, u=half, t=st.integers(10, 18).map(lambda k: k / 2))
def test_avr_invariants(p, v, u, t):
    w = _avr()
    before = len(guard.LAST_ERRORS)
    plain, html, a = _set(w, produkt=p, verkaeufer=v, unternehmen=u, schwelle=t), _text(w), w.artists
    height = a["rec"].get_height()
    positive = "empfiehlt Sie weiter" in plain
    negative = "empfiehlt Sie nicht aktiv weiter" in plain
    assert positive != negative
    assert positive == (height >= 50 - 1e-9), (p, v, u, t, height)                     # A1
    assert f"Empfehlungsneigung im Lernmodell: {pct(height / 100)}" in plain           # A2
    theta = a["theta"].get_xdata()[0]
    assert theta == t
    for dim, bar in zip(model.DIMENSIONS, a["bars"]):                                   # A3
        x = {"produkt": p, "verkaeufer": v, "unternehmen": u}[dim]
        assert bar.get_width() == x
        assert (bar.get_hatch() in (None, "")) == (x >= theta)
    weak_y = sorted(a["weak"].get_ydata())                                              # A4
    low = min(p, v, u)
    named = [d for d in model.DIMENSIONS if (f"({model.DIM_LABELS[d]})" in plain or f"{model.DIM_LABELS[d]})" in plain)
             and "Glied" in plain]
    if positive:
        assert weak_y == []
    else:
        tied = [d for d in model.DIMENSIONS if {"produkt": p, "verkaeufer": v, "unternehmen": u}[d] == low]
        assert weak_y == sorted([2 - model.DIMENSIONS.index(d) for d in tied])
        assert set(tied) <= set(named)
        for d in tied:
            assert f"Vorschlag für das schwächste Glied ({model.DIM_LABELS[d]})" in plain
    assert not re.search(r"(?<![\d,])1\u00a0Punkte|fehlt (?!1\u00a0Punkt)[\d,]+\u00a0Punkt", plain), plain  # A5
    assert "vt-msg-ok" not in html and "vt-msg-wrong" not in html                       # A7
    _no_errors(before)


def test_avr_missing_rating_withholds_the_verdict():                                   # A6
    w = view.avr_check()
    w.controls["unternehmen"].value = 9.5          # previous customer's value must not be evaluated
    w.picker.value = "Gärtnerei Kaya"               # company rating missing in the data
    plain = _plain(_text(w))
    assert "keine Auswertung" in plain and "empfiehlt" not in plain
    assert not w.artists["rec"].get_visible() and not w.artists["bars"][2].get_visible()
    assert w.artists["gaps"][2].get_visible()
    w.controls["unternehmen"].value = 6             # the learner's own estimate
    plain = _plain(_text(w))
    assert "empfiehlt" in plain and "Ihre eigene Schätzung: Unternehmen" in plain
    assert w.artists["rec"].get_visible() and w.artists["bars"][2].get_width() == 6


def test_avr_issue_settings():
    w = view.avr_check()
    for vals, positive in (((7, 7, 7), True), ((10, 10, 6.5), False)):
        plain = _set(w, **dict(zip(("produkt", "verkaeufer", "unternehmen"), vals)))
        assert ("empfiehlt Sie weiter" in plain) == positive
        assert (w.artists["rec"].get_height() >= 50) == positive
    plain = _set(w, produkt=6, verkaeufer=6, unternehmen=6)
    assert "Den gleich schwachen Gliedern (Produkt/Dienstleistung, Verkäuferin/Verkäufer, Unternehmen) fehlen je 1\u00a0Punkt" in plain
    w.controls["produkt"].value = 8
    w.controls["verkaeufer"].value = 8
    assert "Dem schwächsten Glied (Unternehmen) fehlt 1\u00a0Punkt bis zur Schwelle" in _plain(_text(w))


# ------------------------------------------------------------------------- Beziehungsmatrix
@S
@given(f=half, pe=half, c=st.integers(2, 18).map(lambda k: k / 2))
def test_matrix_invariants(f, pe, c):
    w = _matrix()
    before = len(guard.LAST_ERRORS)
    plain, a = _set(w, modus="einzel", fachlich=f, persoenlich=pe, schnitt=c), w.artists
    (x,), (y,) = a["single"].get_data()
    cx, cy = a["vline"].get_xdata()[0], a["hline"].get_ydata()[0]
    assert (x, y) == (f, pe) and cx == c and cy == c                                    # B1
    where = {(True, True): "partner", (True, False): "lieferant", (False, True): "sympathie",
             (False, False): "ende"}[(x >= cx, y >= cy)]
    assert f"Quadrant: {model.QUADRANTS[where]['label']} " in plain
    assert f"Austauschbarkeit (1\u00a0−\u00a0schwächerer der beiden Werte\u00a0÷\u00a010): {num(1 - min(f, pe) / 10, 2)}" in plain  # B2
    assert f"{num(f * pe / 100, 2)}" in plain
    assert "Optimum" not in plain                                                      # B3
    mid = model.quadrant(f, pe, 5)
    assert ("Ihr Maßstab entscheidet" in plain) == (mid != where)
    if where == "ende" and min(f, pe) >= 5:
        assert "kein Alarm" in plain and "Sofort" not in plain
    _no_errors(before)


def test_matrix_issue_settings():
    w = view.beziehungsmatrix()
    assert "÷\u00a010): 1,00" in _set(w, fachlich=0, persoenlich=10)
    plain = _set(w, fachlich=7, persoenlich=8, schnitt=9)
    assert "Beziehungsende" in plain and "Sofort das offene Gespräch" not in plain and "an der Skalenmitte 5" in plain


# --------------------------------------------------------------------------- Erwartungslücke
@S
@given(m=half, d=half, panne=st.booleans(), q=half)
def test_erwartung_invariants(m, d, panne, q):
    w = _luecke()
    before = len(guard.LAST_ERRORS)
    plain, html, a = _set(w, versprechen=m, erlebnis=d, panne=panne, qualitaet=q), _text(w), w.artists
    pt = a["pt1"] if panne else a["pt0"]
    assert pt.get_visible() and (a["pt1"].get_visible() == panne)
    (x,), (y,) = pt.get_data()
    lo_edge = a["zone_lo"].get_x() + a["zone_lo"].get_width()
    hi_edge = a["zone_hi"].get_x()
    verdict = re.search(r"Urteil des Kunden im Modell: (Enttäuschung|Erwartung erfüllt|Begeisterung)", plain).group(1)
    if verdict == "Enttäuschung":                                                        # E1, E2
        assert x <= lo_edge + 1e-9 and y <= 0
    elif verdict == "Begeisterung":
        assert x >= hi_edge - 1e-9 and y >= 0
    else:
        assert lo_edge < x < hi_edge and y == 0
    counted = re.search(r"(?:zählen|Erlebt) ([\d,−-]+)\s+Punkte? bei versprochenen", plain).group(1)  # E3
    assert counted == num(x, 2, strip=True)
    assert f"Wirkung auf die Zufriedenheit: {num(y, 2)}" in plain
    assert ("Enttäuschung:" in plain) == (verdict == "Enttäuschung")                    # E4
    assert w.controls["qualitaet"].disabled == (not panne)                              # E5
    assert "vt-msg-ok" not in html and "vt-msg-wrong" not in html                       # E6
    _no_errors(before)


def test_erwartung_issue_setting_panne_quality_10():
    w = view.erwartungsluecke()
    w.predict.commit("7,5")
    plain = _set(w, versprechen=8, erlebnis=6.5, panne=True, qualitaet=10)
    (x,), _y = w.artists["pt1"].get_data()
    assert "Erwartung erfüllt" in plain and x == 7.25 and x > w.artists["zone_lo"].get_width() - 0.3


def test_erwartung_prediction_gates_the_views():
    w = view.erwartungsluecke()
    assert w.view_box.layout.display == "none" and not w.predict.committed
    out = w.predict.commit("7,5")
    assert w.view_box.layout.display is None
    assert out[0].close and out[0].model_value == model.kipp_versprechen(6.5) == 7.5
    assert "Ihre Vermutung: 7,5\u00a0Punkte – das Modell zeigt: ab einem Versprechen von 7,5\u00a0Punkte" in w.predict.result.value
    assert "Richtig" not in w.predict.result.value


def test_visible_tick_labels_stay_on_the_scale():
    """The experience axis shows only 0 … 10 although its limits leave room for the markers."""
    w = view.erwartungsluecke()
    ax = w.artists["ax"]
    lo, hi = ax.get_xlim()
    ticks = [t for t in ax.xaxis.get_majorticklocs() if lo <= t <= hi]
    assert min(ticks) == 0 and max(ticks) == 10
