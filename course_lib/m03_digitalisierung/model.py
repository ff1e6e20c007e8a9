"""Pure models of module 03 „Die Digitalisierung der Warenwelt“ (no ipywidgets here).

Three parts, one per widget:

1. **Cross-Channel im Einzelhandel** – the Locafox figures (S000, editorial) as a DataFrame
   read from ``data/locafox_cross_channel.csv``. Missing values stay NaN; they are never
   filled in. The one ambiguous statement („43 Prozent (plus 15 Prozent)“ for Buy & Collect)
   is resolved only on request and only with a visible label, in one of two readings:

   * ``"prozentpunkte"``: 2015 = 43 − 15 = 28 %
   * ``"relativ"``: 2015 = 43 / 1,15 ≈ 37,4 %

   Change between two shares ``a`` (old) and ``b`` (new), both in percent:
   ``Δ_pp = b − a`` (Prozentpunkte) and ``Δ_rel = (b − a) / a · 100`` (Prozent).

2. **Mundpropaganda im Netz** [Lernmodell] – an Independent-Cascade model
   (Kempe, Kleinberg & Tardos 2003) with memory on a Watts–Strogatz small-world graph.

   * Graph: ``n`` persons on a ring, each linked to ``contacts // 2`` neighbours on either
     side; every link is rewired with probability ``rewire`` to a random other person
     (duplicates are dropped). Defaults n = 1000, rewire = 0,1 (BRIEF W2-1).
   * Spread: on every day each person who knows the story and for whom it is still
     „visible“ tells each contact who does not know it yet with probability ``p``.
     Offline a story is visible for one day after hearing it (``L = 1``: the conversation
     is over); online it stays visible for good (``L = ∞``: the posting remains, the net
     does not forget).
   * Exact, fast evaluation: the attempts along one link are independent Bernoulli trials,
     so the delay until a link passes the story on is geometric, ``D ~ Geom(p)``, and it is
     cut off at ``L`` (``D = ∞`` if ``D > L``). The day a person hears the story is the
     shortest path ``t(w) = min_u t(u) + D(u, w)`` from the first customer, computed by a
     vectorised Bellman–Ford iteration (at most ``days`` rounds).
   * Reach on day d = number of persons with ``t ≤ d`` (the first customer included),
     averaged over ``runs`` seeded repetitions.
   * Negative vs. positive: the annoyed customer's story is passed on with
     ``p_neg = min(1, p · negative_factor)``; the default factor 2 is an assumption of the
     course, not a measurement. East, Hammond & Wright (2007) found positive word of mouth
     about three times as frequent as negative – a factor < 1 shows that reading.
   * Branching factor: ``R = (k − 1) · (1 − (1 − p)^L_eff)`` with ``L_eff = min(L, days)``.
     Above R ≈ 1 a story tends to reach almost everyone, below it fizzles out.

3. **Antwortzeit und Irritation** [Lernmodell] – how the firm's service level and the
   customers' patience set the share of irritated customers (S002: customers expect an
   answer within minutes, 24/7 principle).

   * The firm answers within a target time ``t`` for a share ``SL`` of requests; response
     times are exponential with mean ``μ = t / (−ln(1 − SL))``.
   * Patience is exponential with median ``m`` (``τ = m / ln 2``): a customer is irritated
     if the answer takes longer than his or her patience.
   * A share ``a`` of requests arrives outside office hours; without 24/7 service these
     wait ``W`` extra hours (default 8 h ≈ an average night).
   * Closed forms: ``P_irr(office) = μ / (μ + τ)``;
     ``P_irr(off hours) = 1 − e^(−W/τ) · τ / (τ + μ)``;
     total ``= (1 − a) · P_irr(office) + a · P_irr(off hours)`` (with 24/7: W = 0).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pandas is imported where a table is built (memory, issue #22)
    import pandas as pd

from .. import content
from ..errors import CourseInputError, check_choice, check_number, check_sequence

MODULE = "m03"

# ---------------------------------------------------------------------------------------
# 1. Locafox: Cross-Channel im Einzelhandel
# ---------------------------------------------------------------------------------------

LOCAFOX_FILE = "locafox_cross_channel.csv"
LOCAFOX_COLUMNS = ["id", "kennzahl", "anteil_2015_prozent", "anteil_zweite_erhebung_prozent",
                   "angabe_zuwachs_quelle", "hinweis"]
READINGS = {
    "keine": "keine Lesart – nur die Angaben der Quelle",
    "prozentpunkte": "„plus 15“ als Prozentpunkte gelesen",
    "relativ": "„plus 15“ als relativer Zuwachs in Prozent gelesen",
}
BUY_COLLECT_NEW = 43.0
BUY_COLLECT_PLUS = 15.0
MIN_BASE = 0.01  # smallest base share (in %) for a relative change


def growth_leaders(reading: str = "keine") -> tuple[str, str]:
    """Ids of the indicators with the largest change in percentage points and relative,
    among those with both values (the rule of the widget's comparison line)."""
    full = locafox_table(reading)
    both = full[np.isfinite(full["aenderung_pp"])]
    return (str(both.loc[both["aenderung_pp"].idxmax(), "id"]), str(both.loc[both["aenderung_rel"].idxmax(), "id"]))


@lru_cache(maxsize=1)
def locafox_data() -> pd.DataFrame:
    """The Locafox figures exactly as in the source; missing values are NaN (read and checked
    once per session – the shared frame, do not modify it).

    Columns: ``id``, ``kennzahl``, ``anteil_2015_prozent``, ``anteil_zweite_erhebung_prozent``,
    ``angabe_zuwachs_quelle`` (the source's wording of a change, if any), ``hinweis``.
    """
    df = content.load_csv(MODULE, LOCAFOX_FILE)
    if list(df.columns) != LOCAFOX_COLUMNS:
        raise CourseInputError(
            f"Die Datei „{LOCAFOX_FILE}“ hat unerwartete Spalten.",
            "Bitte nehmen Sie die Originaldatei des Kurses.",
        )
    for col in ("anteil_2015_prozent", "anteil_zweite_erhebung_prozent"):
        vals = df[col].dropna()
        if ((vals < 0) | (vals > 100)).any():
            raise CourseInputError(f"In „{LOCAFOX_FILE}“ liegt ein Anteil außerhalb von 0 bis 100\u00a0%.",
                                   "Bitte nehmen Sie die Originaldatei des Kurses.")
    return df


def buy_collect_2015(reading: str) -> float:
    """Share of retailers with Buy & Collect in 2015 under one reading of „plus 15 Prozent“.

    ``"prozentpunkte"`` → 43 − 15 = 28,0; ``"relativ"`` → 43 / 1,15 ≈ 37,39. The source does
    not say which is meant (BRIEF section 15, item 5); the course shows both, labelled.
    """
    check_choice(reading, "Lesart", ["prozentpunkte", "relativ"])
    if reading == "prozentpunkte":
        return BUY_COLLECT_NEW - BUY_COLLECT_PLUS
    return BUY_COLLECT_NEW / (1 + BUY_COLLECT_PLUS / 100)


def change(old: float, new: float) -> dict:
    """Change between two shares in percent: ``{"pp": new − old, "rel": (new − old)/old·100}``.

    ``rel`` is NaN when ``old`` is below ``MIN_BASE`` = 0,01 % (a relative change from
    (almost) nothing is not meaningful).
    """
    a = check_number(old, "Anteil vorher", 0, 100, unit="%")
    b = check_number(new, "Anteil nachher", 0, 100, unit="%")
    rel = (b - a) / a * 100 if a >= MIN_BASE else math.nan
    return {"pp": b - a, "rel": rel}


def locafox_table(reading: str = "keine", indicators=None) -> pd.DataFrame:
    """The Locafox figures with both kinds of change, for the chosen indicators.

    Columns: ``id``, ``kennzahl``, ``wert_2015``, ``wert_neu``, ``aenderung_pp``,
    ``aenderung_rel``, ``abgeleitet`` (True where the 2015 value is derived from a reading,
    not given by the source), ``hinweis``. Missing values stay NaN – nothing is invented.
    """
    check_choice(reading, "Lesart", list(READINGS))
    full = _full_table(reading)
    if indicators is None:
        return full.copy()
    ids = check_sequence(list(indicators) if isinstance(indicators, (tuple, list)) else indicators,
                         "Kennzahlen", min_len=1, max_len=len(full))
    known = list(full["id"])
    for i in ids:
        check_choice(i, "Kennzahl", known)
    return full[full["id"].isin(ids)].reset_index(drop=True)


@lru_cache(maxsize=len(READINGS))
def _full_table(reading: str) -> pd.DataFrame:
    import pandas as pd

    df = locafox_data()
    out = pd.DataFrame({
        "id": df["id"], "kennzahl": df["kennzahl"],
        "wert_2015": df["anteil_2015_prozent"].astype(float),
        "wert_neu": df["anteil_zweite_erhebung_prozent"].astype(float),
        "abgeleitet": False, "hinweis": df["hinweis"],
    })
    if reading != "keine":
        mask = out["id"] == "buy_collect"
        out.loc[mask, "wert_2015"] = buy_collect_2015(reading)
        out.loc[mask, "abgeleitet"] = True
    old, new = out["wert_2015"], out["wert_neu"]
    out["aenderung_pp"] = new - old
    base = old.where(old >= MIN_BASE)
    out["aenderung_rel"] = (new - old) / base * 100
    return out[["id", "kennzahl", "wert_2015", "wert_neu", "aenderung_pp", "aenderung_rel", "abgeleitet", "hinweis"]]


# ---------------------------------------------------------------------------------------
# 2. Mundpropaganda im Netz
# ---------------------------------------------------------------------------------------

CHANNELS = {"offline": 1, "online": math.inf}
CHANNEL_DE = {"offline": "offline (das Gespräch ist vorbei)", "online": "online (der Beitrag bleibt sichtbar)"}


@dataclass(frozen=True)
class Graph:
    """Undirected graph as directed edge arrays sorted by target (``dst``)."""

    n: int
    src: np.ndarray
    dst: np.ndarray
    starts: np.ndarray  # first edge index of every target node in ``dst`` order

    @property
    def degree(self) -> np.ndarray:
        return np.diff(np.append(self.starts, len(self.src)))

    @property
    def mean_degree(self) -> float:
        return len(self.src) / self.n


@lru_cache(maxsize=32)
def small_world(n: int = 1000, contacts: int = 20, rewire: float = 0.1, seed: int = 1) -> Graph:
    """Watts–Strogatz small-world graph (own numpy generator; deterministic for a seed).

    ``n`` persons on a ring, each linked to ``contacts // 2`` neighbours on either side;
    each link is rewired with probability ``rewire`` to a random other person. Duplicate
    links are dropped, so the mean degree can be a little below ``2 · (contacts // 2)``;
    every person keeps at least one contact.
    """
    n = check_number(n, "Anzahl Personen", 20, 5000, integer=True)
    k = check_number(contacts, "Kontakte pro Person", 2, 40, integer=True)
    if k >= n:
        raise CourseInputError("Es gibt mehr Kontakte als Personen.", "Bitte wählen Sie weniger Kontakte oder mehr Personen.")
    b = check_number(rewire, "Umverdrahtung", 0, 1)
    s = check_number(seed, "Zufallsstart", 0, 1_000_000, integer=True)
    rng = np.random.default_rng([s, 7])
    half = max(k // 2, 1)
    u = np.repeat(np.arange(n), half)
    v = (u + np.tile(np.arange(1, half + 1), n)) % n
    flip = rng.random(len(u)) < b
    v = v.copy()
    v[flip] = (u[flip] + rng.integers(1, n, int(flip.sum()))) % n  # a new partner, never oneself
    a, c = np.minimum(u, v), np.maximum(u, v)
    pairs = np.unique(a.astype(np.int64) * n + c)
    a, c = pairs // n, pairs % n
    src = np.concatenate([a, c])
    dst = np.concatenate([c, a])
    order = np.argsort(dst, kind="stable")
    src, dst = src[order], dst[order]
    counts = np.bincount(dst, minlength=n)
    if (counts == 0).any():  # cannot happen: every person keeps its own links; guard anyway
        raise CourseInputError("Im Netz gibt es eine Person ohne Kontakte.", "Bitte wählen Sie mehr Kontakte pro Person.")
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return Graph(n=n, src=src, dst=dst, starts=starts)


@dataclass(frozen=True)
class Spread:
    """Reach of one story over the days (mean and 10/90 % band over the runs)."""

    days: np.ndarray        # 0 … days
    mean: np.ndarray        # mean number of persons who know the story, per day
    low: np.ndarray         # 10 % quantile over the runs
    high: np.ndarray        # 90 % quantile over the runs
    final: np.ndarray       # reach on the last day, one value per run
    n: int
    p: float
    branching: float        # R = (k − 1) · (1 − (1 − p)^L_eff)

    @property
    def final_mean(self) -> float:
        return float(self.mean[-1])

    @property
    def share(self) -> float:
        """Mean share of all persons reached by the last day (0 … 1)."""
        return float(self.mean[-1] / self.n)

    @property
    def verdict(self) -> str:
        """Key of what the reach says, read from the simulated mean (the plotted line), never
        from R alone: R counts every contact as new and is an upper bound.

        ``"fast_alle"`` (≥ 90 %), ``"mehrheit"`` (≥ 50 %), ``"verpufft"`` (R shown below 1
        and < 10 %), ``"langsam"`` (R ≥ 1 but < 50 %), ``"teil"`` (otherwise).
        """
        r_shown = round(self.branching, 1)
        if self.share >= 0.9:
            return "fast_alle"
        if self.share >= 0.5:
            return "mehrheit"
        if r_shown < 1 and self.share < 0.1:
            return "verpufft"
        if r_shown >= 1:
            return "langsam"
        return "teil"


def cascade(p: float, contacts: int = 20, channel: str = "online", days: int = 15, *, n: int = 1000,
            rewire: float = 0.1, runs: int = 20, seed: int = 1, stream: int = 0) -> Spread:
    """Spread of one story from person 0 (Independent Cascade with memory, see module doc).

    ``p`` ∈ [0, 1]: probability that a person passes the story to one contact on one day;
    ``channel`` ``"offline"`` (visible one day) or ``"online"`` (visible for good);
    ``runs`` seeded repetitions; ``stream`` separates the random numbers of two stories that
    share a seed. Deterministic for given arguments.
    """
    p = check_number(p, "Weitererzähl-Wahrscheinlichkeit", 0, 1)
    check_choice(channel, "Kanal", list(CHANNELS))
    d = check_number(days, "Tage", 1, 60, integer=True)
    r = check_number(runs, "Wiederholungen", 1, 200, integer=True)
    st = check_number(stream, "Zufallsstrom", 0, 1000, integer=True)
    g = small_world(n, contacts, rewire, seed)
    memory = CHANNELS[channel]
    rng = np.random.default_rng([int(seed), 11, st])
    cap = d + 1  # „not reached within the days shown“
    t = np.full(r * g.n, cap, dtype=np.int16)  # runs stacked as disjoint copies of the graph
    t[np.arange(r) * g.n] = 0
    deg = g.degree
    log_q = math.log1p(-p) if 0 < p < 1 else 0.0
    for day in range(d):
        front = np.flatnonzero(t == day)  # everyone who first heard the story on this day
        if front.size == 0:
            continue
        run, node = np.divmod(front, g.n)
        cnt = deg[node]
        total = int(cnt.sum())
        first = np.repeat(g.starts[node] - np.cumsum(cnt) + cnt, cnt) + np.arange(total)
        target = np.repeat(run * g.n, cnt) + g.src[first]
        if p <= 0:
            continue
        if p >= 1:
            delay = np.ones(total)
        else:  # geometric delay by inversion: D = max(1, ceil(ln(1 − U) / ln(1 − p)))
            with np.errstate(over="ignore", divide="ignore"):  # tiny p: the delay is simply „never“
                delay = np.maximum(1.0, np.ceil(np.log1p(-rng.random(total)) / log_q))
        ok = (delay <= memory) & (day + delay <= d)
        np.minimum.at(t, target[ok], (day + delay[ok]).astype(np.int16))
    t = t.reshape(r, g.n)
    day_axis = np.arange(d + 1)
    per_day = np.stack([np.bincount(row, minlength=cap + 1)[: d + 1] for row in t])  # runs × days
    reach = np.cumsum(per_day, axis=1).astype(float)
    return Spread(
        days=day_axis, mean=reach.mean(axis=0), low=np.quantile(reach, 0.1, axis=0),
        high=np.quantile(reach, 0.9, axis=0), final=reach[:, -1], n=g.n, p=p,
        branching=(g.mean_degree - 1) * (1 - (1 - p) ** min(memory, d)),
    )


def word_of_mouth(p_positive: float = 0.05, negative_factor: float = 2.0, contacts: int = 20,
                  channel: str = "online", days: int = 15, *, n: int = 1000, rewire: float = 0.1,
                  runs: int = 20, seed: int = 1) -> dict:
    """One delighted and one annoyed customer start a story on the same network.

    Returns ``{"positiv": Spread, "negativ": Spread}``; the annoyed story uses
    ``p_neg = min(1, p_positive · negative_factor)``. ``negative_factor`` ∈ [0,25; 4]
    (default 2 is a course assumption [Lernmodell]).
    """
    p = check_number(p_positive, "Weitererzähl-Wahrscheinlichkeit (begeistert)", 0, 1)
    f = check_number(negative_factor, "Faktor für verärgerte Geschichten", 0.25, 4)
    pos = cascade(p, contacts, channel, days, n=n, rewire=rewire, runs=runs, seed=seed, stream=1)
    neg = cascade(min(1.0, p * f), contacts, channel, days, n=n, rewire=rewire, runs=runs, seed=seed, stream=2)
    return {"positiv": pos, "negativ": neg}


# ---------------------------------------------------------------------------------------
# 3. Antwortzeit und Irritation (24/7-Prinzip)
# ---------------------------------------------------------------------------------------

LN2 = math.log(2)


def mean_response_minutes(target_min: float, service_level: float) -> float:
    """Mean of exponential response times if ``service_level`` of them are within ``target_min``.

    ``μ = t / (−ln(1 − SL))``; e.g. 80 % within 30 min → μ ≈ 18,6 min.
    """
    t = check_number(target_min, "Zielzeit", 1, 2880, unit="min")
    sl = check_number(service_level, "Servicelevel", 0.05, 0.99)
    return t / (-math.log(1 - sl))


def _patience_params(patience_median_min, off_hours_share, off_hours_wait_h, always_on):
    m = check_number(patience_median_min, "Geduld der Kundschaft (Median)", 1, 2880, unit="min")
    a = check_number(off_hours_share, "Anteil außerhalb der Geschäftszeit", 0, 1)
    w = check_number(off_hours_wait_h, "Wartezeit außerhalb der Geschäftszeit", 0, 72, unit="h")
    if not isinstance(always_on, (bool, np.bool_)):
        raise CourseInputError("„24/7-Service“ braucht Ja oder Nein.", "Bitte schalten Sie die Option an oder aus.")
    tau = m / LN2
    wait = 0.0 if always_on else w * 60
    return tau, a, wait


def irritation(target_min: float, service_level: float = 0.8, patience_median_min: float = 15.0,
               off_hours_share: float = 0.3, off_hours_wait_h: float = 8.0, always_on: bool = False) -> dict:
    """Share of customers irritated by the wait for an answer [Lernmodell].

    Parameters: ``target_min`` 1 … 2880 min; ``service_level`` 0,05 … 0,99 (share answered
    within the target); ``patience_median_min`` 1 … 2880 min (default 15 min, after the
    chapter's „wenige Minuten“ – an assumption, not a measurement); ``off_hours_share``
    0 … 1 (default 0,3, an assumption); ``off_hours_wait_h`` 0 … 72 h (default 8 h ≈ one
    night); ``always_on`` True = 24/7 service (no extra wait).

    Returns ``mean_min`` (mean response time), ``office``, ``off_hours``, ``total`` (shares
    0 … 1). Reference: 80 % within 30 min, median patience 15 min, 30 % off hours, 8 h →
    μ ≈ 18,64 min, office ≈ 0,463, total ≈ 0,624; with 24/7 total = office ≈ 0,463.
    """
    mu = mean_response_minutes(target_min, service_level)
    tau, a, wait = _patience_params(patience_median_min, off_hours_share, off_hours_wait_h, always_on)
    office = mu / (mu + tau)
    off = 1 - math.exp(-wait / tau) * tau / (tau + mu)
    return {"mean_min": mu, "office": office, "off_hours": off, "total": (1 - a) * office + a * off}


def irritation_curve(targets_min, service_level: float = 0.8, patience_median_min: float = 15.0,
                     off_hours_share: float = 0.3, off_hours_wait_h: float = 8.0,
                     always_on: bool = False) -> np.ndarray:
    """``irritation(...)["total"]`` for every target time in ``targets_min`` (vectorised)."""
    seq = targets_min.tolist() if isinstance(targets_min, np.ndarray) else targets_min
    ts = check_sequence(seq, "Zielzeiten", min_len=1, max_len=2000)
    ts = np.array([check_number(t, "Zielzeit", 1, 2880, unit="min") for t in ts], dtype=float)
    sl = check_number(service_level, "Servicelevel", 0.05, 0.99)
    tau, a, wait = _patience_params(patience_median_min, off_hours_share, off_hours_wait_h, always_on)
    mu = ts / (-math.log(1 - sl))
    office = mu / (mu + tau)
    off = 1 - math.exp(-wait / tau) * tau / (tau + mu)
    return (1 - a) * office + a * off


# ---------------------------------------------------------------------------------------
# 4. Bass-Diffusion: wie schnell setzt sich ein Cross-Channel-Angebot durch?
# ---------------------------------------------------------------------------------------

def _bass_params(p, q):
    p = check_number(p, "Innovationskoeffizient p", 0.001, 0.2)
    q = check_number(q, "Imitationskoeffizient q", 0.0, 1.0)
    return p, q


def bass_F(t, p: float = 0.03, q: float = 0.38):
    """Cumulative adoption share of the Bass model (Bass 1969) at time ``t`` ≥ 0 (years).

    ``F(t) = (1 − e^(−(p+q)t)) / (1 + (q/p) · e^(−(p+q)t))``; ``p`` ∈ [0,001; 0,2] is the
    innovation coefficient (adoption from outside influence), ``q`` ∈ [0; 1] the imitation
    coefficient (adoption because others have adopted – word of mouth). Defaults p = 0,03,
    q = 0,38: typical values of the meta-analysis by Sultan, Farley & Lehmann (1990), as
    cited in the background literature. ``t`` may be a number or an array (0 … 200).
    """
    p, q = _bass_params(p, q)
    arr = np.asarray(t, dtype=float) if not isinstance(t, (str, bytes)) else None
    if arr is None or arr.size == 0 or not np.isfinite(arr).all() or (arr < 0).any() or (arr > 200).any():
        raise CourseInputError("„Zeit“ braucht Zahlen zwischen 0 und 200\u00a0Jahren.", "Bitte wählen Sie Zeitpunkte in diesem Bereich.")
    x = np.exp(-(p + q) * arr)
    out = (1 - x) / (1 + (q / p) * x)
    return float(out) if out.ndim == 0 else out


def bass_time_of(share: float, p: float = 0.03, q: float = 0.38) -> float:
    """Years until the adoption share reaches ``share`` ∈ [0; 0,999] (inverse of :func:`bass_F`)."""
    p, q = _bass_params(p, q)
    f = check_number(share, "Anteil", 0, 0.999)
    x = (1 - f) / (1 + (q / p) * f)
    return -math.log(x) / (p + q)


def bass_peak(p: float = 0.03, q: float = 0.38) -> float:
    """Time of the sales peak ``t* = ln(q/p) / (p + q)``; 0 when ``q ≤ p`` (no later peak)."""
    p, q = _bass_params(p, q)
    return math.log(q / p) / (p + q) if q > p else 0.0


BASS_HIT = 1.0
"""Percentage points within which the model „trifft“ the observed 73 %."""


@dataclass(frozen=True)
class BassFit:
    """Everything the Bass widget shows for one (p, q): text, points and axis read this."""

    p: float
    q: float
    t0: float          # years until 60 %
    next_share: float  # share one year after 60 % (0 … 1)
    gap_pp: float      # 100 · (next − 0,73)
    t_peak: float      # years until the strongest growth (0: from the start)
    hit: bool          # |gap| ≤ BASS_HIT
    peak_at_start: bool
    xmax: int          # right end of the time axis so that all points stay inside


def bass_fit(p: float = 0.03, q: float = 0.38, old: float = 0.60, new: float = 0.73, years_min: int = 20) -> BassFit:
    """The Bass curve placed through ``old`` (60 %) and its prediction one year later."""
    p, q = _bass_params(p, q)
    t0 = bass_time_of(old, p, q)
    nxt = bass_step(old, p, q, 1.0)
    t_peak = bass_peak(p, q)
    gap = 100 * (nxt - new)
    need = max(t0 + 1.0, t_peak) + 1.0
    xmax = int(max(years_min, 10 * math.ceil(need / 10)))
    return BassFit(p, q, t0, nxt, gap, t_peak, abs(gap) <= BASS_HIT, t_peak < 0.05, xmax)


def bass_step(share_now: float, p: float = 0.03, q: float = 0.38, years: float = 1.0) -> float:
    """Adoption share ``years`` later if the share is ``share_now`` today.

    Reference (BRIEF W2-3): 0,60 → ≈ 0,727 in one year at p = 0,05, q = 0,5; → ≈ 0,697 at
    p = 0,03, q = 0,38. Observed for online shops (Locafox): 0,60 → 0,73.
    """
    p, q = _bass_params(p, q)
    f = check_number(share_now, "Anteil heute", 0, 0.999)
    dt = check_number(years, "Jahre", 0, 50)
    r = q / p
    x = (1 - f) / (1 + r * f) * math.exp(-(p + q) * dt)  # e^(−(p+q)(t0+dt)), see bass_time_of
    return (1 - x) / (1 + r * x)
