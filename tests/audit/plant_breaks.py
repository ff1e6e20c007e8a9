"""Plant the breaks that the test audit (issue 23) found unnoticed, one at a time, and check that
the named tests go red; restores every file afterwards. Not collected by pytest (slow); run it
after changing one of the rules: ``python -m tests.audit.plant_breaks [--only NAME]``.

Each entry: name, file, exact text, replacement, pytest selectors that must fail."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BREAKS = [
    ("numeric tolerance ignored", "course_lib/exercises/checks.py",
     "return abs(value - target) <= tol + 1e-9", "return abs(value - target) <= 1e-9",
     ["tests/test_assessment.py"]),
    ("numeric tolerance ten times too wide", "course_lib/exercises/checks.py",
     "return abs(value - target) <= tol + 1e-9", "return abs(value - target) <= 10 * tol + 1e-9",
     ["tests/test_assessment.py"]),
    ("wrong ticks no longer lower a multi-choice score", "course_lib/exercises/checks.py",
     "score = multi_score(len(right), len(hits), len(false_pos))", "score = multi_score(len(right), len(hits), 0)",
     ["tests/test_assessment.py::test_multi_partial_credit_rule_through_task_widget"]),
    ("categorize partial-credit threshold", "course_lib/exercises/checks.py",
     "CATEGORIZE_PARTIAL = 0.5", "CATEGORIZE_PARTIAL = 0.6",
     ["tests/test_assessment.py::test_categorize_partial_threshold_through_task_widget"]),
    ("checkbox quiz widget always reports nothing selected", "course_lib/blocks/quiz.py",
     "    def selected(self) -> list[str]:\n", "    def selected(self) -> list[str]:\n        return []\n",
     ["tests/test_assessment.py", "tests/test_blocks.py"]),
    ("an emptied reflection is not saved", "course_lib/blocks/reflection.py",
     "    def save(self, text: str) -> None:\n", "    def save(self, text: str) -> None:\n        if not text:\n            return\n",
     ["tests/test_audit_gaps.py::test_emptied_reflection_is_saved_as_empty"]),
    ("option explanations not escaped", "course_lib/blocks/quiz.py",
     "{escape(o['explanation'])}</li>", "{o['explanation']}</li>",
     ["tests/test_blocks.py", "tests/test_assessment.py"]),
    ("reflection prompts not escaped", "course_lib/blocks/reflection.py",
     "<p><b>{escape(prompt['prompt'])}</b></p>", "<p><b>{prompt['prompt']}</b></p>",
     ["tests/test_audit_gaps.py::test_reflection_prompt_is_escaped"]),
    ("umlaut folding of text checks", "course_lib/textfold.py",
     '_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})', "_UMLAUTS = str.maketrans({})",
     ["tests/test_assessment.py", "tests/test_exercises.py", "tests/test_glossary.py"]),
    ("rejected-files table not escaped", "course_lib/workshop/view.py",
     'rows = "".join(f"<tr><td>{escape(n)}</td><td>{escape(r)}</td></tr>" for n, r in rejected)',
     'rows = "".join(f"<tr><td>{n}</td><td>{r}</td></tr>" for n, r in rejected)',
     ["tests/test_workshop.py", "tests/test_workshop_hostile.py"]),
    ("poll shares computed over all polls", "course_lib/workshop/classresults.py",
     '"share": answers.count(oid) / len(answers)}', '"share": answers.count(oid) / len(docs)}',
     ["tests/test_audit_gaps.py::test_poll_shares_are_per_poll_over_its_own_answers"]),
    ("poll shares computed over the answers of all polls", "course_lib/workshop/classresults.py",
     '"share": answers.count(oid) / len(answers)}',
     '"share": answers.count(oid) / sum(len(v) for d in docs for v in d["umfragen"].values())}',
     ["tests/test_audit_gaps.py::test_poll_shares_are_per_poll_over_its_own_answers"]),
    ("Ø Versuche as the maximum", "course_lib/workshop/classresults.py",
     '"mean_attempts": sum(r["versuche"] for r in recs) / len(recs)}', '"mean_attempts": max(r["versuche"] for r in recs)}',
     ["tests/test_workshop.py"]),
    ("duplicate pseudonyms accepted", "course_lib/workshop/classresults.py",
     "            if key in self.seen_name:\n", "            if False:\n",
     ["tests/test_workshop.py", "tests/test_workshop_hostile.py"]),
    ("leak scan no longer searches option feedback", "course_lib/exercises/handout.py",
     'texts += [e.get("feedback", "") for k in ("options", "items") for e in t.get(k, [])]', "pass",
     ["tests/test_audit_gaps.py::test_leak_scan_searches_option_and_mistake_feedback"]),
    ("leak scan no longer searches mistake feedback", "course_lib/exercises/handout.py",
     'texts += [m.get("feedback", "") for m in t.get("mistakes", [])]', "pass",
     ["tests/test_audit_gaps.py::test_leak_scan_searches_option_and_mistake_feedback"]),
    ("m03 reading shifts the wrong row", "course_lib/m03_digitalisierung/model.py",
     'mask = out["id"] == "buy_collect"', 'mask = out["id"].isin(["buy_collect", "mobil"])',
     ["tests/test_m03_models.py"]),
    ("stale redraw: m02 Druckspirale without invalidate", "course_lib/m02_imageproblem/view.py",
     "            plot.invalidate()\n", "            pass\n",
     ["tests/test_widget_fuzz.py::test_fast_redraw_equals_full_redraw_after_every_change"]),
]


def run(selectors: list[str]) -> tuple[bool, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "no:xdist",
                        "-m", "not browser and not hub", *selectors], cwd=ROOT, env=env, capture_output=True, text=True)
    last = (r.stdout.strip().splitlines() or [""])[-1]
    return r.returncode != 0, last


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    a = ap.parse_args(argv)
    missed = 0
    for name, rel, old, new, selectors in BREAKS:
        if a.only and a.only not in name:
            continue
        path = ROOT / rel
        original = path.read_text("utf-8")
        if original.count(old) < 1:
            print(f"?? {name}: pattern not found in {rel} (update this table)")
            missed += 1
            continue
        try:
            path.write_text(original.replace(old, new, 1), "utf-8")
            red, last = run(selectors)
        finally:
            path.write_text(original, "utf-8")
        print(f"{'RED ' if red else 'MISS'} {name}: {' '.join(selectors)} → {last}")
        missed += not red
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
