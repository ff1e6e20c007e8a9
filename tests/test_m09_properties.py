"""Modul 09: property tests for every public model function – inside the declared domain the
results are finite and in range; outside it a CourseInputError is raised; nothing else escapes."""
from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m09_gespraech import model

SET = settings(max_examples=50, deadline=None)
finite = st.floats(allow_nan=False, allow_infinity=False)
letters = st.text(alphabet="abcxyzäöü ", max_size=3)
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.lists(st.integers(), max_size=2))


# --- classify_question / suggest_open ---------------------------------------------------

@SET
@given(st.text(min_size=1, max_size=300))
def test_classify_any_text(text):
    try:
        a = model.classify_question(text)
    except CourseInputError:
        assert not text.strip()  # only blank text is refused inside the length limit
        return
    assert a.kind in model.KINDS
    assert a.is_open == (a.kind == "offen")
    assert a.reasons and all(isinstance(r, str) and r for r in a.reasons)
    if a.kind in ("geschlossen", "suggestiv"):
        assert a.suggestion and model.classify_question(a.suggestion).kind == "offen"
    else:
        assert a.suggestion == ""


@SET
@given(st.sampled_from(["Was", "Wie", "Welche", "Wofür", "Warum", "Womit"]),
       st.lists(st.sampled_from(["Sie", "heute", "Ihr", "Team", "gerne", "damit", "machen", "planen"]), min_size=1, max_size=6))
def test_w_start_is_open(wword, rest):
    assert model.classify_question(f"{wword} {' '.join(rest)}?").kind == "offen"


@SET
@given(st.sampled_from(["Haben", "Suchen", "Kennen", "Brauchen", "Möchten", "Können"]),
       st.lists(st.sampled_from(["heute", "Zeit", "ein", "Angebot", "gerne", "Hilfe", "Interesse"]), min_size=1, max_size=5))
def test_verb_first_sie_is_closed(verb, rest):
    assert model.classify_question(f"{verb} Sie {' '.join(rest)}?").kind == "geschlossen"


@SET
@given(st.one_of(st.text(max_size=300).filter(lambda s: not s.strip()), st.text(min_size=301, max_size=400).filter(lambda s: len(s.strip()) > 300),
                 st.integers(), st.floats(), st.none(), st.lists(st.text(), max_size=2)))
def test_classify_outside_domain(bad):
    with pytest.raises(CourseInputError):
        model.classify_question(bad)


@SET
@given(st.text(min_size=1, max_size=300).filter(lambda s: s.strip()))
def test_suggest_open_any_text(text):
    s = model.suggest_open(text)
    assert s.endswith("?") and model.classify_question(s).kind == "offen"


# --- midpoint_loss / midpoint_path ------------------------------------------------------

prices = st.floats(1_000, 100_000)


@st.composite
def negotiation(draw):
    p = draw(prices)
    k = draw(st.floats(0, 1)) * p
    c = draw(st.floats(0, 0.999)) * p
    return p, k, c


@SET
@given(negotiation(), st.integers(0, 50))
def test_midpoint_in_domain(args, n):
    p, k, c = args
    assume(c < p)
    r = model.midpoint_loss(p, k, c, n)
    vals = [r.midpoint, r.concession, r.concession_share, r.margin_old, r.margin_new, r.margin_change, r.follow_loss]
    assert all(math.isfinite(v) for v in vals)
    assert k <= r.midpoint <= p
    assert 0 <= r.concession_share <= 0.5
    assert r.margin_new <= r.margin_old and r.margin_change <= 0
    assert r.extra_volume is None or (r.extra_volume >= 0 and math.isfinite(r.extra_volume))
    assert r.follow_loss == pytest.approx(n * r.concession)
    mp = model.midpoint_path(p, k, c)
    assert mp.final_price == r.midpoint


@SET
@given(prices, finite, finite)
def test_midpoint_outside_domain(p, k, c):
    assume(k < 0 or k > p or c < 0 or c >= p)
    with pytest.raises(CourseInputError):
        model.midpoint_loss(p, k, c)


@SET
@given(anything)
def test_midpoint_garbage(bad):
    try:
        r = model.midpoint_loss(bad, 7_000, 9_000)
    except CourseInputError:
        return
    assert 9_000 < r.price <= 100_000 and math.isfinite(r.margin_change)  # only a valid price gets through


# --- concession_path --------------------------------------------------------------------

@SET
@given(negotiation(), st.floats(0, 5_000), st.floats(0, 1), st.floats(0, 5_000), st.floats(0, 1),
       st.integers(1, 20), st.floats(0, 5_000))
def test_concession_path_in_domain(args, d0, r, k0, rk, n, stop):
    p, k, c = args
    assume(c < p)
    path = model.concession_path(p, k, c, first_step=d0, shrink=r, customer_step=k0, customer_shrink=rk,
                                 max_rounds=n, gap_stop=stop)
    assert len(path.seller) == len(path.customer) == path.rounds + 1 or path.rounds == 0
    assert all(math.isfinite(x) for x in path.seller + path.customer)
    assert all(a >= b - 1e-9 for a, b in zip(path.seller, path.seller[1:]))
    assert all(a <= b + 1e-9 for a, b in zip(path.customer, path.customer[1:]))
    assert min(path.seller) >= min(c, p) - 1e-9 or path.rounds == 0
    if path.agreed:
        assert path.final_price is not None and k - 1 <= path.final_price <= p + 1
        assert path.margin == pytest.approx(path.final_price - c)
    else:
        assert path.final_price is None and path.gap > 0


@SET
@given(st.sampled_from(["first_step", "shrink", "customer_step", "customer_shrink", "max_rounds", "gap_stop"]),
       st.one_of(st.floats(-1e6, -0.001), st.floats(5_000.5, 1e9), st.just(float("nan")), letters))
def test_concession_path_outside_domain(name, bad):
    with pytest.raises(CourseInputError):
        model.concession_path(**{name: bad})


# --- funnel / compare_funnels / funnel_spread --------------------------------------

@SET
@given(st.integers(1, 100_000), st.floats(0.01, 1), st.floats(0, 0.99), st.floats(0.01, 1), st.floats(0, 50),
       st.floats(0.5, 60), st.floats(0, 500))
def test_funnel_in_domain(n, rho, b, t, cm, mins, rate):
    r = model.funnel(n, rho, b, t, cm, mins, rate)
    assert 0 < r.appointments <= r.conversations <= r.reached <= r.contacts == n
    assert r.cost >= 0 and math.isfinite(r.cost_per_appointment) and r.cost_per_appointment >= 0
    assert r.cost == pytest.approx(r.cost_mail + r.cost_calls)


@SET
@given(st.sampled_from(["contacts", "reach", "brushoff", "appointment_rate", "mail_cost", "minutes_per_contact", "hourly_rate"]),
       st.one_of(st.floats(-1e9, -0.001), st.floats(100_001, 1e12), st.just(float("inf")), letters, st.none()))
def test_funnel_outside_domain(name, bad):
    with pytest.raises(CourseInputError):
        model.funnel(**{name: bad})


@SET
@given(st.integers(1, 100_000), st.floats(0.01, 1), st.floats(0.01, 1), st.floats(0, 50), st.floats(0, 0.99),
       st.floats(0, 0.99), st.floats(0.5, 60), st.floats(0, 500))
def test_compare_in_domain(n, rho, t, cm, ba, bb, mins, rate):
    df = model.compare_funnels(n, rho, t, cm, ba, bb, mins, rate)
    assert df.shape == (2, 8)
    assert df.notna().all().all() and (df >= 0).all().all()
    assert (df.to_numpy() < math.inf).all()


@SET
@given(st.floats(0.5, 60), st.floats(0, 500), st.integers(100, 3_000), st.integers(0, 2**32 - 1))
def test_uncertainty_in_domain(mins, rate, draws, seed):
    u = model.funnel_spread(minutes_per_contact=mins, hourly_rate=rate, draws=draws, seed=seed)
    for k in ("mailing", "direkt"):
        lo, mid, hi = u[k]
        assert 0 <= lo <= mid <= hi and math.isfinite(hi)
    assert 0 <= u["share_direct_cheaper"] <= 1


@SET
@given(st.one_of(st.floats(-1e6, 0.49), st.floats(60.01, 1e6), letters, st.none()))
def test_uncertainty_outside_domain(bad):
    with pytest.raises(CourseInputError):
        model.funnel_spread(minutes_per_contact=bad)


# --- nice_ceiling -----------------------------------------------------------------------

@SET
@given(st.floats(0, 1e12))
def test_nice_ceiling_in_domain(x):
    y = model.nice_ceiling(x)
    assert math.isfinite(y) and y >= x and y <= max(10 * x, 1.0)


@SET
@given(st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0001e12), st.just(float("nan")), letters))
def test_nice_ceiling_outside_domain(bad):
    with pytest.raises(CourseInputError):
        model.nice_ceiling(bad)
