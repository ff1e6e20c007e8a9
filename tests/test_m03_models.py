"""Module 03: unit tests of the pure models (Locafox data, word-of-mouth cascade, response time)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course_lib.errors import CourseInputError
from course_lib.m03_digitalisierung import model


# ------------------------------------------------------------------ Locafox data
def test_locafox_data_exactly_as_in_the_source():
    df = model.locafox_data().set_index("id")
    assert list(df.index) == ["onlineshop", "mobil", "app", "buy_collect", "reserve_collect"]
    assert df.loc["onlineshop", "anteil_2015_prozent"] == 60 and df.loc["onlineshop", "anteil_zweite_erhebung_prozent"] == 73
    assert df.loc["mobil", "anteil_2015_prozent"] == 61 and df.loc["mobil", "anteil_zweite_erhebung_prozent"] == 87
    assert df.loc["app", "anteil_zweite_erhebung_prozent"] == 53
    assert df.loc["buy_collect", "anteil_zweite_erhebung_prozent"] == 43
    assert df.loc["buy_collect", "angabe_zuwachs_quelle"] == "plus 15 Prozent"


def test_missing_values_stay_missing():
    df = model.locafox_data().set_index("id")
    assert math.isnan(df.loc["app", "anteil_2015_prozent"])
    assert math.isnan(df.loc["buy_collect", "anteil_2015_prozent"])
    assert math.isnan(df.loc["reserve_collect", "anteil_2015_prozent"])
    assert math.isnan(df.loc["reserve_collect", "anteil_zweite_erhebung_prozent"])
    t = model.locafox_table("keine").set_index("id")
    assert t[["wert_2015", "wert_neu"]].isna().sum().sum() == 4
    assert not t["abgeleitet"].any()
    assert math.isnan(t.loc["app", "aenderung_pp"]) and math.isnan(t.loc["reserve_collect", "aenderung_rel"])


def test_reference_changes_percentage_points_vs_percent():
    t = model.locafox_table("keine").set_index("id")
    assert t.loc["onlineshop", "aenderung_pp"] == pytest.approx(13)
    assert t.loc["onlineshop", "aenderung_rel"] == pytest.approx(21.667, abs=0.01)
    assert t.loc["mobil", "aenderung_pp"] == pytest.approx(26)
    assert t.loc["mobil", "aenderung_rel"] == pytest.approx(42.623, abs=0.01)


def test_both_readings_of_plus_15_percent():
    assert model.buy_collect_2015("prozentpunkte") == pytest.approx(28.0)
    assert model.buy_collect_2015("relativ") == pytest.approx(37.391, abs=0.001)
    pp_tab = model.locafox_table("prozentpunkte").set_index("id")
    rel_tab = model.locafox_table("relativ").set_index("id")
    assert pp_tab.loc["buy_collect", "abgeleitet"] and rel_tab.loc["buy_collect", "abgeleitet"]
    assert pp_tab.loc["buy_collect", "aenderung_pp"] == pytest.approx(15)
    assert rel_tab.loc["buy_collect", "aenderung_rel"] == pytest.approx(15)
    # the app row has no 2015 value in the source (missing, not zero)
    assert pd.isna(pp_tab.loc["app", "wert_2015"])
    # only Buy & Collect is affected by the reading: every other row is identical in both
    pd.testing.assert_frame_equal(pp_tab.drop(index="buy_collect"), rel_tab.drop(index="buy_collect"))
    assert not pp_tab.drop(index="buy_collect")["abgeleitet"].any()
    assert not pp_tab.loc["buy_collect"].equals(rel_tab.loc["buy_collect"])


def test_table_selection_and_bad_choices():
    t = model.locafox_table("keine", ["mobil", "app"])
    assert list(t["id"]) == ["mobil", "app"]
    with pytest.raises(CourseInputError, match="Kennzahl"):
        model.locafox_table("keine", ["gibtsnicht"])
    with pytest.raises(CourseInputError, match="Kennzahlen"):
        model.locafox_table("keine", [])
    with pytest.raises(CourseInputError, match="Lesart") as e:
        model.locafox_table("vielleicht")
    assert "Bitte wählen Sie" in e.value.hint
    with pytest.raises(CourseInputError):
        model.buy_collect_2015("keine")


def test_change_function_boundaries_and_direction():
    assert model.change(60, 73) == {"pp": 13, "rel": pytest.approx(21.667, abs=0.01)}
    assert model.change(50, 50) == {"pp": 0, "rel": 0}
    assert math.isnan(model.change(0, 20)["rel"]) and model.change(0, 20)["pp"] == 20
    assert model.change(100, 0)["rel"] == -100
    # same percentage-point gain is a smaller relative gain from a higher start
    assert model.change(20, 30)["rel"] > model.change(60, 70)["rel"]
    with pytest.raises(CourseInputError, match="zwischen 0 und 100"):
        model.change(-1, 50)
    with pytest.raises(CourseInputError, match="keine Zahl"):
        model.change("viel", 50)


# ------------------------------------------------------------------ network and cascade
def test_small_world_graph_is_deterministic_and_symmetric():
    g1 = model.small_world(200, 10, 0.1, 3)
    model.small_world.cache_clear()
    g2 = model.small_world(200, 10, 0.1, 3)
    assert np.array_equal(g1.src, g2.src) and np.array_equal(g1.dst, g2.dst)
    pairs = set(zip(g1.src.tolist(), g1.dst.tolist()))
    assert all((b, a) in pairs for a, b in pairs)          # undirected
    assert all(a != b for a, b in pairs)                    # no self-links
    assert (g1.degree >= 1).all()
    assert 9.0 <= g1.mean_degree <= 10.0
    lattice = model.small_world(200, 10, 0.0, 3)
    assert (lattice.degree == 10).all()


def test_cascade_deterministic_for_a_seed_and_different_for_another():
    a = model.cascade(0.05, 20, "online", runs=10, seed=4)
    b = model.cascade(0.05, 20, "online", runs=10, seed=4)
    c = model.cascade(0.05, 20, "online", runs=10, seed=5)
    assert np.array_equal(a.mean, b.mean)
    assert not np.array_equal(a.mean, c.mean)


@pytest.mark.parametrize("p,k,channel,lo,hi", [
    (0.1, 6, "offline", 1.0, 5.0),        # BRIEF „Offline-Stammtisch“: ≈ 2
    (0.1, 20, "offline", 300, 550),       # BRIEF „Online ohne Gedächtnis“: ≈ 410
    (0.1, 20, "online", 990, 1000),       # BRIEF „Online mit Gedächtnis“: ≈ 1000
    (0.05, 20, "online", 550, 750),       # BRIEF „halbe Teilbereitschaft“: ≈ 650
])
def test_cascade_reference_presets(p, k, channel, lo, hi):
    s = model.cascade(p, k, channel, 15, n=1000, runs=30, seed=1)
    assert lo <= s.final_mean <= hi


def test_cascade_boundaries():
    none = model.cascade(0.0, 20, "online", runs=5)
    assert (none.mean == 1).all()                       # only the first customer knows it
    everyone = model.cascade(1.0, 20, "online", runs=3, days=15)
    assert everyone.final_mean == 1000
    assert everyone.mean[0] == 1 and (np.diff(everyone.mean) >= 0).all()
    one_day = model.cascade(0.3, 10, "online", days=1, runs=5)
    assert len(one_day.days) == 2 and one_day.mean[-1] <= 1 + 10


def test_reach_is_monotone_over_days_and_band_contains_mean():
    s = model.cascade(0.05, 20, "online", runs=20)
    assert (np.diff(s.mean) >= 0).all()
    assert (s.low <= s.mean + 1e-9).all() and (s.mean <= s.high + 1e-9).all()
    assert ((1 <= s.mean) & (s.mean <= 1000)).all()


def test_direction_of_each_cascade_parameter():
    base = dict(n=1000, runs=20, seed=2)
    assert model.cascade(0.08, 10, "online", **base).final_mean > model.cascade(0.03, 10, "online", **base).final_mean
    assert model.cascade(0.05, 20, "offline", **base).final_mean > model.cascade(0.05, 6, "offline", **base).final_mean
    assert model.cascade(0.05, 10, "online", **base).final_mean > model.cascade(0.05, 10, "offline", **base).final_mean
    assert model.cascade(0.05, 10, "online", 20, **base).final_mean > model.cascade(0.05, 10, "online", 8, **base).final_mean


def test_word_of_mouth_negative_factor():
    r = model.word_of_mouth(0.05, 2.0, 10, "online", runs=20)
    assert r["negativ"].p == pytest.approx(0.10) and r["positiv"].p == pytest.approx(0.05)
    assert r["negativ"].final_mean > r["positiv"].final_mean
    east = model.word_of_mouth(0.06, 0.5, 10, "online", runs=20)   # fewer negative stories passed on
    assert east["negativ"].final_mean < east["positiv"].final_mean
    capped = model.word_of_mouth(0.4, 4.0, 6, "offline", runs=3)
    assert capped["negativ"].p == 1.0


def test_branching_factor_threshold():
    """R = (k − 1) · (1 − (1 − p)^L): without rewiring the mean degree is exactly k."""
    r = lambda k, channel, days=15: model.cascade(0.1, k, channel, days, n=200, rewire=0.0, runs=1).branching
    assert r(6, "offline") == pytest.approx(0.5)
    assert r(20, "offline") == pytest.approx(1.9)
    assert r(20, "online") == pytest.approx(19 * (1 - 0.9 ** 15))
    assert r(20, "online", 3) == pytest.approx(19 * (1 - 0.9 ** 3))


@pytest.mark.parametrize("call,fragment", [
    (lambda: model.cascade(1.5, 20), "Weitererzähl-Wahrscheinlichkeit"),
    (lambda: model.cascade(0.1, 20, "telepathie"), "Kanal"),
    (lambda: model.cascade(0.1, 20, days=0), "Tage"),
    (lambda: model.cascade(0.1, 20, seed=-1), "Zufallsstart"),
    (lambda: model.cascade(0.1, 2.5), "ganze Zahl"),
    (lambda: model.small_world(30, 40), "Kontakte"),
    (lambda: model.word_of_mouth(0.1, 10), "Faktor"),
    (lambda: model.word_of_mouth("hoch"), "keine Zahl"),
])
def test_cascade_bad_input_german(call, fragment):
    with pytest.raises(CourseInputError) as e:
        call()
    assert fragment in e.value.message and e.value.hint.startswith("Bitte")


# ------------------------------------------------------------------ response time
def test_response_time_reference_values():
    assert model.mean_response_minutes(30, 0.8) == pytest.approx(18.640, abs=0.001)
    r = model.irritation(30, 0.8, 15, 0.3, 8, False)
    assert r["office"] == pytest.approx(0.46276, abs=1e-4)
    assert r["total"] == pytest.approx(0.62393, abs=1e-4)
    r247 = model.irritation(30, 0.8, 15, 0.3, 8, True)
    assert r247["total"] == pytest.approx(r247["office"]) == pytest.approx(0.46276, abs=1e-4)


def test_response_time_boundaries():
    assert model.irritation(30, 0.8, 15, 0.0)["total"] == pytest.approx(model.irritation(30, 0.8, 15, 0.0)["office"])
    assert model.irritation(30, 0.8, 15, 1.0, 0.0)["total"] == pytest.approx(model.irritation(30, 0.8, 15, 1.0, 0.0)["office"])
    tiny = model.irritation(1, 0.99, 2880)["office"]
    assert 0 < tiny < 0.001
    huge = model.irritation(2880, 0.05, 1)["office"]
    assert 0.999 < huge < 1


def test_response_time_direction_of_each_parameter():
    f = lambda **kw: model.irritation(**{**dict(target_min=60, service_level=0.8, patience_median_min=120,
                                                off_hours_share=0.3, off_hours_wait_h=8, always_on=False), **kw})["total"]
    assert f(target_min=120) > f(target_min=30)
    assert f(service_level=0.95) < f(service_level=0.6)
    assert f(patience_median_min=1440) < f(patience_median_min=15)
    assert f(off_hours_share=0.6) > f(off_hours_share=0.1)
    assert f(off_hours_wait_h=14) > f(off_hours_wait_h=2)
    assert f(always_on=True) < f(always_on=False)


def test_irritation_curve_matches_pointwise_and_rises():
    ts = np.geomspace(1, 2880, 30)
    curve = model.irritation_curve(ts, 0.8, 120, 0.3, 8, False)
    point = [model.irritation(t, 0.8, 120, 0.3, 8, False)["total"] for t in ts]
    assert np.allclose(curve, point)
    assert (np.diff(curve) > 0).all()


@pytest.mark.parametrize("call,fragment", [
    (lambda: model.irritation(0), "Zielzeit"),
    (lambda: model.irritation("bald"), "keine Zahl"),
    (lambda: model.irritation(30, 1.0), "Servicelevel"),
    (lambda: model.irritation(30, 0.8, 0), "Geduld"),
    (lambda: model.irritation(30, 0.8, 15, 1.2), "Anteil außerhalb"),
    (lambda: model.irritation(30, 0.8, 15, 0.3, 100), "Wartezeit"),
    (lambda: model.irritation(30, always_on="ja"), "24/7"),
    (lambda: model.irritation_curve([], 0.8), "Zielzeiten"),
    (lambda: model.irritation_curve([10, -3], 0.8), "Zielzeit"),
])
def test_response_time_bad_input_german(call, fragment):
    with pytest.raises(CourseInputError) as e:
        call()
    assert fragment in e.value.message and e.value.hint


# ------------------------------------------------------------------ Bass diffusion
def test_bass_reference_values():
    assert model.bass_step(0.60, 0.05, 0.5, 1) == pytest.approx(0.727, abs=0.001)    # BRIEF W2-3
    assert model.bass_step(0.60, 0.03, 0.38, 1) == pytest.approx(0.697, abs=0.001)   # BRIEF W2-3
    assert model.bass_peak(0.03, 0.38) == pytest.approx(math.log(0.38 / 0.03) / 0.41)
    assert model.bass_F(model.bass_time_of(0.6, 0.05, 0.5), 0.05, 0.5) == pytest.approx(0.6)


def test_bass_boundaries():
    assert model.bass_F(0) == 0
    assert model.bass_F(200, 0.05, 0.5) == pytest.approx(1)
    assert model.bass_time_of(0) == 0
    assert model.bass_peak(0.05, 0.05) == 0 and model.bass_peak(0.1, 0.0) == 0
    assert model.bass_step(0.6, 0.03, 0.38, 0) == pytest.approx(0.6)
    # with q = 0 the model is pure exponential saturation 1 − e^(−pt)
    assert model.bass_F(10, 0.05, 0.0) == pytest.approx(1 - math.exp(-0.5))


def test_bass_direction_of_each_parameter():
    assert model.bass_F(5, 0.05, 0.38) > model.bass_F(5, 0.01, 0.38)
    assert model.bass_F(5, 0.03, 0.6) > model.bass_F(5, 0.03, 0.2)
    assert model.bass_step(0.6, 0.03, 0.6) > model.bass_step(0.6, 0.03, 0.3)
    assert model.bass_step(0.6, 0.03, 0.38, 2) > model.bass_step(0.6, 0.03, 0.38, 1)
    assert model.bass_peak(0.01, 0.5) > model.bass_peak(0.05, 0.5)                  # more outside push: earlier peak
    ts = np.linspace(0, 30, 50)
    assert (np.diff(model.bass_F(ts, 0.03, 0.38)) > 0).all()


def test_bass_two_points_do_not_fix_the_parameters():
    """Several (p, q) pairs reproduce 60 % → 73 % – the lesson of the widget."""
    fits = [(p, q) for p in np.linspace(0.005, 0.1, 20) for q in np.linspace(0.05, 0.8, 76)
            if abs(model.bass_step(0.6, p, q) - 0.73) < 0.003]
    assert len({round(p, 3) for p, _ in fits}) >= 5


@pytest.mark.parametrize("call,fragment", [
    (lambda: model.bass_F(1, 0, 0.4), "Innovationskoeffizient"),
    (lambda: model.bass_F(1, 0.03, 1.5), "Imitationskoeffizient"),
    (lambda: model.bass_F(-1), "Zeit"),
    (lambda: model.bass_F("bald"), "Zeit"),
    (lambda: model.bass_time_of(1.0), "Anteil"),
    (lambda: model.bass_step(0.6, years=-1), "Jahre"),
])
def test_bass_bad_input_german(call, fragment):
    with pytest.raises(CourseInputError) as e:
        call()
    assert fragment in e.value.message and e.value.hint.startswith("Bitte")
