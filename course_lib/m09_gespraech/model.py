"""Modul 09 – Gespräch, Akquise und Verhandlung: pure models (no ipywidgets).

Three models, one per widget:

* :func:`classify_question` – a transparent, rule-based classifier for German questions
  (Fragen-Werkstatt). Every rule is a readable list or regular expression in this file; the
  result names the rule that fired, so learners can see *why* a question counts as open,
  closed or suggestive.
* :func:`midpoint_loss` and :func:`concession_path` – the price negotiation example of the
  blog teaser (offer 12.000 €, customer's idea 7.000 €, "let's meet in the middle") as a
  margin calculation plus a toy model of small, reciprocal concessions (Goldene Mitte).
* :func:`funnel`, :func:`compare_funnels` and :func:`funnel_spread` – a prospecting
  funnel (contacts → reached → conversation → appointment) with and without a prior mailing
  (Akquise-Trichter). The source gives no rates at all; every default is an assumption.

All public functions validate their inputs with :mod:`course_lib.errors` and raise
:class:`~course_lib.errors.CourseInputError` with a German message on bad input.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import CourseInputError, check_number, check_text

# ======================================================================================
# 1. Fragen-Werkstatt: rule-based classifier for German questions
# ======================================================================================

#: Question words that open a W-question ("Ergänzungsfrage").
W_WORDS = frozenset("""
was wie wer wen wem wessen wo wann warum weshalb wieso weswegen welche welcher welches welchen
welchem woran worauf woraus wobei wodurch wofür wogegen woher wohin womit wonach worüber worum
worunter wovon wovor wozu inwiefern inwieweit wieviel wievielen
""".split())

#: W-words that ask for one single fact (a date, a person, a number): open, but narrow.
NARROW_W = frozenset({"wann", "wer", "wen", "wem", "wo", "wieviel", "wie viel", "wie viele", "wie lange", "wie oft"})

#: Prepositions that may precede a W-word: "Für welche …", "Seit wann …", "Mit wem …".
W_PREPOSITIONS = frozenset("""
für mit bei in an auf aus bis seit ab von zu nach über unter um durch gegen ohne wegen zwischen vor
""".split())

#: Prepositions fused with an article ("Im Vergleich wozu?", "Beim wem …"): a W-word may follow
#: after one noun.
W_PREP_PHRASE = frozenset("im am zum zur beim vom ins ans aufs".split())

#: "wo"/"wer" phrases that open a conversation rather than ask for one single fact.
BROAD_W_PHRASES = frozenset({"wo drückt", "wo hakt", "wo klemmt", "wo liegt", "wo liegen", "wo sehen", "wo stehen",
                             "wo steht", "wo brennt"})

#: Finite verbs that typically open a yes/no question ("Entscheidungsfrage").
VERB_FIRST = frozenset("""
kann können könnte könnten darf dürfen dürfte dürften soll sollen sollte sollten will wollen wollte
wollten möchte möchten muss müssen müsste müssten ist sind war waren wäre wären hat haben hatte hatten
hätte hätten wird werden würde würden gibt gab gäbe passt passen gefällt gefallen geht gehen kommt
kommen suchen sucht kennen kennt brauchen braucht wissen weiß nutzen nutzt planen plant interessiert
interessieren stimmt stimmen darf haben arbeiten arbeitet denken denkt glauben glaubt finden findet
benötigen benötigt wünschen wünscht legen legt sehen seht hilft helfen erwarten erwartet
""".split())

#: Pronouns that follow the verb in a verb-first question ("Suchen Sie …", "Gibt es …").
PRONOUN_AFTER_VERB = frozenset("sie ich wir du ihr man es er ihnen mir dir euch uns das dies".split())

#: Verbs of an open invitation ("Erzählen Sie mal …") – not a question, but it opens the talk.
INVITATION_VERBS = frozenset("erzählen beschreiben schildern berichten erläutern erklären".split())

#: Verbs that frame an indirect W-question ("Können Sie mir sagen, wie …?").
FRAME_VERBS = frozenset("sagen erzählen beschreiben erklären schildern verraten fragen zeigen erläutern".split())

#: Words at the start that carry no question meaning (greetings, fillers) and are skipped.
FILLER_SEGMENT = re.compile(
    r"^(guten (tag|morgen|abend)|hallo|grüß gott|moin|servus|herr [\wäöüß-]+|frau [\wäöüß-]+|also|und|"
    r"übrigens|sagen sie( mal)?|mal ehrlich|entschuldigung|entschuldigen sie|ach|na|okay|ok|ja|nun|"
    r"verzeihung|ganz ehrlich|natürlich|klar|sicher|gern|gerne|genau|richtig|selbstverständlich|"
    r"verstehe|ich verstehe|gut|prima|danke|danke schön|einverstanden)$"
)
FILLER_WORDS = frozenset("und also übrigens mal na nun ach ok okay ja".split())

KINDS = ("offen", "geschlossen", "suggestiv", "keine_frage")


def _texts_from(doc: dict):
    """Rules and texts of ``data/fragen.json``; every pattern must be a valid regular expression."""
    bad = []
    for part in ("suggestive_rules", "suggestions"):
        for k, r in enumerate(doc[part], start=1):
            try:
                re.compile(r["pattern"])
            except re.error as exc:
                bad.append(f"{part} Nr. {k}: {exc}")
    if bad:
        raise CourseInputError("Die Datei „fragen.json“ enthält ein ungültiges Suchmuster: " + "; ".join(bad) + ".",
                               "Bitte korrigieren Sie das Muster oder nehmen Sie die Originalfassung des Kurses.")
    rules = tuple((r["pattern"], r["why"]) for r in doc["suggestive_rules"])
    suggestions = tuple((r["pattern"], r["question"]) for r in doc["suggestions"])
    guesses = tuple((doc["guess_labels"][k], k) for k in KINDS)
    return dict(doc["kind_labels"]), guesses, rules, suggestions, doc["fallback"]


def _load_texts():
    from importlib import resources

    from ..content import read_json_file

    return _texts_from(read_json_file(resources.files(__package__).joinpath("data", "fragen.json"), "fragen"))


#: From ``data/fragen.json``: KIND_LABEL names each kind; GUESS_LABELS are the (label, kind)
#: choices for the learner's own estimate in the Werkstatt; SUGGESTIVE_RULES are suggestive
#: (leading) forms (regular expression on the lower-case sentence, explanation); SUGGESTIONS
#: are open alternatives by topic (regular expression, open question), the first match wins;
#: FALLBACK_SUGGESTION is offered when no topic matches.
KIND_LABEL, GUESS_LABELS, SUGGESTIVE_RULES, SUGGESTIONS, FALLBACK_SUGGESTION = _load_texts()
MAX_QUESTION_CHARS = 300


@dataclass(frozen=True)
class QuestionAnalysis:
    """Result of :func:`classify_question`.

    ``kind`` is one of :data:`KINDS`; ``form`` names the grammatical form in German;
    ``reasons`` lists the rules that fired; ``suggestion`` is an open alternative (empty
    when the question is already open or no question was found); ``tip`` is a short hint.
    """

    text: str
    kind: str
    form: str
    is_open: bool
    reasons: tuple[str, ...]
    suggestion: str
    tip: str = ""

    @property
    def label(self) -> str:
        return KIND_LABEL[self.kind]


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def _question_sentence(text: str) -> tuple[str, bool]:
    """The sentence to analyse (the last one ending in "?", else the last one) and whether it has a "?"."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    questions = [p for p in parts if p.rstrip().endswith("?")]
    if questions:
        return questions[-1], True
    return parts[-1], False


def _strip_fillers(sentence: str) -> str:
    """Drop greetings and fillers before the actual question ("Guten Tag, Frau Meier, was …")."""
    segs = [s.strip() for s in sentence.split(",")]
    while len(segs) > 1 and FILLER_SEGMENT.match(re.sub(r"[^\wäöüß -]", "", segs[0].lower()).strip()):
        segs.pop(0)
    s = ", ".join(segs)
    words = s.split()
    while len(words) > 1 and re.sub(r"[^\wäöüß]", "", words[0].lower()) in FILLER_WORDS:
        words.pop(0)
    return " ".join(words)


def suggest_open(sentence: str) -> str:
    """An open alternative for a closed or suggestive question, chosen by topic words (see :data:`SUGGESTIONS`)."""
    s = check_text(sentence, "Frage", max_len=MAX_QUESTION_CHARS).lower()
    for pattern, suggestion in SUGGESTIONS:
        if re.search(pattern, s):
            return suggestion
    return FALLBACK_SUGGESTION


def classify_question(text: str) -> QuestionAnalysis:
    """Classify a German question as open, closed or suggestive – with transparent rules.

    Rules, applied in this order to the last sentence ending in "?" (greetings and fillers
    such as „Guten Tag, Frau Meier,“ or „Also“ at the start are skipped):

    1. No letters at all → no question.
    2. A suggestive marker from :data:`SUGGESTIVE_RULES` (e.g. „doch“, „nicht auch“,
       „oder?“ at the end) → *suggestiv* (closed and leading), whatever the word order.
    3. An open invitation („Erzählen Sie …“, „Beschreiben Sie …“) → *offen*.
    4. A W-word at the start (also after a preposition: „Für welche …“, „Seit wann …“)
       → *offen* (W-Frage); „wann, wer, wo, wie viel …“ are marked as narrow.
    5. A verb first („Suchen Sie …?“, „Gibt es …?“): with a framing verb and a W-clause
       („Können Sie mir sagen, wie …?“) → *offen*; with „oder“ between two options
       → *geschlossen* (Alternativfrage); otherwise → *geschlossen* (Entscheidungsfrage).
       Verb first without a question mark reads as a request → no question.
    6. Statement word order with a question mark („Sie kommen zurecht?“) → *geschlossen*
       (Aussagefrage; one or two words: Kurzfrage).
    7. Anything else → no question (friendly hint).

    Raises :class:`CourseInputError` for empty or non-text input and for texts longer than
    :data:`MAX_QUESTION_CHARS` characters.
    """
    raw = check_text(text, "Ihre Frage", max_len=MAX_QUESTION_CHARS)
    sentence, has_qmark = _question_sentence(raw)
    core = _strip_fillers(sentence)
    low = core.lower().strip()
    words = [w.lower() for w in _WORD.findall(core)]
    reasons: list[str] = []
    tip_qmark = "" if has_qmark else "Am Ende fehlt noch das Fragezeichen."

    if not words:
        return QuestionAnalysis(sentence, "keine_frage", "keine Frage", False,
                                ("Der Text enthält keine Wörter.",), "",
                                "Schreiben Sie eine ganze Frage, so wie Sie sie einer Kundin oder einem Kunden stellen würden.")
    first = words[0]
    second = words[1] if len(words) > 1 else ""

    # form by word order (needed for rules 2 and 5)
    third = words[2] if len(words) > 2 else ""
    w_start = (first in W_WORDS or (first in W_PREPOSITIONS and second in W_WORDS)
               or (first in W_PREP_PHRASE and third in W_WORDS))
    verb_first = (not w_start) and (
        first in VERB_FIRST
        or (second in PRONOUN_AFTER_VERB and first not in PRONOUN_AFTER_VERB and len(first) > 2
            and first.endswith(("en", "t", "e", "n")))
    )
    invitation = first in INVITATION_VERBS and second in {"sie", "mir", "uns", "doch", "mal"}

    # 2. suggestive markers
    for pattern, why in SUGGESTIVE_RULES:
        if re.search(pattern, low):
            reasons.append(why)
    if reasons and (has_qmark or w_start or verb_first):
        form = "Suggestivfrage"
        if verb_first:
            form += " (Verb zuerst)"
        elif w_start:
            form += " (mit W-Wort)"
        return QuestionAnalysis(core, "suggestiv", form, False, tuple(reasons), suggest_open(core),
                                tip_qmark or "Suggestivfragen drängen zu einer Antwort. Fragen Sie neutral nach.")
    reasons.clear()

    # 3. open invitation
    if invitation:
        return QuestionAnalysis(core, "offen", "Erzählaufforderung", True,
                                (f"Die Aufforderung beginnt mit „{first}“ und lädt zum Erzählen ein.",), "",
                                "Formal ist das keine Frage, sie öffnet das Gespräch aber genauso.")

    # 4. W-question
    if w_start:
        wword = next(w for w in words[:3] if w in W_WORDS)
        two = f"{wword} {words[words.index(wword) + 1]}" if words.index(wword) + 1 < len(words) else wword
        narrow = (wword in NARROW_W or two in NARROW_W) and two not in BROAD_W_PHRASES
        reasons.append(f"Die Frage beginnt mit dem W-Wort „{wword}“.")
        form = "W-Frage"
        tip = tip_qmark
        if narrow:
            form = "W-Frage (eng: fragt nach einer einzelnen Angabe)"
            tip = (tip + " " if tip else "") + "Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“."
        return QuestionAnalysis(core, "offen", form, True, tuple(reasons), "", tip)

    # 5. verb first
    if verb_first:
        if not has_qmark:
            return QuestionAnalysis(core, "keine_frage", "Aufforderung oder Aussage", False,
                                    (f"Der Satz beginnt mit dem Verb „{first}“, endet aber nicht mit einem Fragezeichen.",), "",
                                    "Das klingt nach einer Bitte oder Aufforderung. Wenn Sie fragen möchten, setzen Sie ein Fragezeichen – oder beginnen Sie mit einem W-Wort.")
        rest = words[1:]
        if any(w in FRAME_VERBS for w in rest) and any(w in W_WORDS for w in rest):
            w = next(w for w in rest if w in W_WORDS)
            return QuestionAnalysis(core, "offen", "höfliche W-Frage (Verb zuerst mit W-Nebensatz)", True,
                                    (f"Der Satz beginnt mit dem Verb „{first}“, die eigentliche Frage steckt aber im Nebensatz mit „{w}“.",),
                                    "", "Sie können die Hülle weglassen und direkt mit dem W-Wort beginnen.")
        reasons.append(f"Die Frage beginnt mit dem Verb „{first}“ – darauf antwortet man mit Ja oder Nein.")
        form = "Entscheidungsfrage (Verb zuerst)"
        if re.search(r"\w\s+oder\s+\w", low):
            form = "Alternativfrage (Verb zuerst, zwei Möglichkeiten)"
            reasons[-1] = f"Die Frage beginnt mit dem Verb „{first}“ und bietet mit „oder“ nur vorgegebene Möglichkeiten an."
        return QuestionAnalysis(core, "geschlossen", form, False, tuple(reasons), suggest_open(core),
                                "Eine der beiden Antworten kann das Gespräch beenden.")

    # 6. statement word order with a question mark
    if has_qmark:
        if len(words) <= 2:
            return QuestionAnalysis(core, "geschlossen", "Kurzfrage", False,
                                    ("Die Frage besteht nur aus ein oder zwei Wörtern; die Antwort ist meist Ja oder Nein.",),
                                    suggest_open(core), "")
        return QuestionAnalysis(core, "geschlossen", "Aussagefrage (Satzstellung einer Aussage)", False,
                                ("Der Satz ist wie eine Aussage gebaut und wird nur durch das Fragezeichen zur Frage; erwartet wird Ja oder Nein.",),
                                suggest_open(core), "")

    # 7. no question
    return QuestionAnalysis(core, "keine_frage", "keine Frage", False,
                            ("Der Satz beginnt weder mit einem W-Wort noch mit einem Verb und hat kein Fragezeichen.",), "",
                            "Das sieht nach einer Aussage aus. Formulieren Sie eine Frage an Ihr Gegenüber – am besten mit einem W-Wort wie „was“, „wie“ oder „welche“.")


# ======================================================================================
# 2. Goldene Mitte: price negotiation
# ======================================================================================

@dataclass(frozen=True)
class MidpointResult:
    """Outcome of meeting in the middle (all amounts in €; shares as fractions)."""

    price: float              # seller's first price P_V
    counter: float            # customer's idea P_K
    cost: float               # seller's full cost C
    midpoint: float           # (P_V + P_K) / 2
    concession: float         # Z = P_V − midpoint = (P_V − P_K) / 2
    concession_share: float   # Z / P_V  (loss 2: the discount the customer will expect next time)
    margin_old: float         # P_V − C
    margin_new: float         # midpoint − C (negative = loss)
    margin_change: float      # margin_new / margin_old − 1 (−0.833 in the example)
    extra_volume: float | None  # margin_old / margin_new − 1; None if margin_new ≤ 0 (not reachable)
    follow_orders: int        # n follow-up orders at the new reference price
    follow_loss: float        # loss 3: n · Z


def _check_prices(price, counter, cost):
    p = check_number(price, "Angebotspreis", 1_000, 100_000, unit="€")
    k = check_number(counter, "Preisvorstellung des Kunden", 0, 100_000, unit="€")
    c = check_number(cost, "Selbstkosten", 0, 100_000, unit="€")
    if k > p:
        raise CourseInputError(
            "Die Preisvorstellung des Kunden liegt über Ihrem Angebotspreis – dann gibt es nichts zu verhandeln.",
            "Bitte stellen Sie die Kundenvorstellung niedriger ein als den Angebotspreis.")
    if c >= p:
        raise CourseInputError(
            "Die Selbstkosten liegen nicht unter dem Angebotspreis – so ein Angebot bringt keinen Gewinn.",
            "Bitte wählen Sie Selbstkosten unter dem Angebotspreis (im Beispiel 9.000\u00a0€ bei 12.000\u00a0€).")
    return p, k, c


def midpoint_loss(price: float = 12_000, counter: float = 7_000, cost: float = 9_000,
                  follow_orders: int = 0) -> MidpointResult:
    """Margin arithmetic of "let's meet in the middle".

    Equations: ``M = (P_V + P_K)/2``; ``Z = P_V − M``; ``Marge_alt = P_V − C``;
    ``Marge_neu = M − C``; ``Δ = Marge_neu/Marge_alt − 1``; extra sales needed for the same
    contribution ``Marge_alt/Marge_neu − 1`` (only if ``Marge_neu > 0``); follow-up loss ``n·Z``.

    Defaults: P_V = 12.000 € and P_K = 7.000 € from the blog teaser (the teaser says "more
    than 12.000 €"); C = 9.000 € is the course's assumption (the source gives no cost).
    Reference: M = 9.500 €, Z = 2.500 € (20,8 %), margin 3.000 € → 500 € (−83,3 %),
    extra sales +500 %.
    Domain: 1.000 ≤ P_V ≤ 100.000; 0 ≤ P_K ≤ P_V; 0 ≤ C < P_V; 0 ≤ n ≤ 50 (integer).
    """
    p, k, c = _check_prices(price, counter, cost)
    n = check_number(follow_orders, "Folgeaufträge", 0, 50, integer=True)
    mid = (p + k) / 2
    z = p - mid
    m_old = p - c
    m_new = mid - c
    extra = (m_old / m_new - 1) if m_new > 0 else None
    return MidpointResult(p, k, c, mid, z, z / p, m_old, m_new, m_new / m_old - 1, extra, n, n * z)


@dataclass(frozen=True)
class ConcessionPath:
    """Offers round by round. ``seller[0]``/``customer[0]`` are the opening offers."""

    seller: tuple[float, ...]
    customer: tuple[float, ...]
    agreed: bool
    final_price: float | None
    rounds: int
    gap: float                # remaining gap seller − customer (0 if agreed)
    margin: float | None      # final_price − cost


def concession_path(price: float = 12_000, counter: float = 7_000, cost: float = 9_000, *,
                    first_step: float = 600, shrink: float = 0.5, customer_step: float = 1_500,
                    customer_shrink: float = 0.7, max_rounds: int = 6, gap_stop: float = 100) -> ConcessionPath:
    """Toy model of small, reciprocal concessions [Lernmodell].

    In round k = 0, 1, … the customer first raises the offer by ``κ_k = customer_step ·
    customer_shrink^k`` (never above the seller's current offer). Only if the customer moved
    does the seller give ``δ_k = first_step · shrink^k``, never below the cost (the seller's
    walk-away point) and never below the customer's offer. Agreement: when the offers meet,
    or when the gap is below ``gap_stop`` (then the small rest is split, but never below the
    cost: the final price is ≥ cost, the margin ≥ 0, whenever the path ends in agreement). After
    ``max_rounds`` without agreement the path ends open.

    Defaults are illustrative, not measured: δ0 = 600 €, shrink 0,5 (the seller's steps
    halve and so signal a limit); κ0 = 1.500 €, 0,7; at most 6 rounds; stop below 100 €
    (structure after BRIEF W10-2). With 12.000/7.000/9.000 the deal closes at about
    10.840 € after 4 rounds instead of 9.500 € in the middle.
    Domain: as in :func:`midpoint_loss`; first_step, customer_step ∈ [0; 5.000];
    shrink, customer_shrink ∈ [0; 1]; max_rounds ∈ [1; 20]; gap_stop ∈ [0; 5.000].
    """
    p, k, c = _check_prices(price, counter, cost)
    d0 = check_number(first_step, "Erster Nachlass", 0, 5_000, unit="€")
    r = check_number(shrink, "Schrumpffaktor der Nachlässe", 0, 1)
    k0 = check_number(customer_step, "Schritt des Kunden", 0, 5_000, unit="€")
    rk = check_number(customer_shrink, "Schrumpffaktor des Kunden", 0, 1)
    n = check_number(max_rounds, "Runden", 1, 20, integer=True)
    stop = check_number(gap_stop, "Abbruchlücke", 0, 5_000, unit="€")
    s, b = p, k
    seller, customer = [s], [b]
    if s - b <= stop:
        final = max(round((s + b) / 2), c)
        return ConcessionPath(tuple(seller), tuple(customer), True, final, 0, 0.0, final - c)
    for i in range(n):
        step_k = k0 * rk ** i
        nb = min(b + step_k, s)
        moved = nb > b
        b = nb
        if b >= s:  # the customer accepts the seller's current offer
            seller.append(s)
            customer.append(b)
            return ConcessionPath(tuple(seller), tuple(customer), True, s, i + 1, 0.0, s - c)
        if moved:
            s = max(s - d0 * r ** i, c, b)
        seller.append(s)
        customer.append(b)
        if s <= b:
            return ConcessionPath(tuple(seller), tuple(customer), True, b, i + 1, 0.0, b - c)
        if s - b < stop:
            final = max(round((s + b) / 2), c)   # splitting the rest never goes below cost
            return ConcessionPath(tuple(seller), tuple(customer), True, final, i + 1, 0.0, final - c)
    return ConcessionPath(tuple(seller), tuple(customer), False, None, n, s - b, None)


@dataclass(frozen=True)
class Negotiation:
    """Everything the widget „Goldene Mitte“ shows: midpoint arithmetic, concession path, bars."""

    midpoint: MidpointResult
    middle_path: ConcessionPath
    path: ConcessionPath

    @property
    def margins(self) -> tuple[float, float, float | None]:
        """Margin per order: first offer, midpoint, concessions (None without agreement)."""
        return (self.midpoint.margin_old, self.midpoint.margin_new, self.path.margin)

    @property
    def no_gap(self) -> bool:
        """Offer and the customer's idea are equal: nothing to concede."""
        return self.midpoint.concession == 0


def negotiation(price: float = 12_000, counter: float = 7_000, cost: float = 9_000, follow_orders: int = 0, *,
                first_step: float = 600, shrink: float = 0.5, customer_step: float = 1_500) -> Negotiation:
    """One result for the widget (see :func:`midpoint_loss`, :func:`midpoint_path`, :func:`concession_path`)."""
    r = midpoint_loss(price, counter, cost, follow_orders)
    return Negotiation(r, midpoint_path(price, counter, cost),
                       concession_path(price, counter, cost, first_step=first_step, shrink=shrink,
                                       customer_step=customer_step))


def midpoint_path(price: float = 12_000, counter: float = 7_000, cost: float = 9_000) -> ConcessionPath:
    """The "meet in the middle" path as a one-round :class:`ConcessionPath` (for the plot)."""
    r = midpoint_loss(price, counter, cost)
    return ConcessionPath((r.price, r.midpoint), (r.counter, r.midpoint), True, r.midpoint, 1, 0.0, r.margin_new)


# ======================================================================================
# 3. Akquise-Trichter: mailing + call vs. call only
# ======================================================================================

@dataclass(frozen=True)
class FunnelResult:
    """One prospecting funnel. Counts are expected values (may be fractional)."""

    contacts: float
    reached: float
    conversations: float
    appointments: float
    cost_mail: float
    cost_calls: float
    cost: float
    cost_per_appointment: float


def funnel(contacts: int = 500, reach: float = 0.35, brushoff: float = 0.55, appointment_rate: float = 0.25,
           mail_cost: float = 0.0, minutes_per_contact: float = 6.0, hourly_rate: float = 50.0) -> FunnelResult:
    """Expected appointments and cost of a calling campaign [Lernmodell].

    Equations: ``erreicht = N·ρ``; ``Gespräch = N·ρ·(1 − b)``; ``Termine = N·ρ·(1 − b)·t``;
    ``Kosten = N·c_m + N·(Minuten/60)·Stundensatz``; ``Kosten je Termin = Kosten/Termine``.

    Defaults (all assumptions – the source gives no rates): N = 500 contacts, decision maker
    reached ρ = 0,35, brush-off b = 0,55 (direct call; 0,7 when the call hangs on a mailing),
    appointment rate t = 0,25, 6 minutes per contact attempt incl. redials, 50 € per hour,
    mailing 1,50 € per piece. Reference: with mailing (b = 0,7, c_m = 1,5) 13,1 appointments,
    3.250 €, ≈ 248 € each; direct (b = 0,55) 19,7 appointments, 2.500 €, ≈ 127 € each.
    Domain: 1 ≤ N ≤ 100.000 (integer); 0,01 ≤ ρ ≤ 1; 0 ≤ b ≤ 0,99; 0,01 ≤ t ≤ 1;
    0 ≤ c_m ≤ 50 €; 0,5 ≤ minutes ≤ 60; 0 ≤ rate ≤ 500 €/h.
    """
    n = check_number(contacts, "Kontakte", 1, 100_000, integer=True)
    rho = check_number(reach, "Erreichbarkeit", 0.01, 1)
    b = check_number(brushoff, "Abwimmelquote", 0, 0.99)
    t = check_number(appointment_rate, "Terminquote", 0.01, 1)
    cm = check_number(mail_cost, "Kosten je Mailing", 0, 50, unit="€")
    mins = check_number(minutes_per_contact, "Minuten je Kontakt", 0.5, 60, unit="min")
    rate = check_number(hourly_rate, "Stundensatz", 0, 500, unit="€")
    reached = n * rho
    conv = reached * (1 - b)
    appts = conv * t
    c_mail = n * cm
    c_calls = n * mins / 60 * rate
    cost = c_mail + c_calls
    return FunnelResult(float(n), reached, conv, appts, c_mail, c_calls, cost, cost / appts)


VARIANTS = ("Mailing + Anruf", "Direktanruf")


def compare_funnels(contacts: int = 500, reach: float = 0.35, appointment_rate: float = 0.25,
                    mail_cost: float = 1.5, brushoff_mail: float = 0.7, brushoff_direct: float = 0.55,
                    minutes_per_contact: float = 6.0, hourly_rate: float = 50.0) -> pd.DataFrame:
    """Both variants side by side: one row per variant (index :data:`VARIANTS`).

    Columns: Kontakte, erreicht, Gespräch, Termine, Kosten Mailing, Kosten Telefon, Kosten,
    Kosten je Termin. Reach and appointment rate are the same for both variants (the source
    says nothing that would separate them); the variants differ in mailing cost and
    brush-off rate. See :func:`funnel` for equations and defaults.
    """
    a = funnel(contacts, reach, brushoff_mail, appointment_rate, mail_cost, minutes_per_contact, hourly_rate)
    b = funnel(contacts, reach, brushoff_direct, appointment_rate, 0.0, minutes_per_contact, hourly_rate)
    rows = [[r.contacts, r.reached, r.conversations, r.appointments, r.cost_mail, r.cost_calls, r.cost,
             r.cost_per_appointment] for r in (a, b)]
    return pd.DataFrame(rows, index=list(VARIANTS),
                        columns=["Kontakte", "erreicht", "Gespräch", "Termine", "Kosten Mailing",
                                 "Kosten Telefon", "Kosten", "Kosten je Termin"])


#: Plausible ranges of the uncertain assumptions (BRIEF W9-1), shown in the widget's table.
UNCERTAIN_RANGES = {
    "reach": (0.2, 0.6),
    "appointment_rate": (0.1, 0.5),
    "mail_cost": (0.5, 5.0),
    "brushoff_mail": (0.5, 0.9),
    "brushoff_direct": (0.3, 0.8),
}


SPREAD = 0.3   # ± relative spread of every uncertain input around its setting (funnel_spread)


def funnel_spread(reach: float = 0.35, appointment_rate: float = 0.25, mail_cost: float = 1.5,
                  brushoff_mail: float = 0.7, brushoff_direct: float = 0.55, minutes_per_contact: float = 6.0,
                  hourly_rate: float = 50.0, *, spread: float = SPREAD, draws: int = 2_000, seed: int = 9) -> dict:
    """Uncertainty of the cost per appointment *around the current settings* (seeded Monte-Carlo).

    Every uncertain input – reach ρ, appointment rate t, mailing cost c_m and both brush-off
    rates b – is drawn independently and uniformly from ``[x·(1 − spread); x·(1 + spread)]``
    (kept inside its domain); minutes and hourly rate are fixed. So the whisker moves with every
    uncertain slider. Returns ``{"mailing": (p5, p50, p95), "direkt": (p5, p50, p95),
    "share_direct_cheaper": f}``. Domain as in :func:`funnel`; spread ∈ [0; 0,9].
    """
    rho = check_number(reach, "Erreichbarkeit", 0.01, 1)
    t = check_number(appointment_rate, "Terminquote", 0.01, 1)
    cm = check_number(mail_cost, "Kosten je Mailing", 0, 50, unit="€")
    bm = check_number(brushoff_mail, "Abwimmelquote mit Mailing", 0, 0.99)
    bd = check_number(brushoff_direct, "Abwimmelquote direkt", 0, 0.99)
    mins = check_number(minutes_per_contact, "Minuten je Kontakt", 0.5, 60, unit="min")
    rate = check_number(hourly_rate, "Stundensatz", 0, 500, unit="€")
    sp = check_number(spread, "Spanne", 0, 0.9)
    n = check_number(draws, "Ziehungen", 100, 20_000, integer=True)
    rng = np.random.default_rng(check_number(seed, "Startwert", 0, 2**32 - 1, integer=True))

    def draw(x, lo, hi):
        return np.clip(rng.uniform(x * (1 - sp), x * (1 + sp), n), lo, hi)

    u_rho, u_t, u_cm = draw(rho, 0.01, 1), draw(t, 0.01, 1), draw(cm, 0, 50)
    u_bm, u_bd = draw(bm, 0, 0.99), draw(bd, 0, 0.99)
    call = mins / 60 * rate
    base = u_rho * u_t
    cpa_a = (u_cm + call) / (base * (1 - u_bm))
    cpa_b = call / (base * (1 - u_bd))
    q = (5, 50, 95)
    return {
        "mailing": tuple(float(x) for x in np.percentile(cpa_a, q)),
        "direkt": tuple(float(x) for x in np.percentile(cpa_b, q)),
        "share_direct_cheaper": float(np.mean(cpa_b < cpa_a)),
    }


@dataclass(frozen=True)
class FunnelComparison:
    """Everything the widget „Akquise-Trichter“ shows: both funnels, the spread, the verdict."""

    table: pd.DataFrame
    spread: dict

    @property
    def cost_mail(self) -> float:
        return float(self.table.loc[VARIANTS[0], "Kosten je Termin"])

    @property
    def cost_direct(self) -> float:
        return float(self.table.loc[VARIANTS[1], "Kosten je Termin"])

    @property
    def cheaper(self) -> str | None:
        """„direkt“, „mailing“ or None (equal within 0,50 €) – the same numbers as the bars."""
        if abs(self.cost_mail - self.cost_direct) < 0.5:
            return None
        return "direkt" if self.cost_direct < self.cost_mail else "mailing"


def funnel_comparison(contacts: int = 500, reach: float = 0.35, appointment_rate: float = 0.25,
                      mail_cost: float = 1.5, brushoff_mail: float = 0.7, brushoff_direct: float = 0.55,
                      minutes_per_contact: float = 6.0, hourly_rate: float = 50.0) -> FunnelComparison:
    """:func:`compare_funnels` plus :func:`funnel_spread` for the same settings."""
    df = compare_funnels(contacts, reach, appointment_rate, mail_cost, brushoff_mail, brushoff_direct,
                         minutes_per_contact, hourly_rate)
    return FunnelComparison(df, funnel_spread(reach, appointment_rate, mail_cost, brushoff_mail, brushoff_direct,
                                              minutes_per_contact, hourly_rate))


def nice_ceiling(x: float) -> float:
    """The next "nice" axis limit above ``x`` (1, 2, 2,5, 4, 5, 8 × 10^k); used for stable plot axes."""
    v = check_number(x, "Wert", 0, 1e12)
    if v < 1e-6:  # an axis limit needs no finer resolution; also avoids subnormal magnitudes
        return 1.0
    mag = 10 ** math.floor(math.log10(v))
    for f in (1, 2, 2.5, 4, 5, 8, 10):
        if f * mag >= v:
            return float(f * mag)
    return float(10 * mag)  # pragma: no cover
