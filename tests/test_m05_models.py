"""Module 05 models: CLV (Wert der Treue), churn check, proactive-service scenario, NPS."""
from __future__ import annotations


import numpy as np
import pytest

from course_lib.errors import CourseInputError
from course_lib.m05_kundenbindung import model as m

# -- Wert der Treue ------------------------------------------------------------------------


@pytest.mark.parametrize("r,expected,life", [(0.80, 2666.67, 5), (0.90, 4500.0, 10), (0.95, 6333.33, 20)])
def test_clv_reference_values_from_brief(r, expected, life):
    assert m.clv(1000, r, 0.10) == pytest.approx(expected, abs=0.01)
    assert m.expected_lifetime(r) == pytest.approx(life)


def test_clv_quiz_value_and_acquisition_cost():
    assert m.clv(1000, 0.9, 0.1, 0) == pytest.approx(4500)
    assert m.clv(1000, 0.9, 0.1, 700) == pytest.approx(3800)


def test_margin_multiplier_values():
    assert m.margin_multiplier(0.8, 0.1) == pytest.approx(0.8 / 0.3)
    assert m.margin_multiplier(0.0, 0.1) == 0.0
    assert m.margin_multiplier(0.99, 0.0) == pytest.approx(99.0)


def test_clv_boundaries():
    assert m.clv(0, 0.9, 0.1) == 0.0
    assert m.clv(1000, 0.0, 0.1) == 0.0
    assert m.clv(1000, 0.0, 0.1, 500) == -500.0
    assert m.expected_lifetime(0.0) == 1.0
    assert m.clv(1000, 0.99, 0.0) == pytest.approx(99_000)


def test_clv_direction_of_each_parameter():
    base = m.clv(1000, 0.8, 0.1, 200, 0.1)
    assert m.clv(2000, 0.8, 0.1, 200, 0.1) > base          # more margin
    assert m.clv(1000, 0.85, 0.1, 200, 0.1) > base         # more retention
    assert m.clv(1000, 0.8, 0.15, 200, 0.1) < base         # higher discount rate
    assert m.clv(1000, 0.8, 0.1, 400, 0.1) < base          # higher acquisition cost
    assert m.clv(1000, 0.8, 0.1, 200, 0.2) > base          # more referrals
    assert m.expected_lifetime(0.9) > m.expected_lifetime(0.8)


def test_referrals_formula():
    mult = 0.8 / 0.3
    assert m.clv(1000, 0.8, 0.1, 0, 0.3) == pytest.approx(1000 * mult * (1 + 0.3 * mult))
    assert m.yearly_value(1000, 0.8, 0.1, 0.3) == pytest.approx(1000 * (1 + 0.3 * mult))
    # q · M is capped at 1: referrals at most double the value (0,5 · 2,67 = 1,33 → 1)
    assert m.clv(1000, 0.8, 0.1, 0, 0.5) == pytest.approx(1000 * mult * 2)
    assert m.clv(1000, 0.98, 0.0, 0, 0.5) == pytest.approx(98_000)   # was 1.249.500 € uncapped


def test_cumulative_value_starts_at_minus_ac_and_converges_to_clv():
    c = m.cumulative_value(1000, 0.8, 0.1, 300, 0.0, 50)
    assert len(c) == 51 and c[0] == -300
    assert np.all(np.diff(c) > 0)
    assert c[-1] == pytest.approx(m.clv(1000, 0.8, 0.1, 300), rel=1e-3)
    assert c[1] == pytest.approx(1000 * 0.8 / 1.1 - 300)
    assert m.cumulative_value(1000, 0.8, 0.1, years=1)[-1] == pytest.approx(1000 * 0.8 / 1.1)
    assert m.cumulative_value(1000, 0.8, 0.1, years=5)[-1] < m.cumulative_value(1000, 0.8, 0.1, years=10)[-1] \
        < m.clv(1000, 0.8, 0.1)


def test_compare_retention_plus_five_points():
    c = m.compare_retention(1000, 0.80, 0.10, delta_pp=5)
    assert c.r_b == pytest.approx(0.85)
    assert c.clv_a == pytest.approx(2666.67, abs=0.01) and c.clv_b == pytest.approx(3400, abs=0.01)
    assert c.difference == pytest.approx(733.33, abs=0.01)
    assert c.relative == pytest.approx(0.275)
    assert c.lifetime_b == pytest.approx(1 / 0.15)
    assert not c.capped


def test_compare_retention_caps_at_99_percent_and_handles_negative_base():
    c = m.compare_retention(1000, 0.97, 0.10, delta_pp=5)
    assert c.capped and c.r_b == 0.99
    neg = m.compare_retention(100, 0.5, 0.1, ac=5000, delta_pp=1)
    assert neg.clv_a < 0 and neg.relative is None
    assert m.compare_retention(1000, 0.8, 0.1, delta_pp=0).difference == 0


@pytest.mark.parametrize("call", [
    lambda: m.clv(-1, 0.8, 0.1),
    lambda: m.clv(1000, 1.0, 0.1),
    lambda: m.clv(1000, 0.8, -0.01),
    lambda: m.clv(1000, 0.8, 0.5),
    lambda: m.clv(1000, 0.8, 0.1, ac=-5),
    lambda: m.clv(1000, 0.8, 0.1, referrals=2),
    lambda: m.clv("viel", 0.8, 0.1),
    lambda: m.clv(float("nan"), 0.8, 0.1),
    lambda: m.expected_lifetime(1.0),
    lambda: m.cumulative_value(1000, 0.8, 0.1, years=0),
    lambda: m.cumulative_value(1000, 0.8, 0.1, years=2.5),
    lambda: m.compare_retention(1000, 0.8, 0.1, delta_pp=25),
])
def test_clv_bad_input_gives_german_message(call):
    with pytest.raises(CourseInputError) as exc:
        call()
    assert "Bitte" in exc.value.hint


def test_clv_accepts_german_decimal_comma():
    assert m.clv("1000", "0,9", "0,1") == pytest.approx(4500)


# -- Abwanderungs-Check ------------------------------------------------------------------


def test_eight_signs_in_two_groups_of_four():
    assert len(m.WARNING_SIGNS) == 8
    groups = [s.group for s in m.WARNING_SIGNS]
    assert groups.count(m.OWN) == 4 and groups.count(m.CUSTOMER) == 4
    assert all(0.2 <= s.weight <= 0.6 for s in m.WARNING_SIGNS)
    assert all(s.measure and s.signal for s in m.WARNING_SIGNS)


def test_survival_reference_value():
    assert m.survival(0.01)[12] == pytest.approx(0.886, abs=0.001)
    assert m.yearly_retention(0.01) == pytest.approx(0.99 ** 12)


def test_hazard_baseline_and_maximum():
    assert m.churn_hazard({}) == pytest.approx(0.005)
    assert m.churn_hazard([0] * 8) == pytest.approx(0.005)
    top = sum(s.weight for s in m.WARNING_SIGNS) * 3 / 100 + 0.005
    assert m.churn_hazard([3] * 8) == pytest.approx(top)
    assert m.churn_hazard({"neukunden": 2}) == pytest.approx(0.015)
    assert m.churn_hazard({"neukunden": 2}, h0=0) == pytest.approx(0.010)


def test_each_sign_raises_risk_with_its_level():
    for s in m.WARNING_SIGNS:
        hs = [m.churn_hazard({s.id: k}) for k in range(4)]
        assert hs == sorted(hs) and len(set(hs)) == 4, s.id


def test_churn_check_baseline_is_low_risk_without_reasons():
    res = m.churn_check({})
    assert res.top == [] and res.own_share is None
    assert res.level == "gering"
    assert res.risk_12m == pytest.approx(1 - 0.995 ** 12)
    assert res.cohort[0] == 100 and len(res.cohort) == 37


def test_churn_check_ranking_groups_and_levels():
    res = m.churn_check({"reklamation": 1, "service": 2, "personal": 3})
    # service 1,2 pp, personal 1,2 pp (tie → list order), reklamation 0,5 pp
    assert res.top == ["service", "personal", "reklamation"]
    assert res.group_totals[m.OWN] == pytest.approx(0.017)
    assert res.group_totals[m.CUSTOMER] == pytest.approx(0.012)
    assert res.own_share == pytest.approx(17 / 29)
    assert res.retention == pytest.approx((1 - res.hazard) ** 12)
    assert m.churn_check([3] * 8).level == "hoch"
    assert m.churn_check({"neukunden": 2, "personal": 1}).level == "erhöht"
    assert m.churn_check([3] * 8, top_n=1).top == ["service"]


def test_more_signs_mean_fewer_customers_left():
    low = m.churn_check({"bedarf": 1}).cohort
    high = m.churn_check({"bedarf": 3}).cohort
    assert np.all(high[1:] < low[1:])


def test_risk_levels():
    assert m.risk_level(0.0) == "gering"
    assert m.risk_level(0.15) == "erhöht"
    assert m.risk_level(0.35) == "hoch" and m.risk_level(1.0) == "hoch"


@pytest.mark.parametrize("call", [
    lambda: m.churn_hazard({"unbekannt": 1}),
    lambda: m.churn_hazard({"neukunden": 4}),
    lambda: m.churn_hazard({"neukunden": 1.5}),
    lambda: m.churn_hazard({"neukunden": -1}),
    lambda: m.churn_hazard([1] * 7),
    lambda: m.churn_hazard("hoch"),
    lambda: m.churn_hazard({}, h0=0.2),
    lambda: m.survival(1.0),
    lambda: m.survival(0.01, months=0),
    lambda: m.risk_level(1.5),
    lambda: m.sign("xyz"),
    lambda: m.churn_check({}, top_n=0),
])
def test_churn_bad_input_gives_german_message(call):
    with pytest.raises(CourseInputError) as exc:
        call()
    assert exc.value.hint.startswith("Bitte")


# -- Proaktiver Service ------------------------------------------------------------------


def test_every_situation_has_a_best_proactive_option_and_a_harmful_one():
    for s in m.SITUATIONS:
        pts = [o.points for o in s.options]
        assert max(pts) == 3 and min(pts) < 0, s.id
        assert len({o.id for o in s.options}) == len(s.options)


def test_delay_situation_rewards_asking_proactively():
    assert m.evaluate_choice("verzug", "anrufen").points == 3
    assert m.evaluate_choice("verzug", "abwarten").points == -2
    assert "Verlass" in m.evaluate_choice("verzug", "anrufen").effect


def test_scenario_summary_verdicts():
    best = {s.id: max(s.options, key=lambda o: o.points).id for s in m.SITUATIONS}
    worst = {s.id: min(s.options, key=lambda o: o.points).id for s in m.SITUATIONS}
    sb, sw = m.scenario_summary(best), m.scenario_summary(worst)
    assert sb.points == sum(max(o.points for o in s.options) for s in m.SITUATIONS) == sb.max_points
    assert sb.verdict.startswith("treu")
    assert sw.points == sum(min(o.points for o in s.options) for s in m.SITUATIONS)
    assert sw.verdict == "Abwanderung droht"
    assert m.scenario_summary({}).answered == 0
    mid = m.scenario_summary({"verzug": "mail", "beschwerde": "zuhoeren"})   # 1 + 3 → 2 per situation
    assert mid.points == 4 and mid.verdict.startswith("treu")
    assert m.scenario_summary({"verzug": "mail"}).verdict == "zufrieden, aber wechselbereit"


@pytest.mark.parametrize("call", [
    lambda: m.evaluate_choice("verzug", "z"),
    lambda: m.evaluate_choice("urlaub", "a"),
    lambda: m.scenario_summary(["verzug"]),
    lambda: m.scenario_summary({"verzug": "x"}),
])
def test_scenario_bad_input(call):
    with pytest.raises(CourseInputError):
        call()


# -- NPS -----------------------------------------------------------------------------------


def test_nps_reference_values():
    assert m.nps([0] * 5 + [20, 0, 0, 30, 0, 50]) == pytest.approx(30)   # 50/30/20
    assert m.nps([0] * 8 + [100, 0, 0]) == 0                              # all give 8
    assert m.nps([0] * 5 + [40, 0, 0, 0, 0, 60]) == pytest.approx(20)     # 60 % 10, 40 % 5
    assert m.nps([0] * 10 + [7]) == 100 and m.nps([3] + [0] * 10) == -100


def test_quiz_nps_answer_follows_from_the_model():
    """Quiz q5 (50 promoters, 30 passives, 20 detractors): its correct option is the model's NPS."""
    from course_lib import content
    q5 = next(q for q in content.load_content("m05")["quiz"] if q["id"] == "q5")
    right = [o["text"] for o in q5["options"] if o["correct"]]
    value = m.nps([0] * 5 + [20, 0, 0, 30, 0, 50])
    assert right == [f"{'+' if value > 0 else ''}{value:.0f}"]


@pytest.mark.parametrize("bad", [[1] * 10, [0] * 11, [-1] + [1] * 10, "zehn"])
def test_nps_bad_input(bad):
    with pytest.raises(CourseInputError):
        m.nps(bad)
