"""Modul 04 (CEM): models (reference values, boundaries, direction of effects, bad input) and
the three widgets driven programmatically."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from course_lib.blocks import guard
from course_lib.errors import CourseInputError
from course_lib.m04_cem import model, view
from tests.helpers import assert_german


def german(exc_info) -> str:
    return assert_german(exc_info.value, require_hint=False)  # tests/helpers.py


# --------------------------------------------------------------------------------------
# AVR model
# --------------------------------------------------------------------------------------
def test_avr_reference_10_10_3_has_no_avr_despite_mean_77():
    r = model.avr_status(10, 10, 3)
    assert not r.vollumfaenglich
    assert r.schwaechstes == "unternehmen"
    assert r.mittelwert == pytest.approx(7.667, abs=1e-3)
    assert r.mittel_reicht  # a compensatory rule would have said yes
    assert r.luecke == pytest.approx(4.0)
    assert r.unter_schwelle == ("unternehmen",)


def test_avr_quiz_case_9_9_4():
    r = model.avr_status(9, 9, 4, 7)
    assert not r.vollumfaenglich and r.mittelwert > 7


def test_avr_boundary_exactly_on_threshold_counts():
    assert model.avr_status(7, 7, 7).vollumfaenglich
    assert not model.avr_status(7, 7, 6.99).vollumfaenglich
    assert model.avr_status(0, 0, 0, 5).schwaechstes == "produkt"  # first on ties
    assert model.avr_status(10, 10, 10).luecke == 0


def test_avr_threshold_direction():
    assert model.avr_status(8, 8, 8, 7).vollumfaenglich
    assert not model.avr_status(8, 8, 8, 8.5).vollumfaenglich


def test_empfehlungsneigung_reference_values():
    assert model.empfehlungsneigung(7, 7, 7) == pytest.approx(0.5)  # exactly on the threshold: the AVR line
    s = 1 / (1 + math.exp(-1.2 * 2))
    assert model.empfehlungsneigung(9, 9, 9) == pytest.approx(s)
    # issue 19: 10/10/6,5 (no AVR) must show less than 7/7/7 (AVR)
    assert model.empfehlungsneigung(10, 10, 6.5) < model.empfehlungsneigung(7, 7, 7)
    assert model.empfehlungsneigung(10, 10, 3) < 0.01


def test_empfehlungsneigung_directions():
    base = model.empfehlungsneigung(8, 8, 8)
    for args in [(9, 8, 8), (8, 9, 8), (8, 8, 9)]:
        assert model.empfehlungsneigung(*args) >= base  # no rating lowers it
    assert model.empfehlungsneigung(9, 8, 8) == base    # only the weakest link counts
    assert model.empfehlungsneigung(9, 9, 9) > base
    assert model.empfehlungsneigung(8, 8, 8, schwelle=8) < base  # stricter threshold lowers it
    # steeper curve: above the threshold closer to 1, below closer to 0
    assert model.empfehlungsneigung(9, 9, 9, steilheit=3) > model.empfehlungsneigung(9, 9, 9, steilheit=1)
    assert model.empfehlungsneigung(5, 5, 5, steilheit=3) < model.empfehlungsneigung(5, 5, 5, steilheit=1)


def test_avr_is_not_compensatory():
    # raising the strong links does not rescue a weak one
    assert model.empfehlungsneigung(10, 10, 2) < model.empfehlungsneigung(6, 6, 6)


@pytest.mark.parametrize("args", [(11, 5, 5), (5, -1, 5), (5, 5, "viel"), (5, 5, 5, 4), (5, 5, 5, 9.5), (None, 5, 5),
                                  (5, 5, float("nan")), (True, 5, 5)])
def test_avr_bad_input(args):
    with pytest.raises(CourseInputError) as e:
        model.avr_status(*args)
    german(e)


def test_avr_accepts_german_decimal_comma():
    assert model.avr_status("7,5", 8, 8).ratings["produkt"] == 7.5


def test_advice_for_every_dimension():
    for d in model.DIMENSIONS:
        r = model.avr_status(*[3 if x == d else 9 for x in model.DIMENSIONS])
        assert r.schwaechstes == d and r.schwaechste == (d,) and model.ADVICE[d]


# --------------------------------------------------------------------------------------
# Beziehungsmatrix
# --------------------------------------------------------------------------------------
def test_quadrant_reference_8_2_is_lieferant():
    assert model.quadrant(8, 2) == "lieferant"
    assert model.QUADRANTS["lieferant"]["label"] == "Lieferant"


@pytest.mark.parametrize("f,p,q", [(9, 9, "partner"), (9, 1, "lieferant"), (1, 9, "sympathie"), (1, 1, "ende"),
                                   (5, 5, "partner"), (4.99, 5, "sympathie"), (5, 4.99, "lieferant"), (0, 0, "ende"),
                                   (10, 10, "partner")])
def test_quadrant_all_four_and_boundaries(f, p, q):
    assert model.quadrant(f, p) == q


def test_quadrant_cut_direction():
    assert model.quadrant(6, 6, 5) == "partner"
    assert model.quadrant(6, 6, 7) == "ende"  # a stricter cut moves customers down


def test_interpretation_is_marked():
    assert "Deutung" in model.QUADRANTS["sympathie"]["herkunft"]
    assert "Deutung" in model.QUADRANTS["ende"]["herkunft"]
    assert "Deutung" not in model.QUADRANTS["partner"]["herkunft"]
    assert "Deutung" in model.matrix_position(2, 8).herkunft and "Deutung" not in model.matrix_position(8, 8).herkunft


def test_bindung_and_austauschbarkeit():
    assert model.bindung(10, 10) == 1 and model.bindung(0, 10) == 0
    assert model.bindung(8, 2) == pytest.approx(0.16)
    assert model.bindung(8, 6) > model.bindung(8, 5) and model.bindung(7, 5) < model.bindung(8, 5)
    assert model.austauschbarkeit(10, 0) == 1 and model.austauschbarkeit(10, 10) == 0
    assert model.austauschbarkeit(10, 7) < model.austauschbarkeit(10, 3)
    assert model.austauschbarkeit(0, 10) == 1  # issue 19: likeable but no performance is replaceable


@pytest.mark.parametrize("call", [lambda: model.quadrant(11, 5), lambda: model.quadrant(5, 5, 0),
                                  lambda: model.quadrant(5, 5, 9.5), lambda: model.bindung(-1, 3),
                                  lambda: model.austauschbarkeit(5, "x"), lambda: model.matrix_position(5, None)])
def test_matrix_bad_input(call):
    with pytest.raises(CourseInputError) as e:
        call()
    german(e)


def test_shipped_customers_keep_missing_values_empty():
    df = model.beispielkunden()
    assert len(df) == 12 and df["kunde"].is_unique
    kaya = df[df["kunde"] == "Gärtnerei Kaya"].iloc[0]
    assert math.isnan(kaya["unternehmen"]) and math.isnan(kaya["persoenlich"])
    vals = df[list(model.RATING_COLUMNS)].stack().dropna()
    assert len(vals) == 12 * 5 - 2 and vals.between(0, 10).all()


def test_portfolio_ranks_risky_customers_first():
    pf = model.portfolio(model.beispielkunden())
    assert list(pf.columns[:6]) == ["kunde", "fachlich", "persoenlich", "quadrant", "label", "bindung"]
    assert list(pf["quadrant"][:2]) == ["ende", "ende"]
    risky = pf[pf["gefaehrdet"]]
    assert set(risky["quadrant"]) == {"ende", "lieferant", "sympathie"}
    assert len(risky) == 6
    assert pf.iloc[-1]["quadrant"] == "partner"
    offen = pf[pf["quadrant"] == "offen"]
    assert list(offen["kunde"]) == ["Gärtnerei Kaya"] and not offen["gefaehrdet"].any()
    # within the "ende" group: weaker bond first
    ende = pf[pf["quadrant"] == "ende"]
    assert ende["bindung"].is_monotonic_increasing


def test_portfolio_cut_changes_counts():
    df = model.beispielkunden()
    low = (model.portfolio(df, 3)["quadrant"] == "partner").sum()
    high = (model.portfolio(df, 8)["quadrant"] == "partner").sum()
    assert low > high


@pytest.mark.parametrize("df,needle", [
    (pd.DataFrame({"kunde": ["A"]}), "Spalten"),
    (pd.DataFrame({"kunde": ["A", "A"], **{c: [1, 2] for c in model.RATING_COLUMNS}}), "mehrfach"),
    (pd.DataFrame({"kunde": ["A"], **{c: [11] for c in model.RATING_COLUMNS}}), "außerhalb"),
    (pd.DataFrame({"kunde": ["A"], **{c: ["gut"] for c in model.RATING_COLUMNS}}), "keine Zahl"),
    (pd.DataFrame({"kunde": [None], **{c: [1] for c in model.RATING_COLUMNS}}), "Namen"),
    ("keine Tabelle", "Tabelle"),
])
def test_portfolio_bad_table(df, needle):
    with pytest.raises(CourseInputError) as e:
        model.portfolio(df)
    assert needle in german(e)


# --------------------------------------------------------------------------------------
# Erwartungslücke
# --------------------------------------------------------------------------------------
def test_urteil_three_outcomes_and_tolerance_boundaries():
    assert model.urteil(-2) == "enttaeuschung"
    assert model.urteil(-1) == "enttaeuschung"
    assert model.urteil(-0.5) == "zufriedenheit"
    assert model.urteil(0.99) == "zufriedenheit"
    assert model.urteil(1) == "begeisterung"
    assert model.urteil(0.5, toleranz=0.2) == "begeisterung"  # narrower zone


def test_zufriedenheit_shape():
    assert model.zufriedenheit(0) == 0
    assert model.zufriedenheit(0.9) == 0 and model.zufriedenheit(-0.9) == 0  # tolerance zone: neutral
    assert model.zufriedenheit(2) == pytest.approx(math.tanh(0.3))
    assert model.zufriedenheit(-2) == pytest.approx(math.tanh(-0.45))
    assert abs(model.zufriedenheit(-2)) > abs(model.zufriedenheit(2))  # disappointment weighs more
    assert model.zufriedenheit(-2, 3) < model.zufriedenheit(-2, 1)
    assert -1 < model.zufriedenheit(-10) < model.zufriedenheit(10) < 1


def test_disappointment_reference():
    r = model.erwartungsluecke(8, 5)
    assert r.abweichung == -3 and r.enttaeuschung == 3 and r.urteil == "enttaeuschung"
    assert model.erwartungsluecke(5, 8).enttaeuschung == 0


def test_higher_promise_lowers_satisfaction_same_delivery():
    s = [model.erwartungsluecke(m, 6).zufriedenheit for m in (3, 5, 7, 9)]
    assert s == sorted(s, reverse=True)


def test_better_delivery_raises_satisfaction():
    s = [model.erwartungsluecke(7, d).zufriedenheit for d in (3, 5, 7, 9)]
    assert s == sorted(s)


def test_recovery_reference_values():
    assert model.erlebnis_nach_panne(7, 10) == pytest.approx((7.6, 6.7))
    assert model.erlebnis_nach_panne(10, 10) == pytest.approx((9.7, 9.7))
    assert model.erlebnis_nach_panne(9, 10)[0] == pytest.approx(9.0)
    assert model.erlebnis_nach_panne(7, 0) == pytest.approx((4.0, 4.0))
    assert model.erlebnis_nach_panne(1, 0) == (0.0, 0.0)  # clipped


def test_recovery_quality_direction_and_paradox():
    zs = [model.erlebnis_nach_panne(6, q)[0] for q in (0, 3, 6, 10)]
    assert zs == sorted(zs)
    # paradox for satisfaction with merely satisfactory service ...
    r = model.erwartungsluecke(5, 7, panne=True, qualitaet=10)
    assert r.paradox and r.zufriedenheit > r.zufriedenheit_ohne_panne
    # ... but not for repurchase / word of mouth (de Matos et al. 2007)
    assert r.treue < r.treue_ohne_panne
    # flawless very good service stays best (Michel & Meuter)
    top = model.erwartungsluecke(5, 10)
    assert top.zufriedenheit > r.zufriedenheit
    assert not model.erwartungsluecke(5, 10, panne=True, qualitaet=10).paradox
    # poor handling: worse than without the failure
    assert model.erwartungsluecke(5, 7, panne=True, qualitaet=2).zufriedenheit < r.zufriedenheit_ohne_panne


def test_treue_never_exceeds_failure_free_case():
    for d in range(0, 11):
        for q in range(0, 11):
            e_zuf, e_treue = model.erlebnis_nach_panne(d, q)
            assert e_treue <= d + 1e-12
            assert e_zuf >= e_treue


def test_severity_and_bonus_directions():
    assert model.erlebnis_nach_panne(6, 5, schwere=4)[1] < model.erlebnis_nach_panne(6, 5, schwere=1)[1]
    assert model.erlebnis_nach_panne(6, 5, bonus=4)[0] > model.erlebnis_nach_panne(6, 5, bonus=1)[0]


@pytest.mark.parametrize("call", [
    lambda: model.erwartungsluecke(11, 5), lambda: model.erwartungsluecke(5, -0.1),
    lambda: model.erwartungsluecke(5, 5, panne="ja"), lambda: model.erwartungsluecke(5, 5, True, 12),
    lambda: model.erlebnis_nach_panne(5, 5, schwere=6), lambda: model.zufriedenheit(12),
    lambda: model.zufriedenheit(1, 0.5), lambda: model.urteil(0, toleranz=0), lambda: model.erwartungsluecke(5, 5, bonus=-1),
])
def test_erwartung_bad_input(call):
    with pytest.raises(CourseInputError) as e:
        call()
    german(e)


# --------------------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------------------
def _no_new_errors(before: int) -> None:
    assert len(guard.LAST_ERRORS) == before, guard.LAST_ERRORS[-1]


def test_widgets_registry_and_shape():
    assert set(view.WIDGETS) == {"avr_check", "beziehungsmatrix", "erwartungsluecke"}
    for f in view.WIDGETS.values():
        w = f()
        assert "vt-live" in w.box._dom_classes and "vt-view" in w.view_box._dom_classes
        assert "Frage:" in w.header.value and "Was passiert" in w.header.value
        assert "Modellannahmen, keine Messwerte" in w.assumptions.value
        assert w.plots and w.plots[0].png.startswith(b"\x89PNG") and w.plots[0].alt
        assert w.message.value == ""
        assert "application/vnd.jupyter.widget-view+json" in w._repr_mimebundle_()


def test_avr_widget_sliders_and_status():
    before = len(guard.LAST_ERRORS)
    w = view.avr_check()
    for k, v in {"produkt": 9, "verkaeufer": 9, "unternehmen": 9}.items():
        w.controls[k].value = v
    html = w.view_state()[1]
    assert "Modell: aktive vollumfängliche Referenz" in html and "vt-msg-ok" not in html  # no grading box
    alt = w.plots[0].alt
    assert "erreicht" in alt and "92\u00a0%" in alt
    w.controls["unternehmen"].value = 4
    html = w.view_state()[1]
    assert "keine vollumfängliche Referenz" in html and "schwächsten Glied (Unternehmen) fehlen 3\u00a0Punkte" in html
    assert "Durchschnittsfalle" in html  # mean 7,3 ≥ 7
    assert model.ADVICE["unternehmen"][:30] in html
    assert "schwächstes Glied: Unternehmen" in w.plots[0].alt
    full_draws = w.plots[0].full_draws
    w.controls["schwelle"].value = 8
    assert w.plots[0].full_draws == full_draws, "threshold changes must blit"
    _no_new_errors(before)


def test_avr_widget_loads_example_customer():
    before = len(guard.LAST_ERRORS)
    w = view.avr_check()
    n = w.plots[0].renders
    w.picker.value = "Hotel Seeblick"
    assert (w.controls["produkt"].value, w.controls["verkaeufer"].value, w.controls["unternehmen"].value) == (10, 10, 3)
    assert w.plots[0].renders == n + 1, "loading a customer redraws once"
    html = w.view_state()[1]
    assert "Hotel Seeblick" in html and "Durchschnittsfalle" in html and "7,7" in html
    w.controls["unternehmen"].value = 8
    assert "Sie haben die Werte verändert" in w.view_state()[1]
    w.picker.value = "Gärtnerei Kaya"  # company rating missing → slider stays, learner is told
    assert w.controls["unternehmen"].value == 8
    assert "fehlt die Bewertung: Unternehmen" in w.view_state()[1]
    _no_new_errors(before)


@pytest.mark.parametrize("factory,key,bad,good,fragment", [
    (view.avr_check, "schwelle", 11, 7, "zwischen 5 und 9"),
    (view.erwartungsluecke, "qualitaet", 15, 8, "Reklamationsbearbeitung"),
])
def test_widget_out_of_range_shows_german_message(factory, key, bad, good, fragment):
    w = factory()
    before = len(guard.LAST_ERRORS)
    if key == "qualitaet":
        w.controls["panne"].value = True
    w.controls[key].max = 2 * bad  # as if a learner's code widened the slider
    w.controls[key].value = bad
    assert "Eingabe prüfen" in w.message.value and fragment in w.message.value
    w.controls[key].value = good
    assert w.message.value == ""
    _no_new_errors(before)


def test_avr_widget_unknown_customer_shows_german_message():
    w = view.avr_check()
    before = len(guard.LAST_ERRORS)
    ok = guard.run(w.load_customer, w._show, "Unbekannt AG")
    assert not ok and "gibt es nicht" in w.message.value
    _no_new_errors(before)


def test_avr_widget_with_bad_table_raises_german_error():
    with pytest.raises(CourseInputError):
        view.avr_check(pd.DataFrame({"kunde": ["A"]}))


def test_matrix_widget_single_mode():
    before = len(guard.LAST_ERRORS)
    w = view.beziehungsmatrix()
    w.controls["fachlich"].value = 8
    w.controls["persoenlich"].value = 2
    assert "Quadrant: Lieferant" in w.view_state()[1] and "„Lieferant“" in w.plots[0].alt
    assert "0,16" in w.view_state()[1] and "0,80" in w.view_state()[1]
    w.controls["fachlich"].value = 2
    w.controls["persoenlich"].value = 8
    html = w.view_state()[1]
    assert "Sympathieträger ohne Leistung" in html and "Deutung des Kurses" in html
    w.controls["persoenlich"].value = 2
    assert "Beziehungsende" in w.view_state()[1]
    w.controls["schnitt"].value = 1.5
    assert "Quadrant: Partner" in w.view_state()[1] and "Schnittlinie bei 1,5" in w.plots[0].alt
    _no_new_errors(before)


def test_matrix_widget_portfolio_mode_lists_customers_at_risk():
    before = len(guard.LAST_ERRORS)
    w = view.beziehungsmatrix()
    w.controls["modus"].value = "portfolio"
    html = w.view_state()[1]
    assert w.controls["fachlich"].disabled
    assert "Gefährdete Kunden" in html
    for name in ("Steuerbüro Hahn", "Druckerei Alt", "Maschinenbau Kessler GmbH", "Café Mertens"):
        assert name in html
    table = html.split("Gefährdete Kunden")[1].split("</table>")[0]
    assert "Ingenieurbüro Wolff" not in table
    assert table.index("Steuerbüro Hahn") < table.index("Logistik Nord GmbH")
    assert "Gärtnerei Kaya" in html and "Lücken in den Daten" in html
    assert "Partner: 5" in w.plots[0].alt and "11 nummerierten Kunden" in w.plots[0].alt
    w.controls["schnitt"].value = 8.5  # stricter cut: Praxis Dr. Yilmaz (9 | 8) drops to "Lieferant"
    assert "Praxis Dr. Yilmaz" in w.view_state()[1].split("</table>")[0]
    assert "Ingenieurbüro Wolff" not in w.view_state()[1].split("</table>")[0]
    w.controls["modus"].value = "einzel"
    assert not w.controls["fachlich"].disabled and "Quadrant:" in w.view_state()[1]
    _no_new_errors(before)


def test_matrix_widget_bad_table_shows_german_message():
    before = len(guard.LAST_ERRORS)
    bad = pd.DataFrame({"kunde": ["A", "B"], **{c: [5, 12] for c in model.RATING_COLUMNS}})
    w = view.beziehungsmatrix(bad)
    w.controls["modus"].value = "portfolio"
    assert "Eingabe prüfen" in w.message.value and "außerhalb von 0 bis 10" in w.message.value
    _no_new_errors(before)


def test_matrix_customer_names_are_escaped():
    df = model.beispielkunden()
    df.loc[0, "kunde"] = "<b>Böse & Co</b>"
    w = view.beziehungsmatrix(df)
    w.controls["modus"].value = "portfolio"
    html = w.view_state()[1]
    assert "<b>Böse" not in html and "&lt;b&gt;Böse &amp; Co&lt;/b&gt;" in html


def test_erwartung_widget():
    before = len(guard.LAST_ERRORS)
    w = view.erwartungsluecke()
    w.controls["versprechen"].value = 8
    w.controls["erlebnis"].value = 5
    html = w.view_state()[1]
    assert "Enttäuschung: 3\u00a0Punkte unter dem Versprechen" in html and "vt-msg-wrong" not in html
    assert "Häkchen" in html
    w.controls["versprechen"].value = 3
    assert "Begeisterung" in w.view_state()[1]
    w.controls["versprechen"].value = 5
    w.controls["erlebnis"].value = 7
    assert w.controls["qualitaet"].disabled  # no failure: the handling slider is inactive
    w.controls["panne"].value = True
    assert not w.controls["qualitaet"].disabled
    w.controls["qualitaet"].value = 10
    html = w.view_state()[1]
    assert "Paradox sichtbar" in html and "de Matos" in html
    assert "Wiederkauf und Empfehlung" in w.plots[0].alt
    w.controls["erlebnis"].value = 10
    assert "Kein Paradox" in w.view_state()[1] and "Michel und Meuter" in w.view_state()[1]
    _no_new_errors(before)


def test_widget_updates_blit():
    for name, f in view.WIDGETS.items():
        w = f()
        draws = w.plots[0].full_draws
        first = next(k for k, c in w.controls.items() if hasattr(c, "max"))
        c = w.controls[first]
        c.value = c.min
        c.value = c.max
        assert w.plots[0].full_draws == draws, name


# --------------------------------------------------------------------------------------
# Content files agree with the models (no hard-coded answers drifting from the data)
# --------------------------------------------------------------------------------------
def test_task_answers_follow_from_models():
    from course_lib import content
    from course_lib.exercises import checks

    tasks = {t["id"]: t for t in content.load_tasks("m04")["tasks"]}
    df = model.beispielkunden()
    at_risk = lambda c: int(model.portfolio(df, c)["gefaehrdet"].sum())  # noqa: E731
    assert tasks["t4"]["answer"] == at_risk(7)
    assert {m["value"] for m in tasks["t4"]["mistakes"]} == {at_risk(5), at_risk(7) + 1}
    r = model.avr_status(9, 8, 5)
    t3_answer = next(o["text"] for o in tasks["t3"]["options"] if o["id"] == tasks["t3"]["answer"])
    assert r.schwaechstes == "unternehmen" and not r.vollumfaenglich
    assert t3_answer.startswith("Keine vollumfängliche Referenz") and "Unternehmen" in t3_answer
    assert tasks["t6"]["expected"] == model.avr_status(9, 8, 6).luecke
    assert checks.check(tasks["t6"], 1).solved and not checks.check(tasks["t6"], 6).solved
    for t in tasks.values():
        if t["type"] == "text":  # free text is never graded (#18); pasting the model answer is no attempt
            from course_lib.errors import CourseInputError

            with pytest.raises(CourseInputError):
                checks.check(t, t["solution"])


def test_quiz_avr_case_matches_model():
    from course_lib import content

    q3 = next(q for q in content.load_content("m04")["quiz"] if q["id"] == "q3")
    r = model.avr_status(9, 9, 4, 7)
    right = next(o for o in q3["options"] if o["correct"])
    assert right["text"].startswith("Nein") and not r.vollumfaenglich
    assert any(num_de(r.mittelwert) in o["text"] for o in q3["options"] if not o["correct"]), "the mean trap shows the model's mean"


def num_de(x: float) -> str:
    from course_lib.format_de import num

    return num(x, 1)


def test_matrix_redraw_strategy():
    w = view.beziehungsmatrix()
    p = w.plots[0]
    draws = p.full_draws
    w.controls["schnitt"].value = 6.5  # quadrant tints and cut lines are dynamic: blit only
    w.controls["fachlich"].value = 3
    assert p.full_draws == draws
    w.controls["modus"].value = "portfolio"  # number tags appear: exactly one full draw
    assert p.full_draws == draws + 1
    w.controls["schnitt"].value = 4
    assert p.full_draws == draws + 1


def test_avr_weakest_marker_follows_weakest_link():
    w = view.avr_check()
    weak = [a for a in w.plots[0]._dynamic if getattr(a, "get_marker", lambda: None)() == "<"][0]
    w.controls["produkt"].value = 2
    x, y = weak.get_data()
    assert list(y) == [2] and x[0] == pytest.approx(2.35)  # top bar = product
    for k in ("produkt", "verkaeufer", "unternehmen"):
        w.controls[k].value = 9
    assert len(weak.get_data()[0]) == 0  # full reference: no weakest link shown
