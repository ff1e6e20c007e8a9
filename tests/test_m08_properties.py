"""Module 08: property tests – every public model function gives finite, in-range results for
any input inside its domain and a German CourseInputError for any input outside; nothing else
escapes."""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from hypothesis import example, given, settings
from hypothesis import strategies as st

from course_lib.errors import CourseInputError
from course_lib.m08_mimikresonanz import face, model

from tests.helpers import assert_course_error

SETTINGS = settings(max_examples=50, deadline=None)

intensity = st.floats(min_value=0, max_value=1, allow_nan=False)
aus_strategy = st.dictionaries(st.sampled_from(sorted(model.AU_LABELS)), intensity, max_size=len(model.AU_LABELS))
outside_unit = st.one_of(st.floats(max_value=-1e-6, allow_nan=False), st.floats(min_value=1.000001, allow_nan=False),
                         st.just(float("nan")), st.just(float("inf")), st.text(alphabet="abcxyz", min_size=1, max_size=5))
exposure_ok = st.integers(min_value=model.EXPOSURE_MIN, max_value=model.EXPOSURE_MAX)
exposure_bad = st.one_of(st.integers(max_value=model.EXPOSURE_MIN - 1), st.integers(min_value=model.EXPOSURE_MAX + 1),
                         st.floats(min_value=40.01, max_value=499.99).filter(lambda x: x != int(x)))
trial = st.fixed_dictionaries({
    "emotion": st.sampled_from(model.EMOTIONS),
    "answer": st.sampled_from(model.ANSWERS),
    "exposure_ms": st.one_of(st.none(), exposure_ok),
})
count = st.integers(min_value=0, max_value=10_000)




@SETTINGS
@given(aus_strategy)
def test_face_geometry_in_domain(aus):
    g = model.face_geometry(aus)
    assert all(math.isfinite(v) for v in g.values())
    for k in ("mouth_l_x", "mouth_r_x"):
        assert 0 < g[k] < model.VIEW_W
    for k in ("mouth_l_y", "mouth_r_y", "brow_inner_y", "brow_outer_y", "upper_lip_y", "lower_lip_y"):
        assert 0 < g[k] < model.VIEW_H
    assert g["eye_upper"] > 0 and g["opening"] >= 0 and g["lip_thickness"] > 0
    assert g["mouth_l_x"] < 100 < g["mouth_r_x"]
    for k in ("forehead", "furrow", "nose_wrinkle", "nasolabial", "crows_feet", "dimple_l", "dimple_r", "chin"):
        assert 0 <= g[k] <= 1


@SETTINGS
@given(st.sampled_from(sorted(model.AU_LABELS)), outside_unit)
def test_face_geometry_outside_domain(au, value):
    assert_course_error(model.face_geometry, {au: value})


@SETTINGS
@given(st.text(min_size=1, max_size=4).filter(lambda k: k not in model.AU_LABELS), intensity)
def test_face_geometry_unknown_unit(au, value):
    assert_course_error(model.face_geometry, {au: value})


@SETTINGS
@given(aus_strategy, st.integers(min_value=60, max_value=600), st.text(max_size=30))
def test_face_svg_always_well_formed(aus, size, label):
    root = ET.fromstring(face.face_svg(aus, size=size, label=label))
    assert root.get("width") == str(size)


@SETTINGS
@given(st.one_of(st.integers(max_value=59), st.integers(min_value=601)))
def test_face_svg_bad_size(size):
    assert_course_error(face.face_svg, {}, size=size)


@SETTINGS
@given(aus_strategy, exposure_ok, st.integers(min_value=0, max_value=5000), st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True))
def test_flash_html_in_domain(aus, ms, lead, uid):
    html = face.flash_html(uid, aus, ms, lead_ms=lead)
    assert f"animation: {uid} {ms}ms linear {lead}ms 1" in html and f"@keyframes {uid} " in html


@SETTINGS
@given(exposure_bad)
def test_flash_html_bad_exposure(ms):
    assert_course_error(face.flash_html, "ok", {}, ms)


@SETTINGS
@given(st.text(max_size=10).filter(lambda u: not (u[:1].isascii() and u[:1].isalpha() and all(c.isascii() and (c.isalnum() or c in "_-") for c in u))))
@example("A\n")   # a trailing newline passed `re.match(...$)` (found by hypothesis, session 5)
def test_flash_html_bad_uid(uid):
    assert_course_error(face.flash_html, uid, {}, 150)


@SETTINGS
@given(st.integers(min_value=0, max_value=1_000_000), st.integers(min_value=0, max_value=2**31 - 1))
def test_trial_order_in_domain(i, seed):
    assert model.emotion_for_trial(i, seed) in model.EMOTIONS
    assert model.exposure_for_trial(i, seed) in model.MIXED_LEVELS


@SETTINGS
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=1_000_001), st.floats(min_value=0.1, max_value=9.9).filter(lambda x: x != int(x))))
def test_trial_order_outside_domain(i):
    assert_course_error(model.emotion_for_trial, i)
    assert_course_error(model.exposure_for_trial, i)


@SETTINGS
@given(exposure_ok)
def test_exposure_class_in_domain(ms):
    label = model.exposure_class(ms)
    lo, hi = next((lo, hi) for lab, lo, hi in model.EXPOSURE_CLASSES if lab == label)
    assert lo <= ms <= hi
    assert model.check_exposure(ms) == ms


@SETTINGS
@given(exposure_bad)
def test_exposure_class_outside_domain(ms):
    assert_course_error(model.exposure_class, ms)
    assert_course_error(model.check_exposure, ms)


@SETTINGS
@given(st.floats(min_value=1, max_value=10_000), st.floats(min_value=24, max_value=360))
def test_frames_shown_in_domain(ms, hz):
    t = model.frames_shown(ms, hz)
    assert 1 <= t.frames_min <= t.frames_max <= t.frames_min + 1
    assert math.isfinite(t.shown_min_ms) and t.shown_min_ms <= max(ms, t.frame_ms) + 1e-6
    assert t.shown_max_ms >= ms - 1e-6


@SETTINGS
@given(st.one_of(st.floats(max_value=0.999), st.floats(min_value=10_000.001), st.just(float("nan"))))
def test_frames_shown_outside_domain(ms):
    assert_course_error(model.frames_shown, ms)


@SETTINGS
@given(st.lists(trial, max_size=40), st.sampled_from(["emotion", "exposure"]))
def test_hit_rates_in_domain(trials, by):
    df = model.hit_rates(trials, by)
    assert df["Durchgänge"].sum() == len(trials)
    assert (df["Treffer"] <= df["Durchgänge"]).all()
    rates = df["Trefferquote"].dropna()
    assert ((rates >= 0) & (rates <= 1)).all()
    assert df["Trefferquote"].isna().sum() == (df["Durchgänge"] == 0).sum()
    assert model.confusion_table(trials).values.sum() == len(trials)


@SETTINGS
@given(st.lists(trial, min_size=1, max_size=5), st.sampled_from(["emotion", "answer", "exposure_ms"]),
       st.one_of(st.text(max_size=5), st.integers(min_value=501), st.integers(max_value=39)))
def test_hit_rates_outside_domain(trials, key, bad):
    broken = [dict(t) for t in trials]
    broken[0][key] = bad
    assert_course_error(model.hit_rates, broken)


@SETTINGS
@given(count, count, count, count)
def test_sdt_in_domain(h, m, f, r):
    s = model.sdt(h, m, f, r)
    assert 0 < s["H"] < 1 and 0 < s["FA"] < 1
    assert math.isfinite(s["d_prime"]) and math.isfinite(s["c"])
    assert abs(s["d_prime"]) < 12 and abs(s["c"]) < 6


@SETTINGS
@given(st.integers(max_value=-1), st.integers(min_value=0, max_value=3))
def test_sdt_outside_domain(bad, pos):
    args = [1, 1, 1, 1]
    args[pos] = bad
    assert_course_error(model.sdt, *args)


@SETTINGS
@given(st.floats(min_value=0.001, max_value=0.999), st.floats(min_value=0.001, max_value=0.999))
def test_dprime_from_rates_in_domain(h, fa):
    d = model.dprime_from_rates(h, fa)
    assert math.isfinite(d)
    if abs(h - fa) > 1e-9:  # below that, float noise of the rates decides the sign of a ~0 value
        assert (d > 0) == (h > fa) and (d < 0) == (h < fa)
    else:
        assert abs(d) < 1e-6


@SETTINGS
@given(st.one_of(st.floats(max_value=0.000999), st.floats(min_value=0.99901), st.just(float("nan"))))
def test_dprime_from_rates_outside_domain(x):
    assert_course_error(model.dprime_from_rates, x, 0.5)
    assert_course_error(model.dprime_from_rates, 0.5, x)


@SETTINGS
@given(st.data())
def test_evaluate_scenario_in_domain(data):
    s = data.draw(st.sampled_from(model.load_scenarios()))
    rid = data.draw(st.sampled_from([o["id"] for o in s["readings"]]))
    aid = data.draw(st.sampled_from([o["id"] for o in s["responses"]]))
    r = model.evaluate_scenario(s, rid, aid)
    assert r["outcome"] in {"hit", "miss", "false_alarm", "correct_rejection"}
    assert r["judged_incongruent"] == (rid != model.CONGRUENT_ID)
    assert r["reading_ok"] == (rid == r["best_reading"]["id"])


@SETTINGS
@given(st.data(), st.text(max_size=8))
def test_evaluate_scenario_outside_domain(data, bad):
    s = data.draw(st.sampled_from(model.load_scenarios()))
    if bad not in {o["id"] for o in s["readings"]}:
        assert_course_error(model.evaluate_scenario, s, bad, s["responses"][0]["id"])
    if bad not in {o["id"] for o in s["responses"]}:
        assert_course_error(model.evaluate_scenario, s, s["readings"][0]["id"], bad)


@SETTINGS
@given(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3)))
def test_validate_scenarios_outside_domain(doc):
    assert_course_error(model.validate_scenarios, doc if doc is not None else {"scenarios": []})
