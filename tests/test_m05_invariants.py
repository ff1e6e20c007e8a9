"""Module 05 widgets: invariants checked THROUGH the widget (controls set, text and plotted
artists read back), with hypothesis over the full control ranges.

Run with ``--hypothesis-show-statistics`` to see the number of cases per test.
"""
from __future__ import annotations

import re

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from course_lib.blocks import guard
from course_lib.format_de import eur, num
from course_lib.m05_kundenbindung import model, view

from tests.helpers import CaseCounter, blit_equals_full, widget_settings

# Every widget with a plot: after each change, the fast (blitted) picture equals a full redraw.
INVARIANTS = {
    "wert_der_treue": [
        "W1 each end label (A, B) equals the last point of its plotted curve and the table row "
        "„Kundenwert nach 20 Jahren“ – one number, not two CLVs",
        "W2 the formula result and the table CLV equal the model's infinite-horizon CLV",
        "W3 before the learner's guess, curve B, its label, column B and the difference are hidden",
        "W4 an expected duration above 20 years shown in the table always comes with the comment",
        "W5 referrals at most double the value: CLV ≤ 2 · m · M − AC; q · M is explained when q > 0",
        "W6 every plotted point lies inside the y-limits (nothing clipped)",
    ],
    "abwanderungs_check": [
        "A1 each bar's width equals the sign's contribution in the text; its label is that number (empty at 0)",
        "A2 the cohort end label equals the plotted curve's last point",
        "A3 without signs the formula names only the base risk (no „= 0,5 = 0,5“)",
        "A4 the risk band word matches the shown 12-month risk; bars stay inside the x-limits",
        "A5 the dashed „möglich bei Stufe 3“ bars (they answer the prompt) appear only after the guess",
    ],
    "proaktiver_service": [
        "P1 the title never contradicts the points: „Schadet“ iff < 0, „Bewirkt wenig“ iff 0, otherwise positive",
        "P2 „Bindungspunkt“ is singular exactly for ±1",
        "P3 the account shows the sum of the points of the chosen reactions",
    ],
}

CASES = CaseCounter()
S = widget_settings(120)




_count = CASES.count


def _sel(c, value):
    """The SelectionSlider/Dropdown option value closest to ``value``."""
    vals = [o[1] if isinstance(o, tuple) else o for o in c.options]
    return min(vals, key=lambda x: abs(x - value))


_TREUE = view.wert_der_treue()
_TREUE_OPEN = view.wert_der_treue()
_TREUE_OPEN.predict.commit("20_40")


def _cell(html: str, row_label: str) -> list[str]:
    """The two value cells (A, B) of a table row whose label starts with ``row_label``."""
    m = re.search(re.escape(row_label) + r"[^<]*</td><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>", html)
    assert m, row_label
    return [re.sub("<[^>]+>", "", x) for x in m.groups()]


@S
@given(m=st.integers(1, 100), r=st.integers(20, 98), i=st.integers(0, 15), ac=st.integers(0, 50),
       q=st.integers(0, 10), d=st.sampled_from([1.0, 2.0, 5.0, 10.0]), open_b=st.booleans())
def test_wert_der_treue_invariants(m, r, i, ac, q, d, open_b):
    w = _TREUE_OPEN if open_b else _TREUE
    n_err = len(guard.LAST_ERRORS)
    with w.hold():
        w.controls["m"].value = m * 100.0
        w.controls["r"].value = _sel(w.controls["r"], r / 100)
        w.controls["i"].value = _sel(w.controls["i"], i / 100)
        w.controls["ac"].value = ac * 100.0
        w.controls["q"].value = _sel(w.controls["q"], q * 0.05)
        w.controls["delta"].value = d
    assert len(guard.LAST_ERRORS) == n_err and w.message.value == ""
    res = w.result()
    art = w.artists
    html = w.view_box.children[1].value
    ya, yb = art["line_a"].get_ydata(), art["line_b"].get_ydata()
    # W1
    a_cell, b_cell = _cell(html, "Kundenwert nach 20\u00a0Jahren")
    assert art["txt_a"].get_text() == f"A: {eur(ya[-1])}" and a_cell == eur(ya[-1])
    # W2
    clv_a = model.clv(w.controls["m"].value, res.comparison.r_a, w.controls["i"].value, w.controls["ac"].value,
                      w.controls["q"].value)
    clv_cells = _cell(html, "Kundenwert (CLV)")
    assert clv_cells[0] == eur(clv_a) and f"= <b>{eur(clv_a)}</b>".replace("\u00a0", " ") in html.replace("\u00a0", " ")
    if open_b:
        assert art["line_b"].get_visible() and art["txt_b"].get_visible()
        assert art["txt_b"].get_text() == f"B: {eur(yb[-1])}" and b_cell == eur(yb[-1])
        assert clv_cells[1] == eur(res.comparison.clv_b) and "Unterschied B gegenüber A" in html
    else:  # W3
        assert not art["line_b"].get_visible() and not art["txt_b"].get_visible()
        assert "nach Ihrer Schätzung" in b_cell and "Unterschied B" not in html
    # W4
    shown = [res.comparison.lifetime_a] + ([res.comparison.lifetime_b] if open_b else [])
    assert ("reiner Rechenwert" in html) == (max(shown) > model.LIFETIME_NOTE_YEARS)
    # W5
    mm = res.comparison.multiplier_a
    assert res.comparison.clv_a <= 2 * w.controls["m"].value * mm - w.controls["ac"].value + 1e-6
    assert ("q · M =" in html.replace("\u00a0", " ")) == (w.controls["q"].value > 0)
    # W6
    lo, hi = art["line_a"].axes.get_ylim()
    shown_y = np.concatenate([ya, yb]) if open_b else ya
    assert lo <= shown_y.min() and shown_y.max() <= hi
    blit_equals_full(w.plots[0])
    _count("wert_der_treue")


_CHURN = view.abwanderungs_check()
_CHURN_OPEN = view.abwanderungs_check()
_CHURN_OPEN.predict.commit("service")


@S
@given(levels=st.lists(st.integers(0, 3), min_size=8, max_size=8), open_=st.booleans())
def test_abwanderungs_check_invariants(levels, open_):
    w = _CHURN_OPEN if open_ else _CHURN
    with w.hold():
        for sid, lv in zip(model.SIGN_IDS, levels):
            w.controls[sid].value = lv
    res = w.result()
    html = w.view_box.children[1].value
    art = w.artists
    ax = art["curve"].axes
    for s, bar, txt in zip(model.WARNING_SIGNS, art["bars"], art["values"]):
        c = res.contributions[s.id] * 100
        assert abs(bar.get_width() - c) < 1e-9                                           # A1
        assert txt.get_text() == (num(c, 1) if c > 0 else "")
        if c > 0:
            assert f"{s.label} ({num(c, 1)})" in w.plots[0].alt
        assert bar.get_width() <= bar.axes.get_xlim()[1]                                   # A4
    assert art["end_text"].get_text() == f"noch {num(art['curve'].get_ydata()[-1], 0)}"   # A2
    assert ax.get_ylim()[0] <= art["curve"].get_ydata().min()
    if not any(levels):                                                                   # A3
        assert "nur das Grundrisiko" in html and "= 0,5 = 0,5" not in html
    else:
        assert "Σ Gewicht × Stufe" in html
    assert f"Stufe <b>{model.risk_level(res.risk_12m)}</b>" in html
    assert all(b.get_visible() == open_ for b in w.possible_bars)                         # A5
    legend = [t.get_text() for t in art["bars"][0].axes.get_legend().get_texts()]
    assert ("möglich bei Stufe 3" in legend) == open_
    blit_equals_full(w.plots[0])
    _count("abwanderungs_check")


@S
@given(st.lists(st.tuples(st.sampled_from(model.SITUATION_IDS), st.integers(0, 9)), min_size=1, max_size=8))
def test_proaktiver_service_invariants(moves):
    w = view.proaktiver_service()
    for sid, k in moves:
        options = model.situation(sid).options          # reaction ids from the data file
        oid = options[k % len(options)].id
        w.situation.value = sid
        w.choose(oid)
        o = model.evaluate_choice(sid, oid)
        fb = w.feedback.value
        assert ("Schadet der Bindung" in fb) == (o.points < 0)                             # P1
        assert ("Bewirkt wenig" in fb) == (o.points == 0)
        assert (("Starke Wirkung" in fb) or ("Teilweise wirksam" in fb)) == (o.points > 0)
        unit = "Bindungspunkt)" if abs(o.points) == 1 else "Bindungspunkte)"              # P2
        assert unit in fb
    total = sum(model.evaluate_choice(s, o).points for s, o in w.choices.items())         # P3
    assert model.points_label(total) + " von höchstens" in w.score.value
    _count("proaktiver_service")


def test_prediction_gate_requires_a_guess_and_reveals_once():
    w = view.wert_der_treue()
    pr = w.predict
    pr.button.click()                              # nothing chosen
    assert "zuerst eine Antwort" in pr.message.value and not pr.committed
    assert not w.artists["line_b"].get_visible()
    pr.inputs[0].value = ["10_20"]
    pr.button.click()
    assert pr.committed and pr.inputs[0].disabled and "+27,5" in pr.result.value
    assert "Ihre Vermutung: 10 bis 20\u00a0%" in pr.result.value and "anderen Ergebnis" in pr.result.value
    assert w.artists["line_b"].get_visible()
    assert "vt-msg-ok" not in pr.result.value      # a guess about a model is reported, never graded


def test_churn_prediction_reveals_the_weights_and_names_the_heaviest():
    w = view.abwanderungs_check()
    pr = w.predict
    assert pr.widget in w.box.children and w.view_box.layout.display is None   # the plot stays visible
    assert not any(b.get_visible() for b in w.possible_bars)
    heaviest = max(model.WARNING_SIGNS, key=lambda s: s.weight)
    out = pr.commit(heaviest.id)[0]
    assert out.close and f"„{heaviest.label}“" in out.model_text
    assert all(b.get_visible() for b in w.possible_bars)


def test_cases_were_counted():
    """Runs last in this file (pytest keeps file order): report the cases per widget."""
    print("\nhypothesis cases m05:", CASES)
    assert all(CASES.get(k, 0) > 0 for k in INVARIANTS)
