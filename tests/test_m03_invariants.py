"""Modul 03: what the widgets say agrees with what they plot, at every setting (issue 19)."""
from __future__ import annotations

import functools
import math
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.blocks import guard
from course_lib.format_de import num, pct
from course_lib.m03_digitalisierung import model, view

INVARIANTS = {
    "mundpropaganda": [
        "M1 „X von 1.000“ in the text is the last point of the plotted line of that story",
        "M2 „fast alle“ only if the plotted mean reaches ≥ 90 %, „mehr als die Hälfte“ only ≥ 50 %, "
        "„verpufft“ only below 10 %",
        "M3 a story is never said to „stirbt von selbst aus“ next to an R shown ≥ 1, nor „R liegt nicht unter 1“ next to "
        "an R shown below 1; R is called an upper bound",
    ],
    "bass_diffusion": [
        "F1 the model point and both observed points lie inside the x and y limits (the axis grows with them)",
        "F2 the percentage in the text is the plotted model point; the verdict „trifft“ iff |gap| ≤ 1 point",
        "F3 never „nach 0,0 Jahren“: a peak at the start is said as such",
    ],
    "cross_channel": [
        "X1 „Größter Zuwachs in Prozentpunkten / relativ“ names the maximum of the plotted bars' change",
        "X2 the views stay hidden until the guess is committed; the guess is reported, not graded",
    ],
    "antwortzeit": [
        "T1 the percentages in the text are the plotted dots; the dots lie on their curves",
        "T2 with 24/7 service never more irritated customers than without",
        "T3 invalid input: the numbers disappear (no error next to stale numbers)",
    ],
}


def _plain(html: str) -> str:
    text = re.sub(r" {2,}", " ", re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", "\u00a0"))
    return re.sub(r" ([.;:,])", r"\1", text)


@functools.cache
def _mund():
    w = view.mundpropaganda()
    w.predict.commit([10, 900])
    return w


@functools.cache
def _bass():
    return view.bass_diffusion()


@functools.cache
def _antwort():
    return view.antwortzeit()


@settings(max_examples=40, deadline=None)
@given(kanal=st.sampled_from(["offline", "online"]), k=st.integers(2, 15).map(lambda x: 2 * x),
       p=st.integers(1, 30).map(lambda x: x / 100), f=st.integers(2, 12).map(lambda x: x / 4), seed=st.integers(0, 50))
def test_mundpropaganda_invariants(kanal, k, p, f, seed):
    w = _mund()
    before = len(guard.LAST_ERRORS)
    with w.hold():
        w.controls["kanal"].value, w.controls["kontakte"].value = kanal, k
        w.controls["p"].value, w.controls["faktor"].value, w.controls["seed"].value = p, f, seed
    plain = _plain(w.view_box.children[1].value)
    items = plain.split("Verärgerter Kunde")
    assert len(items) == 2
    for part, line in zip(items, (w.artists["pos"], w.artists["neg"])):
        end = float(np.asarray(line.get_ydata())[-1])
        assert f"{num(end, 0)} von 1.000" in part                                      # M1
        r = float(re.search(r"R ≈\s([\d,]+) \(Obergrenze\)", part).group(1).replace(",", "."))
        if "fast alle" in part:                                                         # M2
            assert end >= 900
        if "mehr als die Hälfte" in part:
            assert end >= 500
        if "verpufft" in part:
            assert end < 100 and r < 1                                                  # M3
        if "R liegt nicht unter 1" in part:
            assert r >= 1
        story = part.split("Faustregel")[0]   # the rule of thumb after the last story is general
        assert "über 1" not in story or r > 1   # „über 1“ never next to a shown „R ≈ 1,0“ (review, session 5)
    assert len(guard.LAST_ERRORS) == before


def test_mundpropaganda_issue_setting_online_six():
    w = view.mundpropaganda(predict=False)
    with w.hold():
        w.controls["kanal"].value, w.controls["kontakte"].value = "online", 6
    first = _plain(w.view_box.children[1].value).split("Verärgerter Kunde")[0]
    assert "43 von 1.000" in first and "fast alle" not in first and "R liegt nicht unter 1" in first


@settings(max_examples=150, deadline=None)
@given(p=st.integers(1, 100).map(lambda x: x / 1000), q=st.integers(5, 80).map(lambda x: x / 100))
def test_bass_invariants(p, q):
    w = _bass()
    before = len(guard.LAST_ERRORS)
    with w.hold():
        w.controls["p"].value, w.controls["q"].value = p, q
    plain = _plain(w.view_box.children[1].value)
    a = w.artists
    x0, x1 = a["ax"].get_xlim()
    y0, y1 = a["ax"].get_ylim()
    pts = list(zip(*a["model_pt"].get_data())) + list(zip(*a["obs"].get_data()))
    assert len(pts) == 3
    for x, y in pts:                                                                    # F1
        assert x0 <= x <= x1 and y0 <= y <= y1, (p, q, x, x1)
    (_mx,), (my,) = a["model_pt"].get_data()
    assert f"sagt Ihr Modell {pct(my / 100, 1)} voraus" in plain                        # F2
    fit = model.bass_fit(p, q)
    assert ("auf einen Prozentpunkt genau" in plain) == (abs(my - 73) <= 1 + 1e-9) == fit.hit
    assert not re.search(r"nach 0,0\s+Jahren", plain)                                   # F3
    assert ("gleich zu Beginn" in plain) == fit.peak_at_start
    assert len(guard.LAST_ERRORS) == before


def test_cross_channel_leaders_are_the_plotted_maxima():
    w = view.cross_channel()
    assert w.view_box.layout.display == "none"                                          # X2
    out = w.predict.commit(["onlineshop", "mobil"])
    assert w.view_box.layout.display is None and "Richtig" not in w.predict.result.value
    tab = model.locafox_table("keine")
    both = tab[np.isfinite(tab["aenderung_pp"])]
    # the plotted bars (static) carry exactly the table's values
    heights = sorted(round(b.get_height(), 6) for b in w.artists["ax"].patches
                     if getattr(b, "get_height", None) and b.get_height() > 0 and b.get_width() < 0.5)
    for r in both.itertuples():
        assert round(r.wert_2015, 6) in heights and round(r.wert_neu, 6) in heights
    top_pp = both.loc[both["aenderung_pp"].idxmax(), "kennzahl"]
    top_rel = both.loc[both["aenderung_rel"].idxmax(), "kennzahl"]
    w.controls["kennzahlen"].value = tuple(both["id"])
    plain = _plain(w.view_box.children[2].value)
    assert f"Größter Zuwachs in Prozentpunkten: {top_pp};" in plain                     # X1
    assert f"größter relativer Zuwachs: {top_rel}." in plain
    assert [o.model_value for o in out] == list(model.growth_leaders())


@settings(max_examples=120, deadline=None)
@given(t=st.integers(1, 2880), sl=st.integers(10, 19).map(lambda x: 5 * x),
       kund=st.sampled_from(list(view.PATIENCE)), aus=st.integers(0, 12).map(lambda x: 5 * x))
def test_antwortzeit_invariants(t, sl, kund, aus):
    w = _antwort()
    before = len(guard.LAST_ERRORS)
    with w.hold():
        w.controls["zielzeit"].value = str(t)
        w.controls["servicelevel"].value, w.controls["kundschaft"].value = sl, kund
        w.controls["ausserhalb"].value = aus
    plain = _plain(w.view_box.children[1].value)
    a = w.artists
    (_x,), (yn,) = a["night"].get_data()
    (_x2,), (ya,) = a["always"].get_data()
    assert f"verärgert. Mit 24/7-Service: {pct(ya / 100)}" in plain.replace("  ", " ")      # T1
    assert f"{pct(yn / 100)} der Anfragenden sind verärgert" in plain
    gx = np.asarray(a["line_night"].get_xdata())
    if gx[0] <= t <= gx[-1]:
        assert min(np.asarray(a["line_night"].get_ydata())) - 1e-9 <= yn <= 100 + 1e-9
    assert ya <= yn + 1e-9                                                               # T2
    assert len(guard.LAST_ERRORS) == before


def test_antwortzeit_bad_input_clears_numbers():                                         # T3
    w = view.antwortzeit()
    w.controls["zielzeit"].value = "abc"
    assert "Eingabe prüfen" in w.message.value
    assert not re.search(r"\d\u00a0%", w.view_box.children[1].value)
    assert not w.artists["night"].get_visible()
    w.controls["zielzeit"].value = "30"
    assert w.message.value == "" and w.artists["night"].get_visible()
    assert math.isfinite(w.artists["night"].get_data()[1][0])
