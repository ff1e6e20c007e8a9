"""Module 07 widgets: invariants checked THROUGH the widget (controls set, text and plotted
artists read back), with hypothesis over the full control ranges."""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib.blocks.choices import ChoiceList
from course_lib.format_de import num, pct
from course_lib.m07_beziehungsphasen import model, view

from tests.helpers import CaseCounter, blit_equals_full, widget_settings

# Every widget with a plot: after each change, the fast (blitted) picture equals a full redraw.
INVARIANTS = {
    "phasen_diagnose": [
        "D1 the bar heights are the model's fit in % and sum to 100 (or are all 0 when only warnings are ticked)",
        "D2 the marker, its label „Phase k“ and the text all name the tallest bar",
        "D3 marker and label lie inside the y-limits (never clipped) and the legend is outside the axes",
        "D4 a warning-only observation („Ansprechperson geht“) alone names no phase",
        "D5 the observations are shown in a per-learner shuffled order, not in phase order",
    ],
    "beziehungsverlauf": [
        "V1 the text's shares in phase 5 and „beendet“ equal the plotted layers at the last month",
        "V2 the stacked layers fill exactly 0–100 % in every month",
        "V3 the fall-back rate in the text is „Wechsel ÷ Kontakte“ in %, the slider says (%) and shows the same number",
        "V4 the skill line shows the changed risks in phases 2 and 3",
    ],
}
CASES = CaseCounter()
S = widget_settings(120)




_count = CASES.count


_DIAG = view.phasen_diagnose()


@S
@given(st.lists(st.sampled_from(list(model.SIGNS)), unique=True, max_size=18))
def test_phasen_diagnose_invariants(chosen):
    w = _DIAG
    w.controls["beobachtungen"].value = chosen
    art = w.artists
    heights = np.array([b.get_height() for b in art["bars"]])
    html = w.view_box.children[1].value
    d = w.result()
    if not chosen:
        assert heights.sum() == 0 and not art["star"].get_visible()
        _count("phasen_diagnose")
        return
    assert np.allclose(heights, d.fit * 100)                                               # D1
    if set(chosen) <= model.WARNING_ONLY:                                                  # D4
        assert heights.sum() == 0 and not art["star"].get_visible() and not art["label"].get_visible()
        assert "Wahrscheinlichste Phase" not in html and "Noch keine Diagnose" in html
        _count("phasen_diagnose")
        return
    assert abs(heights.sum() - 100) < 1e-6
    k = int(np.argmax(heights)) + 1                                                        # D2 (ties: first)
    sx, sy = art["star"].get_data()
    assert list(sx) == [k] and art["label"].get_text() == f"Phase {k}" and art["label"].get_position()[0] == k
    assert f"Wahrscheinlichste Phase: {k} –" in html and f"Markiert ist Phase {k}" in w.plots[0].alt
    lo, hi = art["ax"].get_ylim()                                                          # D3
    assert sy[0] + 8 < hi and art["label"].get_position()[1] + 10 < hi
    assert art["ax"].get_legend().get_bbox_to_anchor().y0 < art["ax"].get_window_extent().y0
    blit_equals_full(w.plots[0])
    _count("phasen_diagnose")


def test_observations_are_shuffled_per_learner(data_dir):
    phase_order = list(model.SIGNS)
    orders = {tuple(ChoiceList([(t, k) for k, (t, _w) in model.SIGNS.items()], multiple=True,
                               shuffle_key="m07/phasen_diagnose", seed=f"learner{i}").ids) for i in range(5)}
    assert len(orders) == 5 and tuple(phase_order) not in orders                          # D5
    w = view.phasen_diagnose()
    assert sorted(w.controls["beobachtungen"].ids) == sorted(phase_order)
    assert w.controls["beobachtungen"].ids != phase_order
    _count("phasen_diagnose")


_VERLAUF = view.beziehungsverlauf()


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(skill=st.integers(0, 10), wechsel=st.integers(0, 10), kontakte=st.integers(1, 4),
       monate=st.sampled_from([12, 24, 36, 60]))
def test_beziehungsverlauf_invariants(skill, wechsel, kontakte, monate):
    w = _VERLAUF
    with w.hold():
        w.controls["geschick"].value = skill / 10
        w.controls["wechsel"].value = wechsel / 2
        w.controls["kontakte"].value = kontakte
        w.controls["monate"].value = monate
    r = w.result()
    tops = w.layer_tops()
    html = w.view_box.children[1].value
    p5 = tops[4][1][-1] - tops[4][0][-1]
    ended = tops[5][1][-1] - tops[5][0][-1]
    assert f"<b>{num(p5, 0)}&nbsp;%</b> in Phase 5" in html                               # V1
    assert f"<b>{num(ended, 0)}&nbsp;%</b> beendet" in html
    assert np.allclose(tops[5][1], 100) and np.allclose(tops[4][0], 0)                     # V2
    lam = w.controls["wechsel"].value / 100                                                 # V3
    assert w.controls["wechsel"].description.endswith("(%)")
    if lam > 0:
        assert f"<b>{pct(lam / kontakte, 2)}</b> pro Monat" in html and f"{pct(lam, 1)} pro Monat ÷ {kontakte}" in html
    else:
        assert "Kein Wechsel" in html
    assert f"in Phase 2: {pct(model.H_DEFAULT[1], 1)} → {pct(r.h[1], 1)}" in html           # V4
    blit_equals_full(w.plots[0])
    _count("beziehungsverlauf")


def test_cases_were_counted():
    print("\nhypothesis cases m07:", CASES)
    assert all(CASES.get(k, 0) > 0 for k in INVARIANTS)
