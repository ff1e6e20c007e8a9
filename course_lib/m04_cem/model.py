"""Modul 04 (CEM): pure models behind the three widgets.

* AVR-Check – the AVR model ("Aktive vollumfängliche Referenz") of the book chapter
  (S002, Kap. 1.3): a customer actively recommends only if product/service, seller AND
  company are all judged positively. The chapter gives no scale, threshold or aggregation
  rule; the course uses ratings 0–10, a threshold θ = 7 and the non-compensatory rule
  ``min(P, V, U) ≥ θ`` [Deutung des Kurses, BRIEF section 15 item 2]. A toy "Empfehlungsneigung"
  ``r = Π σ(k·(x_i − θ))`` illustrates the same logic smoothly [Lernmodell].
* Beziehungsmatrix – technical × personal needs (S002, Abb. 2, figure missing in the source).
  Partner and Lieferant are named in the source; "Beziehungsende" is the source's worst case,
  its placement in the low/low quadrant and the name of the fourth quadrant
  ("Sympathieträger ohne Leistung") are the course's interpretation (BRIEF section 15 item 1).
* Erwartungslücke – promise vs. delivered experience (disconfirmation) and the effect of a
  well-handled complaint, a toy model that encodes the service-recovery findings
  (de Matos, Henrique & Rossi 2007; Michel & Meuter) qualitatively [Lernmodell].

No ipywidgets here. Every public function validates its input and raises
:class:`~course_lib.errors.CourseInputError` with a German message.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .. import content
from ..errors import CourseInputError, check_number

MODULE = "m04"
SCALE_MAX = 10.0

# --------------------------------------------------------------------------------------
# AVR model
# --------------------------------------------------------------------------------------
DIMENSIONS = ("produkt", "verkaeufer", "unternehmen")
DIM_LABELS = {
    "produkt": "Produkt/Dienstleistung",
    "verkaeufer": "Verkäuferin/Verkäufer",
    "unternehmen": "Unternehmen",
}
#: What to do when a dimension is the weakest link (the course's own advice).
ADVICE = {
    "produkt": "Prüfen Sie, ob das Angebot wirklich zum Bedarf passt – fachlich und persönlich. "
               "Klären Sie mit der Kundin oder dem Kunden, was fehlt, und passen Sie Leistung oder Zuschnitt an.",
    "verkaeufer": "Arbeiten Sie an der eigenen Beziehung: zuhören, Bedürfnisse vorwegnehmen, "
                  "Zusagen einhalten und nach dem Kauf nachfragen, ob alles passt.",
    "unternehmen": "Holen Sie Innendienst, Lieferung und Service ins Boot: Jede Stelle im Haus "
                   "trägt zur Referenz bei. Klären Sie Abläufe, die beim Kunden hakten, und melden Sie zurück, was sich ändert.",
}
THETA_DEFAULT = 7.0
THETA_RANGE = (5.0, 9.0)
K_DEFAULT = 1.2


def _rating(value, name: str) -> float:
    return check_number(value, name, 0, SCALE_MAX)


def _sigmoid(z: float) -> float:
    # numerically safe logistic function
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def empfehlungsneigung(produkt, verkaeufer, unternehmen, schwelle=THETA_DEFAULT, steilheit=K_DEFAULT) -> float:
    """Toy probability that the customer actively recommends [Lernmodell].

    ``r = σ(k·(min(P, V, U) − θ))`` with the logistic function σ: the weakest link alone
    sets the propensity (non-compensatory – two strong ratings cannot lift a weak one).

    Parameters: ratings ``P, V, U`` in [0; 10]; threshold ``θ`` in [5; 9] (default 7, BRIEF
    W4-1, in line with the NPS logic that 9–10 are promoters and 7–8 passive); steepness
    ``k`` in [0,1; 5] (default 1,2, BRIEF W4-1). Exactly at the threshold ``r = 0,5``; so
    ``r ≥ 0,5`` holds exactly when the AVR rule ``min(P, V, U) ≥ θ`` holds – the bar and the
    verdict can never disagree. (BRIEF W4-1 proposed the product ``Π σ(k·(x_i − θ))``; it gives
    12,5 % at 7/7/7 with the verdict „Referenz“ but 34 % at 10/10/6,5 without – a bar that
    contradicts its own rule, so the course uses the weakest link.) Returns a value in (0; 1).
    """
    p = _rating(produkt, "Produkt/Dienstleistung")
    v = _rating(verkaeufer, "Verkäufer")
    u = _rating(unternehmen, "Unternehmen")
    t = check_number(schwelle, "Schwelle", *THETA_RANGE)
    k = check_number(steilheit, "Steilheit", 0.1, 5)
    return _sigmoid(k * (min(p, v, u) - t))


EMPFEHLUNG_SCHWELLE = 0.5
"""Propensity at which the AVR rule is met (σ(0)); drawn as the line on the recommendation bar."""


def punkte(x: float, dativ: bool = False, digits: int = 1) -> str:
    """„1 Punkt“, „0,5 Punkte“, „2 Punkte“ (German number with the right noun); with ``dativ``
    the plural is „Punkten“ („eine Toleranz von 1,5 Punkten“)."""
    from ..format_de import num

    if abs(x - 1) < 1e-9:
        return "1\u00a0Punkt"
    return f"{num(x, digits, strip=True)}\u00a0{'Punkten' if dativ else 'Punkte'}"


@dataclass(frozen=True)
class AvrResult:
    ratings: dict            # {"produkt": P, "verkaeufer": V, "unternehmen": U}
    schwelle: float          # θ
    vollumfaenglich: bool    # min(P, V, U) ≥ θ
    schwaechstes: str        # key of the weakest dimension (first one on ties)
    schwaechste: tuple       # keys of ALL dimensions with the lowest rating (ties: several)
    luecke: float            # how many points the weakest link lacks (0 if reached)
    mittelwert: float        # compensatory comparison mean(P, V, U)
    mittel_reicht: bool      # mean ≥ θ (what a compensatory rule would say)
    unter_schwelle: tuple    # keys of all dimensions below θ
    empfehlung: float        # toy recommendation propensity in (0; 1)

    @property
    def schwaechstes_label(self) -> str:
        """Label(s) of the weakest link; ties name every tied dimension."""
        return ", ".join(DIM_LABELS[d] for d in self.schwaechste)

    @property
    def gleichstand(self) -> bool:
        return len(self.schwaechste) > 1

    @property
    def verdict(self) -> str:
        """„empfiehlt“ iff the AVR rule holds (then ``empfehlung ≥ 0,5``), else „empfiehlt_nicht“."""
        return "empfiehlt" if self.vollumfaenglich else "empfiehlt_nicht"

    @property
    def luecke_text(self) -> str:
        """German sentence on the gap of the weakest link(s), grammatical for 1 and ties."""
        if self.vollumfaenglich:
            return ""
        if self.gleichstand:
            return (f"Den gleich schwachen Gliedern ({self.schwaechstes_label}) fehlen je {punkte(self.luecke)} "
                    "bis zur Schwelle.")
        return f"Dem schwächsten Glied ({self.schwaechstes_label}) fehlen {punkte(self.luecke)} bis zur Schwelle." \
            if abs(self.luecke - 1) > 1e-9 else \
            f"Dem schwächsten Glied ({self.schwaechstes_label}) fehlt {punkte(self.luecke)} bis zur Schwelle."


def avr_status(produkt, verkaeufer, unternehmen, schwelle=THETA_DEFAULT, steilheit=K_DEFAULT) -> AvrResult:
    """Evaluate the AVR model for one customer.

    Rule (non-compensatory, weakest link): an active full reference exists iff
    ``min(P, V, U) ≥ θ``. The mean is reported only as a contrast: e.g. (10, 10, 3) has a
    mean of 7,7 ≥ 7 and still no AVR. Ratings 0–10, θ in [5; 9] (default 7) – scale and
    threshold are the course's interpretation; the source names only the three objects.
    """
    p = _rating(produkt, "Produkt/Dienstleistung")
    v = _rating(verkaeufer, "Verkäufer")
    u = _rating(unternehmen, "Unternehmen")
    t = check_number(schwelle, "Schwelle", *THETA_RANGE)
    ratings = {"produkt": p, "verkaeufer": v, "unternehmen": u}
    weakest = min(DIMENSIONS, key=lambda d: ratings[d])  # min keeps the first on ties
    tied = tuple(d for d in DIMENSIONS if ratings[d] == ratings[weakest])
    low = tuple(d for d in DIMENSIONS if ratings[d] < t)
    mean = (p + v + u) / 3
    return AvrResult(
        ratings=ratings,
        schwelle=t,
        vollumfaenglich=not low,
        schwaechstes=weakest,
        schwaechste=tied,
        luecke=max(0.0, t - ratings[weakest]),
        mittelwert=mean,
        mittel_reicht=mean >= t,
        unter_schwelle=low,
        empfehlung=empfehlungsneigung(p, v, u, t, steilheit),
    )


# --------------------------------------------------------------------------------------
# Beziehungsmatrix
# --------------------------------------------------------------------------------------
QUADRANTS = {
    "partner": {
        "label": "Partner",
        "bedeutung": "Fachliche und persönliche Bedürfnisse sind mindestens bis zur Schnittlinie erfüllt – das angestrebte Feld. Je weiter oben rechts, desto eher trägt die Beziehung auch in schwierigen Zeiten.",
        "massnahme": "Pflegen und weiterentwickeln; um eine Empfehlung bitten.",
        "herkunft": "Buchkapitel",
        "risiko": 0,
    },
    "lieferant": {
        "label": "Lieferant",
        "bedeutung": "Die Leistung stimmt, eine emotionale Bindung fehlt. Ein Wettbewerber mit ähnlichem Angebot kann Sie jederzeit ersetzen.",
        "massnahme": "Persönliches Bedürfnis herausfinden (z. B. Pünktlichkeit, Herzlichkeit, Nachsorge) und gezielt bedienen.",
        "herkunft": "Buchkapitel",
        "risiko": 2,
    },
    "sympathie": {
        "label": "Sympathieträger ohne Leistung",
        "bedeutung": "Man mag sich, aber die fachliche Leistung überzeugt nicht. Nähe überdeckt die Schwäche eine Weile, bindet aber nicht auf Dauer.",
        "massnahme": "Fachlichen Bedarf neu klären und die Leistung nachbessern, bevor die Sympathie aufgebraucht ist.",
        "herkunft": "Deutung des Kurses",
        "risiko": 2,
    },
    "ende": {
        "label": "Beziehungsende",
        "bedeutung": "Fachliche und persönliche Bedürfnisse liegen beide unter der Schnittlinie – im ungünstigsten Fall endet die Vertragsbeziehung.",
        "massnahme": "Sofort das offene Gespräch suchen: Was ist schiefgelaufen, was braucht der Kunde wirklich?",
        "herkunft": "Buchkapitel (ungünstigster Fall); Lage im Quadranten: Deutung des Kurses",
        "risiko": 3,
    },
}
OPEN_LABEL = "Einschätzung fehlt"
CUT_DEFAULT = 5.0
CUT_RANGE = (1.0, 9.0)


def quadrant(fachlich, persoenlich, schnitt=CUT_DEFAULT) -> str:
    """Quadrant key of the relationship matrix.

    ``F ≥ c`` and ``Pe ≥ c`` → "partner"; ``F ≥ c``, ``Pe < c`` → "lieferant"; ``F < c``,
    ``Pe ≥ c`` → "sympathie"; both ``< c`` → "ende". ``F, Pe`` in [0; 10], cut ``c`` in
    [1; 9] (default 5 = middle of the scale; course's interpretation, BRIEF section 15).
    """
    f = check_number(fachlich, "Fachliche Bedürfnisse", 0, SCALE_MAX)
    p = check_number(persoenlich, "Persönliche Bedürfnisse", 0, SCALE_MAX)
    c = check_number(schnitt, "Schnittlinie", *CUT_RANGE)
    if f >= c:
        return "partner" if p >= c else "lieferant"
    return "sympathie" if p >= c else "ende"


def bindung(fachlich, persoenlich) -> float:
    """Toy bond strength ``F·Pe/100`` in [0; 1] (BRIEF W4-2) [Lernmodell]: only high when both are high."""
    f = check_number(fachlich, "Fachliche Bedürfnisse", 0, SCALE_MAX)
    p = check_number(persoenlich, "Persönliche Bedürfnisse", 0, SCALE_MAX)
    return f * p / 100.0


def austauschbarkeit(fachlich, persoenlich) -> float:
    """Toy replaceability ``1 − min(F, Pe)/10`` in [0; 1] [Lernmodell].

    BRIEF W4-2 proposed ``1 − Pe/10``; that calls a likeable supplier without any technical
    performance (F = 0, Pe = 10) irreplaceable (0,00). A customer can replace a supplier who
    fails on *either* side, so the weaker of the two sets the replaceability.
    """
    f = check_number(fachlich, "Fachliche Bedürfnisse", 0, SCALE_MAX)
    p = check_number(persoenlich, "Persönliche Bedürfnisse", 0, SCALE_MAX)
    return 1.0 - min(f, p) / SCALE_MAX


@dataclass(frozen=True)
class MatrixResult:
    fachlich: float
    persoenlich: float
    schnitt: float
    quadrant: str
    label: str
    bedeutung: str
    massnahme: str
    herkunft: str
    bindung: float
    austauschbarkeit: float
    quadrant_mitte: str = ""       # quadrant at the middle of the scale (cut 5) for comparison
    massstab: str = ""             # note when the cut line, not the ratings, decides the quadrant


def matrix_position(fachlich, persoenlich, schnitt=CUT_DEFAULT) -> MatrixResult:
    """Place one customer in the matrix, with the quadrant's meaning and the toy indicators."""
    q = quadrant(fachlich, persoenlich, schnitt)
    info = QUADRANTS[q]
    f = check_number(fachlich, "Fachliche Bedürfnisse", 0, SCALE_MAX)
    p = check_number(persoenlich, "Persönliche Bedürfnisse", 0, SCALE_MAX)
    c = check_number(schnitt, "Schnittlinie", *CUT_RANGE)
    mid = quadrant(f, p, CUT_DEFAULT)
    massnahme, note = info["massnahme"], ""
    if mid != q:
        from ..format_de import num

        strict = c > CUT_DEFAULT
        note = (f"Mit Ihrer Schnittlinie {num(c, 1, strip=True)} liegt dieser Kunde im Feld „{info['label']}“; "
                f"an der Skalenmitte 5 läge er im Feld „{QUADRANTS[mid]['label']}“. "
                + ("Ihr Maßstab ist strenger als die Skalenmitte – ein Anlass, genauer hinzusehen, kein Alarm."
                   if strict else "Ihr Maßstab ist milder als die Skalenmitte – die Werte selbst sind niedrig."))
        if q == "ende" and strict:
            massnahme = ("Im nächsten Gespräch gezielt nachfragen, wo Sie unter den eigenen Ansprüchen bleiben – "
                         "fachlich und persönlich.")
    return MatrixResult(f, p, c, q, info["label"], info["bedeutung"], massnahme, info["herkunft"], bindung(f, p),
                        austauschbarkeit(f, p), mid, note)


# --------------------------------------------------------------------------------------
# Customer data (fictional example customers, shipped as CSV)
# --------------------------------------------------------------------------------------
CUSTOMER_FILE = "beispielkunden.csv"
RATING_COLUMNS = ("produkt", "verkaeufer", "unternehmen", "fachlich", "persoenlich")
MAX_ROWS = 200


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _numeric_column(series, col: str):
    """A rating column as a float numpy array (NaN for empty cells) or a German error."""
    import numpy as np
    import pandas as pd

    try:
        vals = series.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        conv = pd.to_numeric(series, errors="coerce")
        if (series.notna() & conv.isna()).any():
            raise CourseInputError(f"In der Spalte „{col}“ steht etwas, das keine Zahl ist.",
                                   "Bitte tragen Sie Zahlen von 0 bis 10 ein oder lassen Sie das Feld leer.") from None
        vals = conv.to_numpy(dtype=float, na_value=np.nan)
    finite = vals[~np.isnan(vals)]
    if ((finite < 0) | (finite > SCALE_MAX)).any():
        raise CourseInputError(f"In der Spalte „{col}“ liegen Werte außerhalb von 0 bis 10.",
                               "Bitte verwenden Sie die Skala 0 bis 10.")
    return vals


def check_customers(df):
    """Validate a customer table (pandas DataFrame) and return a clean copy.

    Needs a column ``kunde`` (non-empty text, unique) and the rating columns
    ``produkt, verkaeufer, unternehmen, fachlich, persoenlich`` with numbers 0–10 or empty
    (missing values stay empty – they are never filled in). At most 200 rows.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise CourseInputError("Die Kundentabelle muss eine Tabelle (pandas DataFrame) sein.",
                               "Bitte laden Sie sie mit model.beispielkunden() oder pandas.read_csv.")
    missing = [c for c in ("kunde", *RATING_COLUMNS) if c not in df.columns]
    if missing:
        raise CourseInputError(f"In der Kundentabelle fehlen die Spalten {', '.join(missing)}.",
                               "Bitte ergänzen Sie die Spalten (leere Werte sind erlaubt).")
    if len(df) == 0 or len(df) > MAX_ROWS:
        raise CourseInputError(f"Die Kundentabelle braucht 1 bis {MAX_ROWS} Zeilen, nicht {len(df)}.",
                               "Bitte kürzen oder ergänzen Sie die Tabelle.")
    names = list(df["kunde"])
    if not all(isinstance(n, str) and n.strip() for n in names):
        raise CourseInputError("Jeder Kunde braucht einen Namen in der Spalte „kunde“.",
                               "Bitte tragen Sie die fehlenden Namen ein.")
    if len(set(names)) != len(names):
        seen, dup = set(), ""
        for n in names:
            if n in seen:
                dup = n
                break
            seen.add(n)
        raise CourseInputError(f"Der Kunde „{dup}“ steht mehrfach in der Tabelle.",
                               "Bitte geben Sie jedem Kunden einen eindeutigen Namen.")
    cols = {col: _numeric_column(df[col], col) for col in RATING_COLUMNS}
    out = df.reset_index(drop=True).copy()
    for col, vals in cols.items():
        if out[col].dtype != "float64":  # only convert what is not already a float column
            out[col] = vals
    return out


def beispielkunden():
    """The shipped fictional example customers (``data/beispielkunden.csv``) as a DataFrame."""
    df = content.load_csv(MODULE, CUSTOMER_FILE, dtype={"kunde": str})
    return check_customers(df)


def portfolio(kunden, schnitt=CUT_DEFAULT):
    """Place every customer of a table in the matrix and rank those at risk.

    Returns a DataFrame with the columns ``kunde, fachlich, persoenlich, quadrant, label,
    bindung, gefaehrdet, massnahme`` sorted by risk: "Beziehungsende" first, then
    "Lieferant" and "Sympathieträger ohne Leistung", each by ascending bond strength;
    partners last. Rows with a missing rating get the quadrant "offen"
    ("Einschätzung fehlt"), ``gefaehrdet`` = False and stand after the risky ones – the
    course never guesses a missing value. Same rule as :func:`quadrant`, vectorised.
    """
    import numpy as np
    import pandas as pd

    df = check_customers(kunden)
    c = check_number(schnitt, "Schnittlinie", *CUT_RANGE)
    f = df["fachlich"].to_numpy(dtype=float)
    p = df["persoenlich"].to_numpy(dtype=float)
    known = ~(np.isnan(f) | np.isnan(p))
    hi_f, hi_p = f >= c, p >= c
    quad = np.where(~known, "offen", np.where(hi_f, np.where(hi_p, "partner", "lieferant"),
                                              np.where(hi_p, "sympathie", "ende")))
    risk = np.array([QUADRANTS[q]["risiko"] if q in QUADRANTS else 0 for q in quad])
    rank = np.where(quad == "offen", 1, np.where(risk > 0, 10 + risk, 0))
    bond = np.where(known, np.nan_to_num(f) * np.nan_to_num(p) / 100.0, np.nan)
    open_action = "Fehlende Einschätzung nachholen – im nächsten Gespräch gezielt nachfragen."
    order = np.lexsort((np.where(np.isnan(bond), np.inf, bond), -rank))  # last key sorts first
    names = df["kunde"].to_numpy(dtype=object)[order]
    quad = quad[order]
    return pd.DataFrame({
        "kunde": names, "fachlich": f[order], "persoenlich": p[order], "quadrant": quad,
        "label": [QUADRANTS[q]["label"] if q in QUADRANTS else OPEN_LABEL for q in quad],
        "bindung": bond[order], "gefaehrdet": risk[order] > 0,
        "massnahme": [QUADRANTS[q]["massnahme"] if q in QUADRANTS else open_action for q in quad],
    })


# --------------------------------------------------------------------------------------
# Erwartungslücke and service recovery
# --------------------------------------------------------------------------------------
TOLERANZ_DEFAULT = 1.0
GEWICHT_DEFAULT = 1.5
STEIGUNG = 0.3
SCHWERE_DEFAULT = 3.0
BONUS_DEFAULT = 3.0
REST_ANTEIL = 0.1
URTEILE = {
    "enttaeuschung": "Enttäuschung",
    "zufriedenheit": "Erwartung erfüllt",
    "begeisterung": "Begeisterung",
}


def zufriedenheit(abweichung, gewicht_enttaeuschung=GEWICHT_DEFAULT, toleranz=TOLERANZ_DEFAULT) -> float:
    """Effect of a disconfirmation ``Z = Erleben − Erwartung`` on satisfaction [Lernmodell].

    Inside the tolerance zone ``|Z| < t`` the expectation counts as met and the effect is 0
    (neutral); outside it ``S = tanh(0,3·(Z − t))`` for ``Z ≥ t`` (delight) and
    ``S = tanh(0,3·w·(Z + t))`` for ``Z ≤ −t`` (disappointment), in (−1; 1) (the scale of the
    Kano diagrams: −1 very dissatisfied, +1 delighted). So the sign of the effect always
    agrees with :func:`urteil`. ``Z`` in [−10; 10]; ``w`` in [1; 3] (default 1,5): a
    disappointment weighs more than a positive surprise of the same size; ``t`` in [0,1; 3]
    (default 1). Settings of the toy model, not measurements.
    """
    z = check_number(abweichung, "Abweichung", -SCALE_MAX, SCALE_MAX)
    w = check_number(gewicht_enttaeuschung, "Gewicht der Enttäuschung", 1, 3)
    t = check_number(toleranz, "Toleranzzone", 0.1, 3)
    if z >= t:
        return math.tanh(STEIGUNG * (z - t))
    if z <= -t:
        return math.tanh(STEIGUNG * w * (z + t))
    return 0.0


def urteil(abweichung, toleranz=TOLERANZ_DEFAULT) -> str:
    """"enttaeuschung" if ``Z ≤ −t``, "begeisterung" if ``Z ≥ t``, otherwise "zufriedenheit".

    ``t`` in [0,1; 3] (default 1 point): a small tolerance zone in which the customer sees
    the expectation as met [Lernmodell].
    """
    z = check_number(abweichung, "Abweichung", -SCALE_MAX, SCALE_MAX)
    t = check_number(toleranz, "Toleranzzone", 0.1, 3)
    if z <= -t:
        return "enttaeuschung"
    if z >= t:
        return "begeisterung"
    return "zufriedenheit"


def erlebnis_nach_panne(erlebnis, qualitaet, schwere=SCHWERE_DEFAULT, bonus=BONUS_DEFAULT) -> tuple[float, float]:
    """Experience after a failure and its complaint handling [Lernmodell].

    Without handling the failure lowers the experience ``D`` (0–10) by ``s`` (default 3).
    Handling of quality ``q`` (0–10) repairs ``q/10 · 0,9 · s`` – a small trace of the
    failure always remains – and, for satisfaction only, adds a recovery bonus
    ``q/10 · b · (10 − D)/10`` (default b = 3) that shrinks as the service was already
    excellent. Returns ``(E_zufriedenheit, E_treue)``, both clipped to [0; 10]:

    * ``E_zufriedenheit = D − s + q/10·0,9·s + q/10·b·(10 − D)/10`` – with good handling it
      can exceed ``D`` (service-recovery paradox for satisfaction, in line with the
      positive effect on satisfaction in de Matos et al. 2007);
    * ``E_treue = D − s + q/10·0,9·s`` – repurchase and word of mouth get no bonus, because
      the meta-analysis found no significant effect there; it never exceeds ``D``.

    With the defaults a perfect handling (q = 10) beats the failure-free case for
    satisfaction only if ``D < 9`` – flawless very good service stays best, as in the bank
    study by Michel & Meuter.
    """
    d = check_number(erlebnis, "Erlebte Leistung", 0, SCALE_MAX)
    q = check_number(qualitaet, "Qualität der Reklamationsbearbeitung", 0, SCALE_MAX)
    s = check_number(schwere, "Schwere der Panne", 0, 5)
    b = check_number(bonus, "Bonus einer gelungenen Bearbeitung", 0, 5)
    repair = q / SCALE_MAX * (1 - REST_ANTEIL) * s
    treue = d - s + repair
    zuf = treue + q / SCALE_MAX * b * (SCALE_MAX - d) / SCALE_MAX
    clip = lambda x: min(SCALE_MAX, max(0.0, x))  # noqa: E731
    return clip(zuf), clip(treue)


@dataclass(frozen=True)
class LueckeResult:
    versprechen: float
    erlebnis: float            # delivered without failure
    panne: bool
    qualitaet: float
    erlebnis_zufriedenheit: float  # experience that drives satisfaction (after failure + handling)
    erlebnis_treue: float          # experience that drives repurchase/word of mouth
    abweichung: float              # Z = E_zufriedenheit − M
    urteil: str                    # key of URTEILE
    enttaeuschung: float           # max(0, M − E_zufriedenheit)
    zufriedenheit: float           # S(Z) in (−1; 1)
    treue: float                   # S(E_treue − M) in (−1; 1)
    zufriedenheit_ohne_panne: float
    treue_ohne_panne: float
    toleranz: float = TOLERANZ_DEFAULT
    urteil_ohne_panne: str = ""

    @property
    def urteil_label(self) -> str:
        return URTEILE[self.urteil]

    @property
    def paradox(self) -> bool:
        """Satisfaction after failure + handling is higher than without the failure."""
        return self.panne and self.zufriedenheit > self.zufriedenheit_ohne_panne + 1e-12


def erwartungsluecke(versprechen, erlebnis, panne=False, qualitaet=8.0, schwere=SCHWERE_DEFAULT,
                     bonus=BONUS_DEFAULT, toleranz=TOLERANZ_DEFAULT, gewicht_enttaeuschung=GEWICHT_DEFAULT) -> LueckeResult:
    """Promise ``M`` (what marketing and the seller raised, 0–10) vs. delivered experience
    ``D`` (0–10); optionally a failure handled with quality ``q``. Disconfirmation
    ``Z = E − M``, disappointment ``max(0, M − E)`` (BRIEF W4-3), judgement via
    :func:`urteil`, satisfaction and loyalty effects via :func:`zufriedenheit` [Lernmodell].
    """
    m = check_number(versprechen, "Versprechen", 0, SCALE_MAX)
    d = check_number(erlebnis, "Erlebte Leistung", 0, SCALE_MAX)
    if not isinstance(panne, bool):
        raise CourseInputError("„Panne“ braucht Ja oder Nein (True/False).", "Bitte setzen oder entfernen Sie das Häkchen.")
    q = check_number(qualitaet, "Qualität der Reklamationsbearbeitung", 0, SCALE_MAX)
    if panne:
        e_zuf, e_treue = erlebnis_nach_panne(d, q, schwere, bonus)
    else:
        check_number(schwere, "Schwere der Panne", 0, 5)
        check_number(bonus, "Bonus einer gelungenen Bearbeitung", 0, 5)
        e_zuf = e_treue = d
    z = e_zuf - m
    return LueckeResult(
        versprechen=m, erlebnis=d, panne=panne, qualitaet=q,
        erlebnis_zufriedenheit=e_zuf, erlebnis_treue=e_treue, abweichung=z,
        urteil=urteil(z, toleranz), enttaeuschung=max(0.0, m - e_zuf),
        zufriedenheit=zufriedenheit(z, gewicht_enttaeuschung, toleranz),
        treue=zufriedenheit(e_treue - m, gewicht_enttaeuschung, toleranz),
        zufriedenheit_ohne_panne=zufriedenheit(d - m, gewicht_enttaeuschung, toleranz),
        treue_ohne_panne=zufriedenheit(d - m, gewicht_enttaeuschung, toleranz),
        toleranz=check_number(toleranz, "Toleranzzone", 0.1, 3),
        urteil_ohne_panne=urteil(d - m, toleranz),
    )


def kipp_versprechen(erlebnis, toleranz=TOLERANZ_DEFAULT, step=0.5) -> float:
    """Smallest promise on the slider grid (``step``) at which the verdict is „Enttäuschung“
    for the experience ``erlebnis`` without a failure (``M ≥ D + t``); NaN if none ≤ 10."""
    d = check_number(erlebnis, "Erlebte Leistung", 0, SCALE_MAX)
    t = check_number(toleranz, "Toleranzzone", 0.1, 3)
    k = 0
    while k * step <= SCALE_MAX + 1e-9:
        if urteil(d - k * step, t) == "enttaeuschung":
            return k * step
        k += 1
    return math.nan
