"""Module 07: property tests – inside the domain finite, in-range results; outside a German
CourseInputError; nothing else escapes."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m07_beziehungsphasen import model

S = settings(max_examples=50, deadline=None)
h_st = st.lists(st.floats(0, 0.2), min_size=5, max_size=5)
a_st = st.lists(st.floats(0, 0.6), min_size=4, max_size=4)
lam_st = st.floats(0, 0.1)
junk = st.one_of(st.none(), st.text(max_size=5), st.floats(allow_nan=True, allow_infinity=True),
                 st.booleans(), st.integers(-10**6, 10**6))
# never inside any domain of this module: not a number, not finite, or a boolean
nonnum = st.one_of(st.none(), st.text(alphabet="abcxyz ", min_size=1, max_size=5), st.just(float("nan")),
                   st.just(float("inf")), st.booleans(), st.lists(st.integers(), max_size=2))


def only_course_error(fn, *a, **kw):
    try:
        fn(*a, **kw)
    except CourseInputError as e:
        assert e.message
        return True
    return False


@S
@given(st.lists(st.sampled_from(list(model.SIGNS)), min_size=1, max_size=18))
def test_diagnose_in_range(signs):
    d = model.diagnose(signs)
    assert np.all(d.fit >= 0)
    if set(signs) <= model.WARNING_ONLY:          # only warnings: no phase is named
        assert d.phase is None and d.info is None and d.fit.sum() == 0
        return
    assert abs(d.fit.sum() - 1) < 1e-9
    assert 1 <= d.phase <= 5 and d.fit[d.phase - 1] == d.fit.max()
    assert d.info in model.PHASE_INFO


@S
@given(st.one_of(st.lists(st.text(max_size=8), max_size=3), junk))
def test_diagnose_outside(signs):
    if isinstance(signs, list) and signs and all(s in model.SIGNS for s in signs):
        return
    assert only_course_error(model.diagnose, signs)


@S
@given(h_st, a_st, lam_st)
def test_matrix_stochastic(h, a, lam):
    P = model.transition_matrix(h, a, lam)
    assert np.all(np.isfinite(P)) and np.all(P >= -1e-12) and np.allclose(P.sum(axis=1), 1)
    assert np.all(np.diag(P)[:5] >= 0.1 - 1e-9)


@S
@given(h_st, a_st, lam_st, st.integers(1, 120))
def test_chain_rows_are_distributions(h, a, lam, months):
    c = model.phase_chain(h, a, lam, months)
    assert c.shape == (months + 1, 6)
    assert np.all(c >= -1e-12) and np.allclose(c.sum(axis=1), 1)
    assert np.all(np.diff(c[:, 5]) >= -1e-12)  # ended never shrinks


@S
@given(h_st, a_st, lam_st, st.integers(1, 60), st.integers(1, 300), st.integers(0, 2**31 - 1))
def test_simulation_in_range(h, a, lam, months, n, seed):
    s = model.simulate_relationships(h, a, lam, months, n, seed)
    assert s.shape == (n, months + 1) and s.min() >= 0 and s.max() <= 5
    sh = model.shares(s)
    assert np.allclose(sh.sum(axis=1), 1)


@S
@given(st.sampled_from(["h", "a", "lam", "months"]), st.one_of(st.floats(-1e6, -0.001), st.floats(0.61, 1e6), nonnum))
def test_chain_outside(which, bad):
    kw = {"h": [0.02, 0.05, 0.03, 0.005, 0.002], "a": [0.25, 0.15, 0.1, 0.06], "lam": 0.0, "months": 12}
    if which in ("h", "a"):
        kw[which] = list(kw[which])
        kw[which][0] = bad
    else:
        kw[which] = bad
    if which == "months" and isinstance(bad, float) and 1 <= bad <= 120 and bad == int(bad):
        return
    assert only_course_error(model.phase_chain, **kw)


@S
@given(st.floats(0, 1), st.integers(1, 4), st.floats(0, 0.05))
def test_scenario_params_in_domain(skill, contacts, lam):
    h, a, l_eff = model.scenario_params(skill, contacts, lam)
    assert all(0 <= x <= 0.2 for x in h) and all(0 <= x <= 0.6 for x in a) and 0 <= l_eff <= 0.05
    assert h[1] <= model.H_DEFAULT[1] and a[1] >= model.A_DEFAULT[1]
    model.transition_matrix(h, a, l_eff)  # always a valid chain


@S
@given(st.sampled_from(["skill", "contacts", "lam"]), st.one_of(st.floats(-1e6, -0.001), st.floats(4.5, 1e6), nonnum))
def test_scenario_params_outside(which, bad):
    assert only_course_error(model.scenario_params, **{which: bad})
