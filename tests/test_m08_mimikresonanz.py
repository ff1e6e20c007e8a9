"""Module 08 (Mimikresonanz): models, face drawing, browser-timed flash and both widgets."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from course_lib.blocks import guard
from course_lib.m08_mimikresonanz import face, model, view
from tests.helpers import assert_course_error


german_error = assert_course_error  # tests/helpers.py: message, hint, German


# ---------------------------------------------------------------------------------------------
# emotions and action units
# ---------------------------------------------------------------------------------------------
def test_seven_basic_emotions_with_brief_prototypes():
    assert model.EMOTIONS == ("freude", "trauer", "aerger", "angst", "ueberraschung", "ekel", "verachtung")
    proto = {e: set(k.rstrip("R") for k in aus) for e, aus in model.EMOTION_AUS.items()}
    assert proto == {  # BRIEF §8 [B4]: FACS prototypes (Ekman & Friesen 1978)
        "freude": {"6", "12"}, "trauer": {"1", "4", "15"}, "ueberraschung": {"1", "2", "5", "26"},
        "angst": {"1", "2", "4", "5", "20", "26"}, "aerger": {"4", "5", "7", "23"},
        "ekel": {"9", "10", "15", "16"}, "verachtung": {"12", "14"},
    }
    assert set(model.EMOTION_AUS["verachtung"]) == {"12R", "14R"}, "contempt is one-sided"
    assert "6" not in model.SOCIAL_SMILE and "12" in model.SOCIAL_SMILE, "social smile lacks AU 6"


def test_neutral_face_is_symmetric():
    g = model.face_geometry({})
    assert g["mouth_l_y"] == g["mouth_r_y"] == 172
    assert 100 - g["mouth_l_x"] == g["mouth_r_x"] - 100 == 22
    assert g["brow_inner_y"] == g["brow_outer_y"] == 86
    assert g["opening"] == 0 and g["crows_feet"] == 0


# (action unit, geometry key, expected sign of the change when the unit goes 0 → 1)
DIRECTIONS = [
    ("1", "brow_inner_y", -1), ("2", "brow_outer_y", -1), ("4", "brow_inner_y", +1), ("4", "brow_inner_dx", +1),
    ("5", "eye_upper", +1), ("6", "eye_lower", -1), ("6", "crows_feet", +1), ("7", "eye_upper", -1),
    ("9", "nose_wrinkle", +1), ("9", "upper_lip_y", -1), ("10", "upper_lip_y", -1),
    ("12", "mouth_l_y", -1), ("12", "mouth_r_y", -1), ("12", "mouth_r_x", +1), ("12R", "mouth_r_y", -1),
    ("14", "dimple_l", +1), ("14R", "dimple_r", +1), ("15", "mouth_l_y", +1), ("16", "lower_lip_y", +1),
    ("17", "lower_lip_y", -1), ("17", "chin", +1), ("20", "mouth_r_x", +1), ("23", "mouth_r_x", -1),
    ("23", "lip_thickness", -1), ("25", "opening", +1), ("26", "opening", +1),
]


@pytest.mark.parametrize("au,key,sign", DIRECTIONS, ids=lambda x: str(x))
def test_direction_of_each_action_unit(au, key, sign):
    base = model.face_geometry({})[key]
    half = model.face_geometry({au: 0.5})[key]
    full = model.face_geometry({au: 1.0})[key]
    assert sign * (half - base) > 0 and sign * (full - half) > 0, (au, key, base, half, full)


def test_one_sided_units_move_only_one_corner():
    g = model.face_geometry(model.EMOTION_AUS["verachtung"])
    assert g["mouth_r_y"] < g["mouth_l_y"] == 172
    assert g["dimple_r"] > 0 and g["dimple_l"] == 0


def test_smile_and_sadness_bend_the_mouth_in_opposite_directions():
    joy, sad = model.face_geometry(model.EMOTION_AUS["freude"]), model.face_geometry(model.EMOTION_AUS["trauer"])
    assert joy["mouth_l_y"] < 172 < sad["mouth_l_y"]
    assert sad["brow_inner_y"] < sad["brow_outer_y"], "sadness: inner brow ends higher than outer ends"


def test_face_geometry_boundaries_and_bad_input():
    full = {k: 1.0 for k in model.AU_LABELS}
    g = model.face_geometry(full)
    assert all(math.isfinite(v) for v in g.values())
    assert 0 < min(g["mouth_l_x"], g["brow_inner_y"]) and max(g["mouth_r_x"], g["lower_lip_y"]) < 240
    german_error(model.face_geometry, {"12": 1.2})
    german_error(model.face_geometry, {"12": -0.1})
    german_error(model.face_geometry, {"12": "viel"})
    german_error(model.face_geometry, {"3": 0.5})
    german_error(model.face_geometry, [("12", 1.0)])
    assert model.face_geometry({"12": "0,5"}) == model.face_geometry({"12": 0.5}), "German decimal comma accepted"


# ---------------------------------------------------------------------------------------------
# SVG face and the browser-timed flash
# ---------------------------------------------------------------------------------------------
def test_face_svg_is_valid_deterministic_and_distinct():
    svgs = {e: face.face_svg(model.EMOTION_AUS[e]) for e in model.EMOTIONS}
    for e, s in svgs.items():
        root = ET.fromstring(s)
        assert root.tag.endswith("svg") and root.get("role") == "img"
        assert root.get("width") == "200" and root.get("height") == "240"
        assert s == face.face_svg(model.EMOTION_AUS[e]), "deterministic"
    assert len(set(svgs.values())) == 7, "every emotion looks different"
    assert face.face_svg({}) not in svgs.values()


def test_face_svg_label_is_escaped_and_size_checked():
    s = face.face_svg({}, label='<b>"x"</b>', size=100)
    assert "<b>" not in s and ET.fromstring(s).get("aria-label") == '<b>"x"</b>'
    assert ET.fromstring(s).get("height") == "120"
    german_error(face.face_svg, {}, size=10)


def test_flash_html_times_the_exposure_in_css():
    html = face.flash_html("vtmx9-3", model.EMOTION_AUS["angst"], 150)
    assert "@keyframes vtmx9-3 {" in html
    assert re.search(r"\.vtmx9-3 \{ animation: vtmx9-3 150ms linear 1000ms 1 normal none;", html)
    # the emotional layer is hidden by default (only the running animation shows it) …
    layer = re.search(r'<div class="vtmx9-3"[^>]*style="([^"]*)"', html).group(1)
    assert "opacity:0" in layer
    # … and contains the emotional face, while the layer below is the neutral face
    assert face.face_svg(model.EMOTION_AUS["angst"]) in html and face.face_svg({}) in html
    assert 'data-exposure-ms="150"' in html and 'data-lead-ms="1000"' in html


def test_flash_html_exposure_and_lead_follow_the_arguments():
    a = face.flash_html("a1", {}, 40, lead_ms=0)
    b = face.flash_html("a1", {}, 500, lead_ms=2000)
    assert "a1 40ms linear 0ms" in a and "a1 500ms linear 2000ms" in b


def test_flash_html_bad_input():
    german_error(face.flash_html, "1abc", {}, 150)          # not a CSS identifier
    german_error(face.flash_html, "x;}body{", {}, 150)
    german_error(face.flash_html, "ok", {}, 39)
    german_error(face.flash_html, "ok", {}, 501)
    german_error(face.flash_html, "ok", {}, 150.5)
    german_error(face.flash_html, "ok", {}, 150, lead_ms=-1)


# ---------------------------------------------------------------------------------------------
# trial order, exposure classes, frames
# ---------------------------------------------------------------------------------------------
def test_trial_order_is_seeded_and_block_balanced():
    seq = [model.emotion_for_trial(i) for i in range(28)]
    for b in range(4):
        assert sorted(seq[7 * b:7 * b + 7]) == sorted(model.EMOTIONS)
    assert seq == [model.emotion_for_trial(i, seed=8) for i in range(28)]
    assert seq != [model.emotion_for_trial(i, seed=9) for i in range(28)]
    mixed = [model.exposure_for_trial(i) for i in range(10)]
    assert sorted(mixed[:5]) == sorted(model.MIXED_LEVELS) == sorted(mixed[5:])
    assert [model.exposure_for_trial(i, levels=[300]) for i in range(3)] == [300, 300, 300]


def test_trial_order_bad_input():
    german_error(model.emotion_for_trial, -1)
    german_error(model.emotion_for_trial, 1.5)
    german_error(model.emotion_for_trial, 0, seed=-3)
    german_error(model.exposure_for_trial, 0, levels=[])
    german_error(model.exposure_for_trial, 0, levels=[20])


@pytest.mark.parametrize("ms,label", [(40, "40–99\u00a0ms"), (99, "40–99\u00a0ms"), (100, "100–124\u00a0ms"), (124, "100–124\u00a0ms"),
                                      (125, "125–200\u00a0ms"), (150, "125–200\u00a0ms"), (200, "125–200\u00a0ms"),
                                      (201, "201–300\u00a0ms"), (300, "201–300\u00a0ms"), (301, "301–500\u00a0ms"), (500, "301–500\u00a0ms"),
                                      (None, "ohne Zeitlimit")])
def test_exposure_classes(ms, label):
    assert model.exposure_class(ms) == label


def test_exposure_limits():
    assert model.check_exposure(40) == 40 and model.check_exposure(500) == 500
    assert model.EXPOSURE_MIN <= model.EXPOSURE_DEFAULT <= model.EXPOSURE_MAX
    assert 125 <= model.EXPOSURE_DEFAULT <= 200, "default lies in the source's 125–200 ms band"
    for bad in (39, 501, "schnell", None, True):
        german_error(model.check_exposure, bad)


def test_frames_shown_reference_values():
    t150 = model.frames_shown(150)
    assert t150.frame_ms == pytest.approx(16.6667, abs=1e-3)
    assert (t150.frames_min, t150.frames_max) == (9, 9)
    t40 = model.frames_shown(40)
    assert (t40.frames_min, t40.frames_max) == (2, 3)
    assert t40.shown_min_ms == pytest.approx(33.33, abs=0.01) and t40.shown_max_ms == pytest.approx(50.0)
    assert (model.frames_shown(125).frames_min, model.frames_shown(125).frames_max) == (7, 8)
    # direction: a faster display has a finer grid; a longer exposure covers more frames
    assert model.frames_shown(150, 120).frame_ms < t150.frame_ms
    assert model.frames_shown(300).frames_min > t150.frames_max
    german_error(model.frames_shown, 0)
    german_error(model.frames_shown, 150, refresh_hz=10)


# ---------------------------------------------------------------------------------------------
# tally
# ---------------------------------------------------------------------------------------------
TRIALS = [
    {"emotion": "freude", "answer": "freude", "exposure_ms": 150},
    {"emotion": "freude", "answer": "weiss_nicht", "exposure_ms": 50},
    {"emotion": "ekel", "answer": "aerger", "exposure_ms": 300},
    {"emotion": "ekel", "answer": "ekel", "exposure_ms": 300},
    {"emotion": "verachtung", "answer": "verachtung", "exposure_ms": None},
]


def test_hit_rates_per_emotion():
    df = model.hit_rates(TRIALS, "emotion")
    assert list(df.index) == [model.EMOTION_LABELS[e] for e in model.EMOTIONS]
    assert df.loc["Freude", "Durchgänge"] == 2 and df.loc["Freude", "Treffer"] == 1
    assert df.loc["Freude", "Trefferquote"] == 0.5, "'Weiß nicht' counts as a miss"
    assert df.loc["Ekel", "Trefferquote"] == 0.5 and df.loc["Verachtung", "Trefferquote"] == 1.0
    assert math.isnan(df.loc["Trauer", "Trefferquote"]) and df.loc["Trauer", "Durchgänge"] == 0
    assert df["Durchgänge"].sum() == len(TRIALS)


def test_hit_rates_per_exposure():
    df = model.hit_rates(TRIALS, "exposure")
    assert list(df.index) == [c[0] for c in model.EXPOSURE_CLASSES] + ["ohne Zeitlimit"]
    assert df.loc["201–300\u00a0ms", "Durchgänge"] == 2 and df.loc["201–300\u00a0ms", "Trefferquote"] == 0.5
    assert df.loc["40–99\u00a0ms", "Trefferquote"] == 0.0
    assert "ohne Zeitlimit" not in model.hit_rates(TRIALS[:4], "exposure").index
    empty = model.hit_rates([], "exposure")
    assert empty["Durchgänge"].sum() == 0 and empty["Trefferquote"].isna().all()


def test_more_hits_raise_the_rate():
    base = model.hit_rates(TRIALS, "emotion").loc["Ekel", "Trefferquote"]
    more = model.hit_rates(TRIALS + [{"emotion": "ekel", "answer": "ekel", "exposure_ms": 300}], "emotion")
    assert more.loc["Ekel", "Trefferquote"] > base


def test_confusion_table():
    df = model.confusion_table(TRIALS)
    assert df.values.sum() == len(TRIALS)
    assert df.loc["Ekel", "Ärger"] == 1 and df.loc["Freude", "Weiß nicht"] == 1


def test_tally_bad_input():
    german_error(model.hit_rates, TRIALS, "farbe")
    german_error(model.hit_rates, "kein Durchgang")
    german_error(model.hit_rates, [{"emotion": "freude"}])
    german_error(model.hit_rates, [{"emotion": "wut", "answer": "freude", "exposure_ms": 150}])
    german_error(model.hit_rates, [{"emotion": "freude", "answer": "froh", "exposure_ms": 150}])
    german_error(model.confusion_table, [{"emotion": "freude", "answer": "freude", "exposure_ms": 5}])


# ---------------------------------------------------------------------------------------------
# signal detection
# ---------------------------------------------------------------------------------------------
def test_dprime_reference_value():
    # BRIEF §12: H = 0,8, FA = 0,2 → d' ≈ 1,68
    assert model.dprime_from_rates(0.8, 0.2) == pytest.approx(1.683, abs=1e-3)
    assert model.dprime_from_rates(0.5, 0.5) == pytest.approx(0.0)


def test_sdt_log_linear_correction():
    s = model.sdt(8, 2, 2, 8)
    assert s["H"] == pytest.approx(8.5 / 11) and s["FA"] == pytest.approx(2.5 / 11)
    assert s["d_prime"] == pytest.approx(1.4955, abs=1e-3)
    assert s["c"] == pytest.approx(0.0, abs=1e-12)
    assert s["H_raw"] == 0.8 and s["FA_raw"] == 0.2
    perfect = model.sdt(6, 0, 0, 3)
    assert math.isfinite(perfect["d_prime"]) and 0 < perfect["FA"] < perfect["H"] < 1
    empty = model.sdt(0, 0, 0, 0)
    assert empty["d_prime"] == 0 and math.isnan(empty["H_raw"])


def test_sdt_directions():
    base = model.sdt(4, 2, 1, 2)["d_prime"]
    assert model.sdt(5, 1, 1, 2)["d_prime"] > base       # more hits → more sensitive
    assert model.sdt(4, 2, 2, 1)["d_prime"] < base       # more false alarms → less sensitive
    assert model.sdt(1, 5, 0, 3)["c"] > 0 > model.sdt(6, 0, 3, 0)["c"]  # cautious vs. suspicious


def test_sdt_bad_input():
    german_error(model.sdt, -1, 0, 0, 0)
    german_error(model.sdt, 1.5, 0, 0, 0)
    german_error(model.sdt, "drei", 0, 0, 0)
    german_error(model.dprime_from_rates, 1.0, 0.2)
    german_error(model.dprime_from_rates, 0.8, 0)


# ---------------------------------------------------------------------------------------------
# scenarios
# ---------------------------------------------------------------------------------------------
def test_scenarios_load_and_are_consistent():
    sc = model.load_scenarios()
    assert len(sc) >= 8
    assert sum(s["congruent"] for s in sc) >= 2 and sum(not s["congruent"] for s in sc) >= 4
    assert any(s["face"] == "soziales_laecheln" for s in sc), "the nodding-and-smiling case is there"
    for s in sc:
        right = [o for o in s["readings"] if o["correct"]]
        assert len(right) == 1 and (right[0]["id"] == "passt") == s["congruent"]
        assert model.scenario_face(s) is not model.EMOTION_AUS.get(s["face"]), "a copy, not the shared dict"


def test_evaluate_scenario_outcomes():
    sc = {s["id"]: s for s in model.load_scenarios()}
    r = model.evaluate_scenario(sc["konzept"], "zweifel", "offen")
    assert r["outcome"] == "hit" and r["reading_ok"] and r["response_ok"]
    r = model.evaluate_scenario(sc["konzept"], "passt", "abschluss")
    assert r["outcome"] == "miss" and not r["reading_ok"] and not r["response_ok"]
    assert r["best_reading"]["id"] == "zweifel" and r["best_response"]["id"] == "offen"
    assert model.evaluate_scenario(sc["freude"], "hoeflich", "naechster")["outcome"] == "false_alarm"
    assert model.evaluate_scenario(sc["freude"], "passt", "naechster")["outcome"] == "correct_rejection"


def test_evaluate_scenario_bad_input():
    s = model.load_scenarios()[0]
    german_error(model.evaluate_scenario, s, None, "offen")
    german_error(model.evaluate_scenario, s, "zweifel", None)
    german_error(model.evaluate_scenario, s, "gibtsnicht", "offen")
    german_error(model.evaluate_scenario, {}, "a", "b")


def test_validate_scenarios_rejects_broken_files():
    good = model.load_scenarios()[0]
    german_error(model.validate_scenarios, {})
    german_error(model.validate_scenarios, {"scenarios": [{**good, "face": "wut"}]})
    german_error(model.validate_scenarios, {"scenarios": [good, good]})
    german_error(model.validate_scenarios, {"scenarios": [{**good, "congruent": True}]})
    two_right = [{**o, "correct": True} for o in good["responses"]]
    german_error(model.validate_scenarios, {"scenarios": [{**good, "responses": two_right}]})
    german_error(model.validate_scenarios, {"scenarios": [{k: v for k, v in good.items() if k != "statement"}]})


# ---------------------------------------------------------------------------------------------
# widget: Mikroexpressions-Trainer
# ---------------------------------------------------------------------------------------------
def _classes(w):
    return set(w._dom_classes)


def test_trainer_structure_and_first_control_changes_the_view():
    t = view.mikro_trainer()
    assert "vt-live" in _classes(t.box) and "vt-view" in _classes(t.view_box)
    assert list(t.controls) == ["dauer", "ablauf", "lernmodus"]
    assert t.controls["dauer"].value == 150 and (t.controls["dauer"].min, t.controls["dauer"].max) == (40, 500)
    before = t.view_state()
    assert "150\u00a0ms" in t.status.value and "9 Bilder" in t.status.value
    t.controls["dauer"].value = 300
    assert t.view_state() != before and "300\u00a0ms" in t.status.value and "18 Bilder" in t.status.value
    assert "Mimik" not in t.message.value and t.message.value == ""
    assert all(b.disabled for b in t.answer_buttons.values()), "no answer before a trial"
    assert t._repr_mimebundle_()


def test_trainer_trial_flashes_in_the_browser_and_tallies_answers():
    t = view.mikro_trainer()
    t.controls["dauer"].value = 200
    t.start_button.click()
    cur = t.current
    assert cur["emotion"] == model.emotion_for_trial(0) and cur["exposure_ms"] == 200
    assert f"@keyframes {cur['uid']}" in t.stage.value and "200ms linear 1000ms" in t.stage.value
    assert not any(b.disabled for b in t.answer_buttons.values())
    t.answer_buttons[cur["emotion"]].click()
    assert "vt-msg-ok" in t.feedback.value and "AU" in t.feedback.value
    assert f"Sie haben {model.EMOTION_LABELS[cur['emotion']]} erkannt (gezeigt für 200\u00a0ms)" in t.feedback.value
    assert "@keyframes" not in t.stage.value, "after the answer the face stays static (no replay)"
    assert t.trials == [{"emotion": cur["emotion"], "answer": cur["emotion"], "exposure_ms": 200}]
    label = model.EMOTION_LABELS[cur["emotion"]]
    assert f"{label} 100" in t.plot.alt and "125–200\u00a0ms 100" in t.plot.alt
    assert "100" in t.tables.value and t.table().loc[label, "Treffer"] == 1
    # second trial: a wrong answer
    t.start_button.click()
    second = t.current
    wrong = next(e for e in model.EMOTIONS if e != second["emotion"])
    t.answer_buttons[wrong].click()
    assert "Gezeigt wurde" in t.feedback.value and len(t.trials) == 2
    assert "Verwechslungen" in t.tables.value and f"<td>{model.EMOTION_LABELS[second['emotion']]}</td>" in t.tables.value
    assert t.table()["Treffer"].sum() == 1


def test_trainer_uids_are_unique_and_order_is_seeded():
    a, b = view.mikro_trainer(), view.mikro_trainer()
    uids, emos = set(), []
    for _ in range(8):
        cur = a.next_trial()
        uids.add(cur["uid"])
        emos.append(cur["emotion"])
        a.answer("weiss_nicht")
    uids.add(b.next_trial()["uid"])
    assert len(uids) == 9, "every trial of every trainer gets a new animation name"
    assert emos == [model.emotion_for_trial(i) for i in range(8)]
    assert "Weiß nicht" in a.feedback.value or "zählt als nicht erkannt" in a.feedback.value


def test_trainer_mixed_mode_and_learning_mode():
    t = view.mikro_trainer()
    t.controls["ablauf"].value = "gemischt"
    assert t.controls["dauer"].disabled and "gemischt" in t.status.value
    got = []
    for _ in range(5):
        got.append(t.next_trial()["exposure_ms"])
        t.answer("freude")
    assert sorted(got) == sorted(model.MIXED_LEVELS)
    assert (t.table("exposure")["Durchgänge"] == 1).all()
    t.controls["lernmodus"].value = True
    cur = t.next_trial()
    assert cur["exposure_ms"] is None and "@keyframes" not in t.stage.value and "<svg" in t.stage.value
    t.answer(cur["emotion"])
    assert t.table("exposure").loc["ohne Zeitlimit", "Treffer"] == 1


def test_trainer_bad_input_shows_german_message_not_exception():
    t = view.mikro_trainer()
    n_err = len(guard.LAST_ERRORS)
    t.answer_buttons["freude"].disabled = False
    t.answer_buttons["freude"].click()           # no trial running
    assert "Nächster Durchgang" in t.message.value and "vt-msg-error" in t.message.value
    t.start_button.click()
    assert guard.run(t.answer, t._show, "froh") is False
    assert "keine der möglichen Angaben" in t.message.value
    assert len(guard.LAST_ERRORS) == n_err, "only German learner errors, no crash"
    german_error(view.mikro_trainer, seed=-1)


def test_trainer_reset():
    t = view.mikro_trainer()
    for _ in range(3):
        t.next_trial()
        t.answer("trauer")
    t.reset_button.click()
    assert t.trials == [] and t.table()["Durchgänge"].sum() == 0
    assert "zurückgesetzt" in t.feedback.value and "Zwei leere Diagramme" in t.plot.alt


# ---------------------------------------------------------------------------------------------
# widget: Wort und Mimik
# ---------------------------------------------------------------------------------------------
def test_wort_und_mimik_structure_and_first_control():
    w = view.wort_und_mimik()
    assert "vt-live" in _classes(w.box) and "vt-view" in _classes(w.view_box)
    assert list(w.controls)[0] == "situation"
    first = w.scene.value
    assert "Konzept finde ich richtig gut" in first and "<svg" in first
    w.controls["situation"].value = "preis"
    assert w.scene.value != first and "Der Preis ist in Ordnung" in w.scene.value
    assert w.reading.value == [] and w.response.value == []
    assert sorted(w.reading.ids) == sorted(o["id"] for o in model.load_scenarios()[1]["readings"])


def test_wort_und_mimik_feedback_and_signal_detection():
    w = view.wort_und_mimik()
    w.reading.value, w.response.value = ["zweifel"], ["offen"]
    w.check_button.click()
    assert "vt-msg-ok" in w.feedback.value and "Ertappen" not in w.feedback.value
    assert "Treffer: 1" in w.summary.value
    assert "d′ =" not in w.summary.value and "erscheinen, sobald" in w.summary.value, "no d′ without a congruent case"
    w.next_button.click()
    assert w.controls["situation"].value == "preis" and w.feedback.value == ""
    w.reading.value, w.response.value = ["passt"], ["rabatt"]
    w.check_button.click()
    assert "vt-msg-wrong" in w.feedback.value and "Passender wäre" in w.feedback.value and "Besser:" in w.feedback.value
    assert "“ – Richtig:" not in w.feedback.value and " – Gut:" not in w.feedback.value
    assert "Verpasst: 1" in w.summary.value
    w.controls["situation"].value = "freude"
    w.reading.value, w.response.value = ["hoeflich"], ["naechster"]
    w.check_button.click()
    assert "vt-msg-partial" in w.feedback.value and "Falschalarm: 1" in w.summary.value
    assert "d′ =" in w.summary.value and "von 9 Situationen" in w.summary.value


def test_wort_und_mimik_all_right_gives_high_sensitivity():
    w = view.wort_und_mimik()
    for s in model.load_scenarios():
        w.controls["situation"].value = s["id"]
        w.reading.value = [next(o["id"] for o in s["readings"] if o["correct"])]
        w.response.value = [next(o["id"] for o in s["responses"] if o["correct"])]
        w.check()
    c = w._counts()
    assert c["miss"] == c["false_alarm"] == 0
    d = model.sdt(c["hit"], c["miss"], c["false_alarm"], c["correct_rejection"])["d_prime"]
    assert num_in(w.summary.value, d)


def num_in(html: str, value: float) -> bool:
    from course_lib.format_de import num

    return num(value, 2) in html


def test_wort_und_mimik_flash_and_bad_input():
    w = view.wort_und_mimik()
    w.controls["blitz"].value = True
    assert "@keyframes" in w.scene.value and "200ms linear 1000ms" in w.scene.value
    first = w.scene.value
    w.controls["blitz"].value = False
    w.controls["blitz"].value = True
    assert w.scene.value != first, "toggling replays with a new animation name"
    n_err = len(guard.LAST_ERRORS)
    w.check_button.click()                       # nothing chosen
    assert "vt-msg-error" in w.message.value and "Deutung" in w.message.value
    w.reading.value = ["zweifel"]
    w.check_button.click()
    assert "Reaktion" in w.message.value
    assert len(guard.LAST_ERRORS) == n_err


def test_widgets_registry():
    assert set(view.WIDGETS) == {"mikro_trainer", "wort_und_mimik"}
    for name, factory in view.WIDGETS.items():
        w = factory()
        assert w.refresh() is True and w.updates >= 1, name
