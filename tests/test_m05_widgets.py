"""Module 05 widgets driven programmatically (controls, buttons, views, messages)."""
from __future__ import annotations

import pytest

from course_lib.blocks import guard
from course_lib.m05_kundenbindung import model, view


@pytest.fixture(autouse=True)
def _no_unexpected_errors(data_dir):
    guard.LAST_ERRORS.clear()
    yield
    assert guard.LAST_ERRORS == [], guard.LAST_ERRORS[-1]


def test_widget_registry_lists_three_live_widgets():
    assert set(view.WIDGETS) == {"abwanderungs_check", "wert_der_treue", "proaktiver_service"}
    for f in view.WIDGETS.values():
        w = f()
        assert "vt-live" in w.box._dom_classes
        assert "vt-view" in w.view_box._dom_classes
        assert w._repr_mimebundle_()


# -- Abwanderungs-Check ------------------------------------------------------------------


def test_churn_check_starts_at_baseline():
    w = view.abwanderungs_check()
    html = w.view_box.children[1].value
    assert "kein Warnsignal" in w.plots[0].alt
    assert "6\u00a0%" in html and "gering" in html          # 1 − 0,995^12 ≈ 5,8 %
    assert w.message.value == ""


def test_churn_check_reacts_to_signs_with_score_reasons_and_measures():
    w = view.abwanderungs_check()
    png0 = w.plots[0].png
    w.controls["neukunden"].value = 3
    w.controls["personal"].value = 2
    html = w.view_box.children[1].value
    assert "29\u00a0%" in html and "erhöht" in html
    assert "0,5 + 0,5 × 3 + 0,4 × 2 = 2,8" in html
    assert html.index("Neukunden bevorzugt") < html.index("Neuer Ansprechpartner")
    assert model.sign("neukunden").measure in html and model.sign("personal").measure in html
    assert "[E]" in html and "[K]" in html and "65\u00a0%" in html
    assert "Neukunden bevorzugt (1,5)" in w.plots[0].alt
    assert w.plots[0].png != png0
    assert w.plots[0].full_draws == 1, "updates must blit"


def test_churn_check_all_signs_high():
    w = view.abwanderungs_check()
    for c in w.controls.values():
        c.value = 3
    assert "hoch" in w.view_box.children[1].value
    assert "noch 2" in w.plots[0].alt          # 100 · (1 − 0,107)^36 ≈ 1,7


def test_churn_check_controls_are_grouped_in_two_columns():
    w = view.abwanderungs_check()
    ctrl_box = w.box.children[2].children[0]
    assert "vt-controls" in ctrl_box._dom_classes
    assert w.box.children[1] is w.predict.widget              # prediction first, under the question
    cols = ctrl_box.children[1].children
    assert "Eigener Fehler" in cols[0].children[0].value and "Kunde oder Markt" in cols[1].children[0].value
    # header + 4 × (dropdown, visible signal text)
    assert len(cols[0].children) == 9 and len(cols[1].children) == 9
    assert all("Typisches Signal" in c.value for c in cols[0].children[2::2])


def test_churn_check_bad_input_shows_german_message():
    w = view.abwanderungs_check()
    assert w.refresh()
    w._update, good = (lambda v: model.churn_check({**v, "neukunden": 7})), w._update
    assert not w.refresh()
    assert "vt-msg-error" in w.message.value and "Stufe" in w.message.value and "Was tun?" in w.message.value
    w._update = good
    assert w.refresh() and w.message.value == ""


# -- Wert der Treue ------------------------------------------------------------------------


def test_clv_defaults_show_formula_and_german_currency():
    w = view.wert_der_treue()
    html = w.view_box.children[1].value
    assert "3.400" not in html and "27,5" not in html        # prediction first: B hidden
    w.predict.commit("20_40")
    assert "+27,5" in w.predict.result.value and "stimmen überein" in w.predict.result.value
    html = w.view_box.children[1].value
    assert "2.667\u00a0€" in html and "3.400\u00a0€" in html
    assert "+733\u00a0€" in html and "+27,5\u00a0%" in html
    assert "CLV = m · r / (1 + i − r)" in html.replace("\u00a0", " ")  # no-break spaces hold the formula
    assert "5,0\u00a0Jahre" in html and "6,7\u00a0Jahre" in html
    assert "Bindungsrate A 80" in w.plots[0].alt


def test_clv_reacts_to_retention_and_comparison():
    w = view.wert_der_treue()
    w.predict.commit("ueber_40")
    w.controls["r"].value = 0.90
    assert "4.500\u00a0€" in w.view_box.children[1].value
    w.controls["delta"].value = 10.0
    html = w.view_box.children[1].value
    assert "99\u00a0%" in html and "begrenzt" in html
    w.controls["r"].value = 0.95
    assert "6.333\u00a0€" in w.view_box.children[1].value
    w.controls["r"].value = 0.25                # low retention, e.g. taken from the churn check
    w.controls["delta"].value = 5.0
    assert "294\u00a0€" in w.view_box.children[1].value and w.message.value == ""


def test_clv_acquisition_cost_and_referrals():
    w = view.wert_der_treue()
    w.controls["ac"].value = 500.0
    assert "2.167\u00a0€" in w.view_box.children[1].value
    assert "starten bei −500" in w.plots[0].alt
    w.controls["q"].value = 0.1
    html = w.view_box.children[1].value
    assert "(1 + q · M)" in html.replace("\u00a0", " ") and "2.878\u00a0€" in html


def test_clv_blits_unless_axis_changes():
    w = view.wert_der_treue()
    p = w.plots[0]
    n = p.full_draws
    w.controls["m"].value = 1100.0            # same axis limit (5.000 €)
    assert p.full_draws == n
    w.controls["m"].value = 10000.0           # new axis limit → one full draw
    assert p.full_draws == n + 1


def test_clv_negative_value_note_and_bad_input():
    w = view.wert_der_treue()
    w.controls["m"].value = 100.0
    w.controls["r"].value = 0.5
    w.controls["ac"].value = 5000.0
    assert "nicht wieder herein" in w.view_box.children[1].value
    good = w._update
    w._update = lambda v: good({**v, "r": 1.5})
    assert not w.refresh()
    assert "Bindungsrate" in w.message.value and "zwischen 0 und 0,99" in w.message.value
    w._update = good
    assert w.refresh() and w.message.value == ""


# -- Proaktiver Service --------------------------------------------------------------------


def test_scenario_flow_with_feedback_and_score():
    w = view.proaktiver_service()
    card, feedback, score = w.view_state()
    assert "Situation 1 von 4" in card and "noch leer" in score
    w.choose("anrufen")
    card, feedback, score = w.view_state()
    assert "Starke Wirkung" in feedback and "+3\u00a0Bindungspunkte" in feedback and "Verlass" in feedback
    assert "+3\u00a0Bindungspunkte von höchstens 3" in score
    w.next_button.click()
    assert "Situation 2 von 4" in w.card.value and "Noch keine Reaktion" in w.feedback.value
    w.answer.value = ["kundennummer"]       # like clicking the radio button
    assert "Schadet der Bindung" in w.feedback.value and "−1\u00a0Bindungspunkt)" in w.feedback.value
    assert "+2\u00a0Bindungspunkte von höchstens 6" in w.score.value and "wechselbereit" in w.score.value
    zero = next(o.id for o in model.situation(w.situation.value).options if o.points == 0)
    w.choose(zero)                          # 0 points: „Bewirkt wenig“, not „Schadet“
    assert "Bewirkt wenig" in w.feedback.value and "Schadet" not in w.feedback.value


def test_scenario_remembers_choices_and_resets():
    w = view.proaktiver_service()
    w.choose("mail")
    w.situation.value = "funkstille"
    w.situation.value = "verzug"
    assert w.answer.value == ["mail"] and "Teilweise wirksam" in w.feedback.value
    w.reset_button.click()
    assert w.choices == {} and w.answer.value == [] and "noch leer" in w.score.value


def test_scenario_last_situation_and_full_run():
    w = view.proaktiver_service()
    for sid in model.SITUATION_IDS:
        w.situation.value = sid
        w.choose(max(model.situation(sid).options, key=lambda o: o.points).id)
    best = sum(max(o.points for o in model.situation(s).options) for s in model.SITUATION_IDS)
    assert f"+{best}\u00a0Bindungspunkte von höchstens {best}" in w.score.value
    assert "treu" in w.score.value
    w.next_button.click()
    assert "letzte Situation" in w.message.value


def test_scenario_bad_input_shows_german_message_not_exception():
    w = view.proaktiver_service()
    assert not guard.run(w.choose, w._show, "z")
    assert "vt-msg-error" in w.message.value and "Reaktion" in w.message.value and "Bitte wählen" in w.message.value
    w.choose("abwarten")
    assert w.message.value == ""


def test_yearly_retention_formula_cannot_break_and_has_no_caret():
    """#17: „r = (1 − h)¹²“ – no-break spaces, a real superscript, no raw caret."""
    w = view.abwanderungs_check()
    notes = w.assumptions.value
    assert "^12" not in notes and "r\u00a0=\u00a0(1\u00a0−\u00a0h)¹²" in notes
    html = w.view_box.children[1].value
    assert "<span style='white-space:nowrap'>r = (1\u00a0−\u00a0h)<sup>12</sup> = <b>" in html
