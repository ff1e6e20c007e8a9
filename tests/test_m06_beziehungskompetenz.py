"""Module 06: models (self-assessment scoring, energy budget, friend scenario, trust equation)
and widgets driven programmatically."""
from __future__ import annotations


import numpy as np
import pytest

from course_lib.blocks import guard
from course_lib.errors import CourseInputError
from course_lib.m06_beziehungskompetenz import model, view
from course_lib.storage import Store

ALL3 = {i: 3 for i in model.ITEM_IDS}


def answers(**over):
    a = dict(ALL3)
    a.update(over)
    return a


# -- Selbsteinschätzung: scoring --------------------------------------------------------

def test_neutral_answers_give_50_everywhere():
    assert model.score_selfassessment(ALL3) == {d: 50.0 for d in model.DIM_IDS}


def test_reverse_keyed_items_are_reversed():
    rev = [i for i in model.ITEMS if i["reverse"]]
    fwd = [i for i in model.ITEMS if not i["reverse"]]
    assert 3 <= len(rev) <= 7 and fwd
    best = {i["id"]: (1 if i["reverse"] else 5) for i in model.ITEMS}
    worst = {i["id"]: (5 if i["reverse"] else 1) for i in model.ITEMS}
    assert model.score_selfassessment(best) == {d: 100.0 for d in model.DIM_IDS}
    assert model.score_selfassessment(worst) == {d: 0.0 for d in model.DIM_IDS}
    # agreeing more with a reverse-keyed statement lowers its dimension
    r = rev[0]
    lo = model.score_selfassessment(answers(**{r["id"]: 5}))[r["dim"]]
    hi = model.score_selfassessment(answers(**{r["id"]: 1}))[r["dim"]]
    assert lo == 25.0 and hi == 75.0


def test_forward_item_raises_only_its_dimension():
    f = next(i for i in model.ITEMS if not i["reverse"])
    s = model.score_selfassessment(answers(**{f["id"]: 5}))
    assert s[f["dim"]] == 75.0
    assert all(v == 50.0 for d, v in s.items() if d != f["dim"])


def test_every_dimension_has_items_of_both_keys():
    for d in model.DIM_IDS:
        keys = {i["reverse"] for i in model.ITEMS if i["dim"] == d}
        assert keys == {True, False}, d


@pytest.mark.parametrize("bad,word", [
    ({}, "fehlen"),
    (answers(a3=None), "fehlt noch eine"),
    (answers(a3=6), "zwischen 1"),
    (answers(a3=0), "zwischen 1"),
    (answers(a3=2.5), "ganze Zahl"),
    (answers(a3=True), "Antwort"),
    (answers(x9=3), "gehört nicht"),
    ([3] * 10, "Zuordnung"),
])
def test_scoring_bad_input_is_german(bad, word):
    with pytest.raises(CourseInputError) as e:
        model.score_selfassessment(bad)
    assert word in str(e.value)


def test_compare_and_export():
    a = model.score_selfassessment(ALL3)
    b = model.score_selfassessment(answers(a1=5, a6=1))
    diff = model.compare_scores(a, b)
    assert diff["interesse"] == 50.0 and sum(abs(v) for v in diff.values()) == 50.0
    assert model.workshop_values(b) == {"interesse": 100, "empathie": 50, "selbststeuerung": 50, "grenzen": 50,
                                        "kultur": 50}
    with pytest.raises(CourseInputError):
        model.workshop_values({"interesse": 50})
    with pytest.raises(CourseInputError):
        model.compare_scores(a, dict(b, empathie=120))


@pytest.mark.parametrize("scores", [{"interesse": 62.5, "empathie": 37.5, "selbststeuerung": 0.0, "grenzen": 87.5,
                                     "kultur": 100.0},
                                    {"interesse": 12.45, "empathie": 13.46, "selbststeuerung": 99.95, "grenzen": 0.04,
                                     "kultur": 33.333}])
def test_preview_values_are_what_the_workshop_export_carries(scores):
    """The preview promises „diese gerundeten Werte“: they equal the 00_Start export of the saved run."""
    from course_lib.workshop import export

    run = {"datum": "01.12.2026", "werte": model.saved_values(scores)}
    doc = export.build("Adler_3", {"quiz": {}, "polls": {}, "selfassessment": {"m06": {"runs": [run]}}})
    assert doc["selbsteinschaetzung"] == model.workshop_values(scores)


def test_answered_count():
    assert model.answered_count({}) == 0
    assert model.answered_count(answers(a2=None)) == 9
    with pytest.raises(CourseInputError):
        model.answered_count("abc")


# -- Energiebudget ----------------------------------------------------------------------

def test_energy_reference_values_from_brief():
    r = model.strain_path()
    assert r.daily_strain == pytest.approx(2.28)
    assert r.recovery == pytest.approx(1.56)
    assert r.end == pytest.approx(14.4)
    assert r.crossing_day == 14 and not r.sustainable
    assert r.authenticity == pytest.approx(0.7)
    assert model.strain_path(s=0).end == pytest.approx(4.0)
    u1 = model.strain_path(u=1)
    assert u1.recovery == pytest.approx(2.4) and u1.end == 0.0 and u1.sustainable and u1.crossing_day is None


def test_energy_boundaries():
    low = model.strain_path(n=10, d=0, s=0, c=1, u=1, days=1)
    assert low.per_contact == pytest.approx(0.02) and low.end == 0.0
    high = model.strain_path(n=120, d=0.6, s=1, c=0, u=0, days=60)
    assert high.end == pytest.approx(60 * (120 * 0.17 - 1.2))
    assert len(high.path) == 61 and np.all(np.diff(high.path) >= 0)


@pytest.mark.parametrize("param,lo,hi,direction", [
    ("n", 20, 100, +1), ("d", 0.1, 0.5, +1), ("s", 0.1, 0.9, +1), ("c", 0.0, 1.0, -1), ("u", 0.0, 0.4, -1),
])
def test_energy_direction_of_each_parameter(param, lo, hi, direction):
    a = model.strain_path(**{param: lo})
    b = model.strain_path(**{param: hi})
    assert np.sign(b.end - a.end) == direction, (param, a.end, b.end)


def test_energy_authenticity_falls_with_surface_acting():
    assert model.strain_path(s=1).authenticity < model.strain_path(s=0).authenticity


@pytest.mark.parametrize("kw,word", [({"n": 5}, "Kontakte"), ({"d": 0.7}, "schwieriger"), ({"s": -0.1}, "Oberfl"),
                                     ({"u": "viel"}, "keine Zahl"), ({"days": 2.5}, "ganze Zahl"), ({"c": float("nan")}, "endliche")])
def test_energy_bad_input(kw, word):
    with pytest.raises(CourseInputError) as e:
        model.strain_path(**kw)
    assert word in str(e.value)


def test_energy_accepts_german_decimal_comma():
    assert model.strain_path(d="0,2").end == pytest.approx(14.4)


# -- Trust equation and mirroring ------------------------------------------------------

def test_trust_reference_values():
    assert model.trust(7, 8, 6, 7) == pytest.approx(3.0)
    assert model.trust(7, 8, 6, 3) == pytest.approx(7.0)
    assert model.trust(1, 1, 1, 10) == pytest.approx(0.3)
    assert model.trust(10, 10, 10, 1) == pytest.approx(30.0)


def test_trust_directions_and_bad_input():
    assert model.trust(8, 8, 8, 5) > model.trust(7, 8, 8, 5)
    assert model.trust(7, 8, 8, 4) > model.trust(7, 8, 8, 5)
    with pytest.raises(CourseInputError) as e:
        model.trust(7, 8, 6, 0)
    assert "Selbstorientierung" in str(e.value)


def test_mirror_path_converges_monotonically():
    p = model.mirror_path(0.9, 0.3, 0.25, 10)
    assert p[0] == 0.3 and len(p) == 11
    assert np.all(np.diff(p) > 0) and p[-1] < 0.9
    assert p[1] == pytest.approx(0.3 + 0.25 * 0.6)
    assert np.all(model.mirror_path(0.9, 0.3, 0.0, 5) == 0.3)
    # larger μ → closer to the seller's warmth
    assert model.mirror_path(0.9, 0.3, 0.5, 5)[-1] > model.mirror_path(0.9, 0.3, 0.1, 5)[-1]
    with pytest.raises(CourseInputError):
        model.mirror_path(0.5, mu=0.6)


# -- Kunden als Freunde -----------------------------------------------------------------

FRIENDLY = ["abstand", "sprache", "argumente", "entspannt", "laecheln", "zuwendung"]


def test_friend_stance_raises_trust_and_lowers_resistance():
    base = model.friend_scenario([], "vertraeglich")
    friend = model.friend_scenario(FRIENDLY, "vertraeglich")
    assert friend.trust > base.trust
    assert friend.resistance[-1] < base.resistance[-1]
    assert friend.acting_cost == 0.0
    pressure = model.friend_scenario(["druck"], "vertraeglich")
    assert pressure.trust < base.trust and pressure.resistance[-1] > base.resistance[-1]


def test_friend_stance_has_limits_with_some_customers():
    ok = model.friend_scenario(FRIENDLY, "vertraeglich")
    for c in ("unsympathisch", "unredlich"):
        r = model.friend_scenario(FRIENDLY, c)
        assert r.acting_cost > 0, c
        assert r.path[-1] < ok.path[-1], c
        assert "Grenze" in r.limit
    assert model.friend_scenario(FRIENDLY, "unredlich").acting_cost > model.friend_scenario(FRIENDLY, "unsympathisch").acting_cost


@pytest.mark.parametrize("args,word", [((["fliegen"],), "Verhaltensweise"), ((["druck", "druck"],), "doppelt"),
                                       (([], "chef"), "Kundentyp"), (("druck",), "Liste")])
def test_friend_bad_input(args, word):
    with pytest.raises(CourseInputError) as e:
        model.friend_scenario(*args)
    assert word in str(e.value)


# -- widgets ------------------------------------------------------------------------------

@pytest.fixture
def fresh_store(data_dir):
    return Store(view.STORE_NAME)


def _fill(w, value_for):
    for i, c in w.controls.items():
        c.value = value_for(i)


def test_selfassessment_widget_flow(fresh_store, data_dir):
    before = len(guard.LAST_ERRORS)
    w = view.SelfAssessment(fresh_store)
    assert "vt-live" in w.box._dom_classes and "vt-view" in w.view_box._dom_classes
    assert "10 Aussagen offen" in w.plot.alt and "0 von 10" in w.text.value
    # saving before all answers are given: German message, no exception
    w.save_button.click()
    assert "fehlen noch 10" in w.message.value and "Eingabe prüfen" in w.message.value
    _fill(w, lambda i: 3)
    assert "Empathie 50" in w.plot.alt
    assert "&quot;empathie&quot;: 50" in w.preview.value
    w.save_button.click()
    assert "Lauf 1" in w.message.value
    runs = fresh_store.read()["m06"]["runs"]
    assert len(runs) == 1 and runs[0]["werte"]["empathie"] == 50.0
    # a second, better run is compared with the first one
    _fill(w, lambda i: 1 if next(x for x in model.ITEMS if x["id"] == i)["reverse"] else 5)
    assert "Veränderung" in w.text.value and "+50" in w.text.value
    assert "früherer Lauf" in w.plot.alt
    w.save_button.click()
    w2 = view.SelfAssessment(fresh_store)  # runs come back in a new widget
    assert len(w2.compare.options) == 3 and w2.compare.value == 1
    # one export path only (00_Start export / Klassenraum): the preview shows what goes there
    assert not hasattr(w, "export_button")
    assert '&quot;kultur&quot;: 100' in w.preview.value and "antworten" not in w.preview.value
    # delete: the button only asks; one run or all; cancel keeps everything
    w.clear_button.click()
    assert len(fresh_store.read()["m06"]["runs"]) == 2 and w.confirm_box.layout.display == "flex"
    assert "Wirklich alle" in w.confirm_text.value
    w.cancel_button.click()
    assert len(fresh_store.read()["m06"]["runs"]) == 2 and "Nichts gelöscht" in w.message.value
    w.clear_button.click()
    w.delete_target.value = "0"
    assert "Wirklich Lauf 1" in w.confirm_text.value
    w.confirm_button.click()
    runs = fresh_store.read()["m06"]["runs"]
    assert len(runs) == 1 and runs[0]["werte"]["kultur"] == 100.0
    w.clear_button.click()
    w.confirm_button.click()
    assert fresh_store.read().get("m06") is None and w.compare.options == (("kein früherer Lauf", -1),)
    assert w.compare.value == -1                       # a real option, never an empty field
    assert len(guard.LAST_ERRORS) == before


def test_energiebudget_widget():
    w = view.energiebudget()
    text = w.view_box.children[1].value
    assert "2,28" in text and "14,4" in text and "Tag 14" in w.plots[0].alt
    assert w.plots[0].fig.axes[0].get_ylim()[1] == 20          # not 50 for an end value of 14,4
    assert "Schwelle erreicht" in [t.get_text() for t in w.plots[0].fig.axes[0].get_legend().get_texts()]
    assert "Nicht tragfähig" in text
    w.controls["u"].value = 1.0
    assert "Tragfähig" in w.view_box.children[1].value and "nicht erreicht" in w.plots[0].alt
    assert "Schwelle erreicht" not in [t.get_text() for t in w.plots[0].fig.axes[0].get_legend().get_texts()]
    w.controls["tage"].value = 5
    assert "über 5 Arbeitstage" in w.plots[0].alt
    full = w.plots[0].full_draws
    w.controls["c"].value = 0.5  # small change: blitting, no full redraw
    assert w.plots[0].full_draws == full
    assert "Modellannahmen" in w.assumptions.value


def test_energiebudget_bad_control_value_shows_german_message():
    w = view.energiebudget()
    before = len(guard.LAST_ERRORS)
    w._update = lambda v: view.model.strain_path(n=500)
    assert not w.refresh()
    assert "Kontakte pro Tag" in w.message.value and len(guard.LAST_ERRORS) == before


def test_kunden_als_freunde_widget():
    w = view.kunden_als_freunde()
    t0 = w.view_box.children[1].value
    assert "3,3" in t0 and "Widerstand am Ende: <b>65" in t0
    w.controls["verhalten"].value = list(FRIENDLY)
    t1 = w.view_box.children[1].value
    assert "= <b>11,0</b>" in t1 and "Gespielte Wärme" not in t1 and "Hier passt" in t1
    w.controls["kunde"].value = "unredlich"
    t2 = w.view_box.children[1].value
    assert "Gespielte Wärme" in t2 and "von 100" in t2 and "Grenze" in t2 and "Hier passt" not in t2
    assert "Vertrauen des Kunden steigt" in t2            # the text names what the plot shows
    w.controls["kunde"].value = "vertraeglich"
    w.controls["verhalten"].value = ["druck", "distanz"]
    t3 = w.view_box.children[1].value
    assert "Hier passt" not in t3 and "Wirkt gegen Sie" in t3
    assert "Wärme des Kunden am Ende" in w.plots[0].alt


def test_widgets_registry_builds_every_widget():
    assert set(view.WIDGETS) == {"selbsteinschaetzung", "energiebudget", "kunden_als_freunde"}
    for f in view.WIDGETS.values():
        w = f()
        assert "vt-live" in w.box._dom_classes
        assert w.plots[0].alt
