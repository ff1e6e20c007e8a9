"""Kill tests for course_lib/m04_cem/model.py (mutation testing, issue #23): AVR check,
relationship matrix, customer table and expectation gap with concrete values, the German
sentences learners read, and the messages for bad input."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from course_lib.m04_cem import model as m
from tests.test_kill_m00_m04_helpers import assert_range, error_of


# --- AVR ---------------------------------------------------------------------------------

def test_avr_ranges_and_labels():
    assert_range(lambda v: m.avr_status(v, 8, 8), "Produkt/Dienstleistung", 0, 10)
    assert_range(lambda v: m.avr_status(8, v, 8), "Verkäufer", 0, 10)
    assert_range(lambda v: m.avr_status(8, 8, v), "Unternehmen", 0, 10)
    assert_range(lambda v: m.avr_status(8, 8, 8, v), "Schwelle", 5, 9)
    assert_range(lambda v: m.empfehlungsneigung(v, 8, 8), "Produkt/Dienstleistung", 0, 10)
    assert_range(lambda v: m.empfehlungsneigung(8, v, 8), "Verkäufer", 0, 10)
    assert_range(lambda v: m.empfehlungsneigung(8, 8, v), "Unternehmen", 0, 10)
    assert_range(lambda v: m.empfehlungsneigung(8, 8, 8, v), "Schwelle", 5, 9)
    assert_range(lambda v: m.empfehlungsneigung(8, 8, 8, 7, v), "Steilheit", 0.1, 5, step=0.05)


def test_propensity_is_the_sigmoid_of_the_weakest_link():
    assert m.empfehlungsneigung(7, 9, 8) == 0.5
    assert m.empfehlungsneigung(10, 10, 6) == pytest.approx(1 / (1 + math.exp(1.2)))
    assert m.empfehlungsneigung(9, 8, 10) == pytest.approx(1 / (1 + math.exp(-1.2)))
    assert m.empfehlungsneigung(0, 10, 10, 9, 5) == pytest.approx(1 / (1 + math.exp(45)))
    assert m.empfehlungsneigung(10, 10, 10, 5, 5) == pytest.approx(1 / (1 + math.exp(-25)))
    assert m._sigmoid(-800.0) == 0.0 and m._sigmoid(800.0) == 1.0     # no overflow either way
    assert m.avr_status(8, 8, 8, steilheit=2).empfehlung == pytest.approx(1 / (1 + math.exp(-2)))


def test_avr_result_fields_and_sentences():
    r = m.avr_status(8, 6, 6)
    assert r.ratings == {"produkt": 8.0, "verkaeufer": 6.0, "unternehmen": 6.0}
    assert (r.schwelle, r.vollumfaenglich, r.schwaechstes, r.schwaechste) == (7.0, False, "verkaeufer", ("verkaeufer", "unternehmen"))
    assert (r.luecke, r.mittelwert, r.mittel_reicht, r.unter_schwelle) == (1.0, pytest.approx(20 / 3), False, ("verkaeufer", "unternehmen"))
    assert r.gleichstand and r.verdict == "empfiehlt_nicht"
    assert r.schwaechstes_label == "Verkäuferin/Verkäufer, Unternehmen"
    assert r.luecke_text == ("Den gleich schwachen Gliedern (Verkäuferin/Verkäufer, Unternehmen) fehlen je 1\u00a0Punkt "
                             "bis zur Schwelle.")
    assert m.avr_status(8, 9, 5.5).luecke_text == "Dem schwächsten Glied (Unternehmen) fehlen 1,5\u00a0Punkte bis zur Schwelle."
    assert m.avr_status(8, 9, 6).luecke_text == "Dem schwächsten Glied (Unternehmen) fehlt 1\u00a0Punkt bis zur Schwelle."
    ok = m.avr_status(7, 9, 8)
    assert (ok.vollumfaenglich, ok.verdict, ok.luecke, ok.luecke_text, ok.unter_schwelle, ok.gleichstand) == \
        (True, "empfiehlt", 0.0, "", (), False)
    contrast = m.avr_status(10, 10, 3)
    assert contrast.mittel_reicht and not contrast.vollumfaenglich and contrast.schwaechstes == "unternehmen"
    assert m.avr_status(7, 7, 7).mittel_reicht


def test_punkte_wording():
    assert m.punkte(1) == "1\u00a0Punkt"
    assert m.punkte(1, dativ=True) == "1\u00a0Punkt"
    assert m.punkte(0.5) == "0,5\u00a0Punkte"
    assert m.punkte(2, dativ=True) == "2\u00a0Punkten"
    assert m.punkte(1.25, digits=2) == "1,25\u00a0Punkte"


# --- relationship matrix -----------------------------------------------------------------

@pytest.mark.parametrize("f, p, c, q", [(5, 5, 5, "partner"), (5, 4.9, 5, "lieferant"), (4.9, 5, 5, "sympathie"),
                                        (4.9, 4.9, 5, "ende"), (9, 9, 9, "partner"), (1, 0.5, 1, "lieferant")])
def test_quadrants_at_the_cut(f, p, c, q):
    assert m.quadrant(f, p, c) == q
    assert m.matrix_position(f, p, c).quadrant == q


def test_matrix_ranges_and_labels():
    for fn in (m.quadrant, m.bindung, m.austauschbarkeit, m.matrix_position):
        assert_range(lambda v: fn(v, 5), "Fachliche Bedürfnisse", 0, 10)
        assert_range(lambda v: fn(5, v), "Persönliche Bedürfnisse", 0, 10)
    assert_range(lambda v: m.quadrant(5, 5, v), "Schnittlinie", 1, 9)
    assert_range(lambda v: m.matrix_position(5, 5, v), "Schnittlinie", 1, 9)


def test_bond_and_replaceability():
    assert m.bindung(6, 5) == 0.3 and m.bindung(10, 10) == 1.0
    assert m.austauschbarkeit(0, 10) == 1.0 and m.austauschbarkeit(8, 6) == pytest.approx(0.4)
    assert m.austauschbarkeit(10, 10) == 0.0


def test_matrix_position_fields_and_notes():
    x = m.matrix_position(6, 6, 7)
    info = m.QUADRANTS["ende"]
    assert (x.fachlich, x.persoenlich, x.schnitt, x.quadrant, x.label, x.bedeutung, x.herkunft) == \
        (6.0, 6.0, 7.0, "ende", "Beziehungsende", info["bedeutung"], info["herkunft"])
    assert (x.bindung, x.austauschbarkeit, x.quadrant_mitte) == (0.36, pytest.approx(0.4), "partner")
    assert x.massnahme == ("Im nächsten Gespräch gezielt nachfragen, wo Sie unter den eigenen Ansprüchen bleiben – "
                           "fachlich und persönlich.")
    assert x.massstab == ("Mit Ihrer Schnittlinie 7 liegt dieser Kunde im Feld „Beziehungsende“; an der Skalenmitte 5 "
                          "läge er im Feld „Partner“. Ihr Maßstab ist strenger als die Skalenmitte – ein Anlass, genauer "
                          "hinzusehen, kein Alarm.")
    mild = m.matrix_position(4, 4, 3)
    assert mild.quadrant == "partner" and mild.massnahme == m.QUADRANTS["partner"]["massnahme"]
    assert mild.massstab == ("Mit Ihrer Schnittlinie 3 liegt dieser Kunde im Feld „Partner“; an der Skalenmitte 5 läge "
                             "er im Feld „Beziehungsende“. Ihr Maßstab ist milder als die Skalenmitte – die Werte selbst "
                             "sind niedrig.")
    strict_lief = m.matrix_position(8, 6, 7)     # lieferant at 7, partner at 5: note, but the quadrant's action
    assert strict_lief.massnahme == m.QUADRANTS["lieferant"]["massnahme"] and "strenger" in strict_lief.massstab
    same = m.matrix_position(8, 8, 6.5)
    assert (same.massstab, same.quadrant_mitte, same.massnahme) == ("", "partner", m.QUADRANTS["partner"]["massnahme"])
    assert "Schnittlinie 5,5" in m.matrix_position(5.2, 5.2, 5.5).massstab


# --- customer table ----------------------------------------------------------------------

def _table(**over):
    base = {"kunde": ["A", "B"], "produkt": [8, 7], "verkaeufer": [8, 7], "unternehmen": [8, 7],
            "fachlich": [8, 3], "persoenlich": [8, 3]}
    base.update(over)
    return pd.DataFrame(base)


def test_customer_table_messages():
    cases = [
        ("keine Tabelle", "Die Kundentabelle muss eine Tabelle (pandas DataFrame) sein.",
         "Bitte laden Sie sie mit model.beispielkunden() oder pandas.read_csv."),
        (_table().drop(columns=["fachlich", "persoenlich"]), "In der Kundentabelle fehlen die Spalten fachlich, persoenlich.",
         "Bitte ergänzen Sie die Spalten (leere Werte sind erlaubt)."),
        (_table().iloc[:0], "Die Kundentabelle braucht 1 bis 200 Zeilen, nicht 0.", "Bitte kürzen oder ergänzen Sie die Tabelle."),
        (_table(kunde=["A", " "]), "Jeder Kunde braucht einen Namen in der Spalte „kunde“.",
         "Bitte tragen Sie die fehlenden Namen ein."),
        (_table(kunde=["A", None]), "Jeder Kunde braucht einen Namen in der Spalte „kunde“.",
         "Bitte tragen Sie die fehlenden Namen ein."),
        (_table(produkt=[8, "gut"]), "In der Spalte „produkt“ steht etwas, das keine Zahl ist.",
         "Bitte tragen Sie Zahlen von 0 bis 10 ein oder lassen Sie das Feld leer."),
        (_table(verkaeufer=[8, 10.5]), "In der Spalte „verkaeufer“ liegen Werte außerhalb von 0 bis 10.",
         "Bitte verwenden Sie die Skala 0 bis 10."),
        (_table(fachlich=[-0.5, 3]), "In der Spalte „fachlich“ liegen Werte außerhalb von 0 bis 10.",
         "Bitte verwenden Sie die Skala 0 bis 10."),
    ]
    for df, msg, hint in cases:
        exc = error_of(m.check_customers, df)
        assert (exc.message, exc.hint) == (msg, hint)
    n = 201
    big = pd.DataFrame({"kunde": [f"K{i}" for i in range(n)], **{c: [5] * n for c in m.RATING_COLUMNS}})
    assert error_of(m.check_customers, big).message == "Die Kundentabelle braucht 1 bis 200 Zeilen, nicht 201."
    assert len(m.check_customers(big.iloc[:200])) == 200
    dup = _table(kunde=["A", "B"]).pipe(lambda d: pd.concat([d, d.iloc[[1]], d.iloc[[0]]]))
    exc = error_of(m.check_customers, dup)
    assert (exc.message, exc.hint) == ("Der Kunde „B“ steht mehrfach in der Tabelle.",
                                       "Bitte geben Sie jedem Kunden einen eindeutigen Namen.")


def test_customer_table_clean_copy():
    raw = _table(produkt=["8", None], fachlich=[0, 10]).set_index(pd.Index([5, 9]))
    out = m.check_customers(raw)
    assert list(out.index) == [0, 1]
    assert out["produkt"].iloc[0] == 8.0 and math.isnan(out["produkt"].iloc[1])
    assert out["produkt"].dtype == "float64" and list(out["fachlich"]) == [0.0, 10.0]
    assert raw["produkt"].iloc[0] == "8"                 # the learner's table is not changed


def test_portfolio_order_and_columns():
    df = pd.DataFrame({"kunde": ["P", "E1", "L", "S", "O", "E2"], "produkt": [5] * 6, "verkaeufer": [5] * 6,
                       "unternehmen": [5] * 6,
                       "fachlich": [8, 3, 9, 2, 7, 1], "persoenlich": [8, 2, 1, 8, None, 1]})
    out = m.portfolio(df)
    assert list(out.columns) == ["kunde", "fachlich", "persoenlich", "quadrant", "label", "bindung", "gefaehrdet", "massnahme"]
    assert list(out["kunde"]) == ["E2", "E1", "L", "S", "O", "P"]
    assert list(out["quadrant"]) == ["ende", "ende", "lieferant", "sympathie", "offen", "partner"]
    assert list(out["label"])[4] == "Einschätzung fehlt" and list(out["label"])[2] == "Lieferant"
    assert list(out["gefaehrdet"]) == [True, True, True, True, False, False]
    assert list(out["bindung"][:4]) == pytest.approx([0.01, 0.06, 0.09, 0.16]) and math.isnan(out["bindung"][4])
    assert out["massnahme"][4] == "Fehlende Einschätzung nachholen – im nächsten Gespräch gezielt nachfragen."
    assert out["massnahme"][0] == m.QUADRANTS["ende"]["massnahme"]
    assert list(out["fachlich"]) == [1, 3, 9, 2, 7, 8]
    assert list(m.portfolio(df, 8.5)["quadrant"]) .count("partner") == 0
    assert_range(lambda v: m.portfolio(df, v), "Schnittlinie", 1, 9)


def test_shipped_example_customers():
    out = m.portfolio(m.beispielkunden())
    assert list(out["kunde"][:2]) == ["Steuerbüro Hahn", "Druckerei Alt"]
    assert out["kunde"].iloc[-1] == "Ingenieurbüro Wolff"


# --- expectation gap ---------------------------------------------------------------------

def test_satisfaction_curve():
    assert m.zufriedenheit(1) == 0.0 == m.zufriedenheit(-0.99) == m.zufriedenheit(0.99)
    assert m.zufriedenheit(1.0, toleranz=1.0) == 0.0
    assert m.zufriedenheit(3) == pytest.approx(math.tanh(0.3 * 2))
    assert m.zufriedenheit(-3) == pytest.approx(math.tanh(0.3 * 1.5 * -2))
    assert m.zufriedenheit(-3, 2.0, 0.5) == pytest.approx(math.tanh(0.3 * 2.0 * -2.5))
    assert m.zufriedenheit(-1) == 0.0 and m.zufriedenheit(-1.5) == pytest.approx(math.tanh(0.3 * 1.5 * -0.5))
    assert_range(m.zufriedenheit, "Abweichung", -10, 10)
    assert_range(lambda v: m.zufriedenheit(0, v), "Gewicht der Enttäuschung", 1, 3)
    assert_range(lambda v: m.zufriedenheit(0, 1.5, v), "Toleranzzone", 0.1, 3, step=0.05)


def test_verdict_at_the_tolerance():
    assert [m.urteil(z) for z in (-1, -0.99, 0, 0.99, 1)] == \
        ["enttaeuschung", "zufriedenheit", "zufriedenheit", "zufriedenheit", "begeisterung"]
    assert m.urteil(-0.5, 0.5) == "enttaeuschung" and m.urteil(2.9, 3) == "zufriedenheit"
    assert_range(m.urteil, "Abweichung", -10, 10)
    assert_range(lambda v: m.urteil(0, v), "Toleranzzone", 0.1, 3, step=0.05)


def test_experience_after_a_failure():
    assert m.erlebnis_nach_panne(6, 10) == pytest.approx((6.9, 5.7))
    assert m.erlebnis_nach_panne(6, 0) == pytest.approx((3.0, 3.0))
    assert m.erlebnis_nach_panne(8, 5, 2, 4) == pytest.approx((8 - 2 + 0.9 + 0.4, 8 - 2 + 0.9))
    assert m.erlebnis_nach_panne(1, 0, 5) == (0.0, 0.0)                    # clipped at 0
    assert m.erlebnis_nach_panne(10, 10, 0, 5) == (10.0, 10.0)            # clipped at 10
    assert_range(lambda v: m.erlebnis_nach_panne(v, 5), "Erlebte Leistung", 0, 10)
    assert_range(lambda v: m.erlebnis_nach_panne(5, v), "Qualität der Reklamationsbearbeitung", 0, 10)
    assert_range(lambda v: m.erlebnis_nach_panne(5, 5, v), "Schwere der Panne", 0, 5)
    assert_range(lambda v: m.erlebnis_nach_panne(5, 5, 3, v), "Bonus einer gelungenen Bearbeitung", 0, 5)


def test_expectation_gap_result():
    r = m.erwartungsluecke(5, 6, True, 10)
    assert (r.versprechen, r.erlebnis, r.panne, r.qualitaet) == (5.0, 6.0, True, 10.0)
    assert (r.erlebnis_zufriedenheit, r.erlebnis_treue) == pytest.approx((6.9, 5.7))
    assert r.abweichung == pytest.approx(1.9) and r.urteil == "begeisterung" and r.urteil_label == "Begeisterung"
    assert r.enttaeuschung == 0.0 and r.toleranz == 1.0 and r.urteil_ohne_panne == "begeisterung"
    assert r.zufriedenheit == pytest.approx(math.tanh(0.3 * 0.9))
    assert r.treue == pytest.approx(0.0)
    assert r.zufriedenheit_ohne_panne == r.treue_ohne_panne == 0.0
    assert r.paradox
    bad = m.erwartungsluecke(9, 6, True, 2, schwere=4, bonus=1, toleranz=0.5, gewicht_enttaeuschung=2)
    e_treue = 6 - 4 + 0.2 * 0.9 * 4
    e_zuf = e_treue + 0.2 * 1 * 0.4
    assert (bad.erlebnis_zufriedenheit, bad.erlebnis_treue) == pytest.approx((e_zuf, e_treue))
    assert bad.enttaeuschung == pytest.approx(9 - e_zuf) and bad.urteil == "enttaeuschung"
    assert bad.zufriedenheit == pytest.approx(math.tanh(0.3 * 2 * (e_zuf - 9 + 0.5)))
    assert bad.treue == pytest.approx(math.tanh(0.3 * 2 * (e_treue - 9 + 0.5)))
    assert bad.zufriedenheit_ohne_panne == pytest.approx(math.tanh(0.3 * 2 * (6 - 9 + 0.5)))
    assert (bad.toleranz, bad.urteil_ohne_panne, bad.paradox, bad.urteil_label) == (0.5, "enttaeuschung", False, "Enttäuschung")
    plain = m.erwartungsluecke(7, 6.5)
    assert (plain.erlebnis_zufriedenheit, plain.erlebnis_treue, plain.urteil, plain.paradox) == (6.5, 6.5, "zufriedenheit", False)
    assert plain.urteil_label == "Erwartung erfüllt" and plain.enttaeuschung == 0.5


def test_expectation_gap_messages():
    assert_range(lambda v: m.erwartungsluecke(v, 5), "Versprechen", 0, 10)
    assert_range(lambda v: m.erwartungsluecke(5, v), "Erlebte Leistung", 0, 10)
    assert_range(lambda v: m.erwartungsluecke(5, 5, False, v), "Qualität der Reklamationsbearbeitung", 0, 10)
    assert_range(lambda v: m.erwartungsluecke(5, 5, False, 5, v), "Schwere der Panne", 0, 5)
    assert_range(lambda v: m.erwartungsluecke(5, 5, False, 5, 3, v), "Bonus einer gelungenen Bearbeitung", 0, 5)
    assert_range(lambda v: m.erwartungsluecke(5, 5, False, 5, 3, 3, v), "Toleranzzone", 0.1, 3, step=0.05)
    exc = error_of(m.erwartungsluecke, 5, 5, "ja")
    assert (exc.message, exc.hint) == ("„Panne“ braucht Ja oder Nein (True/False).", "Bitte setzen oder entfernen Sie das Häkchen.")


def test_tipping_promise():
    assert m.kipp_versprechen(6) == 7.0
    assert m.kipp_versprechen(6, 0.5) == 6.5
    assert m.kipp_versprechen(6, 1.0, 0.25) == 7.0
    assert m.kipp_versprechen(5.2, 1.0, 0.5) == 6.5
    assert m.kipp_versprechen(9) == 10.0
    assert math.isnan(m.kipp_versprechen(9.5))
    assert_range(m.kipp_versprechen, "Erlebte Leistung", 0, 10)
    assert_range(lambda v: m.kipp_versprechen(5, v), "Toleranzzone", 0.1, 3, step=0.05)


def test_missing_rating_is_none_or_nan_only():
    # the AVR widget uses it to leave an empty cell of an example customer empty
    assert m._is_missing(None) and m._is_missing(math.nan) and m._is_missing(float("nan"))
    assert not m._is_missing(0.0) and not m._is_missing(5) and not m._is_missing("")


def test_defaults_and_the_given_tolerance_reach_every_field():
    assert m.punkte(0.75) == "0,8\u00a0Punkte"                      # one decimal by default
    r = m.erwartungsluecke(5, 5.7, toleranz=0.5)                   # Z = 0,7: inside the default zone, outside 0,5
    assert (r.urteil, r.urteil_ohne_panne) == ("begeisterung", "begeisterung")
    assert r.treue_ohne_panne == pytest.approx(math.tanh(0.3 * 0.2)) == r.zufriedenheit_ohne_panne
    d = m.erwartungsluecke(5, 6, True)                             # default handling quality 8
    assert d.qualitaet == 8.0 and d.erlebnis_treue == pytest.approx(6 - 3 + 0.8 * 0.9 * 3)
