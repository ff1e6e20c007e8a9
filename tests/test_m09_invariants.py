"""Module 09 widgets: invariants checked THROUGH the widget (controls set, text and plotted
artists read back), with hypothesis over the full control ranges."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from course_lib.format_de import eur, pct
from course_lib.m09_gespraech import model, view

from tests.helpers import CaseCounter, blit_equals_full, widget_settings

# Every widget with a plot: after each change, the fast (blitted) picture equals a full redraw.
INVARIANTS = {
    "fragen_werkstatt": [
        "F1 before the learner commits an own estimate for the current text, no classification is shown",
        "F2 after the estimate, the shown label is the model's classification of exactly that text",
        "F3 the four named sentences are classified as the course teaches (see CLASSIFIED)",
    ],
    "goldene_mitte": [
        "G1 whenever the concession path ends in agreement, the deal marker is not below the cost line and "
        "the margin bar and the text are ≥ 0 – the model promises never to go below cost",
        "G2 the margin bars are the margins named in the text",
        "G3 on invalid settings the text is empty and the plot's artists are hidden (no error next to stale numbers)",
        "G4 without a gap the text says there is nothing to concede (no „von X auf X (0 %)“, no „1-fache“)",
        "G5 every plotted price and margin lies inside the axis limits",
    ],
    "akquise_trichter": [
        "K1 the cost bars are the „Kosten je Termin“ of the table",
        "K2 each bar lies inside its 5–95 % whisker (the whisker is centred on the current settings)",
        "K3 the whiskers move when any uncertain input moves",
        "K4 the verdict names the variant whose bar is lower",
        "K5 brush-off sliders reach 30 % in 0,5-point steps (41,5 % for exercise 09 t5) and each label is its value",
        "K6 the y-axis holds bars and whiskers",
    ],
}
CLASSIFIED = {
    "Im Vergleich wozu?": "offen",
    "Natürlich, was denken Sie?": "offen",
    "Was denken Sie, ist das nicht toll?": "suggestiv",
    "Wo drückt der Schuh?": "offen",
}
CASES = CaseCounter()
S = widget_settings(120)




_count = CASES.count


LABELS = [model.KIND_LABEL[k] for k in model.KINDS]
QUESTIONS = ["Suchen Sie was Bestimmtes?", "Wie arbeiten Sie heute?", "Sie wollen doch sparen?", "Wann passt es?",
             "Das Wetter ist schön.", "Haben Sie den Katalog?", "Im Vergleich wozu?", "Wo drückt der Schuh?"]


@S
@given(q=st.one_of(st.sampled_from(QUESTIONS), st.text(min_size=1, max_size=60)),
       g=st.sampled_from(["offen", "geschlossen", "suggestiv", "keine_frage"]))
def test_fragen_werkstatt_invariants(q, g):
    w = view.fragen_werkstatt("")
    w.controls["frage"].value = q
    res = w.view_box.children[0].value
    if w.message.value:          # invalid text: German message, nothing else shown
        assert res == ""
        _count("fragen_werkstatt")
        return
    if q.strip():
        assert not any(f"Ergebnis: {lab}" in res for lab in LABELS)                       # F1
        w.check(g)
        a = model.classify_question(q)
        res = w.view_box.children[0].value
        assert f"Ergebnis: {a.label}" in res                                               # F2
        assert ("genauso ein" in res) == (g == a.kind)
    _count("fragen_werkstatt")


@pytest.mark.parametrize("q,kind", list(CLASSIFIED.items()))
def test_named_sentences_through_the_werkstatt(q, kind):
    w = view.fragen_werkstatt(q)
    w.check("offen")
    assert f"Ergebnis: {model.KIND_LABEL[kind]}" in w.view_box.children[0].value           # F3
    assert "eng:" not in w.view_box.children[0].value or kind != "offen" or q != "Wo drückt der Schuh?"
    _count("fragen_werkstatt")


_G = view.goldene_mitte()


def _opt(c, k):
    return c.options[k % len(c.options)][1]


@S
@given(st.tuples(*[st.integers(0, 60) for _ in range(6)]), st.integers(0, 10))
@example((8, 8, 13, 4, 4, 15), 0)   # 12.000 / 7.000 / cost 11.500: the issue's „Einigung bei 11.456 €“
def test_goldene_mitte_invariants(idx, folge):
    w = _G
    keys = ["preis", "kunde", "kosten", "nachlass", "schrumpf", "kundenschritt"]
    with w.hold():
        for k, i in zip(keys, idx):
            w.controls[k].value = _opt(w.controls[k], i)
        w.controls["folge"].value = folge
    art = w.artists
    text = w.view_box.children[1].value
    res = w.result()
    p, k, c = (w.controls[x].value for x in ("preis", "kunde", "kosten"))
    if k > p or c >= p:                                                                    # G3
        assert res is None and text == "" and w.message.value
        assert not art["deal"].get_visible() and not any(b.get_visible() for b in art["bars"])
        _count("goldene_mitte")
        return
    assert w.message.value == ""
    cost_y = art["cost_line"].get_ydata()[0]
    heights = [b.get_height() for b in art["bars"]]
    if res.path.agreed:                                                                    # G1
        dx, dy = art["deal"].get_data()
        assert dy[0] >= cost_y and heights[2] >= 0 and res.path.margin >= 0
        if not res.no_gap:
            assert f"Marge <b>{eur(heights[2])}</b>" in text
    assert heights[0] == res.midpoint.margin_old and heights[1] == res.midpoint.margin_new  # G2
    if res.no_gap:                                                                         # G4
        assert "Nichts zu verhandeln" in text and "-Fache" not in text
    else:
        assert f"auf <b>{eur(heights[1])}</b>" in text and f"von {eur(heights[0])} auf <b>{eur(heights[0])}</b>" not in text
    ax = art["con_s"].axes                                                                 # G5
    lo, hi = ax.get_ylim()
    ys = list(art["con_s"].get_ydata()) + list(art["con_k"].get_ydata()) + [cost_y]
    assert lo <= min(ys) and max(ys) <= hi
    blo, bhi = art["bars"][0].axes.get_ylim()
    assert blo <= min(heights) and max(heights) <= bhi
    blit_equals_full(w.plots[0])
    _count("goldene_mitte")


def test_goldene_mitte_named_cases():
    w = view.goldene_mitte()
    w.controls["kosten"].value = 11500.0                    # issue: „Einigung bei 11.456 €, Marge −44 €“
    res = w.result()
    assert res.path.agreed and res.path.final_price >= 11500 and res.path.margin >= 0
    w.controls["kosten"].value = 9000.0
    w.controls["kunde"].value = 12000.0                     # issue: „von 3.000 € auf 3.000 € (0 %) … 1-facher“
    t = w.view_box.children[1].value
    assert "Nichts zu verhandeln" in t and "1-fach" not in t
    _count("goldene_mitte")


_A = view.akquise_trichter()


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.tuples(*[st.integers(0, 130) for _ in range(7)]))
def test_akquise_trichter_invariants(idx):
    w = _A
    keys = ["erreicht", "termin", "mailkosten", "abw_mail", "abw_direkt", "stundensatz"]
    with w.hold():
        w.controls["kontakte"].value = 100 + 100 * (idx[0] % 50)
        for k, i in zip(keys, idx[1:]):
            w.controls[k].value = _opt(w.controls[k], i)
    res = w.result()
    art = w.artists
    ca, cb = (b.get_height() for b in art["cbars"])
    assert ca == res.cost_mail and cb == res.cost_direct                                   # K1
    assert eur(ca) in w.view_box.children[1].value and eur(cb) in w.view_box.children[1].value
    wa, wb = art["wa"].get_ydata(), art["wb"].get_ydata()
    assert wa[0] <= ca <= wa[1] and wb[0] <= cb <= wb[1]                                    # K2
    table = w.view_box.children[1].value                                                   # K4
    if res.cheaper == "direkt":
        assert "Direktanruf ist je Termin" in table and cb < ca
    elif res.cheaper == "mailing":
        assert "gewinnt „Mailing + Anruf“" in table and ca < cb
    assert max(ca, cb, wa[1], wb[1]) <= art["cbars"][0].axes.get_ylim()[1]                 # K6
    blit_equals_full(w.plots[0])
    _count("akquise_trichter")


@pytest.mark.parametrize("key", ["erreicht", "termin", "mailkosten", "abw_mail", "abw_direkt"])
def test_akquise_whiskers_follow_every_uncertain_input(key):
    w = view.akquise_trichter()
    before = (tuple(w.artists["wa"].get_ydata()), tuple(w.artists["wb"].get_ydata()))
    c = w.controls[key]
    vals = [o[1] for o in c.options]
    c.value = vals[max(0, vals.index(c.value) - 8)]
    after = (tuple(w.artists["wa"].get_ydata()), tuple(w.artists["wb"].get_ydata()))
    assert after != before                                                                 # K3
    _count("akquise_trichter")


def test_akquise_brushoff_slider_reaches_41_5_percent():
    w = view.akquise_trichter()
    for key in ("abw_mail", "abw_direkt"):
        c = w.controls[key]
        assert all(label == pct(v, 1) for label, v in c.options)                           # K5
        assert c.options[0][1] == 0.3
    w.controls["abw_mail"].value = 0.415                                                   # exercise 09 t5
    res = w.result()
    assert abs(res.cost_mail - res.cost_direct) < 1.0 and w.message.value == ""
    _count("akquise_trichter")


def test_cases_were_counted():
    print("\nhypothesis cases m09:", CASES)
    assert all(CASES.get(k, 0) > 0 for k in INVARIANTS)
