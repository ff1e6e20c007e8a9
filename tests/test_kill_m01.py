"""Kill tests for course_lib/m01_vertrieb30/model.py (mutation testing, issue #23): pure-model
unit tests that assert the concrete values – and the German texts learners read – that the
rules must produce."""
from __future__ import annotations

import pytest

from course_lib.m01_vertrieb30 import model as m
from tests.test_kill_m00_m04_helpers import assert_choice_error, assert_range, error_of

EXTRA = m._EXTRA


# --- Kundenprofil ------------------------------------------------------------------------

@pytest.mark.parametrize("pos, label", [(0, "Online-Affinität"), (1, "Informationsstand"),
                                        (2, "Verunsicherung"), (3, "Wunsch nach Mitbestimmung")])
def test_kundenprofil_ranges_and_labels(pos, label):
    def call(v):
        args = [5, 5, 5, 5]
        args[pos] = v
        return m.kundenprofil(*args)
    assert_range(call, label, 0, 10)


def test_kundenprofil_reasons_spell_out_the_derivation():
    p = m.kundenprofil(5, 6, 4, 5)
    assert p.reasons == (
        "Informiertheit = Informationsstand 6,0 → hoch (Schwelle 5). Die Online-Affinität (5,0) sagt, "
        "wo der Kunde sucht – nicht, wie viel er weiß.",
        "Verunsicherung = 4,0 → niedrig (Schwelle 5).",
        "Quadrant: Sparringspartner.",
        "Bedarf an Sparring = (Informationsstand 6,0 + Wunsch nach Mitbestimmung 5,0) / 20 = 55,0\u00a0%.",
    )
    q = m.kundenprofil(2, 3, 8, 1)
    assert q.reasons[0].startswith("Informiertheit = Informationsstand 3,0 → niedrig (Schwelle 5). Die Online-Affinität (2,0)")
    assert q.reasons[1] == "Verunsicherung = 8,0 → hoch (Schwelle 5)."
    assert q.reasons[2] == "Quadrant: Fels in der Brandung."
    assert q.reasons[3].endswith("= 20,0\u00a0%.")
    # the two quadrants the chapter does not name are marked as the course's interpretation
    assert m.kundenprofil(5, 8, 8, 5).reasons[2] == "Quadrant: Lotse: Fels und Sparringspartner zugleich [Deutung des Kurses]."
    assert m.kundenprofil(5, 2, 2, 5).reasons[2] == "Quadrant: Verlässlicher Fachberater [Deutung des Kurses]."


def _extras(p):
    return [b for b in p.behaviours if b in EXTRA.values()]


@pytest.mark.parametrize("mit, extra", [(7, "mitbestimmung_hoch"), (10, "mitbestimmung_hoch"), (6.5, None),
                                        (3.5, None), (3, "mitbestimmung_niedrig"), (0, "mitbestimmung_niedrig")])
def test_wish_to_co_decide_thresholds(mit, extra):
    p = m.kundenprofil(5, 6, 4, mit)         # online 5 and Verunsicherung 4 add nothing
    assert _extras(p) == ([EXTRA[extra]] if extra else [])


@pytest.mark.parametrize("online, extra", [(7, "online_hoch"), (6.5, None), (3.5, None), (3, "online_niedrig")])
def test_online_affinity_thresholds(online, extra):
    p = m.kundenprofil(online, 6, 4, 5)
    assert _extras(p) == ([EXTRA[extra]] if extra else [])


def test_high_insecurity_behaviour_only_outside_the_fels_quadrant():
    assert _extras(m.kundenprofil(5, 6, 7, 5)) == [EXTRA["unsicherheit_hoch"]]      # Lotse, exactly at 7
    assert _extras(m.kundenprofil(5, 6, 6.5, 5)) == []
    assert _extras(m.kundenprofil(5, 4, 7, 5)) == []                                 # Fels already stands for it
    assert _extras(m.kundenprofil(5, 4, 10, 5)) == []
    assert _extras(m.kundenprofil(5, 6, 4, 5)) == []                                 # low insecurity


def test_persona_unknown_name_is_named():
    assert_choice_error(m.persona, "Beispielkunde", "Niemand")
    assert m.persona(m.OWN_SETTING) is None


# --- Buying Center: role check -----------------------------------------------------------

def test_role_check_messages_for_bad_input():
    exc = error_of(m.check_roles, ["gf"])
    assert exc.message == "Die Rollenzuordnung braucht für jede Person eine Rolle."
    assert exc.hint == "Bitte wählen Sie bei den Personen eine Rolle aus."
    exc = error_of(m.check_roles, {"gf": None, "it": ""})
    assert exc.message == "Sie haben noch keiner Person eine Rolle gegeben."
    assert exc.hint == "Bitte wählen Sie mindestens bei einer Person eine Rolle und prüfen Sie dann erneut."
    assert_choice_error(lambda pid: m.check_roles({pid: "entscheider"}), "Person", "ceo")
    assert_choice_error(lambda role: m.check_roles({"gf": role}), "Rolle", "chef")


def test_role_check_texts_per_status():
    r = m.check_roles({"gf": "genehmiger", "it": "entscheider", "vi": "anwender", "ek": ""})
    by = {i.person: i for i in r.items}
    assert (by["gf"].status, by["gf"].chosen) == ("vertretbar", "genehmiger")
    assert by["gf"].text == "Auch vertretbar. Am besten passt „Entscheider“: " + m.CASE[0]["why"]
    assert (by["it"].status, by["it"].chosen) == ("falsch", "entscheider")
    assert by["it"].text == ("„Entscheider“ heißt: " + m.BC_ROLE_INFO["entscheider"] + ". Lesen Sie den Hinweis "
                             "im Fall noch einmal – passt das zu Jonas Weber?")
    assert (by["vi"].status, by["vi"].chosen) == ("richtig", "anwender")
    for pid in ("ek", "as", "co"):
        assert (by[pid].status, by[pid].chosen, by[pid].text) == ("offen", None, "Noch keine Rolle gewählt.")
    assert (r.correct, r.acceptable, r.answered, r.total, r.complete) == (1, 2, 3, 6, False)


# --- Buying Center: stakeholder map ------------------------------------------------------

@pytest.mark.parametrize("fn", [m.stakeholder_strategy, m.priority])
def test_influence_and_attitude_ranges(fn):
    assert_range(lambda v: fn(v, 0), "Einfluss", 0, 10)
    assert_range(lambda v: fn(5, v), "Haltung", -5, 5)


@pytest.mark.parametrize("inf, att, key", [(5, 0.5, "einbinden"), (5, -0.5, "ueberzeugen"),
                                           (4.5, 0.5, "informieren"), (4.5, -0.5, "beobachten"),
                                           (5, 0, "erfragen"), (4.5, 0, "kennenlernen")])
def test_strategy_just_beside_the_cuts(inf, att, key):
    got = m.stakeholder_strategy(inf, att)
    assert got == (key, *m.STRATEGIES[key])


def test_plan_messages_for_bad_input():
    exc = error_of(m.stakeholder_plan, {})
    assert exc.message == "Für die Stakeholder-Karte fehlen Einschätzungen."
    assert exc.hint == "Bitte bewerten Sie mindestens eine Person nach Einfluss und Haltung."
    exc = error_of(m.stakeholder_plan, {"gf": (5,)})
    assert exc.message == "Für Dr. Petra Lange braucht es zwei Werte: Einfluss und Haltung."
    assert exc.hint == "Bitte geben Sie beide Werte an."
    assert_range(lambda v: m.stakeholder_plan({"gf": (v, 0)}), "Einfluss von Dr. Petra Lange", 0, 10)
    assert_range(lambda v: m.stakeholder_plan({"gf": (5, v)}), "Haltung von Dr. Petra Lange", -5, 5)
    assert_choice_error(lambda role: m.stakeholder_plan({"gf": (5, 0)}, {"gf": role}), "Rolle", "chef")


def test_plan_rows_carry_quadrant_advice_and_warnings():
    plan = m.stakeholder_plan({"gf": (8, -2), "as": (6, -1), "it": (3, 2), "ek": (6, 0), "co": (7, -0.5)},
                              {"gf": "entscheider", "as": "gatekeeper", "ek": "gatekeeper", "co": "gatekeeper",
                               "it": "entscheider"})
    gf, as_, it, ek, co = (plan.person(p) for p in ("gf", "as", "it", "ek", "co"))
    assert (gf.key, gf.label, gf.advice) == ("ueberzeugen", *m.STRATEGIES["ueberzeugen"])
    assert (it.key, it.advice) == ("informieren", m.STRATEGIES["informieren"][1])
    assert gf.warning == ("Dr. Petra Lange – von Ihnen als Entscheider eingeordnet – ist skeptisch: ohne diese "
                          "Zustimmung gibt es keinen Auftrag.")
    assert as_.warning == ("Sabine Roth – von Ihnen als Gatekeeper eingeordnet – ist skeptisch und kann den Zugang "
                           "zu den Entscheidenden versperren.")
    assert co.warning.startswith("Thomas Berg – von Ihnen als Gatekeeper eingeordnet")   # −0,5 is sceptical
    assert ek.warning == ""          # neutral gatekeeper: no warning
    assert it.warning == ""          # a positive Entscheider: no warning
    assert [r.id for r in plan.rows] == ["gf", "co", "as", "ek", "it"]


def test_marker_offsets_for_people_at_the_same_spot():
    g = m.MARKER_GAP
    assert m.marker_offsets([(0, 5)] * 4) == pytest.approx([0, g, -g, 2 * g])
    assert m.marker_offsets([(5, 5)] * 3) == pytest.approx([0, -g, -2 * g])       # towards the inside
    assert m.marker_offsets([(-5, 5)] * 3) == pytest.approx([0, g, 2 * g])
    assert m.marker_offsets([(0.5, 5)] * 3) == pytest.approx([0, g, 2 * g])       # away from 0
    assert m.marker_offsets([(-0.5, 5)] * 3) == pytest.approx([0, -g, -2 * g])
    assert m.marker_offsets([(3, 5), (3, 6), (3, 5)]) == pytest.approx([0, 0, g])
