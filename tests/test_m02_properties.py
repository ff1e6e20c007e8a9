"""Module 02: property tests – inside the declared domain every model gives finite, in-range
results; outside it raises CourseInputError; nothing else escapes."""
from __future__ import annotations

import math

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m02_imageproblem import model
from tests.helpers import assert_course_error

SET = settings(max_examples=50, deadline=None)


def _in(key):
    _l, lo, hi, _u = model.DOMAIN[key]
    return st.floats(min_value=lo, max_value=hi, allow_nan=False)


params = st.fixed_dictionaries({k: _in(k) for k in model.DEFAULTS})
anything = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.text(max_size=5),
                     st.none(), st.booleans())


def _outside(key):
    _l, lo, hi, _u = model.DOMAIN[key]
    return st.one_of(st.floats(max_value=lo, exclude_max=True, allow_nan=False, allow_infinity=False, min_value=-1e9),
                     st.floats(min_value=hi, exclude_min=True, allow_nan=False, allow_infinity=False, max_value=1e9),
                     st.just(float("nan")), st.just(float("inf")))


def _valid_point(r):
    for f in ("q", "p", "c", "s"):
        x = getattr(r, f)
        assert math.isfinite(x) and 0.0 <= x <= 1.0, (f, x)
    assert 0.0 <= r.net <= r.gross <= r.v + 1e-12
    assert 0.0 <= r.complaints <= r.gross + 1e-12
    assert r.t_b >= 0.0


@SET
@given(v=_in("v"), p=params)
def test_static_in_domain(v, p):
    _valid_point(model.spiral_static(v, **p))


@SET
@given(v=_outside("v"))
def test_static_outside_domain(v):
    assert_course_error(model.spiral_static, v)


@SET
@given(key=st.sampled_from(sorted(model.DEFAULTS)), data=st.data())
def test_static_parameter_outside_domain(key, data):
    bad = data.draw(_outside(key))
    assert_course_error(model.spiral_static, 3.0, **{key: bad})


@SET
@given(x=anything)
def test_static_any_input_only_course_errors(x):
    try:
        _valid_point(model.spiral_static(x))
    except CourseInputError:
        pass


@SET
@given(n=st.integers(2, 300), p=params)
def test_curve_in_domain(n, p):
    d = model.spiral_curve(n, **p)
    assert len(d) == n
    assert ((d["net"] >= 0) & (d["net"] <= d["gross"] + 1e-12)).all()
    assert ((d["s"] >= 0) & (d["s"] <= 1)).all() and d.notna().all().all()


@SET
@given(n=st.one_of(st.integers(-100, 1), st.integers(1001, 10**6), st.floats(2.1, 9.9).filter(lambda x: x != int(x))))
def test_curve_outside_domain(n):
    assert_course_error(model.spiral_curve, n)


@SET
@given(p=params)
def test_best_visits_is_the_maximum(p):
    b = model.best_visits(**p)
    _valid_point(b)
    assert b.net >= model.spiral_curve(51, **p)["net"].max() - 0.02


dyn = st.fixed_dictionaries({
    k: (st.integers(1, 36) if k == "months" else
        st.floats(min_value=v[1], max_value=v[2], allow_nan=False))
    for k, v in model.DYN_DOMAIN.items()
})


@SET
@given(v=_in("v"), d=dyn, chef=st.booleans(), p=params)
def test_dynamic_in_domain(v, d, chef, p):
    df = model.spiral_dynamic(v, chef_reacts=chef, **d, **p)
    assert len(df) == d["months"] and df.notna().all().all()
    for col in ("Druck", "Qualitaet", "Abschlussquote", "Storno", "Ruf"):
        assert ((df[col] >= 0) & (df[col] <= 1 + 1e-12)).all(), col
    assert ((df["Besuche"] >= 1.0) & (df["Besuche"] <= 6.0)).all()
    assert ((df["Netto"] >= 0) & (df["Netto"] <= df["Brutto"] + 1e-12)).all()
    assert df["Netto_kumuliert"].is_monotonic_increasing


@SET
@given(key=st.sampled_from(sorted(model.DYN_DOMAIN)), data=st.data())
def test_dynamic_outside_domain(key, data):
    _l, lo, hi, _u = model.DYN_DOMAIN[key]
    bad = data.draw(st.one_of(st.floats(max_value=lo - 0.01, min_value=-1e6, allow_nan=False),
                              st.floats(min_value=hi + 0.01, max_value=1e6, allow_nan=False), st.just(float("nan"))))
    assert_course_error(model.spiral_dynamic, 2.0, **{key: bad})


ids = [s["id"] for s in model.STATEMENTS]


@SET
@given(st.dictionaries(st.sampled_from(ids), st.sampled_from(["bonus", "berater", ""]), min_size=1))
def test_sorting_in_domain(assign):
    answered = sum(1 for v in assign.values() if v)
    if not answered:
        assert_course_error(model.sort_statements, assign)
        return
    r = model.sort_statements(assign)
    assert 0 <= r.correct <= r.answered == answered <= r.total
    assert len(r.missing_ids) == r.total - answered


@SET
@given(st.one_of(st.dictionaries(st.text(max_size=4), st.text(max_size=4), min_size=1), st.lists(st.text()), st.none(),
                 st.integers()))
def test_sorting_outside_domain(x):
    try:
        r = model.sort_statements(x)
    except CourseInputError:
        return
    # only a real statement id with a real category can pass
    assert isinstance(x, dict) and set(x) <= set(ids) and r.answered >= 1
