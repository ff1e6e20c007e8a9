"""Module 06: property tests – inside the domain finite, in-range results; outside a German
CourseInputError; nothing else escapes."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m06_beziehungskompetenz import model

from tests.helpers import assert_course_error

S = settings(max_examples=50, deadline=None)
likert = st.integers(1, 5)
answers_st = st.fixed_dictionaries({i: likert for i in model.ITEM_IDS})
scores_st = st.fixed_dictionaries({d: st.floats(0, 100) for d in model.DIM_IDS})
junk = st.one_of(st.none(), st.text(max_size=5), st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(-10**6, 10**6), st.booleans(), st.lists(st.integers(), max_size=2))




@S
@given(answers_st)
def test_scores_in_range(a):
    s = model.score_selfassessment(a)
    assert set(s) == set(model.DIM_IDS)
    assert all(0 <= v <= 100 and math.isfinite(v) for v in s.values())
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in model.workshop_values(s).values())
    assert model.answered_count(a) == 10


@S
@given(answers_st, st.sampled_from(model.ITEM_IDS), junk)
def test_scores_bad_answer(a, key, bad):
    a = dict(a)
    a[key] = bad
    ok_value = isinstance(bad, (int, float)) and not isinstance(bad, bool) and bad in (1, 2, 3, 4, 5)
    if ok_value:
        assert model.score_selfassessment(a)
    else:
        assert_course_error(model.score_selfassessment, a)


@S
@given(scores_st, scores_st)
def test_compare_in_range(a, b):
    d = model.compare_scores(a, b)
    assert all(-100 <= v <= 100 for v in d.values())


@S
@given(scores_st, st.sampled_from(model.DIM_IDS), st.one_of(st.floats(100.001, 1e9), st.floats(-1e9, -0.001), st.text(max_size=3)))
def test_compare_outside(a, key, bad):
    b = dict(a)
    b[key] = bad
    if isinstance(bad, str):
        try:
            v = float(bad.replace(",", "."))
            if 0 <= v <= 100:
                return
        except ValueError:
            pass
    assert_course_error(model.compare_scores, a, b)
    assert_course_error(model.workshop_values, b)


energy_in = dict(n=st.floats(10, 120), d=st.floats(0, 0.6), s=st.floats(0, 1), c=st.floats(0, 1),
                 u=st.floats(0, 1), days=st.integers(1, 60))


@S
@given(**energy_in)
def test_energy_in_range(n, d, s, c, u, days):
    r = model.strain_path(n, d, s, c, u, days)
    assert len(r.path) == days + 1 and np.all(np.isfinite(r.path)) and np.all(r.path >= 0)
    assert r.path[-1] <= days * (120 * 0.17 - 1.2) + 1e-9
    assert 0.02 - 1e-12 <= r.per_contact <= 0.17 + 1e-12
    assert 0.4 - 1e-12 <= r.authenticity <= 1
    assert (not r.sustainable) or r.end == 0.0


@S
@given(st.sampled_from(["n", "d", "s", "c", "u", "days"]), st.one_of(st.floats(-1e6, -0.01), st.floats(121, 1e6), junk))
def test_energy_outside(param, bad):
    kw = {param: bad}
    try:
        model.strain_path(**kw)
    except CourseInputError:
        return
    # only values that happen to be inside the domain may pass
    v = float(bad)
    lo, hi = {"n": (10, 120), "d": (0, 0.6), "s": (0, 1), "c": (0, 1), "u": (0, 1), "days": (1, 60)}[param]
    assert lo <= v <= hi


@S
@given(st.floats(1, 10), st.floats(1, 10), st.floats(1, 10), st.floats(1, 10))
def test_trust_in_range(C, R, I, S_):
    t = model.trust(C, R, I, S_)
    assert 0.3 - 1e-9 <= t <= 30 + 1e-9


@S
@given(st.floats(1, 10), st.one_of(st.floats(-1e6, 0.999), st.floats(10.001, 1e6), junk))
def test_trust_outside(x, bad):
    try:
        model.trust(x, x, x, bad)
    except CourseInputError:
        return
    assert 1 <= float(bad) <= 10


@S
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 0.5), st.integers(1, 50))
def test_mirror_between_start_and_target(ws, w0, mu, rounds):
    p = model.mirror_path(ws, w0, mu, rounds)
    lo, hi = min(ws, w0), max(ws, w0)
    assert len(p) == rounds + 1 and np.all(p >= lo - 1e-12) and np.all(p <= hi + 1e-12)


@S
@given(st.one_of(st.floats(-1e6, -0.001), st.floats(0.501, 1e6), junk))
def test_mirror_outside(bad):
    try:
        model.mirror_path(0.5, 0.3, bad, 5)
    except CourseInputError:
        return
    assert 0 <= float(bad) <= 0.5


@S
@given(st.lists(st.sampled_from(list(model.BEHAVIOURS)), unique=True), st.sampled_from(list(model.CUSTOMERS)),
       st.integers(1, 50))
def test_friend_in_range(beh, cust, rounds):
    r = model.friend_scenario(beh, cust, rounds)
    assert 0 <= r.warmth_seller <= 1 and 0 <= r.warmth_effective <= 1
    assert np.all((r.path >= 0) & (r.path <= 1)) and np.allclose(r.path + r.resistance, 1)
    assert 1 <= r.intimacy <= 10 and 1 <= r.self_orientation <= 10
    assert 0.3 <= r.trust <= 30 and 0 <= r.acting_cost <= 1


@S
@given(st.one_of(st.lists(st.text(max_size=6), min_size=1, max_size=3), junk), st.one_of(st.text(max_size=8), junk))
def test_friend_outside(beh, cust):
    valid_beh = isinstance(beh, list) and all(b in model.BEHAVIOURS for b in beh) and len(set(beh)) == len(beh)
    if valid_beh and isinstance(cust, str) and cust in model.CUSTOMERS:
        return
    assert_course_error(model.friend_scenario, beh, cust)
