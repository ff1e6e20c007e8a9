"""Module 01: property tests – inside the declared domain the models give finite, in-range
results; outside they raise CourseInputError; nothing else escapes."""
from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m01_vertrieb30 import model

from tests.helpers import assert_course_error

SET = settings(max_examples=50, deadline=None)
scale = st.floats(0, 10, allow_nan=False)
attitude = st.floats(-5, 5, allow_nan=False)
outside10 = st.one_of(st.floats(max_value=-1e-6, min_value=-1e9), st.floats(min_value=10.000001, max_value=1e9),
                      st.just(float("nan")), st.just(float("inf")), st.text(alphabet="abc", max_size=3), st.none(),
                      st.booleans())
ids = list(model.PERSON_IDS)




@SET
@given(o=scale, i=scale, u=scale, m=scale)
def test_kundenprofil_in_domain(o, i, u, m):
    p = model.kundenprofil(o, i, u, m)
    assert 0 <= p.x <= 10 and 0 <= p.y <= 10 and math.isfinite(p.x)
    assert 0 <= p.need_sparring <= 1 and 0 <= p.need_fels <= 1
    assert p.quadrant in model.ROLES and 3 <= len(p.behaviours) <= 6 and len(p.reasons) == 4


@SET
@given(bad=outside10, pos=st.integers(0, 3))
def test_kundenprofil_outside_domain(bad, pos):
    args = [5, 5, 5, 5]
    args[pos] = bad
    assert_course_error(model.kundenprofil, *args)


@SET
@given(inf=scale, att=attitude)
def test_strategy_and_priority_in_domain(inf, att):
    key, label, advice = model.stakeholder_strategy(inf, att)
    assert key in model.STRATEGIES and label and advice
    pr = model.priority(inf, att)
    assert 0 <= pr <= 10 and math.isfinite(pr)


@SET
@given(inf=outside10, att=st.one_of(st.floats(max_value=-5.000001, min_value=-1e9),
                                    st.floats(min_value=5.000001, max_value=1e9), st.just(float("nan"))))
def test_strategy_outside_domain(inf, att):
    assert_course_error(model.stakeholder_strategy, inf, 0)
    assert_course_error(model.stakeholder_strategy, 5, att)
    assert_course_error(model.priority, inf, 0)
    assert_course_error(model.priority, 5, att)


@SET
@given(st.dictionaries(st.sampled_from(ids), st.tuples(scale, attitude), min_size=1))
def test_plan_in_domain(ratings):
    plan = model.stakeholder_plan(ratings)
    assert len(plan.rows) == len(ratings)
    prios = [r.priority for r in plan.rows]
    assert prios == sorted(prios, reverse=True) and all(0 <= p <= 10 for p in prios)


@SET
@given(st.one_of(st.dictionaries(st.text(max_size=3), st.tuples(scale, attitude), min_size=1),
                 st.dictionaries(st.sampled_from(ids), st.tuples(outside10, attitude), min_size=1),
                 st.lists(st.integers()), st.none(), st.just({})))
def test_plan_outside_domain(x):
    try:
        model.stakeholder_plan(x)
    except CourseInputError:
        return
    assert isinstance(x, dict) and set(x) <= set(ids)   # only valid ids with valid numbers can pass


@SET
@given(st.dictionaries(st.sampled_from(ids), st.sampled_from(list(model.BC_ROLES) + [""]), min_size=1))
def test_role_check_in_domain(assign):
    if not any(assign.values()):
        assert_course_error(model.check_roles, assign)
        return
    r = model.check_roles(assign)
    assert 0 <= r.correct <= r.acceptable <= r.answered <= r.total == 6
    assert len(r.items) == 6


@SET
@given(st.one_of(st.dictionaries(st.text(max_size=3), st.text(max_size=3), min_size=1),
                 st.dictionaries(st.sampled_from(ids), st.text(min_size=1, max_size=4), min_size=1),
                 st.integers(), st.none()))
def test_role_check_outside_domain(x):
    try:
        model.check_roles(x)
    except CourseInputError:
        return
    assert isinstance(x, dict) and set(x) <= set(ids) and set(x.values()) <= set(model.BC_ROLES) | {""}
