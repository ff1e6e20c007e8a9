"""Module 08 (Mimikresonanz): pure models behind the two widgets.

No ipywidgets here – numbers, strings and pandas tables in and out, all inputs validated with
:mod:`course_lib.errors` (German :class:`CourseInputError`).

Contents
--------
* **Faces** – :data:`EMOTION_AUS` maps each of the seven basic emotions to the prototype
  combination of FACS action units (Ekman & Friesen 1978, as summarised in BRIEF §8 / [B4]);
  :func:`face_geometry` turns action-unit intensities (0 … 1) into the coordinates of a
  schematic line face (a course drawing, no photo). :mod:`.face` renders it as inline SVG.
* **Trial order** – :func:`emotion_for_trial` and :func:`exposure_for_trial` give a seeded,
  block-balanced sequence (every block of 7 trials shows every emotion once), so a stored
  notebook is reproducible and nbval output stays stable.
* **Timing** – :func:`frames_shown`: how many screen frames a CSS-timed exposure covers.
* **Tally** – :func:`hit_rates` (per emotion or per exposure class) and
  :func:`confusion_table` as pandas DataFrames.
* **Signal detection** – :func:`sdt` (hit rate, false-alarm rate, d', criterion c with the
  log-linear correction) for the "Wort und Mimik" scenarios.
* **Scenarios** – :func:`load_scenarios` and :func:`evaluate_scenario` for "Wort und Mimik".
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from statistics import NormalDist
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import CourseInputError, check_choice, check_number

# ---------------------------------------------------------------------------------------------
# Emotions and action units
# ---------------------------------------------------------------------------------------------
#: The seven basic emotions that are usually counted as universally recognised (Ekman &
#: Friesen 1971 [B2]; contempt has the weakest evidence). Order = order of the answer buttons.
EMOTIONS: tuple[str, ...] = ("freude", "trauer", "aerger", "angst", "ueberraschung", "ekel", "verachtung")
#: Answer id for "I could not tell" (counts as a miss).
DONT_KNOW = "weiss_nicht"
ANSWERS: tuple[str, ...] = EMOTIONS + (DONT_KNOW,)
#: Action units the schematic face can show (FACS numbers; "12R"/"14R" = one side only).
AU_IDS: tuple[str, ...] = ("1", "2", "4", "5", "6", "7", "9", "10", "12", "12R", "14", "14R", "15", "16", "17",
                           "20", "23", "25", "26")


def _labels_from(doc: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Emotion and action-unit labels of ``data/mimik.json``: every id exactly once."""
    em = [e["id"] for e in doc["emotions"]]
    au = [a["id"] for a in doc["action_units"]]
    problems = []
    if sorted(em) != sorted(EMOTIONS):
        problems.append("jede der sieben Emotionen muss genau einmal vorkommen")
    if sorted(au) != sorted(AU_IDS):
        problems.append("jede Action Unit muss genau einmal vorkommen")
    if problems:
        raise CourseInputError(f"Die Datei „mimik.json“ ist fehlerhaft: {'; '.join(problems)}.",
                               "Bitte korrigieren Sie die Datei oder nehmen Sie die Originalfassung des Kurses.")
    emotions = {e["id"]: e["label"] for e in doc["emotions"]}
    aus = {a["id"]: a["label"] for a in doc["action_units"]}
    return ({e: emotions[e] for e in EMOTIONS} | {DONT_KNOW: doc["dont_know"]}, {k: aus[k] for k in AU_IDS})


def _load_labels():
    from importlib import resources

    from ..content import read_json_file

    return _labels_from(read_json_file(resources.files(__package__).joinpath("data", "mimik.json"), "mimik"))


#: Labels (answer buttons, tables, explanations) from ``data/mimik.json``.
ANSWER_LABELS, AU_LABELS = _load_labels()
EMOTION_LABELS: dict[str, str] = {e: ANSWER_LABELS[e] for e in EMOTIONS}

#: Prototype action-unit combinations (Ekman & Friesen 1978, BRIEF §8 [B4]) with the intensity
#: drawn by the course (1 = full; 0.6 for FACS level "B", 0.5 for the trace level "A" of the
#: one-sided contempt expression). Joy is the "Duchenne" smile (AU 6 + 12).
EMOTION_AUS: dict[str, dict[str, float]] = {
    "freude": {"6": 1.0, "12": 1.0},
    "trauer": {"1": 1.0, "4": 1.0, "15": 1.0},
    "ueberraschung": {"1": 1.0, "2": 1.0, "5": 0.6, "26": 1.0},
    "angst": {"1": 1.0, "2": 1.0, "4": 1.0, "5": 1.0, "20": 1.0, "26": 1.0},
    "aerger": {"4": 1.0, "5": 1.0, "7": 1.0, "23": 1.0},
    # disgust: nose wrinkle (AU 9) and raised upper lip (AU 10) carry it; AU 15/16 only lightly,
    # so the face does not read as sadness (whose brows AU 1 + 4 it also lacks)
    "ekel": {"9": 1.0, "10": 1.0, "15": 0.4, "16": 0.6},
    "verachtung": {"12R": 0.5, "14R": 0.5},
}
#: A polite "social" smile: mouth corners only, no cheek raise (no AU 6) – see Kraus in S000.
SOCIAL_SMILE: dict[str, float] = {"12": 0.8}
NEUTRAL: dict[str, float] = {}


def check_emotion(emotion) -> str:
    """Return ``emotion`` if it is one of :data:`EMOTIONS`; else a German error."""
    if emotion not in EMOTIONS:
        shown = ", ".join(EMOTION_LABELS[e] for e in EMOTIONS)
        raise CourseInputError(f"„{emotion}“ ist keine der sieben Basisemotionen.", f"Bitte wählen Sie eine davon: {shown}.")
    return emotion


def check_aus(aus) -> dict[str, float]:
    """Validate a mapping action unit → intensity in [0, 1]; returns a clean copy."""
    if not isinstance(aus, Mapping):
        raise CourseInputError("Die Gesichtsbewegungen brauchen eine Zuordnung „Action Unit → Stärke“.",
                               "Bitte übergeben Sie zum Beispiel {\"12\": 1.0} für ein Lächeln.")
    out = {}
    for key, val in aus.items():
        k = str(key)
        if k not in AU_LABELS:
            raise CourseInputError(f"Die Action Unit „{k}“ kennt das Kursgesicht nicht.",
                                   "Bitte verwenden Sie eine davon: " + ", ".join(AU_LABELS) + ".")
        out[k] = float(check_number(val, f"Stärke von AU {k}", 0, 1))
    return out


# ---------------------------------------------------------------------------------------------
# Face geometry
# ---------------------------------------------------------------------------------------------
#: Size of the drawing (SVG viewBox units). The face is centred at (100, 125).
VIEW_W, VIEW_H = 200, 240


def face_geometry(aus: Mapping[str, float] | None = None) -> dict[str, float]:
    """Coordinates of the schematic face for action-unit intensities ``aus`` (each 0 … 1).

    The face is drawn in a 200 × 240 box, y grows downwards. "l"/"r" mean left/right *as seen
    by the viewer*; one-sided units ("12R", "14R") act on the right side of the drawing.
    Every quantity is the neutral value plus a linear term per action unit (a = intensity);
    the displacements (in drawing units) are chosen by the course so that each unit is clearly
    visible at a = 1 and the prototypes of :data:`EMOTION_AUS` are recognisable:

    * brows (neutral y = 86): inner end ``86 − 10·a1 + 7·a4·(1 − 0,8·a1) + 5·a9``, outer end
      ``86 − 10·a2 + 3·a4 + 3·a9``; AU 4 also pulls the inner ends 4 units towards the middle.
      With AU 1 the lowering of AU 4 mostly pulls the brows together instead of down, so fear
      (1 + 2 + 4) shows raised, drawn-together, nearly level brows – not the downward V of anger.
    * AU 9 (nose wrinkler) also lowers the brows and pushes the lower lids up (``− 2·a9``).
    * eyes (neutral half-openings 6 above and 6 below the centre line y = 105): upper
      ``6 + 5·a5 − 2·a7``, lower ``6 − 2,5·a6 − 2,5·a7 − 2·a9``; AU 6 adds crow's-feet lines.
    * mouth corners (neutral x = 100 ∓ 22, y = 172): y ``− 8·a12 − 2·a14 + 7·a15 + 1·a20``,
      width ``+ 4·a12 + 8·a20 − 4·a23`` per side; the one-sided units act on one corner only.
    * lips: upper lip centre ``− 5·a10 − 2·a9``, lower lip centre ``+ 5·a16 − 3·a17``, opening
      ``3·a25 + 12·a26``, lip thickness ``4·(1 − 0,7·a23)``.
    * wrinkle strengths (0 … 1) for forehead (AU 1/2), brow furrow (AU 4), nose (AU 9),
      nasolabial fold (AU 6/9/10/12; per side: ``nasolabial_l``/``nasolabial_r``, a one-sided
      AU 12R deepens only the right fold), crow's feet (AU 6), dimple (AU 14) and chin (AU 17).

    Returns a flat dict of finite floats; every coordinate lies inside the drawing.
    """
    a = {k: 0.0 for k in AU_LABELS}
    a.update(check_aus(aus or {}))
    g: dict[str, float] = {}
    # brows
    g["brow_inner_y"] = 86 - 10 * a["1"] + 7 * a["4"] * (1 - 0.8 * a["1"]) + 5 * a["9"]
    g["brow_outer_y"] = 86 - 10 * a["2"] + 3 * a["4"] + 3 * a["9"]
    g["brow_inner_dx"] = 4 * a["4"]
    # eyes
    g["eye_upper"] = 6 + 5 * a["5"] - 2 * a["7"]
    g["eye_lower"] = 6 - 2.5 * a["6"] - 2.5 * a["7"] - 2 * a["9"]
    # mouth corners: left corner uses the bilateral units, the right one also the one-sided units
    a12r, a14r = max(a["12"], a["12R"]), max(a["14"], a["14R"])
    g["mouth_l_y"] = 172 - 8 * a["12"] - 2 * a["14"] + 7 * a["15"] + 1 * a["20"]
    g["mouth_r_y"] = 172 - 8 * a12r - 2 * a14r + 7 * a["15"] + 1 * a["20"]
    g["mouth_l_x"] = 100 - (22 + 4 * a["12"] + 8 * a["20"] - 4 * a["23"])
    g["mouth_r_x"] = 100 + (22 + 4 * a12r + 8 * a["20"] - 4 * a["23"])
    # lips
    g["opening"] = 3 * a["25"] + 12 * a["26"]
    g["lip_thickness"] = 4 * (1 - 0.7 * a["23"])
    g["upper_lip_y"] = 171 - 5 * a["10"] - 2 * a["9"]
    g["lower_lip_y"] = 173 + 5 * a["16"] - 3 * a["17"]
    # wrinkles (0 … 1)
    g["forehead"] = max(a["1"], a["2"])
    g["furrow"] = a["4"]
    g["nose_wrinkle"] = a["9"]
    g["nasolabial_l"] = min(1.0, max(a["6"], a["9"], a["10"], a["12"]))
    g["nasolabial_r"] = min(1.0, max(a["6"], a["9"], a["10"], a["12"], a["12R"]))
    g["nasolabial"] = max(g["nasolabial_l"], g["nasolabial_r"])
    g["crows_feet"] = a["6"]
    g["dimple_l"] = a["14"]
    g["dimple_r"] = a14r
    g["chin"] = a["17"]
    return g


# ---------------------------------------------------------------------------------------------
# Trial order (seeded, block-balanced)
# ---------------------------------------------------------------------------------------------
#: Exposure times offered by the trainer (ms). 40–500 ms is the range named by Dirk W. Eilert
#: [B3]; the default 150 ms lies in the 125–200 ms band reported for Haggard & Isaacs (S000).
EXPOSURE_MIN, EXPOSURE_MAX, EXPOSURE_DEFAULT = 40, 500, 150
#: Exposure times of the "mixed" mode: one per exposure class (see :data:`EXPOSURE_CLASSES`).
MIXED_LEVELS: tuple[int, ...] = (50, 100, 150, 300, 500)
#: Exposure classes (label, lower bound inclusive, upper bound inclusive) in ms.
#: The label is display text only (table index, axis ticks); trials store the time in ms.
EXPOSURE_CLASSES: tuple[tuple[str, int, int], ...] = tuple(
    (f"{lo}–{hi}\u00a0ms", lo, hi) for lo, hi in ((40, 99), (100, 124), (125, 200), (201, 300), (301, 500)))
UNTIMED = "ohne Zeitlimit"
DEFAULT_SEED = 8


def check_exposure(ms) -> int:
    """An exposure time in whole milliseconds between 40 and 500."""
    return int(check_number(ms, "Darbietungszeit", EXPOSURE_MIN, EXPOSURE_MAX, integer=True, unit="ms"))


def _block_permutation(seed: int, block: int, n: int) -> np.ndarray:
    return np.random.default_rng([seed, block]).permutation(n)


def emotion_for_trial(i, seed=DEFAULT_SEED) -> str:
    """The emotion of trial ``i`` (0-based): trials come in blocks of seven, each block a seeded
    random permutation of :data:`EMOTIONS` – so every emotion appears equally often."""
    i = check_number(i, "Nummer des Durchgangs", 0, 1_000_000, integer=True)
    seed = check_number(seed, "Startwert", 0, 2**31 - 1, integer=True)
    perm = _block_permutation(seed, i // len(EMOTIONS), len(EMOTIONS))
    return EMOTIONS[int(perm[i % len(EMOTIONS)])]


def exposure_for_trial(i, seed=DEFAULT_SEED, levels: Iterable[int] = MIXED_LEVELS) -> int:
    """Exposure (ms) of trial ``i`` in the mixed mode: blocks of the levels in seeded order."""
    i = check_number(i, "Nummer des Durchgangs", 0, 1_000_000, integer=True)
    seed = check_number(seed, "Startwert", 0, 2**31 - 1, integer=True)
    lv = [check_exposure(x) for x in levels]
    if not lv:
        raise CourseInputError("Es ist keine Darbietungszeit angegeben.", "Bitte nennen Sie mindestens eine Zeit zwischen 40 und 500\u00a0ms.")
    perm = _block_permutation(seed + 1, i // len(lv), len(lv))
    return lv[int(perm[i % len(lv)])]


def exposure_class(ms) -> str:
    """Label of the exposure class of ``ms`` (or "ohne Zeitlimit" for ``None``)."""
    if ms is None:
        return UNTIMED
    ms = check_exposure(ms)
    for label, lo, hi in EXPOSURE_CLASSES:
        if lo <= ms <= hi:
            return label
    raise AssertionError("exposure classes must cover the whole range")  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# Timing in the browser
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FrameTiming:
    """How a CSS-timed exposure maps onto screen frames."""

    frame_ms: float      # duration of one frame (1000 / refresh rate)
    frames_min: int      # fewest whole frames the face can be on screen
    frames_max: int      # most whole frames
    shown_min_ms: float  # frames_min · frame_ms
    shown_max_ms: float  # frames_max · frame_ms


def frames_shown(exposure_ms, refresh_hz=60) -> FrameTiming:
    """Screen frames covered by an exposure of ``exposure_ms`` on a display with ``refresh_hz``.

    The browser shows a new picture only at a screen refresh (every ``1000 / refresh_hz`` ms,
    ≈ 16,7 ms at 60 Hz). A face that is scheduled for D ms is therefore visible for
    ``floor(D / frame)`` or ``ceil(D / frame)`` whole frames, depending on where the start falls
    within a frame. (Exact multiples of a frame give exactly that many frames.)
    """
    d = check_number(exposure_ms, "Darbietungszeit", 1, 10_000, unit="ms")
    hz = check_number(refresh_hz, "Bildwiederholrate", 24, 360, unit="Hz")
    frame = 1000.0 / hz
    q = d / frame
    lo = max(1, math.floor(q + 1e-9))
    hi = max(1, math.ceil(q - 1e-9))
    return FrameTiming(frame, lo, hi, lo * frame, hi * frame)


# ---------------------------------------------------------------------------------------------
# Tally of trainer answers
# ---------------------------------------------------------------------------------------------
def _check_trials(trials) -> list[dict]:
    if isinstance(trials, (str, bytes)) or not isinstance(trials, Iterable):
        raise CourseInputError("Die Durchgänge brauchen eine Liste.", "Bitte übergeben Sie eine Liste von Durchgängen.")
    out = []
    for k, t in enumerate(trials):
        if not isinstance(t, Mapping) or "emotion" not in t or "answer" not in t:
            raise CourseInputError(f"Durchgang {k + 1} ist unvollständig.",
                                   "Jeder Durchgang braucht „emotion“, „answer“ und „exposure_ms“.")
        check_emotion(t["emotion"])
        check_choice(t["answer"], "Antwort", ANSWERS)
        ms = t.get("exposure_ms")
        out.append({"emotion": t["emotion"], "answer": t["answer"],
                    "exposure_ms": None if ms is None else check_exposure(ms)})
    return out


def hit_rates(trials, by: str = "emotion") -> pd.DataFrame:
    """Hit rate per emotion (``by="emotion"``) or per exposure class (``by="exposure"``).

    ``trials``: list of dicts ``{"emotion", "answer", "exposure_ms"}`` (``exposure_ms`` may be
    ``None`` for the untimed learning mode). Columns: ``Durchgänge``, ``Treffer``,
    ``Trefferquote`` (0 … 1, NaN where there is no trial yet). Rows: all emotions in the
    course's order, or all exposure classes (plus "ohne Zeitlimit" if such trials exist).
    A "Weiß nicht" answer counts as a miss.
    """
    check_choice(by, "Auswertung nach", ("emotion", "exposure"))
    rows = _check_trials(trials)
    if by == "emotion":
        index = [EMOTION_LABELS[e] for e in EMOTIONS]
        keys = [EMOTION_LABELS[r["emotion"]] for r in rows]
        name = "Emotion"
    else:
        index = [c[0] for c in EXPOSURE_CLASSES]
        keys = [exposure_class(r["exposure_ms"]) for r in rows]
        if UNTIMED in keys:
            index.append(UNTIMED)
        name = "Darbietungszeit"
    n = {k: 0 for k in index}
    hits = {k: 0 for k in index}
    for key, r in zip(keys, rows):
        n[key] += 1
        hits[key] += int(r["answer"] == r["emotion"])
    df = pd.DataFrame({"Durchgänge": [n[k] for k in index], "Treffer": [hits[k] for k in index]},
                      index=pd.Index(index, name=name))
    df["Trefferquote"] = df["Treffer"] / df["Durchgänge"].where(df["Durchgänge"] > 0)
    return df


def confusion_table(trials) -> pd.DataFrame:
    """Counts of answers (columns) per shown emotion (rows), all labels in German."""
    rows = _check_trials(trials)
    idx = [EMOTION_LABELS[e] for e in EMOTIONS]
    cols = [ANSWER_LABELS[a] for a in ANSWERS]
    df = pd.DataFrame(0, index=pd.Index(idx, name="gezeigt"), columns=pd.Index(cols, name="Antwort"))
    for r in rows:
        df.loc[EMOTION_LABELS[r["emotion"]], ANSWER_LABELS[r["answer"]]] += 1
    return df


CHANCE_LEVEL = 1 / len(EMOTIONS)  # guessing among seven emotions


# ---------------------------------------------------------------------------------------------
# Signal detection (Wort und Mimik)
# ---------------------------------------------------------------------------------------------
def sdt(hits, misses, false_alarms, correct_rejections) -> dict[str, float]:
    """Signal-detection indices with the log-linear correction (BRIEF §8: (hits + 0,5)/(n + 1)).

    Signal = words and face disagree. H = (hits + 0,5)/(hits + misses + 1),
    FA = (false_alarms + 0,5)/(false_alarms + correct_rejections + 1) – the correction keeps
    H and FA away from 0 and 1 so that the z-values stay finite.
    Sensitivity ``d' = z(H) − z(FA)``; criterion ``c = −(z(H) + z(FA))/2`` (c > 0: cautious,
    says "passt" more often; c < 0: suspects a contradiction more often).
    Returns ``{"H", "FA", "d_prime", "c", "H_raw", "FA_raw"}`` (raw rates NaN without trials).
    """
    h = check_number(hits, "Treffer", 0, 100_000, integer=True)
    m = check_number(misses, "Verpasser", 0, 100_000, integer=True)
    f = check_number(false_alarms, "Falschalarme", 0, 100_000, integer=True)
    r = check_number(correct_rejections, "korrekte Entwarnungen", 0, 100_000, integer=True)
    H = (h + 0.5) / (h + m + 1)
    FA = (f + 0.5) / (f + r + 1)
    z = NormalDist().inv_cdf
    zh, zf = z(H), z(FA)
    return {"H": H, "FA": FA, "d_prime": zh - zf, "c": -(zh + zf) / 2,
            "H_raw": h / (h + m) if h + m else float("nan"),
            "FA_raw": f / (f + r) if f + r else float("nan")}


CRITERION_BAND = 0.2   # |c| below this counts as a balanced tendency


def criterion_tip(c: float) -> str:
    """German reading of the criterion c (same threshold for every widget text)."""
    c = check_number(c, "Kriterium c", -10, 10)
    if c < -CRITERION_BAND:
        return "Sie vermuten eher zu oft einen Widerspruch (Kriterium c < 0)."
    if c > CRITERION_BAND:
        return "Sie sind eher vorsichtig und übersehen Widersprüche leichter (Kriterium c > 0)."
    return "Ihre Neigung ist ausgewogen (Kriterium c nahe 0)."


def dprime_from_rates(H, FA) -> float:
    """``d' = z(H) − z(FA)`` for rates strictly between 0 and 1 (no correction)."""
    H = check_number(H, "Trefferrate", 0.001, 0.999)
    FA = check_number(FA, "Falschalarmrate", 0.001, 0.999)
    z = NormalDist().inv_cdf
    return z(H) - z(FA)


# ---------------------------------------------------------------------------------------------
# "Wort und Mimik" scenarios
# ---------------------------------------------------------------------------------------------
CONGRUENT_ID = "passt"


def _scenario_error(sid, what):
    return CourseInputError(f"Die Situation „{sid}“ in szenarien.json ist fehlerhaft: {what}.",
                            "Bitte prüfen Sie die Datei oder nehmen Sie die Originalfassung des Kurses.")


def validate_scenarios(doc) -> list[dict]:
    """Check the structure of the scenario file and return the list of scenarios."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("scenarios"), list) or not doc["scenarios"]:
        raise CourseInputError("szenarien.json enthält keine Liste „scenarios“.", "Bitte nehmen Sie die Originalfassung des Kurses.")
    seen = set()
    for s in doc["scenarios"]:
        sid = s.get("id", "?") if isinstance(s, Mapping) else "?"
        if not isinstance(s, Mapping):
            raise _scenario_error(sid, "kein Objekt")
        for key in ("id", "title", "situation", "statement", "face", "congruent", "readings", "responses"):
            if key not in s:
                raise _scenario_error(sid, f"„{key}“ fehlt")
        if sid in seen:
            raise _scenario_error(sid, "Kennung doppelt")
        seen.add(sid)
        face = s["face"]
        if face not in EMOTIONS and face not in ("soziales_laecheln", "neutral"):
            raise _scenario_error(sid, f"unbekanntes Gesicht „{face}“")
        for group in ("readings", "responses"):
            opts = s[group]
            if not isinstance(opts, list) or len(opts) < 2:
                raise _scenario_error(sid, f"„{group}“ braucht mindestens zwei Optionen")
            for o in opts:
                if not all(isinstance(o.get(k), str) and o.get(k) for k in ("id", "text", "feedback")) or not isinstance(o.get("correct"), bool):
                    raise _scenario_error(sid, f"eine Option in „{group}“ ist unvollständig")
            if sum(o["correct"] for o in opts) != 1:
                raise _scenario_error(sid, f"in „{group}“ muss genau eine Option richtig sein")
        ids = [o["id"] for o in s["readings"]]
        if CONGRUENT_ID not in ids:
            raise _scenario_error(sid, f"die Deutung „{CONGRUENT_ID}“ fehlt")
        right = next(o["id"] for o in s["readings"] if o["correct"])
        if (right == CONGRUENT_ID) != bool(s["congruent"]):
            raise _scenario_error(sid, "„congruent“ passt nicht zur richtigen Deutung")
    return list(doc["scenarios"])


_SCENARIOS: list[dict] | None = None


def load_scenarios() -> list[dict]:
    """The packaged scenarios of "Wort und Mimik" (``data/szenarien.json``), validated."""
    global _SCENARIOS
    if _SCENARIOS is None:
        from ..content import read_json_file

        doc = read_json_file(resources.files(__package__).joinpath("data", "szenarien.json"))
        _SCENARIOS = validate_scenarios(doc)
    return _SCENARIOS


def scenario_face(scenario: Mapping) -> dict[str, float]:
    """Action units of the face shown in a scenario."""
    face = scenario["face"]
    if face == "soziales_laecheln":
        return dict(SOCIAL_SMILE)
    if face == "neutral":
        return dict(NEUTRAL)
    return dict(EMOTION_AUS[check_emotion(face)])


def evaluate_scenario(scenario: Mapping, reading_id, response_id) -> dict:
    """Check a learner's reading and response for one scenario.

    Returns ``{"reading_ok", "response_ok", "judged_incongruent", "incongruent", "outcome",
    "reading", "response", "best_reading", "best_response"}``; ``outcome`` is the
    signal-detection category of the yes/no judgement "Worte und Mimik widersprechen sich":
    ``hit``, ``miss``, ``false_alarm`` or ``correct_rejection``.
    """
    if not isinstance(scenario, Mapping) or "readings" not in scenario:
        raise CourseInputError("Diese Situation ist unvollständig.", "Bitte wählen Sie eine Situation aus der Liste.")
    if reading_id is None:
        raise CourseInputError("Sie haben noch keine Deutung gewählt.", "Bitte wählen Sie zuerst, was das Gesicht verrät.")
    if response_id is None:
        raise CourseInputError("Sie haben noch keine Reaktion gewählt.", "Bitte wählen Sie, wie Sie antworten würden.")
    readings = {o["id"]: o for o in scenario["readings"]}
    responses = {o["id"]: o for o in scenario["responses"]}
    check_choice(reading_id, "Deutung", readings)
    check_choice(response_id, "Reaktion", responses)
    incongruent = not scenario["congruent"]
    judged = reading_id != CONGRUENT_ID
    outcome = ("hit" if judged else "miss") if incongruent else ("false_alarm" if judged else "correct_rejection")
    return {
        "reading_ok": readings[reading_id]["correct"],
        "response_ok": responses[response_id]["correct"],
        "judged_incongruent": judged,
        "incongruent": incongruent,
        "outcome": outcome,
        "reading": readings[reading_id],
        "response": responses[response_id],
        "best_reading": next(o for o in scenario["readings"] if o["correct"]),
        "best_response": next(o for o in scenario["responses"] if o["correct"]),
    }
