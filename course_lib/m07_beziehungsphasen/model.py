"""Pure models of module 07 „Phasen der Kundenbeziehung“ (no ipywidgets).

* **Phasen-Diagnose** (:func:`diagnose`): observations a learner ticks → how well they fit
  each of the five phases, the most likely phase, its typical risk and what to do now.
  The five phase names are those of the couples therapist Dr. Roland Weber as given in the
  blog post S001; their transfer to customer relationships is the blog author's analogy, the
  signal weights and recommendations are the course's [Deutung des Kurses].
* **Beziehungsverlauf** (:func:`transition_matrix`, :func:`phase_chain`,
  :func:`simulate_relationships`, :func:`scenario_params`): a monthly Markov chain over the
  states P1 … P5 and „beendet“ [Lernmodell, after the brief's W8-1]. Defaults make phase 2
  the riskiest and phase 4/5 clearly safer – the order the source states; the numbers
  themselves are illustrative, the source gives no durations or probabilities.

Every public function validates its inputs (German :class:`CourseInputError`); the
simulation uses a seeded ``numpy.random.Generator`` and is deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import CourseInputError, check_number, check_sequence

# -- Phasen-Diagnose ---------------------------------------------------------------------

#: The observation that only warns (it fits no phase): the key contact leaves.
CONTACT_LEAVES = "kontakt_geht"


def _load_phases():
    """Phase names, short names, per-phase texts and the observations with their fit weights
    per phase P1..P5 (``data/phasen.json``, validated; ids unique, ``kontakt_geht`` present,
    every phase reachable by some observation)."""
    from importlib import resources

    from ..content import read_json_file

    doc = read_json_file(resources.files(__package__).joinpath("data", "phasen.json"), "phasen")
    return _phases_from(doc)


def _phases_from(doc: dict):
    ids = [s["id"] for s in doc["signs"]]
    problems = []
    if len(set(ids)) != len(ids):
        problems.append("eine Kennung einer Beobachtung kommt doppelt vor")
    if CONTACT_LEAVES not in ids:
        problems.append(f"die Beobachtung „{CONTACT_LEAVES}“ fehlt")
    if any(max(s["weights"][k] for s in doc["signs"]) <= 0 for k in range(5)):
        problems.append("zu einer Phase passt keine Beobachtung")
    if problems:
        raise CourseInputError(f"Die Datei „phasen.json“ ist fehlerhaft: {'; '.join(problems)}.",
                               "Bitte korrigieren Sie die Datei oder nehmen Sie die Originalfassung des Kurses.")
    phases = tuple(p["name"] for p in doc["phases"])
    short = tuple(p["short"] for p in doc["phases"])
    info = tuple({k: p[k] for k in ("gefuehl", "risiko", "tun")} for p in doc["phases"])
    signs = {s["id"]: (s["text"], tuple(float(x) for x in s["weights"])) for s in doc["signs"]}
    return phases, short, info, signs


#: PHASES: the five phase names; SHORT: short names for axis labels; PHASE_INFO: per phase how
#: it feels on both sides, its typical risk, what to do now; SIGNS: observable signs (own
#: wording) with a fit weight per phase P1..P5 – all from ``data/phasen.json``. A departure
#: of the key contact can happen in every phase: it says nothing about the phase (weight 0),
#: it only warns that the relationship may start over at phase 1 (Diagnosis.contact_warning).
PHASES, SHORT, PHASE_INFO, SIGNS = _load_phases()
#: Observations that carry no phase weight (warnings only).
WARNING_ONLY = frozenset(k for k, (_t, w) in SIGNS.items() if sum(w) == 0)


@dataclass(frozen=True)
class Diagnosis:
    fit: np.ndarray          # share of fit per phase (sums to 1, or all 0 without a phase sign)
    phase: int | None        # most likely phase, 1..5; None if only warning-only signs are ticked
    clear: bool              # True if the best phase leads the second by ≥ 0,1
    contact_warning: bool    # the key contact is leaving
    info: dict | None        # PHASE_INFO of the phase (None without a phase)

    @property
    def runner_up(self) -> int | None:
        """The second most likely phase (1..5), None without a phase."""
        if self.phase is None:
            return None
        return int(np.argsort(-self.fit, kind="stable")[1]) + 1


def diagnose(signs) -> Diagnosis:
    """Fit of the ticked observations to each phase [Deutung des Kurses].

    ``fit_k = Σ w_k(sign) / Σ_j Σ w_j(sign)`` over the ticked signs; the phase with the
    largest fit wins (ties → the earlier phase). ``clear`` is False when the runner-up is
    within 0,1. At least one known sign is required.
    """
    items = check_sequence(list(signs) if isinstance(signs, (set, frozenset, tuple)) else signs,
                           "Beobachtungen", min_len=0, max_len=len(SIGNS))
    if not items:
        raise CourseInputError("Sie haben noch keine Beobachtung angekreuzt.",
                               "Bitte kreuzen Sie an, was Sie in Ihrer Kundenbeziehung beobachten.")
    for s in items:
        if s not in SIGNS:
            raise CourseInputError(f"Die Beobachtung „{str(s)[:30]}“ kenne ich nicht.",
                                   "Bitte wählen Sie nur Beobachtungen aus der Liste.")
    w = np.zeros(5)
    chosen = set(items)
    for s in SIGNS:  # in the file's order: the float sum must not depend on the set's hash order
        if s in chosen:
            w += np.asarray(SIGNS[s][1], dtype=float)
    if set(items) <= WARNING_ONLY:  # only warnings such as „Ansprechperson geht“: no phase can be named
        return Diagnosis(w, None, False, CONTACT_LEAVES in items, None)
    fit = w / w.sum()
    order = np.argsort(-fit, kind="stable")
    best = int(order[0])
    clear = bool(fit[order[0]] - fit[order[1]] >= 0.1)
    return Diagnosis(fit, best + 1, clear, CONTACT_LEAVES in items, PHASE_INFO[best])


# -- Beziehungsverlauf (Markov-Kette) ----------------------------------------------------

H_DEFAULT = (0.02, 0.05, 0.03, 0.005, 0.002)   # monthly risk of ending, per phase
A_DEFAULT = (0.25, 0.15, 0.10, 0.06)            # monthly chance to move up from P1..P4


def _vector(values, name: str, n: int, hi: float) -> np.ndarray:
    vals = check_sequence(values if isinstance(values, (list, tuple)) else
                          (list(values) if isinstance(values, np.ndarray) else values), name, min_len=n, max_len=n)
    return np.array([check_number(v, f"{name} (Eintrag {k + 1})", 0, hi) for k, v in enumerate(vals)])


def transition_matrix(h=H_DEFAULT, a=A_DEFAULT, lam: float = 0.0) -> np.ndarray:
    """Monthly transition matrix over P1..P5 and „beendet“ (6 × 6, rows sum to 1).

    From phase i: end with ``h_i``; move up with ``a_i·(1 − h_i)`` (i ≤ 4); back to P1 with
    ``λ`` (key contact changes, i ≥ 2); otherwise stay. „beendet“ is absorbing.
    Ranges: ``h_i`` ∈ [0; 0,2], ``a_i`` ∈ [0; 0,6], ``λ`` ∈ [0; 0,1] – so a row never needs
    more than 0,9 of probability mass and „stay“ stays ≥ 0,1.
    """
    h = _vector(h, "Trennungsrisiko h", 5, 0.2)
    a = _vector(a, "Aufstiegschance a", 4, 0.6)
    lam = check_number(lam, "Ansprechpartnerwechsel λ", 0, 0.1)
    P = np.zeros((6, 6))
    for i in range(5):
        P[i, 5] = h[i]
        if i < 4:
            P[i, i + 1] = a[i] * (1 - h[i])
        if i >= 1:
            P[i, 0] += lam
        P[i, i] = 1.0 - P[i].sum()
    P[5, 5] = 1.0
    return P


def phase_chain(h=H_DEFAULT, a=A_DEFAULT, lam: float = 0.0, months: int = 36) -> np.ndarray:
    """Expected shares per state over time, starting with all relationships in P1.

    Returns an array ``(months + 1) × 6`` (columns P1..P5, beendet; each row sums to 1).
    Reference (brief, recomputed): defaults, 36 months → P5 ≈ 0,318, beendet ≈ 0,506;
    λ = 0,02 → P5 ≈ 0,20, beendet ≈ 0,56.
    """
    P = transition_matrix(h, a, lam)
    months = check_number(months, "Monate", 1, 120, integer=True)
    out = np.zeros((months + 1, 6))
    out[0, 0] = 1.0
    for t in range(months):
        out[t + 1] = out[t] @ P
    return out


def simulate_relationships(h=H_DEFAULT, a=A_DEFAULT, lam: float = 0.0, months: int = 36,
                           n: int = 400, seed: int = 7) -> np.ndarray:
    """Monte-Carlo paths of ``n`` customer relationships (seeded, deterministic).

    Returns an int array ``n × (months + 1)`` with state indices 0..5 (0 = P1, 5 = beendet).
    Each month every relationship draws its next state from its row of
    :func:`transition_matrix` (inverse-CDF with one uniform number per relationship).
    """
    P = transition_matrix(h, a, lam)
    months = check_number(months, "Monate", 1, 120, integer=True)
    n = check_number(n, "Zahl der Beziehungen", 1, 5000, integer=True)
    seed = check_number(seed, "Startwert (Seed)", 0, 2**31 - 1, integer=True)
    rng = np.random.default_rng(seed)
    cdf = np.cumsum(P, axis=1)
    cdf[:, -1] = 1.0
    states = np.zeros((n, months + 1), dtype=np.int64)
    for t in range(months):
        u = rng.random(n)
        cur = states[:, t]
        states[:, t + 1] = np.minimum((u[:, None] > cdf[cur]).sum(axis=1), 5)
    return states


def shares(states: np.ndarray) -> np.ndarray:
    """Share of relationships per state and month from :func:`simulate_relationships`."""
    if not isinstance(states, np.ndarray) or states.ndim != 2 or states.size == 0:
        raise CourseInputError("Die Simulationsdaten haben nicht die erwartete Form.",
                               "Bitte erzeugen Sie sie mit simulate_relationships.")
    if states.min() < 0 or states.max() > 5:
        raise CourseInputError("Die Simulationsdaten enthalten unbekannte Zustände.",
                               "Bitte erzeugen Sie sie mit simulate_relationships.")
    counts = np.stack([(states == k).sum(axis=0) for k in range(6)], axis=1)
    return counts / states.shape[0]


def scenario_params(skill: float = 0.0, contacts: int = 1, lam: float = 0.0):
    """Widget parameters → (h, a, λ_eff) [Lernmodell].

    ``skill`` ∈ [0, 1] – how well the seller handles the critical phases 2 and 3: their
    ending risk falls to ``h·(1 − 0,6·skill)`` and their chance to move on rises to
    ``a·(1 + 0,5·skill)``; skill 0 is the basic model. ``contacts`` ∈ 1..4 – people the
    seller knows well at the customer (multi-threading): a departure only sends the
    relationship back to P1 if it hinged on that person, so ``λ_eff = λ / contacts``.
    ``lam`` ∈ [0; 0,05] – monthly chance that the key contact leaves.
    """
    skill = check_number(skill, "Geschick in Phase 2 und 3", 0, 1)
    contacts = check_number(contacts, "Ansprechpersonen beim Kunden", 1, 4, integer=True)
    lam = check_number(lam, "Wechsel der Ansprechperson pro Monat", 0, 0.05)
    h = list(H_DEFAULT)
    a = list(A_DEFAULT)
    for i in (1, 2):
        h[i] = h[i] * (1 - 0.6 * skill)
        a[i] = a[i] * (1 + 0.5 * skill)
    return tuple(h), tuple(a), lam / contacts


@dataclass(frozen=True)
class Verlauf:
    """Everything the widget „Beziehungsverlauf“ shows (one simulation + the exact chain)."""

    skill: float
    contacts: int
    lam: float                 # monthly chance that the key contact leaves
    lam_eff: float             # λ / contacts: monthly chance of falling back to phase 1
    h: tuple
    a: tuple
    months: int
    states: np.ndarray
    shares: np.ndarray         # months+1 × 6, fractions
    exact: np.ndarray          # expected shares at the end (6)
    reached_p5: int            # relationships that reached phase 5 at least once

    @property
    def end(self) -> np.ndarray:
        return self.shares[-1]


def verlauf(skill: float = 0.0, contacts: int = 1, lam: float = 0.0, months: int = 36, n: int = 500,
            seed: int = 7) -> Verlauf:
    """Widget model: :func:`scenario_params` → :func:`simulate_relationships` and :func:`phase_chain`."""
    h, a, lam_eff = scenario_params(skill, contacts, lam)
    states = simulate_relationships(h, a, lam_eff, months, n, seed)
    return Verlauf(float(skill), int(contacts), float(lam), float(lam_eff), h, a, int(months), states,
                   shares(states), phase_chain(h, a, lam_eff, months)[-1], int((states == 4).any(axis=1).sum()))
