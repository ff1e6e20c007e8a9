"""Content of the choice items measures knowledge, not test-taking tricks.

Checked on the stored data (quiz items in content.json, single/multi exercise tasks in
tasks.json, the scenarios of "Proaktiver Service" (m05) and "Wort und Mimik" (m08)):

- the correct option is the longest in at most a third of the single-choice items, and in
  multi-select items the correct options are never exactly the longest ones;
- the stored position of the correct option is spread: no position holds more than half;
- the explanation of a wrong option never quotes another option and carries no verdict label
  (the mechanics show it after a wrong attempt, so it must not give the answer away);
- in both scenario widgets always picking the same position, or the longest reaction, wins at
  most a third of the situations;
- numbers and units are joined by a no-break space;
- regression checks for the quiz findings of issue 20.

Run with ``-s`` to see the measured shares and distributions.
"""
from __future__ import annotations

import collections
import json
import re
from importlib import resources

import jsonschema
import pytest

from course_lib import content
from course_lib.m05_kundenbindung import model as m05
from course_lib.m08_mimikresonanz import model as m08
from course_lib.schema import load_schema, validate

MODULES = [m["id"] for m in content.modules()]


def _tasks(mid):
    try:
        return content.load_tasks(mid)["tasks"]
    except Exception:  # module without exercise tasks
        return []


def choice_items():
    """(name, multiple, [(text, correct, explanation), ...]) for every quiz item and choice task."""
    out = []
    for mid in MODULES:
        for q in content.load_content(mid)["quiz"]:
            out.append((f"{mid}/quiz/{q['id']}", bool(q.get("multiple")),
                        [(o["text"], o["correct"], o["explanation"]) for o in q["options"]]))
        for t in _tasks(mid):
            if t["type"] in ("single", "multi"):
                ans = t["answer"] if isinstance(t["answer"], list) else [t["answer"]]
                out.append((f"{mid}/task/{t['id']}", t["type"] == "multi",
                            [(o["text"], o["id"] in ans, o.get("feedback", "")) for o in t["options"]]))
    return out


ITEMS = choice_items()
SINGLE = [(n, opts) for n, multi, opts in ITEMS if not multi]
MULTI = [(n, opts) for n, multi, opts in ITEMS if multi]


def correct_is_longest(opts) -> bool:
    """True if the correct option is at least as long as every other option (ties count)."""
    right = next(len(t) for t, c, _e in opts if c)
    return right >= max(len(t) for t, c, _e in opts if not c)


def longest_share(single=SINGLE):
    hits = [n for n, opts in single if correct_is_longest(opts)]
    return len(hits) / len(single), hits


def positions(single=SINGLE):
    return collections.Counter(next(i for i, (_t, c, _e) in enumerate(opts) if c) for _n, opts in single)


def test_items_found():
    assert len(SINGLE) >= 50 and len(MULTI) >= 10
    assert all(sum(c for _t, c, _e in opts) == 1 for _n, opts in SINGLE)


def test_correct_option_is_longest_in_at_most_a_third_of_single_choice_items():
    share, hits = longest_share()
    print(f"\ncorrect option longest: {len(hits)} of {len(SINGLE)} single-choice items ({share:.0%}): {hits}")
    assert share <= 1 / 3, hits


def test_correct_options_are_not_exactly_the_longest_in_multi_select_items():
    bad = []
    for n, opts in MULTI:
        right = [len(t) for t, c, _e in opts if c]
        wrong = [len(t) for t, c, _e in opts if not c]
        if wrong and min(right) >= max(wrong):
            bad.append(n)
    assert not bad, f"the correct options are the longest ones in {bad}"


def test_stored_position_of_the_correct_option_is_spread():
    pos = positions()
    print("\nstored position of the correct option (0 = first):", dict(sorted(pos.items())))
    assert max(pos.values()) <= len(SINGLE) / 2, pos
    assert len(pos) >= 3, pos


def test_multi_select_items_do_not_start_with_all_correct_options():
    bad = []
    for n, opts in MULTI:
        k = sum(c for _t, c, _e in opts)
        if all(c for _t, c, _e in opts[:k]):
            bad.append(n)
    assert len(bad) <= len(MULTI) / 3, bad


def test_every_option_explains_itself():
    missing = [(n, t) for n, _m, opts in ITEMS for t, _c, e in opts if len(e.strip()) < 15]
    assert not missing, missing


def _quotes(explanation: str, other: str) -> bool:
    explanation = re.sub(r"\s", " ", explanation)
    core = re.sub(r"\s", " ", other).strip().strip("„“\"'.!?")
    if not core:
        return False
    pat = r"(?<![\w.,+−-])" + re.escape(core) + r"(?![\w,]|\.\d)"
    return re.search(pat, explanation) is not None


def test_wrong_explanations_do_not_quote_other_options():
    bad = []
    for n, _m, opts in ITEMS:
        for t, c, e in opts:
            if c:
                continue
            for t2, _c2, _e2 in opts:
                if t2 != t and _quotes(e, t2):
                    bad.append((n, t, t2))
    assert not bad, bad


VERDICT = re.compile(r"^(Richtig|Falsch|Genau|Stimmt|Ja|Nein|Korrekt|Leider nicht|Leider|Gut)\s*[:.!,–—]")
GIVEAWAY = re.compile(r"richtig wäre|richtige Antwort|korrekte Antwort|stimmt dagegen", re.IGNORECASE)


def test_explanations_carry_no_verdict_label_and_wrong_ones_no_giveaway():
    labelled = [(n, e) for n, _m, opts in ITEMS for _t, _c, e in opts if VERDICT.match(e)]
    giveaway = [(n, e) for n, _m, opts in ITEMS for _t, c, e in opts if not c and GIVEAWAY.search(e)]
    assert not labelled, labelled
    assert not giveaway, giveaway


def test_quote_detector_catches_a_planted_quote():
    opts = [("4.500 €", True, "x"), ("9.000 €", False, "Hier fehlt etwas; 4.500 € wären richtig.")]
    assert _quotes(opts[1][2], opts[0][0])
    assert _quotes("Besser wären 4.500\u00a0€.", "4.500 €")
    assert not _quotes("Die Summe 50 − 30 − 20 ist null.", "0")


# -- no-break space between number and unit ---------------------------------------------------
UNIT_GAP = re.compile(r"\d (%|€|ms\b|Hz\b|Prozentpunkte|Prozent\b|Millisekunden|Sekunden?\b|Minuten\b|Min\.|"
                      r"Stunden?\b|Tage[n]?\b|Wochen\b|Monate[n]?\b|Jahre[n]?\b)")


def _owned_strings():
    for mid in MODULES:
        for q in content.load_content(mid)["quiz"]:
            yield f"{mid}/quiz/{q['id']}", q["question"]
            for o in q["options"]:
                yield f"{mid}/quiz/{q['id']}/{o['id']}", o["text"] + " " + o["explanation"]
        for t in _tasks(mid):
            for o in t.get("options", []) + (t.get("items", []) if t["type"] == "categorize" else []):
                yield f"{mid}/task/{t['id']}/{o['id']}", o["text"] + " " + o.get("feedback", "")
    for s in m05.SITUATIONS:
        yield f"m05/scenario/{s.id}", s.text
        for o in s.options:
            yield f"m05/scenario/{s.id}/{o.id}", " ".join((o.text, o.effect, o.explanation))
    for s in m08.load_scenarios():
        for g in ("readings", "responses"):
            for o in s[g]:
                yield f"m08/scenario/{s['id']}/{o['id']}", o["text"] + " " + o["feedback"]


def test_numbers_and_units_joined_by_no_break_space():
    bad = [(where, m.group(0)) for where, s in _owned_strings() for m in UNIT_GAP.finditer(s)]
    assert not bad, bad
    assert UNIT_GAP.search("rund 22 % mehr") and not UNIT_GAP.search("rund 22\u00a0% mehr")


# -- scenarios ----------------------------------------------------------------------------------
def _scenario_sets():
    """(name, [(option texts, index of the best option)]) for every scenario choice list."""
    m05_rows = []
    for s in m05.SITUATIONS:
        pts = [o.points for o in s.options]
        assert pts.count(max(pts)) == 1, f"{s.id}: exactly one best reaction"
        m05_rows.append(([o.text for o in s.options], pts.index(max(pts))))
    out = [("Proaktiver Service", m05_rows)]
    for g in ("readings", "responses"):
        rows = [([o["text"] for o in s[g]], next(i for i, o in enumerate(s[g]) if o["correct"]))
                for s in m08.load_scenarios()]
        out.append((f"Wort und Mimik ({g})", rows))
    return out


@pytest.mark.parametrize("name,rows", _scenario_sets(), ids=lambda x: x if isinstance(x, str) else "")
def test_scenario_fixed_position_wins_at_most_a_third(name, rows):
    n_pos = max(len(texts) for texts, _b in rows)
    shares = {p: sum(best == p for _t, best in rows) / len(rows) for p in range(n_pos)}
    print(f"\n{name}: share correct when always choosing position p: "
          + ", ".join(f"{p + 1}: {s:.0%}" for p, s in shares.items()))
    assert max(shares.values()) <= 1 / 3, shares


@pytest.mark.parametrize("name,rows", _scenario_sets(), ids=lambda x: x if isinstance(x, str) else "")
def test_scenario_best_reaction_is_rarely_the_longest(name, rows):
    longest = sum(len(texts[best]) >= max(len(t) for i, t in enumerate(texts) if i != best) for texts, best in rows)
    print(f"\n{name}: best option is the longest in {longest} of {len(rows)}")
    assert longest <= len(rows) / 3


def test_proaktiver_service_data_valid_with_both_validators():
    doc = json.loads(resources.files("course_lib.m05_kundenbindung").joinpath("data", "proaktiver_service.json")
                     .read_text("utf-8"))
    schema = load_schema("proaktiver_service")
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert validate(doc, schema) == []
    broken = {"situations": [{**doc["situations"][0], "options": [{"id": "x", "text": "t", "points": 7,
                                                                    "effect": "e", "explanation": "x"}] * 2}]}
    assert validate(broken, schema), "points outside −2 … +3 must be rejected"


# -- quiz findings of issue 20 ------------------------------------------------------------------
def _quiz(mid, qid):
    return next(q for q in content.load_content(mid)["quiz"] if q["id"] == qid)


def _all_text(q):
    return " ".join([q["question"], q.get("source", "")] + [o["text"] + " " + o["explanation"] for o in q["options"]])


def _values(text):
    """Numbers in an option text like „T = 147; bei S = 3 wird T = 63“ or „0“ (the given S = 3 removed)."""
    text = text.replace("\u00a0", " ").replace("S = 3", "")
    return [float(x.replace("−", "-")) for x in re.findall(r"[+−-]?\d+(?:,\d+)?", text)]


def _stated_computations(explanation):
    """Values of the arithmetic a wrong option's explanation names in parentheses, e.g. (21 · 7 und 21 · 3)."""
    vals = []
    for group in re.findall(r"\(([\d\s·/+−-]+(?:und[\d\s·/+−-]+)*)\)", explanation):
        for expr in group.split("und"):
            vals.append(float(eval(expr.replace("\u00a0", " ").replace("·", "*").replace("−", "-"), {"__builtins__": {}})))
    return vals


@pytest.mark.parametrize("mid,qid", [("m05", "q5"), ("m06", "q5")])
def test_named_mistakes_really_produce_the_wrong_option(mid, qid):
    checked = 0
    for o in _quiz(mid, qid)["options"]:
        stated = _stated_computations(o["explanation"])
        if o["correct"] or not stated:
            continue
        assert stated == _values(o["text"]), (o["text"], o["explanation"])
        checked += 1
    assert checked >= 1


def test_m05_quiz_agrees_with_notebook_and_glossary():
    q1 = _quiz("m05", "q1")
    # the source (article „emotional Power“) and the notebook name the sender „Lieferant“
    assert "Lieferant" in _all_text(q1) and "Händler" not in _all_text(q1)
    q5 = _quiz("m05", "q5")
    assert "nur im Nenner" not in _all_text(q5)
    passive = [o for o in q5["options"] if o["correct"]][0]["explanation"]
    assert "weder addiert noch abgezogen" in passive


def test_m07_phase_question_marks_the_transfer_to_customers_as_the_blogs_comparison():
    q2 = _quiz("m07", "q2")
    assert "Paare" in q2["question"] and "Vergleich" in q2["question"]
    assert "Kundenbeziehungen" not in q2["question"].split("(")[0]


def test_m08_explanations_make_no_unsourced_background_claims():
    text = " ".join(_all_text(q) for q in content.load_content("m08")["quiz"])
    assert "zehnmal" not in text and "Haltung und Kopfbewegung" not in text


def test_avr_threshold_in_items_is_the_courses_own_not_nps():
    texts = [_all_text(q) for q in content.load_content("m04")["quiz"]]
    texts += [t["prompt"] + " ".join(o["text"] + o.get("feedback", "") for o in t.get("options", []))
              for t in _tasks("m04")]
    assert not any("Net Promoter" in t or "NPS" in t for t in texts)
    assert "Der Kurs setzt die Schwelle" in _quiz("m04", "q3")["question"]
