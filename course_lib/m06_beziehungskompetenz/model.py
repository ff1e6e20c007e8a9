"""Pure models of module 06 „Beziehungskompetenz“ (no ipywidgets).

Three models, one per widget:

* **Selbsteinschätzung** – a short Likert questionnaire (10 statements, answers 1–5, five of
  them reverse-keyed) scored into five competence dimensions on a 0–100 scale
  (:func:`score_selfassessment`), compared with an earlier run (:func:`compare_scores`) and
  rounded as the anonymous workshop result takes them (:func:`workshop_values`). The dimensions follow
  the list of the S004 article (Interesse/Wertschätzung, Empathie, Selbststeuerung,
  Distanz und Grenzen, respektvolle Kultur). The statements are written for the course; the
  questionnaire is a reflection aid, **not a validated psychological test** [Lernmodell].
* **Energiebudget** – a toy model of emotional labour over working days
  (:func:`strain_path`), after the brief's W6-1 (built on Hochschild 1983 and Zapf 2002).
* **Kunden als Freunde** – a mirroring toy model (:func:`mirror_path`), the trust equation of
  Maister, Green & Galford 2000 (:func:`trust`) and a scenario combining both with stated
  limits (:func:`friend_scenario`).

The questionnaire (``data/selbsteinschaetzung.json``) and the scenario's behaviours and customer
types (``data/kunden_als_freunde.json``, with their illustrative weights) are data, checked by the
schemas of the same name; the Energiebudget's parameters stay here, with their equations.

All public functions validate their inputs and raise :class:`CourseInputError` with a German
message. Everything is deterministic; one evaluation takes well under a millisecond.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..content import data_error, load_widget_data
from ..errors import CourseInputError, check_choice, check_number, check_sequence
from ..format_de import num as _de

# ---------------------------------------------------------------------------------------
# 1. Selbsteinschätzung
# ---------------------------------------------------------------------------------------

_SA = load_widget_data(__package__, "selbsteinschaetzung")
"""Dimensions, answer scale and statements of the questionnaire (``data/selbsteinschaetzung.json``)."""

DIMENSIONS: tuple[tuple[str, str], ...] = tuple((d["id"], d["label"]) for d in _SA["dimensions"])
DIM_IDS = tuple(d for d, _ in DIMENSIONS)
DIM_LABELS = dict(DIMENSIONS)

#: The statements. ``reverse=True`` means agreement speaks *against* the dimension; such
#: answers are scored as ``6 − x``.
ITEMS: tuple[dict, ...] = tuple(dict(i) for i in _SA["items"])
ITEM_IDS = tuple(i["id"] for i in ITEMS)
LIKERT = (1, 2, 3, 4, 5)
LIKERT_LABELS = {x["value"]: x["label"] for x in _SA["scale"]}
if len(set(DIM_IDS)) != len(DIM_IDS) or len(set(ITEM_IDS)) != len(ITEM_IDS) or tuple(LIKERT_LABELS) != LIKERT:
    raise data_error("selbsteinschaetzung.json", "eine Kennung kommt doppelt vor oder die Skala ist nicht 1 bis 5")
if {i["dim"] for i in ITEMS} != set(DIM_IDS):
    raise data_error("selbsteinschaetzung.json", "jede Aussage braucht einen bekannten Bereich, jeder Bereich Aussagen")


def _check_answer(value, item_id: str) -> int:
    if isinstance(value, bool) or value is None:
        raise CourseInputError(f"Zur Aussage „{item_id}“ fehlt eine Antwort.",
                               "Bitte wählen Sie einen Wert von 1 bis 5.")
    return check_number(value, f"Antwort zu {item_id}", 1, 5, integer=True)


def score_selfassessment(answers: dict) -> dict[str, float]:
    """Dimension scores (0–100) from Likert answers ``{item_id: 1..5}`` for all ten items.

    Equation: each answer ``x`` becomes ``x`` (or ``6 − x`` for reverse-keyed items); a
    dimension's mean ``m`` over its items is mapped linearly to ``100·(m − 1)/4``, so 1 → 0
    and 5 → 100. Missing, unknown or out-of-range answers raise :class:`CourseInputError`.
    """
    if not isinstance(answers, dict):
        raise CourseInputError("Die Antworten müssen als Zuordnung Aussage → Wert vorliegen.",
                               "Bitte beantworten Sie die Aussagen im Fragebogen.")
    unknown = [k for k in answers if k not in ITEM_IDS]
    if unknown:
        raise CourseInputError(f"Die Aussage „{str(unknown[0])[:20]}“ gehört nicht zum Fragebogen.",
                               "Bitte verwenden Sie nur die Aussagen a1 bis a10.")
    missing = [i for i in ITEM_IDS if answers.get(i) is None]
    if missing:
        raise CourseInputError(
            (f"Es fehlt noch eine von {len(ITEM_IDS)} Antworten." if len(missing) == 1
             else f"Es fehlen noch {len(missing)} von {len(ITEM_IDS)} Antworten."),
            "Bitte beantworten Sie alle Aussagen; erst dann lassen sich die Bereiche auswerten.")
    sums = {d: [] for d in DIM_IDS}
    for item in ITEMS:
        x = _check_answer(answers[item["id"]], item["id"])
        sums[item["dim"]].append(6 - x if item["reverse"] else x)
    return {d: 100.0 * (sum(v) / len(v) - 1.0) / 4.0 for d, v in sums.items()}


def answered_count(answers: dict) -> int:
    """How many of the ten statements have an answer (None counts as open)."""
    if not isinstance(answers, dict):
        raise CourseInputError("Die Antworten müssen als Zuordnung Aussage → Wert vorliegen.",
                               "Bitte beantworten Sie die Aussagen im Fragebogen.")
    return sum(1 for i in ITEM_IDS if answers.get(i) is not None)


def check_scores(scores) -> dict[str, float]:
    """Validate a score dict (all five dimensions, each 0–100) and return it as floats."""
    if not isinstance(scores, dict) or set(scores) != set(DIM_IDS):
        raise CourseInputError("Die Werte passen nicht zu den fünf Bereichen der Selbsteinschätzung.",
                               "Bitte werten Sie den Fragebogen neu aus.")
    return {d: check_number(scores[d], DIM_LABELS[d], 0, 100) for d in DIM_IDS}


def compare_scores(before, after) -> dict[str, float]:
    """Change per dimension ``after − before`` in points (−100 … 100)."""
    b, a = check_scores(before), check_scores(after)
    return {d: a[d] - b[d] for d in DIM_IDS}


@dataclass(frozen=True)
class Profile:
    """What the Selbsteinschätzung shows for complete answers: scores, lowest areas, comparison."""

    scores: dict
    lowest: tuple            # ids of all dimensions with the lowest score (ties: all of them)
    all_equal: bool          # every dimension has the same score
    previous: dict | None
    change: dict | None

    def lowest_text(self) -> str:
        """German sentence about the lowest area(s); never names one area when all are equal."""
        if self.all_equal:
            return (f"Alle fünf Bereiche liegen gleich auf ({round(self.scores[DIM_IDS[0]])}\u00a0Punkte) – es gibt keinen "
                    "niedrigsten Bereich. Welcher Bereich fühlt sich im Alltag trotzdem am schwierigsten an?")
        names = [DIM_LABELS[d] for d in self.lowest]
        if len(names) == 1:
            return f"Ihr niedrigster Wert liegt im Bereich „{names[0]}“. Was würde Ihnen dort im Alltag helfen?"
        return ("Ihre niedrigsten Werte liegen gleichauf in den Bereichen " + ", ".join(f"„{n}“" for n in names[:-1])
                + f" und „{names[-1]}“. Was würde Ihnen dort im Alltag helfen?")


def profile(answers: dict, previous=None) -> Profile:
    """Scores of complete answers plus lowest areas (all ties) and the change to ``previous``."""
    sc = score_selfassessment(answers)
    lo = min(sc.values())
    lowest = tuple(d for d in DIM_IDS if abs(sc[d] - lo) < 1e-9)
    prev = check_scores(previous) if previous is not None else None
    return Profile(sc, lowest, len(lowest) == len(DIM_IDS), prev, compare_scores(prev, sc) if prev else None)


def saved_values(scores) -> dict[str, float]:
    """The scores as a saved run keeps them (one decimal)."""
    s = check_scores(scores)
    return {d: round(s[d], 1) for d in DIM_IDS}


def workshop_values(scores) -> dict[str, int]:
    """What the anonymous workshop result (00_Start export, ``course_lib.workshop.export``)
    takes from a saved run: the saved scores rounded to whole points – no name, no answers to
    single statements, no date, so that a workshop can pool the files without knowing who
    wrote which."""
    return {d: int(round(float(v))) for d, v in saved_values(scores).items()}


# ---------------------------------------------------------------------------------------
# 2. Energiebudget der Gefühlsarbeit [Lernmodell]
# ---------------------------------------------------------------------------------------

L0, L_SURFACE, L_DEEP = 0.02, 0.25, 0.12
R0 = 1.2
B_CRIT = 10.0


@dataclass(frozen=True)
class EnergyResult:
    """Result of :func:`strain_path`."""

    per_contact: float      # ℓ, strain points per contact
    daily_strain: float     # L = n·ℓ
    recovery: float         # R = R0·(1 + u)
    net: float              # L − R (positive: strain builds up)
    path: np.ndarray        # B_0 … B_days (accumulated strain, ≥ 0)
    authenticity: float     # A = 1 − 0,6·s
    crossing_day: int | None  # first day with B ≥ B_CRIT, None if never

    @property
    def end(self) -> float:
        return float(self.path[-1])

    @property
    def sustainable(self) -> bool:
        """True when strain does not build up at all (L ≤ R)."""
        return self.net <= 1e-12

    @property
    def reached(self) -> bool:
        """True when the path reaches the warning threshold B_krit within the period."""
        return self.crossing_day is not None

    @property
    def verdict(self) -> tuple[str, str]:
        """(kind, German text) – the same threshold B_CRIT as the plot's dashed line and marker."""
        if self.sustainable:
            return "ok", "Tragfähig: Die Erholung gleicht die tägliche Belastung aus, es staut sich nichts auf."
        if self.crossing_day is None:
            return "partial", (f"Noch unter der Warnschwelle, aber jeden Tag kommen {_de(self.net, 2)}\u00a0Punkte dazu. "
                               "Auf Dauer reicht das nicht.")
        return "wrong", f"Nicht tragfähig: Ab Tag {self.crossing_day} liegt die Belastung über der Warnschwelle."


def strain_path(n: float = 40, d: float = 0.2, s: float = 0.5, c: float = 0.0, u: float = 0.3,
                days: int = 20) -> EnergyResult:
    """Accumulated, not yet recovered strain of a seller over working days [Lernmodell].

    Parameters (ranges; defaults from the brief's W6-1, illustrative, not measured):

    * ``n`` customer contacts per day, 10–120 (40)
    * ``d`` share of difficult contacts, 0–0,6 (0,2)
    * ``s`` share of surface acting (only showing the feeling), 0–1 (0,5); the rest is deep
      acting (adapting the inner feeling), which costs less (Hochschild 1983; dissonance is
      the main strain factor in Zapf 2002)
    * ``c`` self-regulation, 0–1 (0): halves the extra strain of difficult contacts at most
    * ``u`` support and supervision, 0–1 (0,3): buffers strain (Zapf 2002) – here by faster
      recovery
    * ``days`` working days, 1–60 (20 = four working weeks)

    Equations::

        ℓ = ℓ0 + d·(ℓs·s + ℓd·(1 − s))·(1 − 0,5·c)      ℓ0 = 0,02, ℓs = 0,25, ℓd = 0,12
        L = n·ℓ                                          daily strain
        R = R0·(1 + u)                                   daily recovery, R0 = 1,2
        B(t+1) = max(0, B(t) + L − R), B(0) = 0          warning threshold B_krit = 10
        A = 1 − 0,6·s                                    perceived authenticity

    Reference (brief, recomputed): defaults → L = 2,28, R = 1,56, B(20) = 14,4; s = 0 → 4,0;
    u = 1 → 0.
    """
    n = check_number(n, "Kontakte pro Tag", 10, 120)
    d = check_number(d, "Anteil schwieriger Kontakte", 0, 0.6)
    s = check_number(s, "Anteil Oberflächenhandeln", 0, 1)
    c = check_number(c, "Selbststeuerung", 0, 1)
    u = check_number(u, "Unterstützung und Supervision", 0, 1)
    days = check_number(days, "Arbeitstage", 1, 60, integer=True)
    ell = L0 + d * (L_SURFACE * s + L_DEEP * (1 - s)) * (1 - 0.5 * c)
    L = n * ell
    R = R0 * (1 + u)
    net = L - R
    path = np.zeros(days + 1)
    for t in range(days):
        path[t + 1] = max(0.0, path[t] + net)
    above = np.nonzero(path >= B_CRIT - 1e-9)[0]
    crossing = int(above[0]) if above.size else None
    return EnergyResult(ell, L, R, net, path, 1 - 0.6 * s, crossing)


# ---------------------------------------------------------------------------------------
# 3. Kunden als Freunde: Spiegelung, Vertrauensgleichung, Szenario
# ---------------------------------------------------------------------------------------

def trust(C: float, R: float, I: float, S: float) -> float:
    """Trust equation of Maister, Green & Galford (2000): ``T = (C + R + I) / S``.

    C credibility, R reliability, I intimacy (closeness), S self-orientation, each 1–10.
    Reference: (7, 8, 6, 7) → 3,0; with S = 3 → 7,0. Range: 0,3 … 30.
    """
    C = check_number(C, "Glaubwürdigkeit C", 1, 10)
    R = check_number(R, "Verlässlichkeit R", 1, 10)
    I = check_number(I, "Nähe I", 1, 10)
    S = check_number(S, "Selbstorientierung S", 1, 10)
    return (C + R + I) / S


def mirror_path(w_seller: float, w0: float = 0.3, mu: float = 0.25, rounds: int = 10) -> np.ndarray:
    """Customer warmth over the rounds of a conversation [Lernmodell, after the brief's W6-3].

    ``w(t+1) = w(t) + μ·(w_seller − w(t))`` – the customer's warmth moves towards the
    seller's by the share μ per round (a stylised chameleon effect, Chartrand & Bargh 1999).
    ``w_seller``, ``w0`` ∈ [0, 1]; ``μ`` ∈ [0, 0,5]; ``rounds`` 1–50. Resistance is ``1 − w``.
    Returns the array ``w(0) … w(rounds)``, every value between ``w0`` and ``w_seller``.
    """
    ws = check_number(w_seller, "Wärme der Verkäuferseite", 0, 1)
    w = check_number(w0, "Anfangswärme des Kunden", 0, 1)
    mu = check_number(mu, "Spiegelungsrate μ", 0, 0.5)
    rounds = check_number(rounds, "Gesprächsrunden", 1, 50, integer=True)
    out = np.empty(rounds + 1)
    out[0] = w
    for t in range(rounds):
        out[t + 1] = out[t] + mu * (ws - out[t])
    return out


_KF = load_widget_data(__package__, "kunden_als_freunde")
"""Behaviours and customer types of the scenario (``data/kunden_als_freunde.json``)."""

#: Behaviours the learner can choose: (label, warmth change, closeness change I,
#: self-orientation change S). The first six follow the list of the text „Kunden als Freunde“
#: of what changes when a seller thinks of a customer as a friend; the last two are contrast
#: behaviours. The weights are illustrative [Lernmodell] and part of the scenario data.
BEHAVIOURS: dict[str, tuple[str, float, float, float]] = {
    b["id"]: (b["label"], float(b["warmth"]), float(b["closeness"]), float(b["self_orientation"])) for b in _KF["behaviours"]}

#: Customer types: (label, genuineness g of a friendly stance, mirroring rate μ, limit text).
CUSTOMERS: dict[str, tuple[str, float, float, str]] = {
    c["id"]: (c["label"], float(c["genuineness"]), float(c["mu"]), c["limit"]) for c in _KF["customers"]}
if len(BEHAVIOURS) != len(_KF["behaviours"]) or len(CUSTOMERS) != len(_KF["customers"]) or "vertraeglich" not in CUSTOMERS:
    raise data_error("kunden_als_freunde.json", "eine Kennung kommt doppelt vor oder der Kundentyp „vertraeglich“ fehlt")
W_BASE = 0.35       # seller warmth without any chosen behaviour
W0_CUSTOMER = 0.3   # customer warmth at the start of the conversation
C_FIX, R_FIX = 6.0, 6.0   # credibility and reliability, held constant in the scenario
I_BASE, S_BASE = 3.0, 5.0


@dataclass(frozen=True)
class FriendResult:
    warmth_seller: float      # w_V, stated warmth of the seller (0–1)
    warmth_effective: float   # what the customer perceives: w_V·(0,5 + 0,5·g)
    path: np.ndarray          # customer warmth per round
    resistance: np.ndarray    # 1 − path
    trust: float              # T = (C + R + I)/S at the end of the conversation
    intimacy: float
    self_orientation: float
    acting_cost: float        # (1 − g)·max(0, w_V − W_BASE): warmth shown without feeling it
    limit: str                # the stated limit for this customer type
    customer: str = "vertraeglich"
    chosen: tuple = ()
    base_trust: float = float("nan")        # trust without any chosen behaviour
    base_resistance: float = float("nan")   # end resistance without any chosen behaviour

    @property
    def effect(self) -> str:
        """„besser“, „schlechter“, „gemischt“ or „keins“ – trust and end resistance vs. no behaviour."""
        if not self.chosen:
            return "keins"
        dt = self.trust - self.base_trust
        dr = float(self.resistance[-1]) - self.base_resistance
        up, down = dt > 0.05, dt < -0.05
        less, more = dr < -0.005, dr > 0.005
        if (up or not down) and (less or not more) and (up or less):
            return "besser"
        if (down or not up) and (more or not less) and (down or more):
            return "schlechter"
        return "gemischt" if (up or down or less or more) else "keins"

    @property
    def verdict(self) -> tuple[str, str, str]:
        """(kind, title, German text) from the same numbers the plot shows [Lernmodell]."""
        e = self.effect
        # the limit text of the friendly customer is a positive verdict – only for the „ok“ case
        limit = "" if self.customer == "vertraeglich" else self.limit
        t, tb = _de(self.trust, 1), _de(self.base_trust, 1)
        r = _de(float(self.resistance[-1]) * 100, 0)
        if e == "keins":
            r0 = _de(float(self.resistance[0]) * 100, 0)
            # the customer's warmth moves towards the seller's base warmth – up or down (as plotted)
            move = (f"sein Widerstand bleibt bei {r}\u00a0%" if r0 == r else
                    f"sein Widerstand {'sinkt' if self.resistance[-1] < self.resistance[0] else 'steigt'} "
                    f"von {r0}\u00a0% auf {r}\u00a0%")
            return "info", "Einordnung", (f"Ohne gewähltes Verhalten zeigt die Verkäuferseite nur ihre Grundwärme; der Kunde "
                                          f"gleicht sich ihr im Gespräch an, {move}. Wählen Sie Verhaltensweisen und "
                                          "vergleichen Sie Vertrauen und Widerstand mit diesem Ausgangswert. " + limit)
        if e == "schlechter":
            return "wrong", "Wirkt gegen Sie", (f"Ihr Verhalten senkt das Vertrauen auf {t} (ohne gewähltes Verhalten {tb}) "
                                               f"oder erhöht den Widerstand auf {r}\u00a0%. Druck und kühle Distanz wirken der "
                                               "Freundes-Haltung entgegen – so entsteht keine Nähe.")
        if self.customer == "unredlich" and e == "besser":   # „gemischt“: resistance rose, the text below would say it fell
            return "hint", "Grenze", (f"Im Modell wirkt die Nähe: Das Vertrauen des Kunden steigt auf {t} (ohne gewähltes "
                                      f"Verhalten {tb}), sein Widerstand sinkt auf {r}\u00a0%. Genau das ist hier das "
                                      "Risiko: Ein Kunde mit unredlichem Einkaufsverhalten kann Ihr Entgegenkommen "
                                      "ausnutzen. " + limit)
        if e == "gemischt":
            return "partial", "Gemischte Wirkung", (f"Vertrauen {t} (ohne gewähltes Verhalten {tb}), Widerstand am Ende "
                                                     f"{r}\u00a0%: Ein Teil Ihres Verhaltens hilft, ein anderer schadet. "
                                                     + limit)
        if self.customer == "vertraeglich":
            trust_part = (f"Das Vertrauen steigt auf {t}" if self.trust - self.base_trust > 0.05
                          else f"Das Vertrauen bleibt praktisch gleich ({t})")  # |Δ| ≤ 0,05: not called a rise
            return "ok", "Hier passt die Freundes-Haltung", (f"{trust_part} (ohne gewähltes Verhalten {tb}), "
                                                              f"der Widerstand sinkt auf {r}\u00a0%. " + self.limit)
        return "partial", "Grenze", (f"Es wirkt etwas: Vertrauen {t} statt {tb}, Widerstand {r}\u00a0%. " + limit)


def _clip(x: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, x))


def friend_scenario(behaviours=(), customer: str = "vertraeglich", rounds: int = 10) -> FriendResult:
    """Scenario „Kunden als Freunde“: chosen behaviours → trust and resistance [Lernmodell].

    * seller warmth ``w_V = clip(0,35 + Σ Δw, 0, 1)`` over the chosen behaviours;
    * the customer perceives ``w_eff = w_V·(0,5 + 0,5·g)`` – a stance that is only played
      (genuineness ``g`` < 1) reaches the customer less;
    * customer warmth follows :func:`mirror_path` with the customer type's μ, from 0,3;
    * closeness ``I = clip(3 + g·Σ ΔI + 4·w_end, 1, 10)`` and self-orientation
      ``S = clip(5 + Σ ΔS, 1, 10)`` give ``T`` by :func:`trust` with C = R = 6;
    * acting cost ``(1 − g)·max(0, w_V − 0,35)`` – the limit S003 names: with unpleasant or
      dishonest customers a friendship attempt would harm the seller.

    Weights are illustrative [Lernmodell]; S003 states the mechanism only qualitatively and
    the mirror-neuron explanation is only indirectly supported (Rizzolatti & Craighero 2004).
    """
    items = check_sequence(list(behaviours) if isinstance(behaviours, (set, frozenset)) else behaviours,
                           "Verhaltensweisen", min_len=0, max_len=len(BEHAVIOURS))
    for b in items:
        check_choice(b, "Verhaltensweise", BEHAVIOURS)
    if len(set(items)) != len(items):
        raise CourseInputError("Eine Verhaltensweise ist doppelt gewählt.", "Bitte wählen Sie jede höchstens einmal.")
    customer = check_choice(customer, "Kundentyp", CUSTOMERS)
    rounds = check_number(rounds, "Gesprächsrunden", 1, 50, integer=True)
    core = _friend_core(items, customer, rounds)
    base = _friend_core([], customer, rounds)
    from dataclasses import replace

    return replace(core, customer=customer, chosen=tuple(items), base_trust=base.trust,
                   base_resistance=float(base.resistance[-1]))


def _friend_core(items, customer: str, rounds: int) -> FriendResult:
    _label, g, mu, limit = CUSTOMERS[customer]
    w_v = _clip(W_BASE + sum(BEHAVIOURS[b][1] for b in items), 0.0, 1.0)
    w_eff = w_v * (0.5 + 0.5 * g)
    path = mirror_path(w_eff, W0_CUSTOMER, mu, rounds)
    I = _clip(I_BASE + g * sum(BEHAVIOURS[b][2] for b in items) + 4.0 * float(path[-1]), 1.0, 10.0)
    S = _clip(S_BASE + sum(BEHAVIOURS[b][3] for b in items), 1.0, 10.0)
    T = trust(C_FIX, R_FIX, I, S)
    cost = (1 - g) * max(0.0, w_v - W_BASE)
    return FriendResult(w_v, w_eff, path, 1.0 - path, T, I, S, cost, limit, customer, tuple(items))
