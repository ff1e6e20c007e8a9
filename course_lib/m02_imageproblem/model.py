"""Pure models of module 02 „Das Imageproblem des Vertriebs“ (no ipywidgets here).

Two models:

1. **Druckspirale** [Lernmodell] – why more visits per day can mean fewer lasting contracts.
   The static part follows the toy model W1-1 of the course brief (structure derived from the
   book chapter's spiral „Druck → Verhalten des Verkäufers → Reaktion des Kunden → mehr Druck“
   and its example „1,7 Besuche am Tag, der Chef verlangt mindestens 4“). The dynamic part
   (12 months, „Chef reagiert“, reputation feedback) is the course's own extension.
2. **Bonusjäger oder Berater?** – a sorting exercise: typical sentences/actions of a seller,
   to be sorted into the two behaviour patterns, with an explanation for every item.

The statements and categories of the sorting exercise are data
(``data/bonusjaeger_oder_berater.json``, schema of the same name); the spiral's parameters stay
here, with their equations.

Every public function validates its inputs with :mod:`course_lib.errors` and raises
:class:`~course_lib.errors.CourseInputError` with a German message for bad input.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..content import data_error, load_widget_data
from ..errors import CourseInputError, check_choice, check_number

# ---------------------------------------------------------------------------------------
# 1. Druckspirale – static model (W1-1 of the course brief)
# ---------------------------------------------------------------------------------------

V_START = 1.7
"""Visits per day of the seller in the book chapter's example (illustrative, not a statistic)."""

WORKDAYS_PER_MONTH = 20
"""Working days per month used to turn daily figures into monthly ones (course assumption)."""

DEFAULTS = dict(T=7.0, t_f=0.75, tau=1.0, c_max=0.6, alpha=0.5, v_target=4.0, s0=0.05, beta=0.3, gamma=0.3)
"""Default parameters of the static spiral (course brief W1-1); see :func:`spiral_static`."""

# name: (label, lo, hi, unit) – the declared domain of every parameter
DOMAIN = {
    "v": ("Besuche pro Tag", 1.0, 6.0, ""),
    "T": ("Arbeitszeit für Kunden pro Tag", 5.0, 9.0, "h"),
    "t_f": ("Fahrzeit pro Besuch", 0.25, 1.5, "h"),
    "tau": ("Zeit für fundierte Beratung", 0.5, 2.0, "h"),
    "c_max": ("Maximale Abschlussquote", 0.2, 0.9, ""),
    "alpha": ("Druck-Empfindlichkeit der Kunden", 0.0, 0.8, ""),
    "v_target": ("Besuchsziel des Chefs", 2.0, 6.0, ""),
    "s0": ("Grund-Stornoquote", 0.0, 0.3, ""),
    "beta": ("Storno durch Druck", 0.0, 0.6, ""),
    "gamma": ("Storno durch schwache Beratung", 0.0, 0.6, ""),
}


@dataclass(frozen=True)
class SpiralPoint:
    """Result of the static spiral for one visit rate (all figures per working day)."""

    v: float           # visits per day
    t_b: float         # advice time per visit (h)
    q: float           # advice quality 0…1
    p: float           # felt pressure 0…1
    c: float           # closing probability per visit 0…1
    s: float           # cancellation rate 0…1
    gross: float       # contracts per day before cancellations
    net: float         # lasting contracts per day (after cancellations)
    complaints: float  # complaint index v·c·(1−q)
    travel: float = 0.0       # travel time per day v·t_f (h)
    hours: float = 7.0        # working time for customers T (h)

    @property
    def infeasible(self) -> bool:
        """The plan does not fit into the day: travel alone takes all working time (v·t_f ≥ T),
        so no minute is left for advice (t_b = 0)."""
        return self.travel >= self.hours - 1e-12


def _check_params(params: dict) -> dict:
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        name = sorted(unknown)[0]
        raise CourseInputError(
            f"Den Modellparameter „{name}“ kennt die Druckspirale nicht.",
            "Erlaubt sind: " + ", ".join(DEFAULTS) + ".",
        )
    out = dict(DEFAULTS)
    out.update(params)
    for k in DEFAULTS:
        label, lo, hi, unit = DOMAIN[k]
        out[k] = check_number(out[k], label, lo, hi, unit=unit)
    return out


def quality(t_b: float, tau: float = 1.0) -> float:
    """Advice quality ``q = 1 − exp(−t_b/τ)`` for ``t_b`` hours of advice per visit.

    ``τ`` is the time a well-founded consultation needs (default 1 h). Ten minutes
    (``t_b ≈ 0,17 h``) give ``q ≈ 0,15`` – the chapter's point that sound advice cannot be
    done in ten minutes.
    """
    t_b = check_number(t_b, "Beratungszeit pro Besuch", 0.0, 24.0, unit="h")
    tau = check_number(tau, DOMAIN["tau"][0], DOMAIN["tau"][1], DOMAIN["tau"][2], unit="h")
    return 1.0 - math.exp(-t_b / tau)


def _static(v, T, t_f, tau, c_max, alpha, v_target, s0, beta, gamma) -> SpiralPoint:
    t_b = max(T - v * t_f, 0.0) / v
    q = quality(t_b, tau)
    p = min(1.0, max(0.0, (v - V_START) / (v_target - V_START)))
    c = c_max * q * (1.0 - alpha * p)
    s = min(1.0, s0 + beta * p + gamma * (1.0 - q))
    gross = v * c
    return SpiralPoint(v=v, t_b=t_b, q=q, p=p, c=c, s=s, gross=gross, net=gross * (1.0 - s),
                       complaints=gross * (1.0 - q), travel=v * t_f, hours=T)


def spiral_static(v: float, **params) -> SpiralPoint:
    """The pressure spiral for ``v`` visits per day [Lernmodell, course brief W1-1].

    Equations (all per working day)::

        t_b = max(T − v·t_f, 0) / v                 advice time per visit (h)
        q   = 1 − exp(−t_b/τ)                       advice quality
        p   = clip((v − 1,7)/(v_Ziel − 1,7), 0, 1)  felt pressure
        c   = c_max · q · (1 − α·p)                 closing probability per visit
        s   = min(1, s0 + β·p + γ·(1 − q))          cancellation rate (Widerruf/Kündigung)
        brutto = v·c ;  netto = v·c·(1 − s) ;  Beschwerde-Index = v·c·(1 − q)

    Defaults (illustrative, not measured): ``T = 7 h`` working time for customers incl.
    travel, ``t_f = 0,75 h`` travel per visit, ``τ = 1 h`` for sound advice, ``c_max = 0,6``,
    ``α = 0,5``, ``v_Ziel = 4`` (the boss's demand in the book chapter), ``s0 = 0,05``,
    ``β = 0,3``, ``γ = 0,3``. With them: ``v = 1,7 → netto ≈ 0,93``, ``v = 4 → netto ≈ 0,41``
    (the boss's target roughly halves the lasting result).
    """
    pr = _check_params(params)
    label, lo, hi, _u = DOMAIN["v"]
    v = check_number(v, label, lo, hi)
    return _static(v, **pr)


def _static_arrays(v: np.ndarray, T, t_f, tau, c_max, alpha, v_target, s0, beta, gamma) -> dict:
    t_b = np.maximum(T - v * t_f, 0.0) / v
    q = 1.0 - np.exp(-t_b / tau)
    p = np.clip((v - V_START) / (v_target - V_START), 0.0, 1.0)
    c = c_max * q * (1.0 - alpha * p)
    s = np.minimum(1.0, s0 + beta * p + gamma * (1.0 - q))
    gross = v * c
    return {"v": v, "t_b": t_b, "q": q, "p": p, "c": c, "s": s, "gross": gross, "net": gross * (1.0 - s),
            "complaints": gross * (1.0 - q)}


def spiral_curve(n: int = 51, **params) -> pd.DataFrame:
    """The static spiral for ``n`` evenly spaced visit rates from 1 to 6 per day.

    Columns: ``v, t_b, q, p, c, s, gross, net, complaints`` (same equations as
    :func:`spiral_static`, vectorised).
    """
    n = check_number(n, "Anzahl der Stützstellen", 2, 1000, integer=True)
    pr = _check_params(params)
    v = np.linspace(DOMAIN["v"][1], DOMAIN["v"][2], n)
    return pd.DataFrame(_static_arrays(v, **pr))


def best_visits(**params) -> SpiralPoint:
    """The visit rate (grid of 0,01 from 1 to 6) with the most lasting contracts per day."""
    pr = _check_params(params)
    v = np.round(np.linspace(1.0, 6.0, 501), 2)
    net = _static_arrays(v, **pr)["net"]
    i = int(np.argmax(net))  # first maximum
    return _static(float(v[i]), **pr)


# ---------------------------------------------------------------------------------------
# 1b. Druckspirale over 12 months – „Chef reagiert“ and reputation feedback
# ---------------------------------------------------------------------------------------

DYN_DOMAIN = {
    "months": ("Anzahl der Monate", 1, 36, ""),
    "target_net": ("Ziel: dauerhafte Abschlüsse pro Tag", 0.2, 3.0, ""),
    "eta": ("Druckanstieg je verfehltem Ziel", 0.0, 1.0, ""),
    "step": ("Erhöhung der Besuchsvorgabe", 0.0, 1.0, ""),
    "v_max": ("Höchste Besuchsvorgabe", 1.0, 6.0, ""),
    "reputation_start": ("Ruf zu Beginn", 0.0, 1.0, ""),
    "w_neg": ("Reichweite schlechter Erfahrungen", 1.0, 5.0, ""),
    "rho": ("Tempo der Mundpropaganda", 0.0, 1.0, ""),
    "delta": ("Wirkung des Rufs auf die Abschlussquote", 0.0, 1.0, ""),
}

DYN_COLUMNS = ["Monat", "Besuche", "Druck", "Qualitaet", "Abschlussquote", "Storno", "Brutto", "Netto",
               "Beschwerden", "Ruf", "Netto_Monat", "Netto_kumuliert"]


def spiral_dynamic(v_start: float = V_START, *, months: int = 12, chef_reacts: bool = True,
                   target_net: float = 1.2, eta: float = 0.5, step: float = 0.5, v_max: float = 6.0,
                   reputation_start: float = 0.8, w_neg: float = 2.0, rho: float = 0.3,
                   delta: float = 1.0, **params) -> pd.DataFrame:
    """Month-by-month pressure spiral with reputation feedback [Lernmodell, Deutung des Kurses].

    State per month ``k``: visits ``v_k``, pressure ``p_k``, reputation ``R_k`` (0 = ruined,
    1 = excellent). Start: ``v_1 = v_start``, ``p_1 = p(v_1)`` as in :func:`spiral_static`,
    ``R_1 = reputation_start``. Each month::

        q_k = 1 − exp(−t_b(v_k)/τ)
        M_k = 1 + δ·(R_k − R_1)                        reputation effect on closing
        c_k = min(1, c_max · q_k · (1 − α·p_k) · M_k)
        s_k = min(1, s0 + β·p_k + γ·(1 − q_k))
        netto_k = v_k·c_k·(1 − s_k);  storno_k = v_k·c_k·s_k;  beschwerden_k = v_k·c_k·(1 − q_k)
        positive voices  P_k = netto_k · q_k           (well-advised, lasting customers)
        negative voices  N_k = storno_k + beschwerden_k
        S_k = P_k / (P_k + w_neg·N_k)                  share of good word of mouth
            = (1 − s_k)·q_k / ((1 − s_k)·q_k + w_neg·(s_k + 1 − q_k))   (v_k·c_k cancels)
        R_{k+1} = (1 − ρ)·R_k + ρ·S_k

    If ``chef_reacts`` and ``netto_k < target_net``: ``v_{k+1} = min(v_max, v_k + step)``
    (course brief W1-1); the pressure follows ``p_{k+1} = clip(p_k + η·(N* − netto_k)/N*, 0, 1)``
    in both directions. Without reaction ``v`` and ``p`` stay constant – only the reputation moves.
    A day with more travel than working time (``v·t_f ≥ T``) leaves no advice time: ``q = 0``,
    no contracts, and the share of good voices is 0 – the reputation falls (it used to stay
    frozen because 0/0 was treated as „no news“).

    Defaults and why: target ``N* = 1,2`` dauerhafte Abschlüsse pro Tag (the boss wants
    „more“ than the ≈ 0,93 at 1,7 visits), ``η = 0,5`` and ``step = 0,5`` (brief W1-1),
    ``R_1 = 0,8`` (a decent but not spotless reputation), ``w_neg = 2`` (a bad experience
    reaches twice as many people as a good one – an assumption, not a measurement; studies
    even find positive word of mouth more frequent), ``ρ = 0,3`` (word of mouth needs a few
    months), ``δ = 1`` (a reputation fall from 0,8 to 0,3 halves the closing rate).
    Monthly figures assume 20 working days.

    Returns a DataFrame with the columns :data:`DYN_COLUMNS` (one row per month).
    """
    pr = _check_params(params)
    label, lo, hi, _u = DOMAIN["v"]
    v = check_number(v_start, label, lo, hi)
    months = check_number(months, DYN_DOMAIN["months"][0], 1, 36, integer=True)
    vals = {}
    for key, val in (("target_net", target_net), ("eta", eta), ("step", step), ("v_max", v_max),
                     ("reputation_start", reputation_start), ("w_neg", w_neg), ("rho", rho), ("delta", delta)):
        lab, lo_, hi_, _ = DYN_DOMAIN[key]
        vals[key] = check_number(val, lab, lo_, hi_)
    if not isinstance(chef_reacts, bool):
        raise CourseInputError("„Chef reagiert“ muss ein Ja/Nein-Wert sein.",
                               "Bitte setzen oder entfernen Sie das Häkchen.")
    v_max = max(vals["v_max"], v)
    first = _static(v, **pr)
    p = first.p
    r0 = vals["reputation_start"]
    R = r0
    rows, cum = [], 0.0
    for k in range(1, months + 1):
        t_b = max(pr["T"] - v * pr["t_f"], 0.0) / v
        q = quality(t_b, pr["tau"])
        M = max(0.0, 1.0 + vals["delta"] * (R - r0))
        c = min(1.0, pr["c_max"] * q * (1.0 - pr["alpha"] * p) * M)
        s = min(1.0, pr["s0"] + pr["beta"] * p + pr["gamma"] * (1.0 - q))
        gross = v * c
        net = gross * (1.0 - s)
        storno = gross * s
        complaints = gross * (1.0 - q)
        cum += net * WORKDAYS_PER_MONTH
        rows.append([k, v, p, q, c, s, gross, net, complaints, R, net * WORKDAYS_PER_MONTH, cum])
        # share of good voices among the customers who talk; v·c cancels, so it is defined
        # even when no contract is closed (e.g. a day with more travel than hours: q = 0 →
        # nobody was advised, every voice is bad, and the reputation falls)
        good = (1.0 - s) * q
        share = good / (good + vals["w_neg"] * (s + 1.0 - q))
        R = (1.0 - vals["rho"]) * R + vals["rho"] * share
        if chef_reacts:
            gap = (vals["target_net"] - net) / vals["target_net"]
            p = min(1.0, max(0.0, p + vals["eta"] * gap))
            if net < vals["target_net"]:
                v = min(v_max, v + vals["step"])
    return pd.DataFrame(rows, columns=DYN_COLUMNS)


# ---------------------------------------------------------------------------------------
# 2. Bonusjäger oder Berater? – sorting exercise
# ---------------------------------------------------------------------------------------

_SORT = load_widget_data(__package__, "bonusjaeger_oder_berater")
"""Categories and statements of the sorting exercise (``data/bonusjaeger_oder_berater.json``)."""

CATEGORIES = {c["id"]: c["label"] for c in _SORT["categories"]}
STATEMENTS = tuple(dict(x) for x in _SORT["statements"])
if len({x["id"] for x in STATEMENTS}) != len(STATEMENTS) or len(CATEGORIES) != len(_SORT["categories"]):
    raise data_error("bonusjaeger_oder_berater.json", "eine Kennung kommt doppelt vor")
if not {x["answer"] for x in STATEMENTS} <= set(CATEGORIES):
    raise data_error("bonusjaeger_oder_berater.json", "eine Aussage nennt eine unbekannte Kategorie")


@dataclass(frozen=True)
class SortResult:
    correct: int
    total: int
    answered: int
    wrong_ids: tuple
    missing_ids: tuple

    @property
    def share(self) -> float:
        return self.correct / self.total


def sort_statements(assignment: dict) -> SortResult:
    """Score a sorting of :data:`STATEMENTS`: ``{"s1": "bonus", "s2": "berater", …}``.

    Items without a category (missing key, ``None`` or ``""``) count as not yet answered.
    An unknown statement id or category raises :class:`CourseInputError`; so does an
    assignment in which no item is answered at all.
    """
    if not isinstance(assignment, dict):
        raise CourseInputError("Die Zuordnung braucht für jede Aussage eine Kategorie.",
                               "Bitte wählen Sie bei den Aussagen „Bonusjäger“ oder „Berater“.")
    ids = [s["id"] for s in STATEMENTS]
    for key, val in assignment.items():
        check_choice(key, "Aussage", ids)
        if val not in (None, ""):
            check_choice(val, "Kategorie", list(CATEGORIES))
    answered = {k: v for k, v in assignment.items() if v not in (None, "")}
    if not answered:
        raise CourseInputError("Sie haben noch keine Aussage zugeordnet.",
                               "Bitte wählen Sie bei mindestens einer Aussage „Bonusjäger“ oder „Berater“.")
    wrong = tuple(s["id"] for s in STATEMENTS if s["id"] in answered and answered[s["id"]] != s["answer"])
    missing = tuple(s["id"] for s in STATEMENTS if s["id"] not in answered)
    correct = len(answered) - len(wrong)
    return SortResult(correct=correct, total=len(STATEMENTS), answered=len(answered), wrong_ids=wrong,
                      missing_ids=missing)
