"""Generate a folder of learner exports for tests and the instructor notebook's example.

``python -m course_lib.workshop.example_class OUTDIR [N]`` writes N valid, seeded exports
(format 2: first-attempt results) plus the awkward cases an instructor meets in practice: a
malformed file, a duplicate, a file with HTML/script in a text field, a foreign JSON file,
an old version-1 file and a non-JSON file. File names carry a random-looking (seeded) suffix
like the real exports.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from .classresults import catalogue
from .export import FORMAT, VERSION

QUIZ_MODULES = ("m02", "m04")
POLLS = (("m00", "p1"), ("m04", "p1"))
SPECIAL = {
    "kaputt.json": b'{"format": "vertrieb30/klassenergebnis", "version": 2, "pseudonym": "Abbruch", "quiz": {',
    "fremd.json": json.dumps({"format": "irgendein/anderes", "daten": [1, 2, 3]}).encode(),
    "alt-version1.json": json.dumps({"format": FORMAT, "version": 1, "pseudonym": "Altdatei",
                                     "quiz": {"m02": {"q1": {"richtig": True, "versuche": 3}}},
                                     "umfragen": {}, "selbsteinschaetzung": None}).encode(),
    "notizen.txt": "Bitte nicht vergessen: Raum 204".encode(),
}


def learner_doc(i: int, rng: np.random.Generator) -> dict:
    cat = catalogue()
    quiz = {}
    for m in QUIZ_MODULES:
        quiz[m] = {}
        for k, q in enumerate(list(cat.quiz[m])[:5]):
            first = bool(rng.random() < 0.35 + 0.12 * k)
            quiz[m][q] = {"erster_versuch_richtig": first, "versuche": 1 if first else int(rng.integers(2, 4))}
    polls = {}
    for m, pid in POLLS:
        polls.setdefault(m, {})[pid] = str(rng.choice(list(cat.polls[m][pid]["options"])))
    sa = ({d: int(np.clip(rng.normal(60 + 5 * k, 15), 0, 100)) for k, d in enumerate(cat.dims)}
          if i % 5 != 4 else None)
    return {"format": FORMAT, "version": VERSION, "pseudonym": f"Lernende{i:02d}", "quiz": quiz, "umfragen": polls,
            "selbsteinschaetzung": sa}


def write(out: Path, n: int = 24, seed: int = 2026) -> dict:
    """Write the folder; returns {"valid": [docs], "files": count} for tests."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    docs = [learner_doc(i, rng) for i in range(n)]
    for d in docs:
        (out / f"vertrieb30-{d['pseudonym']}-{rng.integers(16**6):06x}.json").write_text(
            json.dumps(d, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "vertrieb30-Lernende00-kopie.json").write_text(json.dumps(docs[0], ensure_ascii=False), encoding="utf-8")
    evil = dict(docs[1], pseudonym="<script>alert(1)</script>")
    (out / "vertrieb30-skript.json").write_text(json.dumps(evil), encoding="utf-8")
    for name, raw in SPECIAL.items():
        (out / name).write_bytes(raw)
    return {"valid": docs, "files": n + 2 + len(SPECIAL)}


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    info = write(Path(args[0]), int(args[1]) if len(args) > 1 else 24)
    print(f"{info['files']} Dateien geschrieben")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
