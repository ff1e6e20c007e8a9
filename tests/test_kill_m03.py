"""Kill tests for course_lib/m03_digitalisierung/model.py (mutation testing, issue #23): the
Locafox table, the cascade, the response-time and the Bass model with concrete values, and
the German messages for bad input."""
from __future__ import annotations

import math

import numpy as np
import pytest

from course_lib.m03_digitalisierung import model as m
from tests.test_kill_m00_m04_helpers import assert_choice_error, assert_range, error_of


# --- Locafox -----------------------------------------------------------------------------

def test_readings_and_their_table():
    assert m.buy_collect_2015("prozentpunkte") == 28.0
    assert m.buy_collect_2015("relativ") == pytest.approx(43 / 1.15)
    assert_choice_error(m.buy_collect_2015, "Lesart", "keine")
    t = m.locafox_table("relativ")
    row = t[t["id"] == "buy_collect"].iloc[0]
    assert (row["wert_2015"], row["wert_neu"], bool(row["abgeleitet"])) == (pytest.approx(43 / 1.15), 43.0, True)
    assert row["aenderung_pp"] == pytest.approx(43 - 43 / 1.15)
    assert row["aenderung_rel"] == pytest.approx(15.0)
    assert not t[t["id"] != "buy_collect"]["abgeleitet"].any()
    plain = m.locafox_table()
    assert not plain["abgeleitet"].any() and math.isnan(plain.loc[plain["id"] == "buy_collect", "wert_2015"].iloc[0])
    assert list(plain.columns) == ["id", "kennzahl", "wert_2015", "wert_neu", "aenderung_pp", "aenderung_rel",
                                   "abgeleitet", "hinweis"]
    online = plain[plain["id"] == "onlineshop"].iloc[0]
    assert (online["aenderung_pp"], online["aenderung_rel"]) == (13.0, pytest.approx(1300 / 60))


def test_growth_leaders_per_reading():
    assert m.growth_leaders() == ("mobil", "mobil")
    assert m.growth_leaders("prozentpunkte") == ("mobil", "buy_collect")     # 28 → 43: +15 pp, +53,6 %


def test_change_values_base_and_ranges():
    assert m.change(60, 73) == {"pp": 13.0, "rel": pytest.approx(1300 / 60)}
    assert m.change(0.01, 1)["rel"] == pytest.approx(9900.0)             # the smallest base still counts
    assert math.isnan(m.change(0.005, 1)["rel"])
    assert_range(lambda v: m.change(v, 50), "Anteil vorher", 0, 100, "%")
    assert_range(lambda v: m.change(50, v), "Anteil nachher", 0, 100, "%")


def test_table_selection_messages():
    t = m.locafox_table("keine", ("mobil", "app"))
    assert list(t["id"]) == ["mobil", "app"] and list(t.index) == [0, 1]
    assert list(m.locafox_table("keine", ["app"])["id"]) == ["app"]
    assert_choice_error(lambda r: m.locafox_table(r), "Lesart", "beide")
    assert_choice_error(lambda i: m.locafox_table("keine", [i]), "Kennzahl", "tv")
    exc = error_of(m.locafox_table, "keine", [])
    assert "„Kennzahlen“" in exc.message


def test_locafox_file_checks(monkeypatch):
    import pandas as pd
    good = m.content.load_csv(m.MODULE, m.LOCAFOX_FILE)
    cases = [(good.rename(columns={"hinweis": "notiz"}), "Die Datei „locafox_cross_channel.csv“ hat unerwartete Spalten."),
             (good.assign(anteil_2015_prozent=[60, 61, None, None, 101.0]),
              "In „locafox_cross_channel.csv“ liegt ein Anteil außerhalb von 0 bis 100\u00a0%."),
             (good.assign(anteil_zweite_erhebung_prozent=[-1.0, 87, 53, 43, None]),
              "In „locafox_cross_channel.csv“ liegt ein Anteil außerhalb von 0 bis 100\u00a0%.")]
    try:
        for df, msg in cases:
            monkeypatch.setattr(m.content, "load_csv", lambda *_a, _df=df: pd.DataFrame(_df))
            m.locafox_data.cache_clear()
            exc = error_of(m.locafox_data)
            assert (exc.message, exc.hint) == (msg, "Bitte nehmen Sie die Originaldatei des Kurses.")
        monkeypatch.setattr(m.content, "load_csv", lambda *_a: good.assign(anteil_2015_prozent=[0, 100, None, None, None]))
        m.locafox_data.cache_clear()
        assert list(m.locafox_data()["anteil_2015_prozent"][:2]) == [0, 100]      # both ends are allowed
    finally:
        monkeypatch.undo()
        m.locafox_data.cache_clear()
        m._full_table.cache_clear()


# --- small-world graph and cascade ---------------------------------------------------------

def test_ring_without_rewiring():
    g = m.small_world(30, 4, 0.0, 1)
    assert g.n == 30 and g.mean_degree == 4.0
    assert list(g.degree) == [4] * 30
    assert list(g.starts[:3]) == [0, 4, 8]
    assert sorted(g.src[g.starts[0]:g.starts[0] + 4]) == [1, 2, 28, 29]
    assert list(g.dst[:4]) == [0, 0, 0, 0]
    odd = m.small_world(30, 5, 0.0, 1)            # contacts // 2 = 2 per side
    assert odd.mean_degree == 4.0
    assert m.small_world(30, 2, 0.0, 1).mean_degree == 2.0


def test_rewiring_keeps_size_and_changes_partners():
    g = m.small_world(200, 10, 1.0, 3)
    assert g.mean_degree < 10 and (g.src != g.dst).all()
    ring = m.small_world(200, 10, 0.0, 3)
    assert set(zip(g.src.tolist(), g.dst.tolist())) != set(zip(ring.src.tolist(), ring.dst.tolist()))
    assert len(g.src) % 2 == 0 and sorted(zip(g.src, g.dst)) == sorted(zip(g.dst, g.src))


def test_graph_ranges_and_messages():
    assert_range(lambda v: m.small_world(v, 4, 0.0, 1), "Anzahl Personen", 20, 5000, step=1)
    assert_range(lambda v: m.small_world(50, v, 0.0, 1), "Kontakte pro Person", 2, 40, step=1)
    assert_range(lambda v: m.small_world(50, 4, v, 1), "Umverdrahtung", 0, 1)
    assert_range(lambda v: m.small_world(50, 4, 0.0, v), "Zufallsstart", 0, 1_000_000, step=1)
    exc = error_of(m.small_world, 20, 20)
    assert (exc.message, exc.hint) == ("Es gibt mehr Kontakte als Personen.",
                                       "Bitte wählen Sie weniger Kontakte oder mehr Personen.")
    m.small_world(21, 20, 0.0, 1)


@pytest.mark.parametrize("channel", ["offline", "online"])
def test_certain_spread_on_a_ring_grows_by_the_contacts_each_day(channel):
    s = m.cascade(1.0, 4, channel, 5, n=50, rewire=0.0, runs=2)
    assert list(s.days) == [0, 1, 2, 3, 4, 5]
    assert list(s.mean) == [1, 5, 9, 13, 17, 21]
    assert list(s.low) == list(s.mean) == list(s.high)
    assert list(s.final) == [21, 21]
    assert (s.n, s.p, s.branching) == (50, 1.0, 3.0)
    assert s.final_mean == 21.0 and s.share == pytest.approx(0.42)


def test_nothing_spreads_at_p_zero():
    s = m.cascade(0.0, 4, "online", 4, n=50, rewire=0.0, runs=1)
    assert list(s.mean) == [1] * 5 and s.branching == 0.0


def test_offline_story_is_visible_one_day_only():
    off = m.cascade(0.3, 4, "offline", 10, n=200, rewire=0.0, runs=30, seed=2)
    on = m.cascade(0.3, 4, "online", 10, n=200, rewire=0.0, runs=30, seed=2)
    assert off.mean[-1] < on.mean[-1]
    assert off.branching == pytest.approx(3 * 0.3)
    assert on.branching == pytest.approx(3 * (1 - 0.7 ** 10))


def test_cascade_reference_run():
    s = m.cascade(0.1, 10, "offline", 5, n=100, runs=3)
    assert list(s.mean) == pytest.approx([1, 3, 13 / 3, 19 / 3, 23 / 3, 29 / 3])
    assert list(s.final) == [5, 6, 18]
    assert list(s.low) == pytest.approx([1, 3, 4, 5, 5.2, 5.2])
    assert list(s.high) == pytest.approx([1, 3, 4.8, 8.2, 10.8, 15.6])
    assert s.branching == pytest.approx(0.892)
    assert s.verdict == "verpufft"


def test_cascade_streams_and_seeds_differ():
    a = m.cascade(0.1, 10, "online", 8, n=200, runs=5, stream=0)
    b = m.cascade(0.1, 10, "online", 8, n=200, runs=5, stream=1)
    assert list(a.final) != list(b.final)


def test_cascade_ranges_and_messages():
    assert_range(lambda v: m.cascade(v, 4, "online", 2, n=20, runs=1), "Weitererzähl-Wahrscheinlichkeit", 0, 1)
    assert_range(lambda v: m.cascade(0.1, 4, "online", v, n=20, runs=1), "Tage", 1, 60, step=1)
    assert_range(lambda v: m.cascade(0.1, 4, "online", 2, n=20, runs=v), "Wiederholungen", 1, 200, step=1)
    assert_range(lambda v: m.cascade(0.1, 4, "online", 2, n=20, runs=1, stream=v), "Zufallsstrom", 0, 1000, step=1)
    assert_choice_error(lambda c: m.cascade(0.1, 4, c, 2, n=20, runs=1), "Kanal", "radio")


def _spread(share, branching):
    n = 1000
    arr = np.array([1.0, share * n])
    return m.Spread(days=np.arange(2), mean=arr, low=arr, high=arr, final=arr[-1:], n=n, p=0.1, branching=branching)


@pytest.mark.parametrize("share, r, verdict", [
    (0.9, 5.0, "fast_alle"), (0.899, 5.0, "mehrheit"), (0.5, 0.2, "mehrheit"), (0.499, 5.0, "langsam"),
    (0.099, 0.94, "verpufft"), (0.1, 0.94, "teil"), (0.099, 0.96, "langsam"), (0.3, 0.5, "teil"),
])
def test_verdict_thresholds(share, r, verdict):
    assert _spread(share, r).verdict == verdict


def test_word_of_mouth_factor_and_streams():
    w = m.word_of_mouth(0.05, 2.0, 10, "online", 6, n=100, runs=3)
    assert (w["positiv"].p, w["negativ"].p) == (0.05, 0.1)
    assert list(w["positiv"].mean) == list(m.cascade(0.05, 10, "online", 6, n=100, runs=3, stream=1).mean)
    assert list(w["negativ"].mean) == list(m.cascade(0.1, 10, "online", 6, n=100, runs=3, stream=2).mean)
    assert m.word_of_mouth(0.5, 4.0, 4, "online", 2, n=20, runs=1)["negativ"].p == 1.0
    assert_range(lambda v: m.word_of_mouth(v, 2.0, 4, "online", 2, n=20, runs=1),
                 "Weitererzähl-Wahrscheinlichkeit (begeistert)", 0, 1)
    assert_range(lambda v: m.word_of_mouth(0.1, v, 4, "online", 2, n=20, runs=1),
                 "Faktor für verärgerte Geschichten", 0.25, 4, step=0.125)


# --- response time and irritation ----------------------------------------------------------

def test_irritation_reference_values():
    r = m.irritation(30)
    assert r["mean_min"] == pytest.approx(30 / -math.log(0.2))
    tau = 15 / math.log(2)
    assert r["office"] == pytest.approx(r["mean_min"] / (r["mean_min"] + tau))
    assert r["off_hours"] == pytest.approx(1 - math.exp(-480 / tau) * tau / (tau + r["mean_min"]))
    assert r["total"] == pytest.approx(0.7 * r["office"] + 0.3 * r["off_hours"])
    assert (round(r["office"], 3), round(r["total"], 3)) == (0.463, 0.624)
    on = m.irritation(30, always_on=True)
    assert on["off_hours"] == pytest.approx(on["office"]) and on["total"] == pytest.approx(0.463, abs=5e-4)
    r2 = m.irritation(60, 0.5, 30, 0.5, 2)
    mu, tau = 60 / math.log(2), 30 / math.log(2)
    assert r2["total"] == pytest.approx(0.5 * mu / (mu + tau) + 0.5 * (1 - math.exp(-120 / tau) * tau / (tau + mu)))
    assert m.irritation(30, always_on=np.bool_(True))["total"] == pytest.approx(on["total"])


def test_irritation_curve_equals_the_pointwise_model():
    ts = [1, 30, 120, 2880]
    for kw in ({}, dict(service_level=0.5, patience_median_min=30, off_hours_share=0.5, off_hours_wait_h=2),
               dict(always_on=True)):
        curve = m.irritation_curve(np.array(ts), **kw)
        assert list(curve) == pytest.approx([m.irritation(t, **kw)["total"] for t in ts])
    assert list(m.irritation_curve([30])) == pytest.approx([m.irritation(30)["total"]])


def test_response_ranges_and_messages():
    assert_range(lambda v: m.mean_response_minutes(v, 0.8), "Zielzeit", 1, 2880, "min")
    assert_range(lambda v: m.mean_response_minutes(30, v), "Servicelevel", 0.05, 0.99, step=0.01)
    assert_range(lambda v: m.irritation_curve([v]), "Zielzeit", 1, 2880, "min")
    assert_range(lambda v: m.irritation_curve([30], v), "Servicelevel", 0.05, 0.99, step=0.01)
    assert_range(lambda v: m.irritation(30, 0.8, v), "Geduld der Kundschaft (Median)", 1, 2880, "min")
    assert_range(lambda v: m.irritation(30, 0.8, 15, v), "Anteil außerhalb der Geschäftszeit", 0, 1)
    assert_range(lambda v: m.irritation(30, 0.8, 15, 0.3, v), "Wartezeit außerhalb der Geschäftszeit", 0, 72, "h")
    exc = error_of(m.irritation, 30, always_on="ja")
    assert (exc.message, exc.hint) == ("„24/7-Service“ braucht Ja oder Nein.", "Bitte schalten Sie die Option an oder aus.")
    assert "„Zielzeiten“" in error_of(m.irritation_curve, []).message
    m.irritation_curve(list(range(1, 2001)))
    assert "„Zielzeiten“" in error_of(m.irritation_curve, list(range(1, 2002))).message


# --- Bass diffusion ------------------------------------------------------------------------

def test_bass_values():
    p, q = 0.03, 0.38
    x = math.exp(-(p + q) * 5)
    assert m.bass_F(5) == pytest.approx((1 - x) / (1 + q / p * x))
    assert isinstance(m.bass_F(5), float)
    assert list(m.bass_F([0, 200])) == pytest.approx([0.0, 1.0])
    assert m.bass_time_of(0.5) == pytest.approx(-math.log(0.5 / (1 + q / p * 0.5)) / (p + q))
    assert m.bass_F(m.bass_time_of(0.6, 0.05, 0.5), 0.05, 0.5) == pytest.approx(0.6)
    assert m.bass_peak() == pytest.approx(math.log(q / p) / (p + q))
    assert m.bass_peak(0.05, 0.04) == 0.0 and m.bass_peak(0.05, 0.05) == 0.0
    assert m.bass_step(0.60, 0.05, 0.5) == pytest.approx(0.727, abs=5e-4)
    assert m.bass_step(0.60) == pytest.approx(0.697, abs=5e-4)
    assert m.bass_step(0.6, years=0) == pytest.approx(0.6)
    assert m.bass_step(0.3, 0.03, 0.38, 2.5) == pytest.approx(m.bass_F(m.bass_time_of(0.3) + 2.5))


def test_bass_fit_fields():
    f = m.bass_fit()
    assert (f.p, f.q) == (0.03, 0.38)
    assert f.t0 == pytest.approx(m.bass_time_of(0.6)) and f.next_share == pytest.approx(m.bass_step(0.6))
    assert f.gap_pp == pytest.approx(100 * (m.bass_step(0.6) - 0.73))
    assert f.t_peak == pytest.approx(m.bass_peak()) and (f.hit, f.peak_at_start, f.xmax) == (False, False, 20)
    g = m.bass_fit(0.05, 0.5)
    assert g.hit is True and abs(g.gap_pp) < 1
    h = m.bass_fit(0.001, 0.05)                     # slow diffusion: the axis grows in steps of ten years
    need = max(h.t0 + 1, h.t_peak) + 1
    assert h.xmax == 10 * math.ceil(need / 10) and h.xmax > 20
    assert m.bass_fit(0.2, 0.1).peak_at_start is True
    assert m.bass_fit(0.03, 0.38, years_min=40).xmax == 40


def test_bass_ranges_and_messages():
    assert_range(lambda v: m.bass_F(1, v), "Innovationskoeffizient p", 0.001, 0.2, step=0.0005)
    assert_range(lambda v: m.bass_F(1, 0.03, v), "Imitationskoeffizient q", 0, 1)
    assert_range(lambda v: m.bass_time_of(v), "Anteil", 0, 0.999, step=0.001)
    assert_range(lambda v: m.bass_step(v), "Anteil heute", 0, 0.999, step=0.001)
    assert_range(lambda v: m.bass_step(0.5, years=v), "Jahre", 0, 50)
    for bad in ([-1], [201], "5", [], [math.nan]):
        exc = error_of(m.bass_F, bad)
        assert (exc.message, exc.hint) == ("„Zeit“ braucht Zahlen zwischen 0 und 200\u00a0Jahren.",
                                           "Bitte wählen Sie Zeitpunkte in diesem Bereich.")


# --- found by the first mutation run -------------------------------------------------------

def test_table_selection_keeps_the_columns_and_checks_the_type():
    t = m.locafox_table("keine", ["app", "mobil", "onlineshop", "buy_collect", "reserve_collect"])
    assert list(t.columns) == list(m.locafox_table().columns)              # no old index column
    exc = error_of(m.locafox_table, "keine", ["app"] * 6)                   # more entries than indicators
    assert exc.message == "„Kennzahlen“ braucht zwischen 1 und 5 Einträge, nicht 6."
    exc = error_of(m.locafox_table, "keine", "mobil")                       # a bare string is not a list
    assert exc.message == "„Kennzahlen“ braucht eine Liste von Werten."


def test_cascade_defaults_are_the_documented_ones():
    s = m.cascade(0.05)
    ref = m.cascade(0.05, 20, "online", 15, n=1000, rewire=0.1, runs=20, seed=1, stream=0)
    assert list(s.final) == list(ref.final) and len(s.final) == 20 and s.n == 1000


def test_a_single_run_spreads_too():
    s = m.cascade(1.0, 4, "offline", 3, n=50, rewire=0.0, runs=1)
    assert list(s.mean) == [1, 5, 9, 13]


def test_online_story_can_resume_after_a_quiet_day():
    s = m.cascade(0.05, 4, "online", 20, n=60, rewire=0.0, runs=1, seed=1)
    assert list(np.diff(s.mean)) == [0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]


def test_tiny_probability_reaches_nobody_in_the_days_shown():
    s = m.cascade(1e-7, 20, "online", 60, n=200, runs=5)
    assert list(s.mean) == [1.0] * 61


def test_word_of_mouth_defaults_and_passed_network():
    w = m.word_of_mouth()
    ref = m.word_of_mouth(0.05, 2.0, 20, "online", 15, n=1000, rewire=0.1, runs=20, seed=1)
    for key in ("positiv", "negativ"):
        assert list(w[key].final) == list(ref[key].final) and list(w[key].days) == list(range(16))
    w = m.word_of_mouth(0.2, 1.0, 4, "online", 8, n=60, rewire=0.0, runs=4, seed=3)
    for key, stream in (("positiv", 1), ("negativ", 2)):
        assert list(w[key].mean) == list(m.cascade(0.2, 4, "online", 8, n=60, rewire=0.0, runs=4, seed=3,
                                                   stream=stream).mean)


def test_default_night_wait_is_eight_hours():
    tau = 600 / math.log(2)
    r = m.irritation(30, patience_median_min=600)
    mu = r["mean_min"]
    assert r["off_hours"] == pytest.approx(1 - math.exp(-480 / tau) * tau / (tau + mu))
    assert m.irritation_curve([30], patience_median_min=600)[0] == pytest.approx(r["total"])


def test_bass_input_none_is_a_german_error():
    exc = error_of(m.bass_F, None)
    assert exc.message == "„Zeit“ braucht Zahlen zwischen 0 und 200\u00a0Jahren."


def test_bass_fit_uses_the_given_q_and_sizes_the_axis():
    g = m.bass_fit(0.05, 0.5)
    assert g.t0 == pytest.approx(m.bass_time_of(0.6, 0.05, 0.5))
    f = m.bass_fit(0.01, 0.17)                   # t0 ≈ 18,5 → need = t0 + 2 ≈ 20,5 → axis to 30
    assert 18 < f.t0 < 19 and f.xmax == 30
    assert m.bass_fit(0.01, 0.18).t0 < 18 and m.bass_fit(0.01, 0.18).xmax == 20
    early = m.bass_fit(0.1, 0.12)                # peak after 0,83 years: not „from the start“
    assert 0.05 < early.t_peak < 1.05 and early.peak_at_start is False
