"""Module 08 widgets: invariants checked THROUGH the widget (controls set, text, SVG and plotted
artists read back), with hypothesis over the full control ranges."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from course_lib.format_de import pct
from course_lib.m08_mimikresonanz import face, model, view

from tests.helpers import CaseCounter, blit_equals_full, widget_settings

# Every widget with a plot: after each change, the fast (blitted) picture equals a full redraw.
INVARIANTS = {
    "mikro_trainer": [
        "T1 every emotion bar's width is the hit rate of the tally table (in %), and its label says the same",
        "T2 the points of the exposure line are the hit rates per exposure class of the table",
        "T3 the status names the frame count as „etwa N Bilder“ (N from frames_shown), never as exact",
        "T4 faces: fear brows raised and drawn together (inner end not lower than the outer end), anger brows "
        "a downward V, disgust with nose wrinkles and raised upper lip, contempt's fold on one side only",
    ],
    "wort_und_mimik": [
        "M1 the options are shown in a per-learner order: always picking the same position scores about "
        "chance (mean over learners ≤ chance + 1 of 9), never 6 of 9",
        "M2 the summary's counts are exactly the outcomes of the checked situations",
        "M3 the tendency sentence matches the sign of the shown criterion c (one threshold, in the model)",
    ],
}
CASES = CaseCounter()
S = widget_settings(40)




_count = CASES.count


_TRAINER = view.mikro_trainer()


@S
@given(dauer=st.integers(8, 100), answers=st.lists(st.sampled_from(model.ANSWERS), min_size=1, max_size=7),
       right=st.lists(st.booleans(), min_size=10, max_size=10))
def test_mikro_trainer_invariants(dauer, answers, right):
    t = _TRAINER
    t.reset()
    t.controls["dauer"].value = dauer * 5
    ft = model.frames_shown(dauer * 5)                                                    # T3
    n = f"{ft.frames_min} Bilder" if ft.frames_min == ft.frames_max else f"{ft.frames_min} bis {ft.frames_max} Bilder"
    assert f"etwa {n}" in t.status.value
    for a, ok in zip(answers, right):
        cur = t.next_trial()
        t.answer(cur["emotion"] if ok else a)
    table = t.table("emotion")
    for bar, txt, (label, row) in zip(t.bars.patches, t.bar_texts, table.iterrows()):     # T1
        if row["Durchgänge"] == 0:
            assert bar.get_width() == 0 and txt.get_text() == "noch keine"
        else:
            assert abs(bar.get_width() - 100 * row["Trefferquote"]) < 1e-9
            assert txt.get_text().startswith(pct(float(row["Trefferquote"])))
    ex = t.table("exposure")
    timed = ex.loc[[c[0] for c in model.EXPOSURE_CLASSES]]
    xs, ys = t.rate_line.get_data()                                                        # T2
    expect = [(k, 100 * float(r["Trefferquote"])) for k, (_l, r) in enumerate(timed.iterrows()) if r["Durchgänge"]]
    assert list(zip(list(xs), list(ys))) == expect
    blit_equals_full(t.plot)
    _count("mikro_trainer")


def test_faces_read_as_their_emotion():
    g = {e: model.face_geometry(model.EMOTION_AUS[e]) for e in model.EMOTIONS}
    n = model.face_geometry({})
    fear, anger = g["angst"], g["aerger"]
    assert fear["brow_inner_y"] <= fear["brow_outer_y"] < n["brow_outer_y"]               # raised, not a V
    assert fear["brow_inner_y"] < n["brow_inner_y"] and fear["brow_inner_dx"] > 0         # raised and together
    assert anger["brow_inner_y"] > anger["brow_outer_y"]                                   # anger: V
    disgust, sad = g["ekel"], g["trauer"]
    assert disgust["nose_wrinkle"] == 1 and disgust["upper_lip_y"] < n["upper_lip_y"] - 5
    assert sad["nose_wrinkle"] == 0 and disgust["brow_inner_y"] > sad["brow_inner_y"]
    svg = face.face_svg(model.EMOTION_AUS["verachtung"])
    assert "vt-fold-r" in svg and "vt-fold-l" not in svg                                   # one-sided
    both = face.face_svg(model.EMOTION_AUS["freude"])
    assert "vt-fold-r" in both and "vt-fold-l" in both
    assert "vt-nose-wrinkle" in face.face_svg(model.EMOTION_AUS["ekel"])
    _count("mikro_trainer")


def _play_fixed_position(seed: str, pos: int) -> int:
    w = view.wort_und_mimik(seed=seed)
    for s in w.scenarios:
        w.controls["situation"].value = s["id"]
        w.reading.value = [w.reading.ids[pos % len(w.reading.ids)]]
        w.response.value = [w.response.ids[pos % len(w.response.ids)]]
        w.check()
    n = len(w.scenarios)
    m = re.search(r"Passende Deutung: (\d+) von (\d+)", w.summary.value)
    assert m and int(m.group(2)) == n
    c = w._counts()                                                                        # M2
    assert f"Treffer: {c['hit']}<" in w.summary.value and f"Verpasst: {c['miss']}<" in w.summary.value
    assert sum(c.values()) == n
    mc = re.search(r"Kriterium c = (−?\d+,\d+)\. (.*?)</p>", w.summary.value)           # M3
    if mc and abs(abs(float(mc.group(1).replace("−", "-").replace(",", "."))) - model.CRITERION_BAND) > 0.005:
        cval = float(mc.group(1).replace("−", "-").replace(",", "."))
        assert ("zu oft einen Widerspruch" in mc.group(2)) == (cval < -model.CRITERION_BAND + 0.005)
        assert ("eher vorsichtig" in mc.group(2)) == (cval > model.CRITERION_BAND - 0.005)
    return int(m.group(1))


def test_wort_und_mimik_fixed_position_scores_about_chance(data_dir):
    n = len(view.model.load_scenarios())
    k = min(len(s["readings"]) for s in view.model.load_scenarios())
    for pos in range(k):
        scores = [_play_fixed_position(f"learner-{i}", pos) for i in range(12)]
        _count("wort_und_mimik")
        assert sum(scores) / len(scores) <= n / k + 1.0, (pos, scores)
        assert max(scores) < 6 or sum(s >= 6 for s in scores) <= 1, (pos, scores)


def test_cases_were_counted():
    print("\nhypothesis cases m08:", CASES)
    assert all(CASES.get(k, 0) > 0 for k in INVARIANTS)
