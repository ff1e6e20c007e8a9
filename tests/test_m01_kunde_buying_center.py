"""Module 01: Kundenprofil 3.0 and Buying Center – models (quadrants, boundaries, directions,
role check, stakeholder plan, bad input) and both widgets driven programmatically."""
from __future__ import annotations

import pytest

from course_lib.blocks import guard
from course_lib.errors import CourseInputError
from course_lib.m01_vertrieb30 import model, view

# ----------------------------------------------------------------------------- Kundenprofil


@pytest.mark.parametrize("o,i,u,quad", [
    (9, 9, 2, "sparring"),
    (2, 3, 8, "fels"),
    (8, 7, 8, "lotse"),
    (3, 4, 2, "fachberater"),
])
def test_quadrants(o, i, u, quad):
    p = model.kundenprofil(o, i, u)
    assert p.quadrant == quad and p.role == model.ROLES[quad]
    assert p.from_source == (quad in ("sparring", "fels"))
    assert len(p.behaviours) >= 3 and all(b and r for b, r in p.behaviours)


def test_axes_and_needs():
    p = model.kundenprofil(6, 8, 3)
    assert p.x == 8.0 and p.y == 3.0  # Informiertheit = Informationsstand, not online affinity
    assert p.need_sparring == pytest.approx((8 + 5) / 20) and p.need_fels == pytest.approx(0.3)
    assert "Informiertheit = Informationsstand 8,0" in p.reasons[0]
    # issue 19: online 10 with Informationsstand 0 is not „informiert“
    q = model.kundenprofil(10, 0, 3)
    assert q.quadrant == "fachberater" and "niedrig" in q.reasons[0]
    assert not any("Fakten kennt er" in r for _b, r in q.behaviours)


def test_boundaries_of_the_cut():
    assert model.kundenprofil(5, 5, 5).quadrant == "lotse"          # 5 counts as high
    assert model.kundenprofil(5, 4.9, 4.9).quadrant == "fachberater"
    assert model.kundenprofil(0, 5, 4.9).quadrant == "sparring"
    assert model.kundenprofil(0, 0, 0).quadrant == "fachberater"
    assert model.kundenprofil(10, 10, 10).quadrant == "lotse"
    assert model.kundenprofil(10, 10, 0).need_fels == 0.0


def test_direction_of_each_trait():
    base = model.kundenprofil(4, 4, 4)
    assert model.kundenprofil(6, 4, 4).x == base.x                      # online affinity: channel, not knowledge
    assert model.kundenprofil(9, 4, 4).behaviours != base.behaviours     # … it sets the channel behaviours
    assert model.kundenprofil(4, 6, 4).x > base.x                       # information → right
    assert model.kundenprofil(4, 4, 6).y > base.y                       # uncertainty → up
    assert model.kundenprofil(4, 4, 4, 9).behaviours != base.behaviours  # co-decision adds behaviour
    assert len(model.kundenprofil(4, 4, 4, 9).behaviours) == len(base.behaviours) + 1
    needs = [model.kundenprofil(4, 4, 4, m).need_sparring for m in range(11)]
    assert needs == sorted(needs) and len(set(needs)) == 11               # every step of co-decision counts


def test_high_values_add_specific_behaviours():
    texts = " ".join(b for b, _r in model.kundenprofil(9, 9, 8, 9).behaviours)
    assert "mitgestalten" in texts and "erreichbar" in texts and "Rückfragen" in texts


def test_personas():
    assert model.persona("Eigene Einstellung") is None
    tom = model.persona("Tom, Technikfan (vergleicht alles online)")
    assert model.kundenprofil(**tom).quadrant == "sparring"
    with pytest.raises(CourseInputError):
        model.persona("Unbekannt")


@pytest.mark.parametrize("args,word", [
    ((11, 5, 5), "Online-Affinität"),
    ((5, -1, 5), "Informationsstand"),
    ((5, 5, "hoch"), "keine Zahl"),
    ((5, 5, 5, 20), "Mitbestimmung"),
    ((None, 5, 5), "braucht eine Zahl"),
])
def test_kundenprofil_bad_input(args, word):
    with pytest.raises(CourseInputError) as exc:
        model.kundenprofil(*args)
    assert word in str(exc.value) and exc.value.hint

# ----------------------------------------------------------------------------- Buying Center


def test_case_is_consistent():
    assert len(model.CASE) == 6
    for p in model.CASE:
        assert p["primary"] in model.BC_ROLES and set(p["also"]) <= set(model.BC_ROLES)
        assert p["primary"] not in p["also"]
    assert set(model.BC_ROLES) >= {"anwender", "beeinflusser", "einkaeufer", "entscheider", "gatekeeper"}


def test_role_check_all_best():
    res = model.check_roles({p["id"]: p["primary"] for p in model.CASE})
    assert res.correct == res.acceptable == res.answered == res.total == 6 and res.complete
    assert all(fb.status == "richtig" for fb in res.items)


def test_role_check_multiple_roles_are_acceptable():
    res = model.check_roles({"ek": "gatekeeper", "vi": "initiator", "it": "entscheider"})
    st = {fb.person: fb.status for fb in res.items}
    assert st == {"gf": "offen", "it": "falsch", "vi": "vertretbar", "ek": "vertretbar", "as": "offen", "co": "offen"}
    assert res.correct == 0 and res.acceptable == 2 and res.answered == 3
    wrong = next(fb for fb in res.items if fb.person == "it")
    assert "trifft die endgültige Wahl" in wrong.text


@pytest.mark.parametrize("bad", [{}, {"gf": ""}, {"xx": "entscheider"}, {"gf": "chef"}, "gf"])
def test_role_check_bad_input(bad):
    with pytest.raises(CourseInputError):
        model.check_roles(bad)


@pytest.mark.parametrize("inf,att,key", [
    (9, 3, "einbinden"), (9, -3, "ueberzeugen"), (2, 3, "informieren"), (2, -3, "beobachten"),
    (5, 0, "erfragen"), (4, 0, "kennenlernen"), (5, -0.1, "ueberzeugen"), (4.9, 0.1, "informieren"), (10, 5, "einbinden"), (0, -5, "beobachten"),
])
def test_stakeholder_quadrants_and_boundaries(inf, att, key):
    assert model.stakeholder_strategy(inf, att)[0] == key


def test_priority_values_and_directions():
    assert model.priority(8, -3) == pytest.approx(6.4)
    assert model.priority(9, 2) == pytest.approx(2.7)
    assert model.priority(0, -5) == 0 and model.priority(10, -5) == 10 and model.priority(10, 5) == 0
    assert model.priority(7, 0) > model.priority(6, 0)      # more influence → more urgent
    assert model.priority(7, -1) > model.priority(7, 1)     # more sceptical → more urgent


def test_stakeholder_plan_order_and_warnings():
    plan = model.stakeholder_plan({"gf": (9, 2), "it": (8, -3), "ek": (6, 0), "vi": (3, 4)})
    assert isinstance(plan, model.StakeholderPlan) and [r.id for r in plan.rows] == ["it", "ek", "gf", "vi"]
    assert plan.first.label == "Bedenken klären" and not plan.first.warning
    assert plan.rows[1].label == "Meinung erfragen"  # Haltung 0 is neutral, not sceptical
    plan = model.stakeholder_plan({"gf": (9, -1), "as": (6, -2)})
    assert not any(r.warning for r in plan.rows), "no warning before the learner has assigned roles"
    plan = model.stakeholder_plan({"gf": (9, -1), "as": (6, -2)}, {"gf": "entscheider", "as": "gatekeeper"})
    assert "als Entscheider eingeordnet" in plan.person("gf").warning and "als Gatekeeper" in plan.person("as").warning
    assert not model.stakeholder_plan({"gf": (9, 0)}, {"gf": "entscheider"}).first.warning  # neutral is not sceptical
    tie = model.stakeholder_plan({"co": (5, 0), "gf": (5, 0)})
    assert [r.id for r in tie.rows] == ["gf", "co"]   # ties keep case order
    assert model.stakeholder_plan({"it": ("8", "-3,0")}).first.priority == pytest.approx(6.4)  # German strings


def test_stakeholder_plan_is_frozen_and_places_the_markers():
    plan = model.stakeholder_plan({"gf": (7, 0), "it": (7, 0), "vi": (7, 0), "co": (4, 5), "ek": (4, 5), "as": (2, -3)})
    with pytest.raises(AttributeError):
        plan.first.priority = 0                                    # one frozen result for text and plot
    assert [plan.person(p).x for p in ("gf", "it", "vi")] == pytest.approx([0, model.MARKER_GAP, -model.MARKER_GAP])
    assert [plan.person(p).x for p in ("co", "ek")] == pytest.approx([5, 5 - model.MARKER_GAP])  # inward at +5
    assert plan.person("as").x == -3 and all(r.y == r.influence for r in plan.rows)
    assert "Sabine Roth Einfluss 2, Haltung −3 (Im Blick behalten)" in plan.alt


@pytest.mark.parametrize("bad", [{}, {"gf": 5}, {"gf": (11, 0)}, {"gf": (5, 6)}, {"zz": (5, 0)}, [("gf", 5, 0)]])
def test_stakeholder_plan_bad_input(bad):
    with pytest.raises(CourseInputError):
        model.stakeholder_plan(bad)

# ----------------------------------------------------------------------------- widgets


def test_kundenprofil_widget():
    w = view.kundenprofil()
    assert "vt-live" in w.box._dom_classes
    html = w.view_box.children[1]
    assert w.view_box.layout.display == "none"                    # hidden until the guess is committed
    w.predict.commit("fels")
    assert w.view_box.layout.display is None and "Ihre Vermutung: Fels in der Brandung" in w.predict.result.value
    assert "Sparringspartner" in html.value                       # default 7/3: not on the crossing point
    w.controls["unsicherheit"].value = 2
    assert "Passende Rolle: Sparringspartner" in html.value and "Rolle aus dem Buchkapitel" in html.value
    assert "im Feld „Sparringspartner“" in w.plots[0].alt
    w.controls["online"].value = 1
    w.controls["info"].value = 2
    w.controls["unsicherheit"].value = 9
    assert "Fels in der Brandung" in html.value and "Informationsstand 2,0" in w.plots[0].alt
    full = w.plots[0].full_draws
    w.controls["mitbestimmung"].value = 9
    assert "mitgestalten" in html.value and w.plots[0].full_draws == full   # blitting only


def test_kundenprofil_persona_sets_sliders():
    w = view.kundenprofil()
    w.chooser.value = "Ruth, Rentnerin (Lebensversicherung)"
    assert w.values() == {"online": 2, "info": 3, "unsicherheit": 8, "mitbestimmung": 4}
    assert "Fels in der Brandung" in w.view_box.children[1].value
    w.controls["online"].value = 9          # moved by hand → no longer the example customer
    assert w.chooser.value == "Eigene Einstellung" and w.controls["info"].value == 3


@pytest.mark.parametrize("make,control,limit,bad,label", [
    (view.kundenprofil, "online", 20, 15, "Online-Affinität"),
    (view.buying_center, "co_haltung", 9, 8, "Haltung"),
])
def test_bad_value_shows_german_message_and_no_stale_result(make, control, limit, bad, label):
    w = make()
    n = len(guard.LAST_ERRORS)
    old = w.controls[control].value
    w.controls[control].max = limit
    w.controls[control].value = bad
    assert "Eingabe prüfen" in w.message.value and label in w.message.value
    assert len(guard.LAST_ERRORS) == n
    result = (lambda: w.result()) if callable(w.result) else (lambda: w.result)
    assert result() is None                       # no result of an earlier setting stays
    w.controls[control].value = old
    assert w.message.value == "" and result() is not None


def test_buying_center_widget_map_and_plan():
    w = view.buying_center()
    assert "vt-live" in w.box._dom_classes and "vt-view" in w.view_box._dom_classes
    assert len(w.controls) == 18
    w.controls["it_einfluss"].value = 8
    w.controls["it_haltung"].value = -3
    assert "zuerst zu Jonas Weber" in w.plan.value and "Bedenken klären" in w.plan.value
    assert "Jonas Weber Einfluss 8, Haltung −3" in w.plot.alt
    w.controls["gf_einfluss"].value = 10
    w.controls["gf_haltung"].value = -4
    assert "zuerst zu Dr. Petra Lange" in w.plan.value and "eingeordnet" not in w.plan.value  # no role yet
    w.controls["gf_rolle"].value = "entscheider"
    assert "als Entscheider eingeordnet – ist skeptisch" in w.plan.value


def test_buying_center_role_check_button():
    w = view.buying_center()
    w.check_button.click()
    assert "Eingabe prüfen" in w.message.value and "noch keiner Person" in w.message.value
    w.controls["ek_rolle"].value = "gatekeeper"
    w.check_button.click()
    assert w.message.value == "" and "vertretbar" in w.role_feedback.value
    for p in model.CASE:
        w.controls[f"{p['id']}_rolle"].value = p["primary"]
    w.check_button.click()
    assert "Alle Rollen passen" in w.role_feedback.value


def test_widget_registry():
    assert set(view.WIDGETS) == {"kundenprofil", "buying_center"}
    for f in view.WIDGETS.values():
        assert "application/vnd.jupyter.widget-view+json" in f()._repr_mimebundle_()


def test_buying_center_role_feedback_cleared_when_roles_change():
    w = view.buying_center()
    w.controls["gf_rolle"].value = "entscheider"
    w.check_button.click()
    assert "richtig" in w.role_feedback.value
    w.controls["gf_einfluss"].value = 9          # rating changes keep the feedback
    assert "richtig" in w.role_feedback.value
    w.controls["gf_rolle"].value = "anwender"    # a changed role makes it stale → cleared
    assert w.role_feedback.value == ""


def test_buying_center_ties_are_reported_as_ties():
    """People with equal urgency share one step; the plan names no first person among them."""
    w = view.buying_center()
    for pid in ("gf", "it"):
        w.controls[f"{pid}_einfluss"].value = 8
        w.controls[f"{pid}_haltung"].value = -2
    plan = w.plan.value
    assert "zuerst zu" not in plan
    assert "gleich dringlich an erster Stelle: Dr. Petra Lange und Jonas Weber." in plan
    assert "<li>Gleich dringlich (Dringlichkeit 5,6 von 10): <ul><li><b>Dr. Petra Lange</b> und <b>Jonas Weber</b> – " \
           "Bedenken klären:" in plan
    assert plan.count("Dringlichkeit 2,5 von 10") == 1            # the four others: one shared step as well
    w.controls["it_haltung"].value = -3                          # no longer tied
    plan = w.plan.value
    assert "zuerst zu Jonas Weber:" in plan and "an erster Stelle" not in plan
    assert "<li><b>Jonas Weber</b> – Bedenken klären (Dringlichkeit 6,4 von 10):" in plan
    assert "<li><b>Dr. Petra Lange</b> – Bedenken klären (Dringlichkeit 5,6 von 10):" in plan
    assert "„Viel Einfluss“ heißt hier: Einfluss ab 5 von 10." in plan   # what „viel“ means at the cut


def test_plan_html_groups_ties_and_keeps_warnings():
    plan = model.stakeholder_plan({"co": (5, 0), "gf": (5, 0), "as": (6, -1)}, {"as": "gatekeeper"})
    groups = view.tie_groups(plan)
    assert [[r.id for r in g] for g in groups] == [["as"], ["gf", "co"]]
    html = view.plan_html(plan)
    assert "zuerst zu Sabine Roth:" in html and "als Gatekeeper eingeordnet" in html
    assert "<b>Dr. Petra Lange</b> und <b>Thomas Berg</b> – Meinung erfragen:" in html
