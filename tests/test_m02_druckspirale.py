"""Module 02: the pressure-spiral model (reference values of the course brief W1-1, boundaries,
direction of every parameter, bad input) and the two widgets driven programmatically."""
from __future__ import annotations

import math

import pytest

from course_lib.blocks import guard
from course_lib.errors import CourseInputError
from course_lib.m02_imageproblem import model, view

# ----------------------------------------------------------------------------- reference


@pytest.mark.parametrize("v,q,s,net", [
    (1.0, 1.00, 0.05, 0.57),
    (1.7, 0.97, 0.06, 0.93),
    (2.0, 0.94, 0.11, 0.94),
    (3.0, 0.79, 0.28, 0.74),
    (4.0, 0.63, 0.46, 0.41),
    (6.0, 0.34, 0.55, 0.28),
])
def test_reference_table_of_the_brief(v, q, s, net):
    r = model.spiral_static(v)
    assert r.q == pytest.approx(q, abs=0.006)
    assert r.s == pytest.approx(s, abs=0.006)
    assert r.net == pytest.approx(net, abs=0.006)


def test_equations_hand_computed_at_four_visits():
    r = model.spiral_static(4.0)
    assert r.t_b == pytest.approx(1.0)               # (7 − 4·0,75)/4
    assert r.q == pytest.approx(1 - math.exp(-1))
    assert r.p == pytest.approx(1.0)
    assert r.c == pytest.approx(0.6 * r.q * 0.5)
    assert r.s == pytest.approx(0.05 + 0.3 + 0.3 * math.exp(-1))
    assert r.gross == pytest.approx(4 * r.c)
    assert r.net == pytest.approx(r.gross * (1 - r.s))
    assert r.complaints == pytest.approx(r.gross * (1 - r.q))


def test_ten_minutes_of_advice_give_low_quality():
    assert model.quality(10 / 60) == pytest.approx(0.15, abs=0.01)
    assert model.quality(0) == 0.0


def test_boss_target_halves_the_lasting_result_and_curve_has_a_hump():
    assert model.spiral_static(4.0).net / model.spiral_static(1.7).net < 0.5
    best = model.best_visits()
    assert 1.8 <= best.v <= 2.1 and best.net == pytest.approx(0.94, abs=0.01)
    curve = model.spiral_curve(51)
    i = int(curve["net"].idxmax())
    assert 0 < i < len(curve) - 1   # maximum inside, not at an edge


def test_curve_matches_scalar_model():
    curve = model.spiral_curve(11, c_max=0.8, alpha=0.2)
    for _, row in curve.iterrows():
        r = model.spiral_static(row["v"], c_max=0.8, alpha=0.2)
        assert row["net"] == pytest.approx(r.net)
        assert row["s"] == pytest.approx(r.s)

# ----------------------------------------------------------------------------- boundaries


def test_no_time_left_means_no_contracts():
    r = model.spiral_static(6.0, T=5.0, t_f=1.5)   # 6 × 1,5 h ≥ 5 h
    assert r.t_b == 0 and r.q == 0 and r.c == 0 and r.net == 0
    assert r.s == pytest.approx(min(1.0, 0.05 + 0.3 + 0.3))


def test_storno_is_capped_at_one():
    r = model.spiral_static(6.0, s0=0.3, beta=0.6, gamma=0.6)
    assert r.s == 1.0 and r.net == 0.0


def test_no_pressure_below_start_and_full_pressure_above_target():
    assert model.spiral_static(1.0).p == 0.0
    assert model.spiral_static(1.7).p == 0.0
    assert model.spiral_static(5.0).p == 1.0
    assert model.spiral_static(2.85).p == pytest.approx(0.5)

# ----------------------------------------------------------------------------- directions


@pytest.mark.parametrize("name,lo,hi,field,sign", [
    ("T", 6.0, 8.0, "net", +1),          # more time → more lasting contracts
    ("t_f", 0.5, 1.0, "net", -1),        # longer travel → fewer
    ("tau", 0.8, 1.5, "q", -1),          # sound advice needs more time → lower quality
    ("c_max", 0.4, 0.8, "net", +1),
    ("alpha", 0.1, 0.7, "net", -1),      # customers more sensitive to pressure → fewer
    ("v_target", 3.0, 5.0, "p", -1),     # a higher target makes 3 visits feel less pressing
    ("s0", 0.0, 0.2, "s", +1),
    ("beta", 0.1, 0.5, "s", +1),
    ("gamma", 0.1, 0.5, "s", +1),
])
def test_direction_of_each_parameter(name, lo, hi, field, sign):
    a = getattr(model.spiral_static(3.0, **{name: lo}), field)
    b = getattr(model.spiral_static(3.0, **{name: hi}), field)
    assert (b - a) * sign > 0


def test_more_visits_less_quality_more_storno():
    a, b = model.spiral_static(2.5), model.spiral_static(3.5)
    assert b.q < a.q and b.s > a.s and b.t_b < a.t_b

# ----------------------------------------------------------------------------- dynamic


def test_dynamic_without_reaction_at_start_matches_static():
    d = model.spiral_dynamic(1.7, chef_reacts=False)
    assert list(d.columns) == model.DYN_COLUMNS and len(d) == 12
    assert d["Netto"].iloc[0] == pytest.approx(model.spiral_static(1.7).net)
    assert (d["Besuche"] == 1.7).all()


def test_chef_reacts_raises_visits_and_loses_contracts():
    calm = model.spiral_dynamic(1.7, chef_reacts=False)
    push = model.spiral_dynamic(1.7, chef_reacts=True)
    assert push["Besuche"].is_monotonic_increasing and push["Besuche"].iloc[-1] == 6.0
    assert push["Ruf"].iloc[-1] < calm["Ruf"].iloc[-1]
    assert push["Netto_kumuliert"].iloc[-1] < calm["Netto_kumuliert"].iloc[-1]
    assert push["Netto_kumuliert"].iloc[-1] == pytest.approx(119.7, abs=0.5)
    assert calm["Netto_kumuliert"].iloc[-1] == pytest.approx(226.5, abs=0.5)


def test_four_visits_give_fewer_lasting_contracts_in_a_year_than_fewer_better_visits():
    four = model.spiral_dynamic(4.0, chef_reacts=False)["Netto_kumuliert"].iloc[-1]
    two = model.spiral_dynamic(2.0, chef_reacts=False)["Netto_kumuliert"].iloc[-1]
    assert four < 0.3 * two


def test_reached_target_stops_the_spiral():
    d = model.spiral_dynamic(1.7, target_net=0.5)   # 0,93 ≥ 0,5: no more visits
    assert (d["Besuche"] == 1.7).all() and d["Druck"].iloc[-1] == 0.0


def test_bad_word_of_mouth_weight_lowers_reputation():
    a = model.spiral_dynamic(3.0, chef_reacts=False, w_neg=1.0)["Ruf"].iloc[-1]
    b = model.spiral_dynamic(3.0, chef_reacts=False, w_neg=4.0)["Ruf"].iloc[-1]
    assert b < a


def test_reputation_effect_delta_direction():
    weak = model.spiral_dynamic(4.0, chef_reacts=False, delta=0.0)["Netto_kumuliert"].iloc[-1]
    strong = model.spiral_dynamic(4.0, chef_reacts=False, delta=1.0)["Netto_kumuliert"].iloc[-1]
    assert strong < weak


def test_rho_zero_freezes_reputation_and_months_count():
    d = model.spiral_dynamic(3.0, rho=0.0, months=5, reputation_start=0.6)
    assert len(d) == 5 and (d["Ruf"] == 0.6).all()

# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("call,word", [
    (lambda: model.spiral_static(0.5), "Besuche pro Tag"),
    (lambda: model.spiral_static("viel"), "keine Zahl"),
    (lambda: model.spiral_static(float("nan")), "endliche"),
    (lambda: model.spiral_static(3, T=12), "Arbeitszeit"),
    (lambda: model.spiral_static(3, foo=1), "kennt die Druckspirale nicht"),
    (lambda: model.spiral_static(3, v_target=1.7), "Besuchsziel"),
    (lambda: model.spiral_dynamic(3, months=0), "Monate"),
    (lambda: model.spiral_dynamic(3, months=2.5), "ganze Zahl"),
    (lambda: model.spiral_dynamic(3, w_neg=0.5), "Reichweite"),
    (lambda: model.spiral_dynamic(3, chef_reacts="ja"), "Ja/Nein"),
    (lambda: model.spiral_curve(1), "Stützstellen"),
    (lambda: model.quality(-1), "Beratungszeit"),
])
def test_bad_input_gives_german_message(call, word):
    with pytest.raises(CourseInputError) as exc:
        call()
    assert word in str(exc.value)
    assert exc.value.hint   # says what to do


def test_german_decimal_comma_accepted():
    assert model.spiral_static("1,7").net == pytest.approx(model.spiral_static(1.7).net)

# ----------------------------------------------------------------------------- sorting model


def test_sorting_all_correct_and_partial():
    right = {s["id"]: s["answer"] for s in model.STATEMENTS}
    r = model.sort_statements(right)
    assert r.correct == r.total == 10 and r.share == 1.0 and not r.wrong_ids
    one_wrong = dict(right, s1="berater")
    r = model.sort_statements(one_wrong)
    assert r.correct == 9 and r.wrong_ids == ("s1",)
    half = {"s1": "bonus", "s2": "berater", "s3": ""}
    r = model.sort_statements(half)
    assert r.answered == 2 and r.correct == 2 and len(r.missing_ids) == 8


def test_statements_are_balanced():
    answers = [s["answer"] for s in model.STATEMENTS]
    assert answers.count("bonus") == answers.count("berater") == 5
    assert all(s["why"] for s in model.STATEMENTS)


@pytest.mark.parametrize("bad", [{}, {"s1": ""}, {"s99": "bonus"}, {"s1": "chef"}, ["s1"]])
def test_sorting_bad_input(bad):
    with pytest.raises(CourseInputError):
        model.sort_statements(bad)

# ----------------------------------------------------------------------------- widgets


def test_druckspirale_widget_reacts_to_visits():
    w = view.druckspirale()
    assert "vt-live" in w.box._dom_classes
    text = w.view_box.children[1]
    assert "0,93 dauerhafte Abschlüsse" in text.value
    w.controls["v"].value = 4.0
    assert "0,41 dauerhafte Abschlüsse" in text.value and "60\u00a0Minuten" in text.value
    assert "bei 4,0 Besuchen 0,41" in w.plots[0].alt
    assert "(Ihre Wahl)" in w.view_box.children[2].value
    assert w.message.value == ""


def test_druckspirale_chef_mode_and_advanced_assumptions():
    w = view.druckspirale()
    w.controls["chef"].value = True
    text = w.view_box.children[1].value
    assert "Chef reagiert" in text and "120" in text and "226" in text
    assert "Chef reagiert" in w.plots[0].alt
    before = w.plots[0].alt
    w.advanced["beta"].value = 0.0
    assert w.plots[0].alt != before


def test_druckspirale_only_redraws_static_parts_when_needed():
    w = view.druckspirale()
    p = w.plots[0]
    full = p.full_draws
    for x in (2.0, 3.0, 5.0):
        w.controls["v"].value = x
    assert p.full_draws == full   # moving the visits slider only blits
    w.controls["c_max"].value = 0.9   # higher curve → new axis limits → one full draw
    assert p.full_draws == full + 1


def test_druckspirale_bad_value_shows_german_message_not_exception():
    w = view.druckspirale()
    n_err = len(guard.LAST_ERRORS)
    w.controls["T"].value = 12.0    # the slider clamps …
    assert w.controls["T"].value == 9.0
    # … so widen a slider beyond the model's domain, as an edited notebook could
    w.controls["target_net"].max = 10.0
    w.controls["target_net"].value = 5.0   # outside the model's declared domain
    assert "Eingabe prüfen" in w.message.value and "Ziel" in w.message.value
    assert len(guard.LAST_ERRORS) == n_err   # a CourseInputError, not a crash
    w.controls["target_net"].value = 1.2
    assert w.message.value == ""


def test_sorting_widget_board_and_feedback():
    w = view.bonusjaeger_oder_berater()
    assert "vt-live" in w.box._dom_classes and "vt-view" in w.view_box._dom_classes
    assert "Noch offen: 10 von 10" in w.board.value
    w.check_button.click()
    assert "Eingabe prüfen" in w.message.value and "noch keine Aussage" in w.message.value
    w.controls["s1"].value = "bonus"
    w.controls["s2"].value = "bonus"          # wrong on purpose
    assert "Noch offen: 8 von 10" in w.board.value
    w.check_button.click()
    assert w.message.value == ""
    assert "1 von 2" in w.feedback.value and "✘ eher Berater" in w.feedback.value
    for s in model.STATEMENTS:
        w.controls[s["id"]].value = s["answer"]
    w.check_button.click()
    assert "Alle zehn Aussagen stimmen" in w.feedback.value and w.result.correct == 10
    w.reset_button.click()
    assert "Noch offen: 10 von 10" in w.board.value and w.result is None


def test_sorting_widget_escapes_text():
    w = view.bonusjaeger_oder_berater()
    assert "<script" not in w.board.value
    assert "„Unterschreiben Sie heute" in w.box.children[1].children[0].children[0].value  # statement first, then its dropdown


def test_widget_registry():
    assert set(view.WIDGETS) == {"druckspirale", "bonusjaeger_oder_berater"}
    for f in view.WIDGETS.values():
        w = f()
        assert "application/vnd.jupyter.widget-view+json" in w._repr_mimebundle_()


def test_druckspirale_slider_readouts_are_german():
    w = view.druckspirale()
    ctrl = next(c for c in w.box.children[1].children if "vt-controls" in c._dom_classes)
    row = w.controls["v"]._vt_row
    assert row in ctrl.children  # the shared slider block shows a German readout next to the slider
    assert w.controls["v"].readout is False and "1,7" in row.children[1].value
    w.controls["v"].value = 3.5
    assert "3,5" in row.children[1].value
    assert "0,75" in w.controls["t_f"]._vt_readout.value
