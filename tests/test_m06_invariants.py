"""Module 06 widgets: invariants checked THROUGH the widget (controls set, text and plotted
artists read back), with hypothesis over the full control ranges."""
from __future__ import annotations

import re

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from course_lib.format_de import num
from course_lib.m06_beziehungskompetenz import model, view
from course_lib.storage import Store

from tests.helpers import CaseCounter, blit_equals_full, widget_settings

# Every widget with a plot: after each change, the fast (blitted) picture equals a full redraw.
INVARIANTS = {
    "selbsteinschaetzung": [
        "S1 the radar polygon, the table and the model give the same score per area",
        "S2 the sentence about the lowest area names exactly the areas with the lowest score; "
        "with all areas equal it names none",
        "S3 „Vergleichen mit“ always shows a real option (never an empty field)",
        "S4 deleting needs a confirm step and deletes exactly what was chosen (one run or all)",
    ],
    "energiebudget": [
        "E1 the end value in the text equals the plotted last point; „ab Tag k“ is the first plotted day ≥ 10",
        "E2 the y-axis holds the path and the threshold (with 10 % headroom) and is at most KEEP_YTOP (2) × the "
        "larger of both – a shown top is kept while it fits, so a slider stepped back and forth blits",
        "E3 „Schwelle erreicht“ is in the legend iff the marker is visible iff some plotted point ≥ 10 "
        "iff the verdict says „Nicht tragfähig“",
        "E4 „Tragfähig“ iff the plotted path stays 0",
        "E5 shares are shown in % everywhere: slider labels say (%) with values 0–100, the text says %",
    ],
    "kunden_als_freunde": [
        "K1 the resistance in the text equals the plotted resistance at the last round",
        "K2 „Hier passt die Freundes-Haltung“ only if trust did not fall (±0,05 counts as unchanged) and the "
        "plotted end resistance fell versus no behaviour; the text says „steigt“ only for a real rise",
        "K3 „Wirkt gegen Sie“ only if trust fell or the plotted resistance rose",
        "K4 with a dishonest customer the verdict is never „Hier passt“, and if the plot shows more warmth "
        "the text says so (it does not claim the opposite)",
        "K5 „Gespielte Wärme … von 100“ is shown iff the acting cost is positive",
        "K6 with no behaviour chosen the text names the plotted start and end resistance (the customer's "
        "line moves towards the seller's base warmth; the text must not claim it stays flat)",
    ],
}
CASES = CaseCounter()
S = widget_settings(120)




_count = CASES.count


_SELF = view.SelfAssessment(Store("m06invariants"))


@S
@given(st.lists(st.integers(1, 5), min_size=10, max_size=10))
def test_selfassessment_invariants(answers):
    w = _SELF
    for iid, a in zip(model.ITEM_IDS, answers):
        w.controls[iid].value = a
    prof = w.result
    scores = model.score_selfassessment(dict(zip(model.ITEM_IDS, answers)))
    r = w.line_now.get_ydata()
    for k, d in enumerate(model.DIM_IDS):                                     # S1
        assert abs(r[k] - scores[d]) < 1e-9 and abs(prof.scores[d] - scores[d]) < 1e-9
        assert f"<b>{num(scores[d], 0)}</b>" in w.text.value
    lo = min(scores.values())
    lowest = [model.DIM_LABELS[d] for d in model.DIM_IDS if abs(scores[d] - lo) < 1e-9]
    text = w.text.value.replace("&amp;", "&")
    if len(lowest) == 5:                                                       # S2
        assert "keinen niedrigsten" in text and "liegt im Bereich" not in text
    else:
        for name in model.DIM_LABELS.values():
            assert (f"„{name}“" in text) == (name in lowest), name
    labels = [o[0] for o in w.compare.options]                                 # S3
    assert all(labels) and w.compare.value in [o[1] for o in w.compare.options]
    blit_equals_full(w.plot)
    _count("selbsteinschaetzung")


def test_selfassessment_delete_one_or_all_with_confirmation(data_dir):
    w = view.SelfAssessment(Store("m06del"))
    for iid in model.ITEM_IDS:
        w.controls[iid].value = 3
    w.save()
    w.controls["a1"].value = 5
    w.save()
    w.save()
    assert len(w.runs()) == 3
    w.clear_button.click()
    assert len(w.runs()) == 3, "the button only asks"
    w.delete_target.value = "1"
    w.confirm_button.click()
    assert len(w.runs()) == 2 and w.compare.value in (0, 1)
    w.clear_button.click()
    w.cancel_button.click()
    assert len(w.runs()) == 2
    w.clear_button.click()
    w.confirm_button.click()
    assert w.runs() == [] and w.compare.options == (("kein früherer Lauf", -1),)
    w.clear_button.click()
    assert "keine Läufe" in w.message.value


_ENERGY = view.energiebudget()


@S
@given(n=st.integers(2, 24), d=st.integers(0, 12), s=st.integers(0, 20), c=st.integers(0, 10), u=st.integers(0, 10),
       tage=st.sampled_from([5, 10, 20]))
def test_energiebudget_invariants(n, d, s, c, u, tage):
    w = _ENERGY
    with w.hold():
        w.controls["n"].value = n * 5
        w.controls["d"].value = d * 5
        w.controls["s"].value = s * 5
        w.controls["c"].value = c / 10
        w.controls["u"].value = u / 10
        w.controls["tage"].value = tage
    art = w.artists
    y = np.asarray(art["line"].get_ydata(), dtype=float)
    html = w.view_box.children[1].value
    assert f"Nach {tage}\u00a0Tagen: <b>{num(y[-1], 1)}</b>&nbsp;Punkte" in html                      # E1
    above = np.nonzero(y >= model.B_CRIT - 1e-9)[0]
    if above.size:
        assert f"Ab Tag {above[0]} " in html
    top = art["ax"].get_ylim()[1]                                                          # E2
    assert 1.1 * max(y.max(), model.B_CRIT) - 1e-9 <= top <= view.KEEP_YTOP * max(y.max(), model.B_CRIT)
    legend = [t.get_text() for t in art["ax"].get_legend().get_texts()]                   # E3
    reached = bool(above.size)
    assert ("Schwelle erreicht" in legend) == reached == art["cross"].get_visible() == ("Nicht tragfähig" in html)
    assert ("Tragfähig:" in html) == bool(np.all(y < 1e-9))                                # E4 (float noise)
    assert w.controls["d"].description.endswith("(%)") and w.controls["s"].description.endswith("(%)")  # E5
    assert re.search(r"Echtheit <b>\d+\u00a0%</b>", html)
    blit_equals_full(w.plots[0])
    _count("energiebudget")


_FRIEND = view.kunden_als_freunde()


@S
@given(kunde=st.sampled_from(list(model.CUSTOMERS)),
       chosen=st.lists(st.sampled_from(list(model.BEHAVIOURS)), unique=True, max_size=8))
def test_kunden_als_freunde_invariants(kunde, chosen):
    w = _FRIEND
    with w.hold():
        w.controls["kunde"].value = kunde
        w.controls["verhalten"].value = chosen
    r = w.result()
    art = w.artists
    html = w.view_box.children[1].value
    res_end = art["resist"].get_ydata()[-1]
    base_res = 100 - art["neutral"].get_ydata()[-1]
    assert f"Widerstand am Ende: <b>{num(res_end, 0)}&nbsp;%</b>" in html                 # K1
    assert f"= <b>{num(r.trust, 1)}</b>" in html
    if "Hier passt die Freundes-Haltung" in html:                                          # K2
        # trust did not fall (beyond the model's ±0,05 no-change band) and resistance fell
        assert r.trust > r.base_trust - 0.05 and res_end < base_res
        assert ("Vertrauen steigt" in html) == (r.trust - r.base_trust > 0.05)
    if "Wirkt gegen Sie" in html:                                                           # K3
        assert r.trust < r.base_trust or res_end > base_res
    if kunde == "unredlich":                                                                # K4
        assert "Hier passt" not in html
        if art["warm"].get_ydata()[-1] > art["neutral"].get_ydata()[-1] + 0.5 and r.trust > r.base_trust:
            assert "Vertrauen des Kunden steigt" in html
    assert ("Gespielte Wärme" in html) == (r.acting_cost > 0)                               # K5
    if r.acting_cost > 0:
        assert f"{num(r.acting_cost * 100, 0)} von 100" in html
    if not chosen:                                                                          # K6
        res_start = art["resist"].get_ydata()[0]
        if num(res_start, 0) == num(res_end, 0):
            assert f"bleibt bei {num(res_end, 0)}\u00a0%" in html
        else:   # the direction the plotted resistance takes
            word = "sinkt" if res_end < res_start else "steigt"
            assert f"{word} von {num(res_start, 0)}\u00a0% auf {num(res_end, 0)}\u00a0%" in html
        assert "bleibt es bei" not in html
    blit_equals_full(w.plots[0])
    _count("kunden_als_freunde")


def test_cases_were_counted():
    print("\nhypothesis cases m06:", CASES)
    assert all(CASES.get(k, 0) > 0 for k in INVARIANTS)
