"""Modul 02: the Druckspirale's text agrees with its plot at every setting (issue 19)."""
from __future__ import annotations

import functools
import re

import numpy as np

from hypothesis import example, given, settings
from hypothesis import strategies as st

from course_lib.blocks import guard
from course_lib.format_de import num, pct
from course_lib.m02_imageproblem import view

INVARIANTS = {
    "druckspirale": [
        "D1 the net contracts, advice minutes in the text equal the plotted marker / the model point it shows",
        "D2 „Ruf am Ende“ / „der Ruf liegt bei“ equals the last point of the plotted reputation line",
        "D3 a day with more travel than working time is always explained („nicht machbar“), and only then",
        "D4 on such a day the reputation falls (when word of mouth moves at all)",
        "D5 the marker and the maximum stay inside the y axis",
    ],
}

S = settings(max_examples=120, deadline=None)


def _plain(html: str) -> str:
    return re.sub(r" {2,}", " ", re.sub(r"<[^>]+>", " ", html))


@functools.cache
def _spirale():
    return view.druckspirale()


def _grid(lo, hi, step):
    n = int(round((hi - lo) / step))
    return st.integers(0, n).map(lambda k: round(lo + k * step, 2))


@S
@given(v=_grid(1.0, 6.0, 0.1), T=_grid(5.0, 9.0, 0.5), t_f=_grid(0.25, 1.5, 0.05), chef=st.booleans(),
       rho=_grid(0.0, 1.0, 0.05), rep=_grid(0.0, 1.0, 0.05))
@example(v=4.6, T=7.0, t_f=1.5, chef=False, rho=0.3, rep=0.8)   # feasible, 1 minute of advice left
@example(v=4.0, T=6.0, t_f=1.5, chef=False, rho=0.3, rep=0.8)   # travel exactly fills the day
@example(v=6.0, T=7.0, t_f=1.5, chef=True, rho=0.3, rep=0.8)    # the issue's day
def test_druckspirale_invariants(v, T, t_f, chef, rho, rep):
    w = _spirale()
    before = len(guard.LAST_ERRORS)
    with w.hold():
        w.controls["v"].value, w.controls["T"].value, w.controls["t_f"].value = v, T, t_f
        w.controls["chef"].value = chef
        w.advanced["rho"].value, w.advanced["reputation_start"].value = rho, rep
    w.refresh()  # the advanced sliders refresh on their own; one more refresh with all values set
    plain = _plain(w.view_box.children[1].value)
    a = w.artists
    (xv,), (yn,) = a["you"].get_data()
    assert xv == v                                                                      # D1
    assert f"{num(yn, 2)} dauerhafte Abschlüsse pro Tag" in plain
    t_b = max(T - v * t_f, 0) / v
    assert f"je Besuch {num(t_b * 60, 0)}\u00a0Minuten Beratung" in plain
    ruf = np.asarray(a["ruf"].get_ydata(), dtype=float)
    end = pct(ruf[-1])                                                                  # D2
    assert (f"Ruf am Ende {end}" in plain) or (f"der Ruf liegt bei {end}" in plain)
    infeasible = v * t_f >= T - 1e-12                                                   # D3
    assert ("Dieser Tag ist nicht machbar" in plain) == infeasible
    if infeasible and rho > 0 and rep > 0 and not chef:                                 # D4
        assert ruf[-1] < ruf[0]
    y0, y1 = a["ax"].get_ylim()                                                         # D5
    (_bx,), (by,) = a["best"].get_data()
    assert y0 <= yn <= y1 and y0 <= by <= y1
    assert len(guard.LAST_ERRORS) == before


def test_issue_setting_six_visits_long_travel():
    w = view.druckspirale()
    with w.hold():
        w.controls["v"].value, w.controls["t_f"].value, w.controls["T"].value = 6, 1.5, 7
    plain = _plain(w.view_box.children[1].value)
    assert "Dieser Tag ist nicht machbar" in plain and "9,0\u00a0h Fahrt" in plain
    assert "Ruf am Ende 80" not in plain
