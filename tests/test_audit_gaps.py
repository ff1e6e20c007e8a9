"""Tests for breaks that the test audit (issue 23) found unnoticed and that no other test
caught after the rework; each is planted in tests/audit/plant_breaks.py and must turn a test
here red."""
from __future__ import annotations

import json

from course_lib import content
from course_lib.blocks.reflection import ReflectionView
from course_lib.exercises import handout
from course_lib.storage import Store
from course_lib.workshop import classresults, export


def test_emptied_reflection_is_saved_as_empty(data_dir):
    store = Store("reflections")
    prompt = content.load_content("m01")["reflections"][0]
    v = ReflectionView("m01", prompt, store)
    v.text.value = "Mein erster Gedanke"
    assert store.read()["m01"][prompt["id"]]["text"] == "Mein erster Gedanke"
    v.text.value = ""  # the learner deletes the text on purpose: that is what must be kept
    assert store.read()["m01"][prompt["id"]]["text"] == ""
    again = ReflectionView("m01", prompt, store)
    assert again.text.value == ""


def test_reflection_prompt_is_escaped(data_dir):
    prompt = {"id": "rx", "prompt": "Was denken Sie über <script>alert(1)</script> & Co.?"}
    v = ReflectionView("m01", prompt, Store("reflections"))
    html = v.box.children[0].value
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; Co." in html


def _doc(name: str, polls: dict) -> dict:
    return export.build(name, {"quiz": {}, "polls": polls, "selfassessment": {}})


def test_poll_shares_are_per_poll_over_its_own_answers():
    """Three learners; only two answer the m02 poll: its shares are over those two."""
    p1 = content.load_content("m01")["polls"][0]
    p2 = content.load_content("m02")["polls"][0]
    a1, b1 = p1["options"][0]["id"], p1["options"][1]["id"]
    a2 = p2["options"][0]["id"]
    docs = [_doc("Adler_1", {"m01": {p1["id"]: a1}, "m02": {p2["id"]: a2}}),
            _doc("Biber_2", {"m01": {p1["id"]: b1}, "m02": {p2["id"]: a2}}),
            _doc("Dachs_3", {"m01": {p1["id"]: a1}})]
    clean = [classresults.check_document(json.loads(json.dumps(d)))[0] for d in docs]
    agg = classresults.aggregate(clean, min_n=1)
    by = {(p["module"], p["id"]): p for p in agg["polls"]}
    m01, m02 = by[("m01", p1["id"])], by[("m02", p2["id"])]
    assert m01["n"] == 3 and m02["n"] == 2
    shares1 = {o["id"]: o["share"] for o in m01["options"]}
    shares2 = {o["id"]: o["share"] for o in m02["options"]}
    assert abs(sum(shares1.values()) - 1) < 1e-9 and abs(sum(shares2.values()) - 1) < 1e-9
    assert abs(shares1[a1] - 2 / 3) < 1e-9 and shares2[a2] == 1.0


def test_leak_scan_searches_option_and_mistake_feedback():
    docs = [content.load_tasks(m["id"]) for m in content.modules()]
    secrets = handout.solution_strings(docs)
    fb = [e["feedback"].strip() for d in docs for t in d["tasks"] for k in ("options", "items")
          for e in t.get(k, []) if len(e.get("feedback", "").strip()) >= handout.MIN_LEAK_CHARS]
    mistakes = [m["feedback"].strip() for d in docs for t in d["tasks"] for m in t.get("mistakes", [])
                if len(m.get("feedback", "").strip()) >= handout.MIN_LEAK_CHARS]
    assert fb and mistakes, "the course has option and mistake feedback to protect"
    assert set(fb) <= secrets, "option/item feedback must be searched for leaks"
    assert set(mistakes) <= secrets, "mistake feedback must be searched for leaks"
