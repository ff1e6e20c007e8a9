"""Module 07: phase diagnosis and Markov-chain model (reference values from the brief),
widgets driven programmatically."""
from __future__ import annotations

import numpy as np
import pytest

from course_lib.blocks import guard
from course_lib.errors import CourseInputError
from course_lib.m07_beziehungsphasen import model, view


# -- Phasen-Diagnose --------------------------------------------------------------------

def test_phase_labels_are_webers_five():
    assert len(model.PHASES) == 5 and model.PHASES[3] == "Ich, Du und Wir"
    assert len(model.PHASE_INFO) == 5


@pytest.mark.parametrize("signs,phase", [
    (["begeistert", "verstanden"], 1),
    (["zu_teuer", "kleiner"], 2),
    (["schleifen", "verzug", "rabatt"], 3),
    (["gelassen", "kein_feilschen"], 4),
    (["eigenstaendig", "dazugehoerig", "ziele"], 5),
])
def test_diagnosis_typical_cases(signs, phase):
    d = model.diagnose(signs)
    assert d.phase == phase and d.clear
    assert d.fit.sum() == pytest.approx(1.0)


def test_each_sign_points_to_its_strongest_phase():
    for key, (_text, w) in model.SIGNS.items():
        if key in model.WARNING_ONLY:
            continue
        assert model.diagnose([key]).phase == int(np.argmax(w)) + 1, key
    # a departure of the key contact alone names no phase (it happens in every phase)
    d = model.diagnose(["kontakt_geht"])
    assert d.phase is None and d.contact_warning and model.WARNING_ONLY == {"kontakt_geht"}


def test_diagnosis_ambiguity_and_contact_warning():
    d = model.diagnose(["zu_teuer", "schleifen"])  # P2 1,3 vs P3 1,4 → close call
    assert not d.clear and d.phase == 3
    assert model.diagnose(["projekte", "kontakt_geht"]).contact_warning
    assert not model.diagnose(["projekte"]).contact_warning


def test_diagnosis_ignores_duplicates():
    assert np.allclose(model.diagnose(["rabatt", "rabatt"]).fit, model.diagnose(["rabatt"]).fit)


@pytest.mark.parametrize("bad,word", [([], "keine Beobachtung"), (["raten"], "kenne ich nicht"), ("rabatt", "Liste")])
def test_diagnosis_bad_input(bad, word):
    with pytest.raises(CourseInputError) as e:
        model.diagnose(bad)
    assert word in str(e.value)


# -- Markov chain -----------------------------------------------------------------------

def test_transition_matrix_rows_sum_to_one_and_ended_absorbs():
    P = model.transition_matrix(lam=0.05)
    assert np.allclose(P.sum(axis=1), 1) and (P >= 0).all()
    assert P[5, 5] == 1.0
    assert P[1, 2] == pytest.approx(0.15 * 0.95) and P[1, 5] == 0.05 and P[1, 0] == 0.05
    assert P[0, 0] == pytest.approx(1 - 0.02 - 0.25 * 0.98)  # no reset from P1 itself
    assert P[4, 4] == pytest.approx(1 - 0.002 - 0.05)


def test_reference_values_from_brief():
    end = model.phase_chain()[-1]
    assert end[4] == pytest.approx(0.318, abs=0.001)
    assert end[5] == pytest.approx(0.506, abs=0.001)
    end2 = model.phase_chain(lam=0.02)[-1]
    assert end2[4] == pytest.approx(0.20, abs=0.005)
    assert end2[5] == pytest.approx(0.56, abs=0.005)


def test_phase_two_is_the_riskiest_by_default():
    assert np.argmax(model.H_DEFAULT) == 1
    assert max(model.H_DEFAULT[3:]) < min(model.H_DEFAULT[:3])


def test_boundaries_of_the_chain():
    zero = model.phase_chain(h=[0] * 5, a=[0] * 4, months=12)
    assert zero[-1, 0] == 1.0  # nothing ever happens
    sure = model.phase_chain(h=[0] * 5, a=[0.6] * 4, months=120)
    assert sure[-1, 4] > 0.99
    all_end = model.phase_chain(h=[0.2] * 5, a=[0] * 4, months=120)
    assert all_end[-1, 5] > 0.99


@pytest.mark.parametrize("kw,index,direction", [
    ({"lam": 0.03}, 4, -1),          # more contact changes → fewer in P5
    ({"lam": 0.03}, 5, +1),          # … and more endings
    ({"h": (0.02, 0.02, 0.03, 0.005, 0.002)}, 5, -1),  # lower risk in P2 → fewer endings
    ({"a": (0.25, 0.30, 0.10, 0.06)}, 4, +1),          # faster through P2 → more in P5
])
def test_direction_of_parameters(kw, index, direction):
    base = model.phase_chain()[-1, index]
    new = model.phase_chain(**kw)[-1, index]
    assert np.sign(new - base) == direction


def test_scenario_params_directions():
    h0, a0, l0 = model.scenario_params(0, 1, 0.02)
    assert h0 == model.H_DEFAULT and a0 == model.A_DEFAULT and l0 == 0.02
    h1, a1, _ = model.scenario_params(1, 1, 0.02)
    assert h1[1] == pytest.approx(0.02) and a1[1] == pytest.approx(0.225) and h1[0] == h0[0]
    assert model.scenario_params(0, 4, 0.02)[2] == pytest.approx(0.005)
    skilled = model.phase_chain(*model.scenario_params(1, 1, 0))[-1]
    assert skilled[4] > 0.318 and skilled[5] < 0.506


def test_simulation_is_seeded_and_close_to_exact():
    s1 = model.simulate_relationships(n=2000, seed=3)
    s2 = model.simulate_relationships(n=2000, seed=3)
    assert np.array_equal(s1, s2)
    assert not np.array_equal(s1, model.simulate_relationships(n=2000, seed=4))
    sh = model.shares(s1)
    exact = model.phase_chain()
    assert np.abs(sh - exact).max() < 0.04
    assert (s1[:, 0] == 0).all()
    # ended stays ended
    ended = s1[:, :-1] == 5
    assert (s1[:, 1:][ended] == 5).all()


@pytest.mark.parametrize("fn,kw,word", [
    (model.transition_matrix, {"h": (0.3, 0, 0, 0, 0)}, "Trennungsrisiko"),
    (model.transition_matrix, {"a": (0.1, 0.1)}, "Einträge"),
    (model.transition_matrix, {"lam": -0.01}, "Ansprechpartnerwechsel"),
    (model.phase_chain, {"months": 0}, "Monate"),
    (model.simulate_relationships, {"n": 0}, "Beziehungen"),
    (model.simulate_relationships, {"seed": -1}, "Seed"),
    (model.scenario_params, {"contacts": 5}, "Ansprechpersonen"),
    (model.scenario_params, {"skill": "viel"}, "keine Zahl"),
])
def test_bad_input_is_german(fn, kw, word):
    with pytest.raises(CourseInputError) as e:
        fn(**kw)
    assert word in str(e.value)


def test_shares_rejects_foreign_data():
    with pytest.raises(CourseInputError):
        model.shares(np.array([1, 2, 3]))
    with pytest.raises(CourseInputError):
        model.shares(np.array([[0, 7]]))


# -- widgets ------------------------------------------------------------------------------

def test_phasen_diagnose_widget():
    w = view.phasen_diagnose()
    assert "keine Beobachtung" in w.plots[0].alt and "Kreuzen Sie an" in w.view_box.children[1].value
    obs = w.controls["beobachtungen"]
    assert sorted(obs.ids) == sorted(model.SIGNS) and obs.multiple
    obs.value = ["rabatt", "verzug"]
    html = w.view_box.children[1].value
    assert "Phase: 3" in html and "Bekämpfung der Gegensätze" in html and "ändern, annehmen oder beenden" in html
    assert "Markiert ist Phase 3" in w.plots[0].alt
    obs.value = ["rabatt", "verzug", "kontakt_geht"]
    assert "Achtung" in w.view_box.children[1].value
    obs.value = ["kontakt_geht"]
    html = w.view_box.children[1].value
    assert "Noch keine Diagnose" in html and "Achtung" in html and "Verliebtheit" not in html
    obs.value = []
    assert "keine Beobachtung" in w.plots[0].alt and w.message.value == ""


def test_beziehungsverlauf_widget():
    before = len(guard.LAST_ERRORS)
    w = view.beziehungsverlauf()
    html = w.view_box.children[1].value
    assert "31,8\u00a0% in Phase 5" in html and "50,6\u00a0% beendet" in html
    assert "36\u00a0Monate" in w.plots[0].alt
    w.controls["wechsel"].value = 2.0          # percent, as the slider shows it
    assert "19,7\u00a0% in Phase 5" in w.view_box.children[1].value
    w.controls["kontakte"].value = 4
    assert "0,50\u00a0%</b> pro Monat" in w.view_box.children[1].value
    full = w.plots[0].full_draws
    w.controls["geschick"].value = 1.0
    assert w.plots[0].full_draws == full  # blitting only
    w.controls["monate"].value = 60
    assert w.plots[0].full_draws == full + 1 and "60\u00a0Monate" in w.plots[0].alt
    # same settings → same picture (seeded)
    w2 = view.beziehungsverlauf()
    for k, v in w.values().items():
        w2.controls[k].value = v
    assert w2.view_box.children[1].value == w.view_box.children[1].value
    assert len(guard.LAST_ERRORS) == before


def test_beziehungsverlauf_bad_value_shows_german_message():
    w = view.beziehungsverlauf()
    w._update = lambda v: model.scenario_params(v["geschick"], 9, v["wechsel"])
    assert not w.refresh()
    assert "Ansprechpersonen" in w.message.value and "Was tun?" in w.message.value


def test_widgets_registry():
    assert set(view.WIDGETS) == {"phasen_diagnose", "beziehungsverlauf"}
    for f in view.WIDGETS.values():
        assert "vt-live" in f().box._dom_classes
