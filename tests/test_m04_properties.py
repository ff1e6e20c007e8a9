"""Modul 04 (CEM): property tests for every public model function – inside the declared
domain results are finite and in range; outside it a CourseInputError is raised; nothing
else escapes."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m04_cem import model

from tests.helpers import assert_course_error

S = settings(max_examples=50, deadline=None)
rating = st.floats(0, 10, allow_nan=False)
theta = st.floats(5, 9, allow_nan=False)
steep = st.floats(0.1, 5, allow_nan=False)
cut = st.floats(1, 9, allow_nan=False)
outside_rating = st.one_of(st.floats(max_value=-1e-6, allow_nan=False), st.floats(min_value=10.000001, allow_nan=False),
                           st.just(float("nan")), st.just(float("inf")), st.text(max_size=5).filter(lambda t: not _numeric(t)),
                           st.none(), st.booleans())


def _numeric(t: str) -> bool:
    try:
        v = float(t.strip().replace(",", ".")) if t.strip() else None
    except ValueError:
        return False
    return v is not None




@S
@given(rating, rating, rating, theta, steep)
def test_empfehlungsneigung_in_range(p, v, u, t, k):
    r = model.empfehlungsneigung(p, v, u, t, k)
    assert math.isfinite(r) and 0 <= r <= 1


@S
@given(rating, rating, rating, theta)
def test_avr_status_consistent(p, v, u, t):
    r = model.avr_status(p, v, u, t)
    assert r.vollumfaenglich == (min(p, v, u) >= t)
    assert r.ratings[r.schwaechstes] == min(p, v, u)
    assert 0 <= r.luecke <= t and 0 <= r.mittelwert <= 10 and 0 <= r.empfehlung <= 1


@S
@given(outside_rating, st.integers(0, 2))
def test_avr_outside_raises(bad, pos):
    args = [5.0, 5.0, 5.0]
    args[pos] = bad
    assert_course_error(model.avr_status, *args)
    assert_course_error(model.empfehlungsneigung, *args)


@S
@given(st.one_of(st.floats(max_value=4.999, allow_nan=False), st.floats(min_value=9.001, allow_nan=False)))
def test_avr_threshold_outside_raises(t):
    assert_course_error(model.avr_status, 5, 5, 5, t)


@S
@given(st.one_of(st.floats(max_value=0.0999, allow_nan=False), st.floats(min_value=5.0001, allow_nan=False)))
def test_steilheit_outside_raises(k):
    assert_course_error(model.empfehlungsneigung, 5, 5, 5, 7, k)


@S
@given(rating, rating, cut)
def test_matrix_in_range(f, p, c):
    q = model.quadrant(f, p, c)
    assert q in model.QUADRANTS
    assert q == {(True, True): "partner", (True, False): "lieferant", (False, True): "sympathie",
                 (False, False): "ende"}[(f >= c, p >= c)]
    b, a = model.bindung(f, p), model.austauschbarkeit(f, p)
    assert 0 <= b <= 1 and 0 <= a <= 1
    r = model.matrix_position(f, p, c)
    assert r.quadrant == q and r.label == model.QUADRANTS[q]["label"]


@S
@given(outside_rating, st.booleans())
def test_matrix_outside_raises(bad, first):
    args = (bad, 5) if first else (5, bad)
    assert_course_error(model.quadrant, *args)
    assert_course_error(model.bindung, *args)
    assert_course_error(model.matrix_position, *args)
    assert_course_error(model.austauschbarkeit, *args)


@S
@given(st.one_of(st.floats(max_value=0.999, allow_nan=False), st.floats(min_value=9.001, allow_nan=False)))
def test_cut_outside_raises(c):
    assert_course_error(model.quadrant, 5, 5, c)


@S
@given(st.lists(st.tuples(st.one_of(rating, st.none()), st.one_of(rating, st.none())), min_size=1, max_size=15), cut)
def test_portfolio_in_range(pairs, c):
    df = pd.DataFrame({"kunde": [f"K{i}" for i in range(len(pairs))],
                       "produkt": 5.0, "verkaeufer": 5.0, "unternehmen": 5.0,
                       "fachlich": [f for f, _ in pairs], "persoenlich": [p for _, p in pairs]})
    pf = model.portfolio(df, c)
    assert len(pf) == len(pairs) and set(pf["kunde"]) == set(df["kunde"])
    assert set(pf["quadrant"]) <= set(model.QUADRANTS) | {"offen"}
    b = pf["bindung"].dropna()
    assert ((b >= 0) & (b <= 1)).all()
    assert (pf["gefaehrdet"] == pf["quadrant"].isin(["ende", "lieferant", "sympathie"])).all()


@S
@given(st.floats(min_value=10.0001, max_value=1e6, allow_nan=False) | st.floats(max_value=-0.0001, min_value=-1e6))
def test_portfolio_outside_raises(bad):
    df = pd.DataFrame({"kunde": ["A"], "produkt": [5], "verkaeufer": [5], "unternehmen": [5], "fachlich": [bad], "persoenlich": [5]})
    assert_course_error(model.portfolio, df)


@S
@given(st.floats(-10, 10, allow_nan=False), st.floats(1, 3, allow_nan=False), st.floats(0.1, 3, allow_nan=False))
def test_zufriedenheit_and_urteil_in_range(z, w, t):
    s = model.zufriedenheit(z, w)
    assert math.isfinite(s) and -1 <= s <= 1 and (s >= 0 if z >= 0 else s <= 0)
    assert model.urteil(z, t) in model.URTEILE


@S
@given(st.one_of(st.floats(min_value=10.0001, allow_nan=False), st.floats(max_value=-10.0001, allow_nan=False), st.just(float("nan"))))
def test_zufriedenheit_outside_raises(z):
    assert_course_error(model.zufriedenheit, z)
    assert_course_error(model.urteil, z)


@S
@given(rating, rating, st.floats(0, 5, allow_nan=False), st.floats(0, 5, allow_nan=False))
def test_erlebnis_nach_panne_in_range(d, q, s, b):
    e_zuf, e_treue = model.erlebnis_nach_panne(d, q, s, b)
    assert 0 <= e_treue <= e_zuf <= 10
    assert e_treue <= d + 1e-9


@S
@given(rating, rating, st.booleans(), rating)
def test_erwartungsluecke_in_range(m, d, panne, q):
    r = model.erwartungsluecke(m, d, panne, q)
    for x in (r.zufriedenheit, r.treue, r.zufriedenheit_ohne_panne, r.treue_ohne_panne):
        assert math.isfinite(x) and -1 <= x <= 1
    assert 0 <= r.enttaeuschung <= 10 and -10 <= r.abweichung <= 10
    assert r.urteil in model.URTEILE
    assert r.treue <= r.treue_ohne_panne + 1e-12


@S
@given(outside_rating, st.integers(0, 2))
def test_erwartungsluecke_outside_raises(bad, pos):
    args = [5.0, 5.0, True, 5.0]
    args[[0, 1, 3][pos]] = bad
    assert_course_error(model.erwartungsluecke, *args)
    if pos:
        assert_course_error(model.erlebnis_nach_panne, *([bad, 5.0] if pos == 1 else [5.0, bad]))
