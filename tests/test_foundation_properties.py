"""Property-based tests (hypothesis) for the public model functions of the foundation:
inside the declared domain → finite, in-range results; outside → CourseInputError with a
German message; no other exception escapes."""
from __future__ import annotations

import math

from hypothesis import given, settings, strategies as st

from course_lib import glossary
from course_lib.errors import CourseInputError, check_number, check_text, read_number_de
from course_lib.exercises import checks
from course_lib.format_de import eur, num, pct
from course_lib.m00_start import model as m00
from course_lib.schema import load_schema, validate
from tests.helpers import assert_german

SETTINGS = settings(max_examples=60, deadline=None)
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.text(max_size=30), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@SETTINGS
@given(st.floats(5, 240), st.floats(0, 240), st.floats(1, 12))
def test_visits_in_domain(m, t, h):
    n = m00.visits_per_day(m, t, h)
    assert isinstance(n, int) and 0 <= n <= 12 * 60 / 5


@SETTINGS
@given(anything, anything, anything)
def test_visits_any_input(m, t, h):
    try:
        n = m00.visits_per_day(m, t, h)
    except CourseInputError as exc:
        assert_german(exc)
    else:
        assert isinstance(n, int) and n >= 0


@SETTINGS
@given(st.floats(5, 200), st.floats(5, 200))
def test_visits_decrease_with_longer_talks(a, b):
    lo, hi = sorted((a, b))
    assert m00.visits_per_day(hi) <= m00.visits_per_day(lo)


@SETTINGS
@given(anything, st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False))
def test_check_number_contract(value, a, b):
    lo, hi = sorted((a, b))
    try:
        v = check_number(value, "Wert", lo, hi)
    except CourseInputError as exc:
        assert_german(exc)
    else:
        assert math.isfinite(v) and lo <= v <= hi


@SETTINGS
@given(anything)
def test_check_text_contract(value):
    try:
        t = check_text(value, "Text", max_len=20)
    except CourseInputError as exc:
        assert_german(exc)
    else:
        assert 1 <= len(t) <= 20


@SETTINGS
@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 4))
def test_german_formats_never_crash(x, d):
    for s in (num(x, d), eur(x, d), pct(x, d)):
        assert isinstance(s, str) and "nan" not in s.lower() and "inf" not in s.lower()
        if math.isfinite(x) and abs(x) < 1e12:
            assert "," in num(x, d) or d == 0


@SETTINGS
@given(st.floats(-1e9, 1e9, allow_nan=False))
def test_num_roundtrips_through_read_number_de(x):
    assert math.isclose(read_number_de(num(x, 2)).value, round(x, 2), abs_tol=0.006)  # typographic minus too


@SETTINGS
@given(anything, st.sampled_from(["decimal", "count", "percent", "money"]))
def test_read_number_de_contract(value, kind):
    try:
        r = read_number_de(value, kind=kind)
    except CourseInputError as exc:
        assert_german(exc)
    else:
        assert math.isfinite(r.value)
        if kind == "count":
            assert r.value == int(r.value)


@SETTINGS
@given(st.integers(-10**9, 10**9), st.sampled_from(["decimal", "count", "money"]))
def test_german_thousands_read_back(n, kind):
    assert read_number_de(num(n, 0), kind=kind).value == n  # „1.200“ is 1200 in every field


TASK_RESPONSES = st.one_of(anything, st.sampled_from(["a", "b", "i1", "run"]),
                           st.lists(st.sampled_from(["a", "b", "c", "d", "x", "run", "quiz", "explore", "reflect"]), max_size=5),
                           st.dictionaries(st.sampled_from(["i1", "i2", "i3", "i4"]), st.sampled_from(["info", "unsicher", "zzz"]), max_size=4))


@SETTINGS
@given(st.sampled_from(["t1", "t2", "t3", "t4", "t5", "t6", "t7"]), TASK_RESPONSES)
def test_task_check_contract(tid, response):
    from course_lib import content

    task = content.find(content.load_tasks("m00")["tasks"], tid, "")
    try:
        r = checks.check(task, response)
    except CourseInputError as exc:
        assert_german(exc)
    else:
        assert r.status in ("correct", "partial", "wrong", "review") and 0.0 <= r.score <= 1.0 and r.message
        if task["type"] == "text":
            assert r.status == "review" and not r.solved, "free text is never graded automatically"


@SETTINGS
@given(st.text(max_size=40))
def test_glossary_search_contract(q):
    hits = glossary.search(q)
    assert len(hits) <= 12 and all("term" in h for h in hits)


@SETTINGS
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
                    lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(st.text(max_size=4), c, max_size=3)), max_leaves=10))
def test_schema_validator_never_crashes_on_any_json(doc):
    for name in ("content", "tasks", "glossary", "modules"):
        errs = validate(doc, load_schema(name))
        assert isinstance(errs, list) and errs, "random documents are never valid course files"
