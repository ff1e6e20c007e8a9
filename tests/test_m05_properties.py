"""Property tests for every public model function of module 05: inside the declared domain
the results are finite and in range; outside it a CourseInputError is raised; nothing else
escapes."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m05_kundenbindung import model as m

from tests.helpers import assert_course_error

S = settings(max_examples=50, deadline=None)
margin = st.floats(0, m.M_MAX)
ret = st.floats(0, m.R_MAX)
disc = st.floats(0, m.I_MAX)
acq = st.floats(0, m.AC_MAX)
refs = st.floats(0, m.Q_MAX)
years = st.integers(1, m.YEARS_MAX)
junk = st.one_of(st.none(), st.text(max_size=5).filter(lambda t: not _is_number(t)), st.just(float("nan")),
                 st.just(float("inf")), st.booleans(), st.lists(st.integers(), max_size=2))


def _is_number(t: str) -> bool:
    try:
        float(t.strip().replace(".", "").replace(",", "."))
        return True
    except ValueError:
        return False




# -- CLV -------------------------------------------------------------------------------------
@S
@given(margin, ret, disc, acq, refs)
def test_clv_finite_and_bounded(mm, r, i, ac, q):
    v = m.clv(mm, r, i, ac, q)
    mult = m.margin_multiplier(r, i)
    assert math.isfinite(v) and 0 <= mult <= 99 + 1e-9
    assert -ac - 1e-6 <= v <= mm * mult * (1 + q * mult) + 1e-6
    assert 1 <= m.expected_lifetime(r) <= 100 + 1e-9
    assert m.yearly_value(mm, r, i, q) >= mm - 1e-9


@S
@given(margin, ret, disc, acq, refs, years)
def test_cumulative_value_monotone_and_below_clv(mm, r, i, ac, q, t):
    c = m.cumulative_value(mm, r, i, ac, q, t)
    assert len(c) == t + 1 and np.all(np.isfinite(c))
    assert c[0] == -ac and np.all(np.diff(c) >= -1e-9)
    total = m.clv(mm, r, i, ac, q)
    assert c[-1] <= total + 1e-6 * max(1.0, abs(total))


@S
@given(margin, ret, disc, acq, refs, st.floats(0, 20))
def test_compare_retention_never_loses_value(mm, r, i, ac, q, d):
    c = m.compare_retention(mm, r, i, ac, q, d)
    assert r <= c.r_b <= m.R_MAX
    assert c.clv_b >= c.clv_a - 1e-6 * max(1.0, abs(c.clv_a))
    assert math.isfinite(c.difference)
    assert c.relative is None or (math.isfinite(c.relative) and c.relative >= -1e-9)


@S
@given(st.one_of(st.floats(-1e6, -1e-3), st.floats(m.M_MAX + 1, 1e9), junk), ret, disc)
def test_clv_bad_margin(mm, r, i):
    assert_course_error(m.clv, mm, r, i)


@S
@given(margin, st.one_of(st.floats(-5, -1e-6), st.floats(0.9901, 5), junk), disc)
def test_clv_bad_retention(mm, r, i):
    assert_course_error(m.clv, mm, r, i)
    assert_course_error(m.margin_multiplier, r, 0.1)
    assert_course_error(m.expected_lifetime, r)


@S
@given(margin, ret, st.one_of(st.floats(-1, -1e-6), st.floats(0.3001, 10), junk))
def test_clv_bad_discount(mm, r, i):
    assert_course_error(m.clv, mm, r, i)
    assert_course_error(m.cumulative_value, mm, r, i)


@S
@given(st.one_of(st.floats(-1e6, -1e-3), st.floats(m.AC_MAX + 1, 1e9), junk),
       st.one_of(st.floats(-5, -1e-6), st.floats(1.0001, 50), junk))
def test_clv_bad_cost_and_referrals(ac, q):
    assert_course_error(m.clv, 1000, 0.8, 0.1, ac, 0)
    assert_course_error(m.clv, 1000, 0.8, 0.1, 0, q)
    assert_course_error(m.yearly_value, 1000, 0.8, 0.1, q)


@S
@given(st.one_of(st.integers(-100, 0), st.integers(m.YEARS_MAX + 1, 10_000), st.floats(1.1, 1.9), junk),
       st.one_of(st.floats(-10, -1e-6), st.floats(20.001, 100), junk))
def test_bad_horizon_and_delta(t, d):
    assert_course_error(m.cumulative_value, 1000, 0.8, 0.1, 0, 0, t)
    assert_course_error(m.compare_retention, 1000, 0.8, 0.1, 0, 0, d)


# -- Abwanderungs-Check ----------------------------------------------------------------------
levels = st.lists(st.integers(0, 3), min_size=8, max_size=8)
H_MAX = m.H0 + 3 * sum(s.weight for s in m.WARNING_SIGNS) / 100


@S
@given(levels, st.floats(0, 0.05), st.integers(1, 8))
def test_churn_check_in_range(lv, h0, n):
    res = m.churn_check(lv, h0=h0, top_n=n)
    assert h0 - 1e-12 <= res.hazard <= h0 + H_MAX - m.H0 + 1e-12
    assert 0 < res.retention <= 1 and 0 <= res.risk_12m < 1
    assert res.level in {"gering", "erhöht", "hoch"}
    assert len(res.top) <= n and all(res.contributions[k] > 0 for k in res.top)
    assert np.all(np.isfinite(res.cohort)) and res.cohort[0] == 100 and np.all(np.diff(res.cohort) <= 0)
    assert res.own_share is None or 0 <= res.own_share <= 1
    assert math.isclose(sum(res.contributions.values()), res.hazard - h0, abs_tol=1e-12)
    d = dict(zip(m.SIGN_IDS, lv))
    assert m.churn_hazard(d, h0) == res.hazard


@S
@given(st.floats(0, 0.99), st.integers(1, 120))
def test_survival_in_range(h, months):
    s = m.survival(h, months)
    assert len(s) == months + 1 and s[0] == 1 and np.all((s >= 0) & (s <= 1))
    assert 0 <= m.yearly_retention(h) <= 1
    assert m.risk_level(1 - m.yearly_retention(h)) in {"gering", "erhöht", "hoch"}


@S
@given(st.sampled_from(m.SIGN_IDS), st.one_of(st.integers(4, 100), st.integers(-100, -1), st.floats(0.1, 0.9), junk))
def test_churn_bad_levels(sid, bad):
    assert_course_error(m.churn_hazard, {sid: bad})
    assert_course_error(m.churn_check, {sid: bad})
    assert_course_error(m.contributions, {sid: bad})


@S
@given(st.one_of(st.text(min_size=1, max_size=8).filter(lambda t: t not in m.SIGN_IDS),
                 st.lists(st.integers(0, 3), max_size=7), st.lists(st.integers(0, 3), min_size=9, max_size=12)))
def test_churn_bad_shape(bad):
    arg = {bad: 1} if isinstance(bad, str) else bad
    assert_course_error(m.churn_hazard, arg)
    if isinstance(bad, str):
        assert_course_error(m.sign, bad)


@S
@given(st.one_of(st.floats(-1, -1e-6), st.floats(0.9901, 10), junk), st.one_of(st.integers(-5, 0), st.integers(121, 999)))
def test_survival_bad_input(h, months):
    assert_course_error(m.survival, h)
    assert_course_error(m.yearly_retention, h)
    assert_course_error(m.survival, 0.01, months)
    assert_course_error(m.churn_hazard, {}, h)
    assert_course_error(m.risk_level, abs(h) + 1.0001 if isinstance(h, float) and math.isfinite(h) else h)


# -- Scenario --------------------------------------------------------------------------------
choices = st.sets(st.sampled_from(m.SITUATION_IDS)).flatmap(
    lambda sids: st.fixed_dictionaries({sid: st.sampled_from([o.id for o in m.situation(sid).options]) for sid in sids}))


@S
@given(choices)
def test_scenario_summary_in_range(ch):
    s = m.scenario_summary(ch)
    assert s.answered == len(ch)
    assert -2 * len(ch) <= s.points <= s.max_points <= 3 * len(ch)
    assert sum(min(o.points for o in x.options) for x in m.SITUATIONS) <= s.points \
        <= sum(max(o.points for o in x.options) for x in m.SITUATIONS)
    for sid, oid in ch.items():
        assert -2 <= m.evaluate_choice(sid, oid).points <= 3


@S
@given(st.text(max_size=10).filter(lambda t: t not in m.SITUATION_IDS), st.text(max_size=3).filter(lambda t: t not in "abc" or t == ""))
def test_scenario_bad_ids(sid, oid):
    assert_course_error(m.situation, sid)
    assert_course_error(m.evaluate_choice, sid, "a")
    assert_course_error(m.evaluate_choice, "verzug", oid)
    assert_course_error(m.scenario_summary, {"verzug": oid})


# -- NPS ---------------------------------------------------------------------------------------
@S
@given(st.lists(st.integers(0, 10_000), min_size=11, max_size=11).filter(lambda c: sum(c) > 0))
def test_nps_in_range(counts):
    v = m.nps(counts)
    assert -100 <= v <= 100
    assert math.isclose(v, 100 * (counts[9] + counts[10] - sum(counts[:7])) / sum(counts))


@S
@given(st.one_of(st.lists(st.integers(0, 5), max_size=10), st.lists(st.integers(0, 5), min_size=12, max_size=15),
                 st.lists(st.integers(-50, -1), min_size=11, max_size=11), st.just([0] * 11), junk))
def test_nps_bad_input(counts):
    assert_course_error(m.nps, counts)
