"""Kill tests for course_lib/m02_imageproblem/model.py (mutation testing, issue #23): pure-model
unit tests that assert the concrete values the Druckspirale and the sorting exercise must
produce, and the German messages for bad input."""
from __future__ import annotations

import math

import pytest

from course_lib.m02_imageproblem import model as m
from tests.test_kill_m00_m04_helpers import assert_choice_error, assert_range, error_of


# --- static spiral -----------------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(m.DEFAULTS))
def test_every_parameter_has_its_range_label_and_unit(key):
    label, lo, hi, unit = m.DOMAIN[key]
    assert_range(lambda v: m.spiral_static(2.0, **{key: v}), label, lo, hi, unit, step=0.05)


def test_units_of_the_hour_parameters():
    assert [k for k, d in m.DOMAIN.items() if d[3] == "h"] == ["T", "t_f", "tau"]


def test_unknown_parameter_message():
    exc = error_of(m.spiral_static, 2.0, zeta=1, omega=2)
    assert exc.message == "Den Modellparameter „omega“ kennt die Druckspirale nicht."
    assert exc.hint == "Erlaubt sind: T, t_f, tau, c_max, alpha, v_target, s0, beta, gamma."


def test_visits_range():
    assert_range(m.spiral_static, "Besuche pro Tag", 1, 6)
    assert_range(lambda v: m.spiral_dynamic(v, months=1), "Besuche pro Tag", 1, 6)


def test_quality_values_and_ranges():
    assert m.quality(10 / 60) == pytest.approx(1 - math.exp(-1 / 6))      # ten minutes: q ≈ 0,15
    assert m.quality(1.0, 2.0) == pytest.approx(1 - math.exp(-0.5))
    assert_range(m.quality, "Beratungszeit pro Besuch", 0, 24, "h")
    assert_range(lambda t: m.quality(1.0, t), "Zeit für fundierte Beratung", 0.5, 2, "h", step=0.25)


def test_static_point_fields_and_feasibility():
    pt = m.spiral_static(4.0)
    assert (pt.travel, pt.hours) == (3.0, 7.0)
    assert pt.t_b == pytest.approx(1.0)
    assert pt.net == pytest.approx(0.4093381390297363)
    assert not pt.infeasible
    full = m.spiral_static(5.0, T=5.0, t_f=1.0)             # travel takes the whole day
    assert (full.travel, full.hours, full.t_b, full.q, full.net) == (5.0, 5.0, 0.0, 0.0, 0.0)
    assert full.infeasible
    assert m.spiral_static(4.0, t_f=1.25, T=5.5).infeasible is False    # 5,0 h travel of 5,5 h


def test_curve_matches_the_point_model_column_by_column():
    params = dict(tau=2.0, t_f=1.5, T=5.0, s0=0.3, beta=0.6, gamma=0.6)
    df = m.spiral_curve(11, **params)
    assert list(df.columns) == ["v", "t_b", "q", "p", "c", "s", "gross", "net", "complaints"]
    assert list(df["v"]) == pytest.approx([1 + 0.5 * i for i in range(11)])
    for _, row in df.iterrows():
        pt = m.spiral_static(row["v"], **params)
        for col in df.columns:
            assert row[col] == pytest.approx(getattr(pt, col), abs=1e-12), col
    last = df.iloc[-1]                       # 6 visits · 1,5 h > 5 h: no advice time, cancellations capped at 1
    assert (last["t_b"], last["q"], last["s"], last["complaints"]) == (0.0, 0.0, 1.0, 0.0)


def test_curve_size_and_its_range():
    assert len(m.spiral_curve()) == 51
    assert len(m.spiral_curve(7)) == 7
    assert_range(m.spiral_curve, "Anzahl der Stützstellen", 2, 1000, step=1)


def test_best_visits_on_the_hundredth_grid():
    assert m.best_visits().v == 1.93
    assert m.best_visits(t_f=1.5, T=5.0).v == 1.62


# --- dynamic spiral ----------------------------------------------------------------------

def test_dynamic_first_months_with_the_boss_reacting():
    d = m.spiral_dynamic()              # the boss reacts by default
    assert list(d.columns) == m.DYN_COLUMNS
    assert list(d["Besuche"][:3]) == pytest.approx([1.7, 2.2, 2.7])
    assert list(d["Druck"][:3]) == pytest.approx([0.0, 0.11441103372507973, 0.19036983021507792])
    assert list(d["Beschwerden"][:3]) == pytest.approx([0.03394807221228832, 0.10056321304266735, 0.18898145439189606])
    assert list(d["Ruf"][:3]) == pytest.approx([0.8, 0.8081379072798501, 0.7670960587290583])
    assert list(d["Netto_Monat"]) == pytest.approx(list(20 * d["Netto"]))
    assert d["Netto_kumuliert"].iloc[-1] == pytest.approx(20 * d["Netto"].sum())
    first = m.spiral_static(1.7)
    assert d["Netto"][0] == pytest.approx(first.net) and d["Beschwerden"][0] == pytest.approx(first.complaints)


def test_dynamic_uses_the_given_advice_time_and_caps():
    d = m.spiral_dynamic(2.0, months=2, chef_reacts=False, tau=2.0)
    assert d["Qualitaet"][0] == pytest.approx(1 - math.exp(-2.75 / 2.0))     # t_b = (7 − 2·0,75)/2 = 2,75 h
    # a perfect reputation climb doubles the closing factor, but the closing rate stays ≤ 1
    d = m.spiral_dynamic(1.0, months=2, chef_reacts=False, c_max=0.9, tau=0.5, alpha=0.0, reputation_start=0.0,
                         rho=1.0, delta=1.0)
    assert d["Abschlussquote"][1] == 1.0
    d = m.spiral_dynamic(6.0, months=1, chef_reacts=False, s0=0.3, beta=0.6, gamma=0.6)
    assert d["Storno"][0] == 1.0
    d = m.spiral_dynamic(5.0, months=2, chef_reacts=False, T=5.0, t_f=1.0)   # no advice time
    assert (d["Qualitaet"][0], d["Netto"][0]) == (0.0, 0.0)
    assert d["Ruf"][1] < d["Ruf"][0]
    d = m.spiral_dynamic(2.0, months=1, chef_reacts=False, s0=0.0, beta=0.0, gamma=0.0)
    assert d["Storno"][0] == 0.0


def test_dynamic_ranges_and_messages():
    assert_range(lambda k: m.spiral_dynamic(months=k), "Anzahl der Monate", 1, 36, step=1)
    for key, (label, lo, hi, _u) in m.DYN_DOMAIN.items():
        if key != "months":
            assert_range(lambda v: m.spiral_dynamic(months=1, **{key: v}), label, lo, hi, step=0.05)
    exc = error_of(m.spiral_dynamic, chef_reacts="ja")
    assert exc.message == "„Chef reagiert“ muss ein Ja/Nein-Wert sein."
    assert exc.hint == "Bitte setzen oder entfernen Sie das Häkchen."


# --- sorting exercise --------------------------------------------------------------------

def test_sorting_messages():
    exc = error_of(m.sort_statements, ["s1"])
    assert exc.message == "Die Zuordnung braucht für jede Aussage eine Kategorie."
    assert exc.hint == "Bitte wählen Sie bei den Aussagen „Bonusjäger“ oder „Berater“."
    exc = error_of(m.sort_statements, {"s1": "", "s2": None})
    assert exc.message == "Sie haben noch keine Aussage zugeordnet."
    assert exc.hint == "Bitte wählen Sie bei mindestens einer Aussage „Bonusjäger“ oder „Berater“."
    assert_choice_error(lambda k: m.sort_statements({k: "bonus"}), "Aussage", "s99")
    assert_choice_error(lambda c: m.sort_statements({"s1": c}), "Kategorie", "chef")
