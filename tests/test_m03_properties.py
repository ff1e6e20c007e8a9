"""Module 03: hypothesis property tests for every public model function – inside the declared
domain results are finite and in range; outside it a CourseInputError is raised; nothing else
escapes."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m03_digitalisierung import model

from tests.helpers import assert_course_error

SETTINGS = settings(max_examples=50, deadline=None)
share = st.floats(0, 100, allow_nan=False)
not_share = st.one_of(st.floats(max_value=-1e-6, allow_nan=False), st.floats(min_value=100.000001, allow_nan=False),
                      st.just(math.nan), st.just(math.inf), st.text(max_size=5).filter(lambda s: s.strip() == "" or not any(c.isdigit() for c in s)))
IDS = ["onlineshop", "mobil", "app", "buy_collect", "reserve_collect"]




# ------------------------------------------------------------------ Locafox
@SETTINGS
@given(old=share, new=share)
def test_change_in_domain(old, new):
    r = model.change(old, new)
    assert math.isfinite(r["pp"]) and -100 <= r["pp"] <= 100
    if old >= model.MIN_BASE:
        assert math.isfinite(r["rel"]) and r["rel"] >= -100
        assert np.sign(r["rel"]) == np.sign(r["pp"])
    else:
        assert math.isnan(r["rel"])


@SETTINGS
@given(bad=not_share, other=share, first=st.booleans())
def test_change_outside_domain(bad, other, first):
    assert_course_error(model.change, *((bad, other) if first else (other, bad)))


@SETTINGS
@given(reading=st.sampled_from(["prozentpunkte", "relativ"]))
def test_buy_collect_2015_in_domain(reading):
    v = model.buy_collect_2015(reading)
    assert 0 < v < 43


@SETTINGS
@given(reading=st.text(max_size=15).filter(lambda s: s not in ("prozentpunkte", "relativ")))
def test_buy_collect_2015_outside_domain(reading):
    assert_course_error(model.buy_collect_2015, reading)


@SETTINGS
@given(reading=st.sampled_from(list(model.READINGS)), ids=st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True))
def test_locafox_table_in_domain(reading, ids):
    t = model.locafox_table(reading, ids)
    assert sorted(t["id"]) == sorted(ids)
    vals = t[["wert_2015", "wert_neu"]].to_numpy(dtype=float)
    known = vals[~np.isnan(vals)]
    assert ((0 <= known) & (known <= 100)).all()
    given_nan = model.locafox_data().set_index("id").loc[ids, "anteil_zweite_erhebung_prozent"].isna().sum()
    assert t["wert_neu"].isna().sum() == given_nan                  # never filled in
    assert t["abgeleitet"].sum() == (1 if reading != "keine" and "buy_collect" in ids else 0)


@SETTINGS
@given(reading=st.text(max_size=10).filter(lambda s: s not in model.READINGS),
       ids=st.lists(st.text(max_size=8).filter(lambda s: s not in IDS), min_size=0, max_size=3))
def test_locafox_table_outside_domain(reading, ids):
    assert_course_error(model.locafox_table, reading)
    assert_course_error(model.locafox_table, "keine", ids)


# ------------------------------------------------------------------ network
graph_args = dict(n=st.integers(20, 400), contacts=st.integers(2, 12), rewire=st.floats(0, 1), seed=st.integers(0, 1000))


@SETTINGS
@given(**graph_args)
def test_small_world_in_domain(n, contacts, rewire, seed):
    g = model.small_world(n, contacts, rewire, seed)
    assert g.n == n and len(g.src) == len(g.dst) and len(g.src) % 2 == 0
    assert (g.degree >= 1).all() and g.degree.sum() == len(g.src)
    assert ((0 <= g.src) & (g.src < n)).all() and (g.src != g.dst).all()


@SETTINGS
@given(n=st.one_of(st.integers(max_value=19), st.integers(min_value=5001)), contacts=st.integers(2, 12))
def test_small_world_outside_domain(n, contacts):
    assert_course_error(model.small_world, n, contacts)


cascade_args = dict(p=st.floats(0, 1), contacts=st.integers(2, 20), channel=st.sampled_from(["offline", "online"]),
                    days=st.integers(1, 30), n=st.integers(50, 400), runs=st.integers(1, 8), seed=st.integers(0, 10_000))


@SETTINGS
@given(**cascade_args)
def test_cascade_in_domain(p, contacts, channel, days, n, runs, seed):
    if contacts >= n:
        return
    s = model.cascade(p, contacts, channel, days, n=n, runs=runs, seed=seed)
    for arr in (s.mean, s.low, s.high):
        assert np.isfinite(arr).all() and ((1 <= arr) & (arr <= n)).all()
    assert len(s.days) == days + 1 and (np.diff(s.mean) >= -1e-9).all()
    assert 0 < s.share <= 1 and math.isfinite(s.branching) and s.branching >= 0


@SETTINGS
@given(p=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0000001), st.just(math.nan)),
       channel=st.text(max_size=6).filter(lambda s: s not in model.CHANNELS), days=st.integers(max_value=0),
       runs=st.integers(min_value=201))
def test_cascade_outside_domain(p, channel, days, runs):
    assert_course_error(model.cascade, p, 10)
    assert_course_error(model.cascade, 0.1, 10, channel)
    assert_course_error(model.cascade, 0.1, 10, "online", days)
    assert_course_error(model.cascade, 0.1, 10, "online", 5, runs=runs)


@SETTINGS
@given(p=st.floats(0, 1), f=st.floats(0.25, 4), contacts=st.integers(2, 12), channel=st.sampled_from(["offline", "online"]),
       seed=st.integers(0, 1000))
def test_word_of_mouth_in_domain(p, f, contacts, channel, seed):
    r = model.word_of_mouth(p, f, contacts, channel, 10, n=200, runs=4, seed=seed)
    assert r["negativ"].p == min(1.0, p * f) and r["positiv"].p == p
    for s in r.values():
        assert np.isfinite(s.mean).all() and (s.mean <= 200).all()


@SETTINGS
@given(f=st.one_of(st.floats(max_value=0.2499), st.floats(min_value=4.0001), st.just(math.inf)))
def test_word_of_mouth_outside_domain(f):
    assert_course_error(model.word_of_mouth, 0.1, f, 6, "offline", 5, n=100, runs=2)


# ------------------------------------------------------------------ response time
rt_args = dict(t=st.floats(1, 2880), sl=st.floats(0.05, 0.99), m=st.floats(1, 2880), a=st.floats(0, 1),
               w=st.floats(0, 72), on=st.booleans())


@SETTINGS
@given(t=st.floats(1, 2880), sl=st.floats(0.05, 0.99))
def test_mean_response_in_domain(t, sl):
    mu = model.mean_response_minutes(t, sl)
    assert math.isfinite(mu) and mu > 0


@SETTINGS
@given(t=st.one_of(st.floats(max_value=0.999), st.floats(min_value=2880.01), st.just(math.nan)),
       sl=st.one_of(st.floats(max_value=0.0499), st.floats(min_value=0.9901)))
def test_mean_response_outside_domain(t, sl):
    assert_course_error(model.mean_response_minutes, t, 0.8)
    assert_course_error(model.mean_response_minutes, 30, sl)


@SETTINGS
@given(**rt_args)
def test_irritation_in_domain(t, sl, m, a, w, on):
    r = model.irritation(t, sl, m, a, w, on)
    for key in ("office", "off_hours", "total"):
        assert math.isfinite(r[key]) and 0 <= r[key] <= 1
    assert r["off_hours"] >= r["office"] - 1e-12
    assert min(r["office"], r["off_hours"]) - 1e-12 <= r["total"] <= max(r["office"], r["off_hours"]) + 1e-12


@SETTINGS
@given(m=st.one_of(st.floats(max_value=0.99), st.floats(min_value=2880.1)), a=st.one_of(st.floats(max_value=-0.001), st.floats(min_value=1.001)),
       w=st.one_of(st.floats(max_value=-0.001), st.floats(min_value=72.01)), on=st.one_of(st.integers(), st.text(max_size=3), st.none()))
def test_irritation_outside_domain(m, a, w, on):
    assert_course_error(model.irritation, 30, 0.8, m)
    assert_course_error(model.irritation, 30, 0.8, 15, a)
    assert_course_error(model.irritation, 30, 0.8, 15, 0.3, w)
    assert_course_error(model.irritation, 30, 0.8, 15, 0.3, 8, on)


@SETTINGS
@given(ts=st.lists(st.floats(1, 2880), min_size=1, max_size=40), sl=st.floats(0.05, 0.99), m=st.floats(1, 2880),
       a=st.floats(0, 1), on=st.booleans())
def test_irritation_curve_in_domain(ts, sl, m, a, on):
    c = model.irritation_curve(np.array(ts), sl, m, a, 8.0, on)
    assert c.shape == (len(ts),) and np.isfinite(c).all() and ((0 <= c) & (c <= 1)).all()


@SETTINGS
@given(ts=st.lists(st.floats(1, 2880), max_size=5), bad=st.one_of(st.floats(max_value=0.99), st.floats(min_value=2880.1), st.just("x")))
def test_irritation_curve_outside_domain(ts, bad):
    assert_course_error(model.irritation_curve, ts + [bad], 0.8)


# ------------------------------------------------------------------ Bass diffusion
bass_pq = dict(p=st.floats(0.001, 0.2), q=st.floats(0, 1))


@SETTINGS
@given(t=st.lists(st.floats(0, 200), min_size=1, max_size=30), **bass_pq)
def test_bass_F_in_domain(t, p, q):
    f = model.bass_F(np.array(t), p, q)
    assert np.isfinite(f).all() and ((0 <= f) & (f <= 1)).all()
    order = np.argsort(t)
    assert (np.diff(f[order]) >= -1e-12).all()


@SETTINGS
@given(share=st.floats(0, 0.999), years=st.floats(0, 50), **bass_pq)
def test_bass_time_step_peak_in_domain(share, years, p, q):
    t0 = model.bass_time_of(share, p, q)
    assert math.isfinite(t0) and t0 >= 0
    nxt = model.bass_step(share, p, q, years)
    assert math.isfinite(nxt) and share - 1e-9 <= nxt <= 1
    pk = model.bass_peak(p, q)
    assert math.isfinite(pk) and pk >= 0


@SETTINGS
@given(p=st.one_of(st.floats(max_value=0.00099), st.floats(min_value=0.2001), st.just(math.nan)),
       q=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0001)),
       t=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=200.001), st.just(math.inf)),
       share=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=0.9991)))
def test_bass_outside_domain(p, q, t, share):
    assert_course_error(model.bass_F, 1.0, p, 0.3)
    assert_course_error(model.bass_peak, 0.03, q)
    assert_course_error(model.bass_F, t)
    assert_course_error(model.bass_time_of, share)
    assert_course_error(model.bass_step, share)
