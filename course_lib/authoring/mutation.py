"""Mutation testing report (``make mutation``; slow, not part of ``make test``).

Runs mutmut (configured in pyproject.toml, ``[tool.mutmut]``: the files whose rules decide a
learner's result, tested by the unit tests) and prints, per file, how many mutants the tests
killed, how many survived, and the score over the non-equivalent mutants. Surviving mutants
that were judged equivalent (the program behaves the same) are listed with the reason in
``tests/mutation_equivalent*.txt`` (``<mutant name>  # reason``); every other survivor is a
gap in the tests and is printed.

Usage: python -m course_lib.authoring.mutation [GLOB ...] [--no-run] [--retest-survivors] [--max-children N]
e.g. ``python -m course_lib.authoring.mutation "course_lib.exercises.checks*"``.

``--retest-survivors``: after writing tests, run only the mutants that survived (or had no test) last time (of
the files the globs name) again; killed mutants stay killed, as adding tests cannot revive
them. mutmut collects the stats of the new tests by itself.
"""
from __future__ import annotations

import argparse
import collections
import fnmatch
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT = ROOT / "tests" / "mutation_equivalent.txt"
# one further list per area (``tests/mutation_equivalent_<area>.txt``), same format
_LINE = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+)$")


def equivalent() -> dict[str, str]:
    out = {}
    for path in sorted(EQUIVALENT.parent.glob("mutation_equivalent*.txt")):
        for line in path.read_text("utf-8").splitlines():
            name, _, why = line.partition("#")
            if name.strip():
                out[name.strip()] = why.strip()
    return out


def file_of(mutant: str) -> str:
    """``course_lib.exercises.checks.x__check_multi__mutmut_3`` → ``course_lib/exercises/checks.py``."""
    module = mutant.split(".x_", 1)[0] if ".x_" in mutant else mutant.rsplit(".", 1)[0]
    return module.replace(".", "/") + ".py"


def parse(results: str) -> dict[str, dict[str, list[str]]]:
    by_file: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for line in results.splitlines():
        m = _LINE.match(line)
        if m:
            by_file[file_of(m["name"])][m["status"].strip()].append(m["name"])
    return by_file


def report(by_file, eq: dict[str, str]) -> tuple[str, list[str]]:
    rows = ["file                                        killed  survived  equiv.  no tests  score"]
    gaps = []
    for f in sorted(by_file):
        st = by_file[f]
        killed = len(st.get("killed", [])) + len(st.get("timeout", []))
        surv = st.get("survived", [])
        eq_here = [s for s in surv if s in eq]
        real = [s for s in surv if s not in eq]
        untested = len(st.get("no tests", []))
        denom = killed + len(real) + untested
        score = 100.0 * killed / denom if denom else float("nan")
        rows.append(f"{f:<44}{killed:>6}{len(surv):>10}{len(eq_here):>8}{untested:>10}  {score:5.1f} %")
        gaps += real + st.get("no tests", [])
    return "\n".join(rows), gaps


def reset_survivors(globs: list[str]) -> int:
    """Mark the surviving (and the untested) mutants of the files matching ``globs`` as not
    checked; returns how many."""
    count = 0
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        module = meta.relative_to(ROOT / "mutants").as_posix()[: -len(".py.meta")].replace("/", ".")
        if globs and not any(fnmatch.fnmatch(module + ".x_", g) for g in globs):
            continue
        doc = json.loads(meta.read_text("utf-8"))
        codes = doc["exit_code_by_key"]
        hit = [k for k, v in codes.items() if v in (0, 5, 33)]  # survived, no tests
        for k in hit:
            codes[k] = None
        if hit:
            meta.write_text(json.dumps(doc, indent=4), "utf-8")
        count += len(hit)
    return count


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("globs", nargs="*")
    ap.add_argument("--no-run", action="store_true", help="only report the last run")
    ap.add_argument("--retest-survivors", action="store_true", help="run only the last run's survivors again")
    ap.add_argument("--max-children", type=int, default=2)
    a = ap.parse_args(argv)
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    if a.retest_survivors:
        print(f"{reset_survivors(a.globs)} surviving mutants marked for a new run")
    if not a.no_run:
        subprocess.run([mutmut, "run", "--max-children", str(a.max_children), *a.globs], cwd=ROOT, check=False)
    res = subprocess.run([mutmut, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True)
    by_file = parse(res.stdout)
    table, gaps = report(by_file, equivalent())
    print(table)
    if gaps:
        print(f"\n{len(gaps)} surviving or untested mutants (see `mutmut show NAME`):")
        for g in gaps:
            print("  " + g)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
