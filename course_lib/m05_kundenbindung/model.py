"""Module 05 – Emotionale Kundenbindung: pure models (no ipywidgets).

Three models, one per widget, plus the Net Promoter Score:

1. **Wert der Treue** – customer lifetime value (CLV) after Gupta & Lehmann (2003):

       M   = r / (1 + i − r)                 margin multiplier
       CLV = m · M − AC                      (infinite horizon, constant margin)
       T̄   = 1 / (1 − r)                     expected customer lifetime in years

   m = margin per year in € (default 1.000 €), r = retention rate per year (default 0,80),
   i = discount rate per year (default 0,10), AC = acquisition cost in € (default 0 €).
   Defaults and reference values are those of the course brief (W5-1): m = 1.000 €,
   i = 10 % gives 2.667 € (r = 0,80), 4.500 € (r = 0,90) and 6.333 € (r = 0,95).

   Course extension [Lernmodell, Deutung des Kurses]: referrals. A customer who is still
   active brings q new customers per year (default 0). Each referred customer is valued with
   the plain CLV of a new customer without acquisition cost, m · M, and its own referrals are
   not counted (no chain reaction, so the value stays finite). q · M is the number of referred
   customers per customer in present value; it is capped at 1 (REFERRED_MAX): more would mean
   every customer replaces itself through referrals alone. The yearly cash flow of an active
   customer is therefore m · (1 + min(q · M, 1)), and

       CLV = m · M · (1 + min(q · M, 1)) − AC.

   With a finite horizon of T years the sum runs over t = 1 … T:
   CLV_T = Σ m · (1 + q · M) · (r / (1 + i))^t − AC.

2. **Abwanderungs-Check** [Lernmodell] – the eight reasons why regular customers leave
   (newsletter „Außendienst Informationen“, S000) as warning signs with a severity
   s_j ∈ {0, 1, 2, 3}. Monthly churn hazard

       h = h0 + Σ w_j · s_j,   h0 = 0,5 % per month,  w_j = 0,3 … 0,6 percentage points per level.

   The weights are illustrative assumptions of the course (brief W5-2), not measured values.
   Survival of a cohort: S(t) = (1 − h)^t; yearly retention r = (1 − h)^12, which can be
   used in the CLV calculator. Risk in 12 months = 1 − r. The reasons are grouped into own
   mistakes (can be influenced directly) and changes on the customer or market side (to be
   recognised early) – a grouping of the course [Deutung des Kurses, brief 15.16].

3. **Proaktiver Service** [Lernmodell] – short service situations with four possible
   reactions each (texts in ``data/proaktiver_service.json``). Each reaction carries „Bindungspunkte“ from −2 (bond damaged) to +3
   (customer feels safe: „auf die ist Verlass“). The points are a didactic rating of the
   course, derived from the Amazon pennant case (S004) and the list of mistakes (S000).

4. **Net Promoter Score** (Reichheld 2003): % promoters (9–10) − % detractors (0–6).

All public functions validate their inputs and raise :class:`CourseInputError` with a German
message. Nothing here is random.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from ..errors import CourseInputError, check_choice, check_number, check_sequence

# ---------------------------------------------------------------------------------------
# 1. Wert der Treue (CLV)
# ---------------------------------------------------------------------------------------
M_MAX = 100_000.0     # € margin per year
AC_MAX = 100_000.0    # € acquisition cost
R_MAX = 0.99          # retention must stay below 1 (otherwise the customer never leaves)
I_MAX = 0.30          # discount rate per year
Q_MAX = 1.0           # referrals per active year
YEARS_MAX = 50


def _m(m):
    return check_number(m, "Marge pro Jahr", 0, M_MAX, unit="€")


def _r(r):
    return check_number(r, "Bindungsrate", 0, R_MAX)


def _i(i):
    return check_number(i, "Diskontsatz", 0, I_MAX)


def _ac(ac):
    return check_number(ac, "Akquisitionskosten", 0, AC_MAX, unit="€")


def _q(q):
    return check_number(q, "Empfehlungen pro Jahr", 0, Q_MAX)


def margin_multiplier(r: float, i: float) -> float:
    """Margin multiplier M = r / (1 + i − r): how many yearly margins one customer is worth today.

    r ∈ [0; 0,99] (retention rate per year), i ∈ [0; 0,30] (discount rate per year).
    """
    r, i = _r(r), _i(i)
    return r / (1.0 + i - r)


def expected_lifetime(r: float) -> float:
    """Expected customer lifetime in years, 1 / (1 − r) (r ∈ [0; 0,99])."""
    r = _r(r)
    return 1.0 / (1.0 - r)


#: At most this many referred customers (in present value, q · M) are counted per customer.
#: More would mean every customer replaces itself more than once through referrals alone – a
#: snowball the course model does not describe [Lernmodell].
REFERRED_MAX = 1.0


def referred_customers(r: float, i: float, referrals: float = 0.0) -> float:
    """Referred new customers per customer in present value, q · M, capped at :data:`REFERRED_MAX`."""
    r, i, q = _r(r), _i(i), _q(referrals)
    return min(q * r / (1.0 + i - r), REFERRED_MAX)


def clv(m: float, r: float, i: float, ac: float = 0.0, referrals: float = 0.0) -> float:
    """Customer lifetime value in € (infinite horizon): m · M · (1 + min(q · M, 1)) − AC.

    m ∈ [0; 100.000] €, r ∈ [0; 0,99], i ∈ [0; 0,30], ac ∈ [0; 100.000] €,
    referrals q ∈ [0; 1] new customers per active year (see module docstring). The referral
    term q · M (referred customers in present value) is capped at :data:`REFERRED_MAX`, so
    referrals at most double the value of a customer.
    Reference: clv(1000, 0.9, 0.1) == 4500.
    """
    m, r, i, ac = _m(m), _r(r), _i(i), _ac(ac)
    mult = r / (1.0 + i - r)
    return m * mult * (1.0 + referred_customers(r, i, referrals)) - ac


def yearly_value(m: float, r: float, i: float, referrals: float = 0.0) -> float:
    """Value of one active customer year in €: own margin plus the value of its referrals."""
    m = _m(m)
    return m * (1.0 + referred_customers(r, i, referrals))


def cumulative_value(m: float, r: float, i: float, ac: float = 0.0, referrals: float = 0.0,
                     years: int = 20) -> np.ndarray:
    """Discounted cumulative value after 0, 1, …, ``years`` years (array of length years + 1).

    C(0) = −AC; C(T) = Σ_{t=1..T} m · (1 + q · M) · (r / (1 + i))^t − AC. C(T) rises towards
    :func:`clv` as T grows. ``years`` is a whole number from 1 to 50.
    """
    m, r, i, ac = _m(m), _r(r), _i(i), _ac(ac)
    years = check_number(years, "Zeithorizont", 1, YEARS_MAX, integer=True, unit="Jahre")
    cash = yearly_value(m, r, i, referrals)
    t = np.arange(1, years + 1)
    flows = cash * (r / (1.0 + i)) ** t
    return np.concatenate([[-ac], -ac + np.cumsum(flows)])


@dataclass(frozen=True)
class RetentionComparison:
    """Two retention rates side by side (all money values in €)."""

    r_a: float
    r_b: float
    clv_a: float
    clv_b: float
    lifetime_a: float
    lifetime_b: float
    multiplier_a: float
    multiplier_b: float
    capped: bool            # True if r_b had to be capped at 0,99

    @property
    def difference(self) -> float:
        return self.clv_b - self.clv_a

    @property
    def relative(self) -> float | None:
        """Relative change of the CLV (fraction), or None if the first CLV is below half a cent
        (it is shown as 0 €, and a percentage of it would be meaningless or infinite)."""
        return self.difference / self.clv_a if self.clv_a >= 0.005 else None


def compare_retention(m: float, r: float, i: float, ac: float = 0.0, referrals: float = 0.0,
                      delta_pp: float = 5.0) -> RetentionComparison:
    """Compare retention r with r + ``delta_pp`` percentage points (capped at 0,99).

    delta_pp ∈ [0; 20] percentage points. Example: m = 1.000 €, r = 0,80, i = 0,10, +5 pp →
    2.667 € vs. 3.400 € (+27,5 %).
    """
    d = check_number(delta_pp, "Zusätzliche Bindung", 0, 20, unit="Prozentpunkte")
    r = _r(r)
    r_b = max(r, round(r + d / 100.0, 12))  # rounding hides float noise such as 0.8 + 0.05
    capped = r_b > R_MAX
    r_b = min(r_b, R_MAX)
    return RetentionComparison(
        r_a=r, r_b=r_b,
        clv_a=clv(m, r, i, ac, referrals), clv_b=clv(m, r_b, i, ac, referrals),
        lifetime_a=expected_lifetime(r), lifetime_b=expected_lifetime(r_b),
        multiplier_a=margin_multiplier(r, i), multiplier_b=margin_multiplier(r_b, i),
        capped=capped,
    )


LIFETIME_NOTE_YEARS = 20   # above this expected duration the widget comments on the number


@dataclass(frozen=True)
class TreueResult:
    """Everything the widget „Wert der Treue“ shows: text, table, curves and end labels."""

    comparison: RetentionComparison
    years: int
    curve_a: np.ndarray           # cumulative value after 0 … years years (€), rate A
    curve_b: np.ndarray           # same for rate B
    referred_a: float             # q · M (capped) for rate A
    referred_b: float
    referrals_capped: bool        # True if q · M was capped for rate A or B
    q: float

    @property
    def horizon_a(self) -> float:
        """Value after ``years`` years for rate A (= end of curve A = its end label)."""
        return float(self.curve_a[-1])

    @property
    def horizon_b(self) -> float:
        return float(self.curve_b[-1])

    @property
    def long_lifetime(self) -> bool:
        """An expected duration above 20 years gets a comment (it is a pure arithmetic value)."""
        return max(self.comparison.lifetime_a, self.comparison.lifetime_b) > LIFETIME_NOTE_YEARS


def treue_result(m: float, r: float, i: float, ac: float = 0.0, referrals: float = 0.0,
                 delta_pp: float = 5.0, years: int = 20) -> TreueResult:
    """One result for the widget „Wert der Treue“ (see :func:`compare_retention`, :func:`cumulative_value`)."""
    c = compare_retention(m, r, i, ac, referrals, delta_pp)
    q = _q(referrals)
    ra = referred_customers(c.r_a, i, q)
    rb = referred_customers(c.r_b, i, q)
    capped = any(q * x / (1.0 + i - x) > REFERRED_MAX for x in (c.r_a, c.r_b))
    return TreueResult(c, int(years), cumulative_value(m, c.r_a, i, ac, q, years),
                       cumulative_value(m, c.r_b, i, ac, q, years), ra, rb, capped, q)


# ---------------------------------------------------------------------------------------
# 2. Abwanderungs-Check
# ---------------------------------------------------------------------------------------
OWN = "eigen"
CUSTOMER = "kunde"
H0 = 0.005            # basic monthly churn without warning signs (brief W5-2)
MONTHS = 36           # cohort horizon (brief W5-2)
RISK_BANDS = ((0.15, "gering"), (0.35, "erhöht"), (1.01, "hoch"))  # 12-month risk thresholds [Lernmodell]


@dataclass(frozen=True)
class WarningSign:
    id: str
    label: str          # short label for controls and the chart
    group: str          # OWN or CUSTOMER
    weight: float       # percentage points of monthly churn per severity level [Lernmodell]
    signal: str         # what the learner may observe
    measure: str        # counter-measure (paraphrased from S000 in the course's words)


def _data(filename: str, schema: str) -> dict:
    """A validated data file of this module (``data/<filename>``)."""
    from importlib import resources

    from ..content import read_json_file

    return read_json_file(resources.files(__package__).joinpath("data", filename), schema)


def _load_signs() -> tuple[dict[str, str], dict[str, str], dict[int, str], tuple[WarningSign, ...]]:
    """Group labels, group tags, level labels and warning signs (``data/warnsignale.json``).

    Beyond the schema: ids unique, both groups listed once, every group with at least one sign.
    """
    doc = _data("warnsignale.json", "warnsignale")
    groups = {g["id"]: g for g in doc["groups"]}
    ids = [s["id"] for s in doc["signs"]]
    problems = []
    if len(groups) != 2:
        problems.append("jede Gruppe (eigen, kunde) muss genau einmal vorkommen")
    if len(set(ids)) != len(ids):
        problems.append("eine Kennung eines Warnsignals kommt doppelt vor")
    if {s["group"] for s in doc["signs"]} != {OWN, CUSTOMER}:
        problems.append("jede Gruppe braucht mindestens ein Warnsignal")
    if problems:
        raise CourseInputError(f"Die Datei „warnsignale.json“ ist fehlerhaft: {'; '.join(problems)}.",
                               "Bitte korrigieren Sie die Datei oder nehmen Sie die Originalfassung des Kurses.")
    signs = tuple(WarningSign(s["id"], s["label"], s["group"], float(s["weight"]), s["signal"], s["measure"])
                  for s in doc["signs"])
    return ({k: g["label"] for k, g in groups.items()}, {k: g["tag"] for k, g in groups.items()},
            dict(enumerate(doc["levels"])), signs)


#: Texts from ``data/warnsignale.json``; the weights there are course assumptions [Lernmodell].
GROUP_LABELS, GROUP_TAGS, LEVELS, WARNING_SIGNS = _load_signs()
SIGN_IDS = tuple(s.id for s in WARNING_SIGNS)
_SIGNS = {s.id: s for s in WARNING_SIGNS}


def sign(sign_id: str) -> WarningSign:
    """The warning sign with this id (German error for unknown ids)."""
    return _SIGNS[check_choice(sign_id, "Warnsignal", SIGN_IDS)]


def _severities(severities) -> dict[str, int]:
    """Accept a mapping id → level (missing ids count as 0) or a sequence of 8 levels."""
    if isinstance(severities, Mapping):
        for k in severities:
            check_choice(k, "Warnsignal", SIGN_IDS)
        raw = {k: severities.get(k, 0) for k in SIGN_IDS}
    else:
        seq = check_sequence(severities, "Schweregrade", min_len=len(SIGN_IDS), max_len=len(SIGN_IDS))
        raw = dict(zip(SIGN_IDS, seq))
    return {k: check_number(v, f"Stufe für {_SIGNS[k].label}", 0, 3, integer=True)  # the whole name is quoted once
            for k, v in raw.items()}


def contributions(severities) -> dict[str, float]:
    """Contribution w_j · s_j of each sign to the monthly hazard (fractions, e.g. 0.01 = 1 pp)."""
    s = _severities(severities)
    return {k: _SIGNS[k].weight / 100.0 * s[k] for k in SIGN_IDS}


def churn_hazard(severities, h0: float = H0) -> float:
    """Monthly churn probability h = h0 + Σ w_j · s_j (fraction, between h0 and h0 + 10,2 pp).

    ``severities``: mapping sign id → level 0…3 (missing ids = 0) or a sequence of 8 levels in
    the order of :data:`WARNING_SIGNS`. h0 ∈ [0; 0,05] per month (default 0,005).
    """
    h0 = check_number(h0, "Grundrisiko pro Monat", 0, 0.05)
    return h0 + sum(contributions(severities).values())


def survival(h: float, months: int = MONTHS) -> np.ndarray:
    """Share of a cohort still active after 0 … ``months`` months: S(t) = (1 − h)^t.

    h ∈ [0; 0,99] per month, months a whole number from 1 to 120. Reference: h = 0,01 →
    S(12) ≈ 0,886.
    """
    h = check_number(h, "Abwanderungsrisiko pro Monat", 0, 0.99)
    months = check_number(months, "Monate", 1, 120, integer=True)
    return (1.0 - h) ** np.arange(months + 1)


def yearly_retention(h: float) -> float:
    """Yearly retention rate r = (1 − h)^12 for a monthly churn probability h ∈ [0; 0,99]."""
    h = check_number(h, "Abwanderungsrisiko pro Monat", 0, 0.99)
    return (1.0 - h) ** 12


def risk_level(risk_12m: float) -> str:
    """German band for a 12-month churn risk: „gering“ (< 15 %), „erhöht“ (< 35 %), „hoch“."""
    p = check_number(risk_12m, "Risiko in 12\u00a0Monaten", 0, 1)
    for limit, label in RISK_BANDS:
        if p < limit:
            return label
    return RISK_BANDS[-1][1]


@dataclass(frozen=True)
class ChurnCheck:
    severities: dict[str, int]
    contributions: dict[str, float]     # fraction per month per sign
    hazard: float                       # monthly churn probability
    retention: float                    # yearly retention (1 − h)^12
    risk_12m: float                     # 1 − retention
    level: str                          # gering / erhöht / hoch
    top: list[str]                      # up to 3 sign ids, largest contribution first
    group_totals: dict[str, float] = field(default_factory=dict)
    cohort: np.ndarray = field(default_factory=lambda: np.zeros(0))   # customers of 100 still active

    @property
    def own_share(self) -> float | None:
        """Share of the signs' contribution that comes from own mistakes (None if no sign)."""
        total = sum(self.group_totals.values())
        return self.group_totals[OWN] / total if total > 0 else None


def churn_check(severities, h0: float = H0, months: int = MONTHS, top_n: int = 3) -> ChurnCheck:
    """Transparent risk check for one regular customer (see module docstring, model 2).

    Ties in the ranking are broken by the order of :data:`WARNING_SIGNS`.
    """
    sev = _severities(severities)
    con = contributions(sev)
    h = churn_hazard(sev, h0)
    top_n = check_number(top_n, "Anzahl der Hauptgründe", 1, len(SIGN_IDS), integer=True)
    ranked = sorted((k for k in SIGN_IDS if con[k] > 0), key=lambda k: (-con[k], SIGN_IDS.index(k)))
    r = yearly_retention(h)
    groups = {g: sum(con[s.id] for s in WARNING_SIGNS if s.group == g) for g in (OWN, CUSTOMER)}
    return ChurnCheck(severities=sev, contributions=con, hazard=h, retention=r, risk_12m=1.0 - r,
                      level=risk_level(1.0 - r), top=ranked[:top_n], group_totals=groups,
                      cohort=100.0 * survival(h, months))


# ---------------------------------------------------------------------------------------
# 3. Proaktiver Service (scenario)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    id: str
    text: str
    points: int          # Bindungspunkte −2 … +3 [Lernmodell]
    effect: str          # short emotional effect
    explanation: str


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    text: str
    options: tuple[Option, ...]


def _load_situations() -> tuple[Situation, ...]:
    """The situations with their rated reactions (``data/proaktiver_service.json``), validated."""
    doc = _data("proaktiver_service.json", "proaktiver_service")
    return tuple(Situation(s["id"], s["title"], s["text"],
                           tuple(Option(o["id"], o["text"], o["points"], o["effect"], o["explanation"]) for o in s["options"]))
                 for s in doc["situations"])


SITUATIONS: tuple[Situation, ...] = _load_situations()
SITUATION_IDS = tuple(s.id for s in SITUATIONS)
_SITUATIONS = {s.id: s for s in SITUATIONS}


def situation(situation_id: str) -> Situation:
    """The scenario situation with this id (German error for unknown ids)."""
    return _SITUATIONS[check_choice(situation_id, "Situation", SITUATION_IDS)]


def evaluate_choice(situation_id: str, option_id: str) -> Option:
    """The rated reaction ``option_id`` in situation ``situation_id``."""
    s = situation(situation_id)
    oid = check_choice(option_id, "Reaktion", [o.id for o in s.options])
    return next(o for o in s.options if o.id == oid)


@dataclass(frozen=True)
class ReactionRating:
    """How the widget rates one chosen reaction (box kind, title, points label)."""

    option: Option
    kind: str        # ok / partial / info / wrong
    title: str
    points_label: str


def points_label(points: int) -> str:
    """„+3 Bindungspunkte“, „+1 Bindungspunkt“, „0 Bindungspunkte“, „−1 Bindungspunkt“."""
    p = int(points)
    sign = "+" if p > 0 else ("−" if p < 0 else "")
    unit = "Bindungspunkt" if abs(p) == 1 else "Bindungspunkte"
    return f"{sign}{abs(p)}\u00a0{unit}"


def rate_reaction(situation_id: str, option_id: str) -> ReactionRating:
    """Rating of a reaction [Lernmodell]: the best one of its situation → „Starke Wirkung“,
    other positive ones → „Teilweise wirksam“, 0 points → „Bewirkt wenig“, negative → „Schadet
    der Bindung“. The title never contradicts the sign of the points."""
    o = evaluate_choice(situation_id, option_id)
    best = max(x.points for x in situation(situation_id).options)
    if o.points == best and o.points > 0:
        kind, title = "ok", "Starke Wirkung"
    elif o.points > 0:
        kind, title = "partial", "Teilweise wirksam"
    elif o.points == 0:
        kind, title = "info", "Bewirkt wenig"
    else:
        kind, title = "wrong", "Schadet der Bindung"
    return ReactionRating(o, kind, title, points_label(o.points))


@dataclass(frozen=True)
class ScenarioSummary:
    points: int
    answered: int
    max_points: int       # best reachable sum for the answered situations
    verdict: str


def scenario_summary(choices: Mapping[str, str]) -> ScenarioSummary:
    """Sum of the Bindungspunkte of the chosen reactions (mapping situation id → option id).

    Verdict [Lernmodell]: average ≥ 2 points per answered situation → „treu“, ≥ 0.5 → „zufrieden,
    aber wechselbereit“, below → „Abwanderung droht“.
    """
    if not isinstance(choices, Mapping):
        raise CourseInputError("Die Entscheidungen brauchen die Form Situation → Reaktion.",
                               "Bitte übergeben Sie ein Wörterbuch, zum Beispiel {\"verzug\": \"b\"}.")
    pts = 0
    best = 0
    for sid, oid in choices.items():
        pts += evaluate_choice(sid, oid).points
        best += max(o.points for o in situation(sid).options)
    n = len(choices)
    if n == 0:
        verdict = "noch keine Entscheidung"
    else:
        avg = pts / n
        verdict = ("treu – der Kunde fühlt sich sicher" if avg >= 2 else
                   "zufrieden, aber wechselbereit" if avg >= 0.5 else "Abwanderung droht")
    return ScenarioSummary(points=pts, answered=n, max_points=best, verdict=verdict)


# ---------------------------------------------------------------------------------------
# 4. Net Promoter Score
# ---------------------------------------------------------------------------------------
def nps(counts: Sequence[float]) -> float:
    """Net Promoter Score from 11 answer counts for the scores 0 … 10 (Reichheld 2003).

    NPS = 100 · (promoters 9–10 − detractors 0–6) / all answers, between −100 and +100.
    Reference: 50 % promoters, 30 % passives, 20 % detractors → +30.
    """
    c = check_sequence(counts, "Antworten je Skalenwert", min_len=11, max_len=11)
    c = [check_number(x, f"Anzahl für Wert {k}", 0, 1e9) for k, x in enumerate(c)]
    total = sum(c)
    if total <= 0:
        raise CourseInputError("Es gibt noch keine Antworten.", "Bitte tragen Sie mindestens eine Antwort ein.")
    promoters = c[9] + c[10]
    detractors = sum(c[:7])
    return 100.0 * (promoters - detractors) / total
