"""Pure models of module 01 „Vertrieb 3.0 versus Kunde 3.0“ (no ipywidgets here).

1. **Kundenprofil 3.0** – places a customer on a two-axis map (informed/net-affine ×
   insecure) and derives the seller role that fits: „Sparringspartner“ or „Fels in der
   Brandung“ (both labels from the book chapter) – or, where the chapter is silent, a role
   the course proposes [Deutung des Kurses].
2. **Buying Center** – a B2B case with six people: checks the learner's role assignment
   against the classic buying-center roles (Webster & Wind 1972; Initiator after Bonoma;
   Genehmiger as in textbooks) and turns ratings of influence and attitude into a
   stakeholder map with advice whom to address how [Deutung des Kurses].

The learner texts – roles, behaviours, example customers, the case and the strategies – are
data: ``data/kundenprofil.json`` and ``data/buying_center.json`` (schemas of the same name in
``course_lib/schemas``). The thresholds and formulas stay here, with the model.

Every public function validates its inputs and raises
:class:`~course_lib.errors.CourseInputError` with a German message for bad input.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content import data_error, load_widget_data
from ..errors import CourseInputError, check_choice, check_number
from ..format_de import num

# ---------------------------------------------------------------------------------------
# 1. Kundenprofil 3.0
# ---------------------------------------------------------------------------------------

CUT = 5.0
"""Threshold on both 0–10 axes that separates „niedrig“ from „hoch“ (course assumption)."""

_KP = load_widget_data(__package__, "kundenprofil")
"""Roles, behaviours and example customers of the Kundenprofil (``data/kundenprofil.json``)."""

ROLES = {r["id"]: r["label"] for r in _KP["roles"]}
"""Seller roles per quadrant. „Sparringspartner“ and „Fels in der Brandung“ are the chapter's
labels; „Lotse“ and „Verlässlicher Fachberater“ are interpretations of the course."""

ROLE_FROM_SOURCE = {r["id"]: r["from_source"] for r in _KP["roles"]}
_BEHAVIOURS = {r["id"]: tuple((b["do"], b["why"]) for b in r["behaviours"]) for r in _KP["roles"]}
_EXTRA = {b["id"]: (b["do"], b["why"]) for b in _KP["extra_behaviours"]}
if len(ROLES) != 4 or len(_EXTRA) != 5:
    raise data_error("kundenprofil.json", "jede Rolle und jede Zusatzregel muss genau einmal vorkommen")

OWN_SETTING = "Eigene Einstellung"
PERSONAS = {OWN_SETTING: None, **{p["name"]: dict(p["traits"]) for p in _KP["personas"]}}
"""Example customers (invented by the course) with trait values 0–10."""


@dataclass(frozen=True)
class Profil:
    x: float               # Informiertheit (= Informationsstand) 0–10
    y: float               # Verunsicherung 0–10
    quadrant: str          # key of ROLES
    role: str              # role label
    from_source: bool      # True: label from the book chapter; False: interpretation of the course
    need_sparring: float   # 0–1, how much sparring-partner behaviour is needed (knowledge and wish to co-decide)
    need_fels: float       # 0–1, how much „Fels“ behaviour is needed
    behaviours: tuple      # ((behaviour, reason), …)
    reasons: tuple         # how the result was derived, step by step


def kundenprofil(online: float, info: float, unsicherheit: float, mitbestimmung: float = 5.0) -> Profil:
    """Place a customer on the map and derive the fitting seller role.

    Inputs are self-rated traits on 0–10: ``online`` (Online-Affinität), ``info``
    (Informationsstand), ``unsicherheit`` (Verunsicherung), ``mitbestimmung`` (Wunsch,
    selbst zu entscheiden). Model [Deutung des Kurses]::

        x = info                           Informiertheit: what the customer knows
        y = unsicherheit                   Verunsicherung
        quadrant: x ≥ 5 and y < 5 → Sparringspartner;  x < 5 and y ≥ 5 → Fels in der Brandung;
                  x ≥ 5 and y ≥ 5 → Lotse (both);      x < 5 and y < 5 → verlässlicher Fachberater
        need_sparring = (info + mitbestimmung) / 20 ;  need_fels = y/10

    Online affinity says *where* a customer looks for information, not how much he knows:
    a net-affine customer who has not yet researched (online 10, info 0) is not informed.
    It sets the channel behaviours (≥ 7: fast on several channels; ≤ 3: the customer's own
    channel). The wish to co-decide raises the need for sparring at every level and adds a
    behaviour at ≥ 7 (co-design the offer) and ≤ 3 (a clear recommendation). The chapter
    describes the span from the highly informed, co-deciding customer to the strongly
    insecure one and names the two roles; the cut at 5 and the two further quadrants are
    assumptions of the course.
    """
    o = check_number(online, "Online-Affinität", 0, 10)
    i = check_number(info, "Informationsstand", 0, 10)
    u = check_number(unsicherheit, "Verunsicherung", 0, 10)
    m = check_number(mitbestimmung, "Wunsch nach Mitbestimmung", 0, 10)
    x = i
    y = u
    hi_x, hi_y = x >= CUT, y >= CUT
    quadrant = {(True, False): "sparring", (False, True): "fels", (True, True): "lotse", (False, False): "fachberater"}[(hi_x, hi_y)]
    behaviours = list(_BEHAVIOURS[quadrant])
    if m >= 7:
        behaviours.append(_EXTRA["mitbestimmung_hoch"])
    elif m <= 3:
        behaviours.append(_EXTRA["mitbestimmung_niedrig"])
    if o >= 7:
        behaviours.append(_EXTRA["online_hoch"])
    elif o <= 3:
        behaviours.append(_EXTRA["online_niedrig"])
    if u >= 7 and quadrant != "fels":
        behaviours.append(_EXTRA["unsicherheit_hoch"])
    fmt = lambda v: f"{v:.1f}".replace(".", ",")  # noqa: E731
    need_sparring = (i + m) / 20.0
    reasons = (
        f"Informiertheit = Informationsstand {fmt(i)} → {'hoch' if hi_x else 'niedrig'} (Schwelle 5). "
        f"Die Online-Affinität ({fmt(o)}) sagt, wo der Kunde sucht – nicht, wie viel er weiß.",
        f"Verunsicherung = {fmt(y)} → {'hoch' if hi_y else 'niedrig'} (Schwelle 5).",
        f"Quadrant: {ROLES[quadrant]}" + ("" if ROLE_FROM_SOURCE[quadrant] else " [Deutung des Kurses]") + ".",
        f"Bedarf an Sparring = (Informationsstand {fmt(i)} + Wunsch nach Mitbestimmung {fmt(m)}) / 20 "
        f"= {fmt(100 * need_sparring)}\u00a0%.",
    )
    return Profil(x=x, y=y, quadrant=quadrant, role=ROLES[quadrant], from_source=ROLE_FROM_SOURCE[quadrant],
                  need_sparring=need_sparring, need_fels=y / 10.0, behaviours=tuple(behaviours), reasons=reasons)


def persona(name: str) -> dict | None:
    """Trait values of an example customer (``None`` for „Eigene Einstellung“, :data:`OWN_SETTING`)."""
    check_choice(name, "Beispielkunde", list(PERSONAS))
    p = PERSONAS[name]
    return dict(p) if p else None


# ---------------------------------------------------------------------------------------
# 2. Buying Center
# ---------------------------------------------------------------------------------------

_BC = load_widget_data(__package__, "buying_center")
"""Roles, case and strategies of the Buying Center (``data/buying_center.json``)."""

BC_ROLES = {r["id"]: r["label"] for r in _BC["roles"]}
"""Buying-center roles: the five of Webster & Wind (1972) plus Initiator (Bonoma) and
Genehmiger (textbooks, e.g. Kotler)."""

BC_ROLE_INFO = {r["id"]: r["info"] for r in _BC["roles"]}
CASE_TITLE = _BC["title"]
CASE = tuple({**p, "also": tuple(p["also"])} for p in _BC["people"])
"""The case (invented by the course after the brief's example): six people, their clue
in the case text, the best-fitting role and further defensible roles."""
for _p in CASE:
    if _p["primary"] not in BC_ROLES or not set(_p["also"]) <= set(BC_ROLES) - {_p["primary"]}:
        raise data_error("buying_center.json", f"„{_p['name']}“ hat eine unbekannte oder doppelte Rolle")
if len({p["id"] for p in CASE}) != len(CASE) or len(BC_ROLES) != len(_BC["roles"]):
    raise data_error("buying_center.json", "eine Kennung einer Person oder Rolle kommt doppelt vor")

PERSON_IDS = tuple(p["id"] for p in CASE)


@dataclass(frozen=True)
class RoleFeedback:
    person: str
    chosen: str | None
    status: str            # "richtig" | "vertretbar" | "falsch" | "offen"
    text: str


@dataclass(frozen=True)
class RoleCheck:
    items: tuple           # RoleFeedback per person, in case order
    correct: int           # primary role hit
    acceptable: int        # primary or a further defensible role
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def _person(pid: str) -> dict:
    check_choice(pid, "Person", list(PERSON_IDS))
    return next(p for p in CASE if p["id"] == pid)


def check_roles(assignment: dict) -> RoleCheck:
    """Check a role assignment ``{"gf": "entscheider", "it": "beeinflusser", …}``.

    Per person: the best-fitting role → „richtig“; a further defensible role (a person may
    hold several roles) → „vertretbar“; any other role → „falsch“; empty → „offen“.
    Raises :class:`CourseInputError` for unknown people or roles or an empty assignment.
    """
    if not isinstance(assignment, dict):
        raise CourseInputError("Die Rollenzuordnung braucht für jede Person eine Rolle.",
                               "Bitte wählen Sie bei den Personen eine Rolle aus.")
    for pid, role in assignment.items():
        _person(pid)
        if role not in (None, ""):
            check_choice(role, "Rolle", list(BC_ROLES))
    if not any(v not in (None, "") for v in assignment.values()):
        raise CourseInputError("Sie haben noch keiner Person eine Rolle gegeben.",
                               "Bitte wählen Sie mindestens bei einer Person eine Rolle und prüfen Sie dann erneut.")
    items, correct, ok, answered = [], 0, 0, 0
    for p in CASE:
        role = assignment.get(p["id"]) or None
        if role is None:
            items.append(RoleFeedback(p["id"], None, "offen", "Noch keine Rolle gewählt."))
            continue
        answered += 1
        if role == p["primary"]:
            status, text = "richtig", p["why"]
            correct += 1
            ok += 1
        elif role in p["also"]:
            status = "vertretbar"
            text = f"Auch vertretbar. Am besten passt „{BC_ROLES[p['primary']]}“: {p['why']}"
            ok += 1
        else:
            status = "falsch"
            text = (f"„{BC_ROLES[role]}“ heißt: {BC_ROLE_INFO[role]}. Lesen Sie den Hinweis im Fall noch einmal "
                    f"– passt das zu {p['name']}?")
        items.append(RoleFeedback(p["id"], role, status, text))
    return RoleCheck(items=tuple(items), correct=correct, acceptable=ok, answered=answered, total=len(CASE))


STRATEGIES = {st["id"]: (st["label"], st["advice"]) for st in _BC["strategies"]}
"""Stakeholder-map quadrants and advice [Deutung des Kurses; a common stakeholder grid, not
from the book chapter]."""


def stakeholder_strategy(influence: float, attitude: float) -> tuple[str, str, str]:
    """Quadrant of a person on the stakeholder map: ``(key, label, advice)``.

    ``influence`` 0–10 (cut at 5: ≥ 5 is „viel Einfluss“), ``attitude`` −5 (strongly
    against) … +5 (strongly in favour); > 0 counts as positive, < 0 as sceptical and 0 as
    neutral – as the scale of the widget and the exercise call it.
    """
    inf = check_number(influence, "Einfluss", 0, 10)
    att = check_number(attitude, "Haltung", -5, 5)
    if att == 0:
        key = "erfragen" if inf >= CUT else "kennenlernen"
    else:
        key = ("einbinden" if att > 0 else "ueberzeugen") if inf >= CUT else ("informieren" if att > 0 else "beobachten")
    label, advice = STRATEGIES[key]
    return key, label, advice


def priority(influence: float, attitude: float) -> float:
    """How urgently a person needs attention, 0–10: ``influence · (5 − attitude) / 10``.

    High influence and strong scepticism come first; a convinced person with little
    influence comes last [Deutung des Kurses].
    """
    inf = check_number(influence, "Einfluss", 0, 10)
    att = check_number(attitude, "Haltung", -5, 5)
    return inf * (5.0 - att) / 10.0


MARKER_GAP = 0.22
"""Distance at which people rated alike are drawn side by side on the map (Haltung units)."""

NEUTRAL_BAND = 0.75
"""Half width of the band around Haltung 0 drawn as „neutral“; neutral people are fanned out
inside it, everybody else outside it (so a marker's side always tells its attitude)."""


@dataclass(frozen=True)
class Stakeholder:
    """One person of the plan: the ratings, the quadrant with its advice, and where the map
    draws the marker (``x``, ``y``) – the text and the plot read the same object."""

    id: str
    name: str
    influence: float
    attitude: float
    priority: float        # influence · (5 − attitude) / 10
    key: str               # key of STRATEGIES (the quadrant)
    label: str
    advice: str
    warning: str           # sceptical person in a role the learner assigned as Entscheider/Gatekeeper
    x: float               # marker position: attitude + side-by-side offset (see marker_offsets)
    y: float               # marker position: influence


@dataclass(frozen=True)
class StakeholderPlan:
    """Result of :func:`stakeholder_plan`: the people by priority (highest first)."""

    rows: tuple            # Stakeholder, sorted by priority; ties in case order

    @property
    def first(self) -> Stakeholder:
        return self.rows[0]

    def person(self, pid: str) -> Stakeholder:
        return next(r for r in self.rows if r.id == pid)

    @property
    def alt(self) -> str:
        """The map in words (the plot's alt text)."""
        return ("Stakeholder-Karte mit sechs Personen: " + "; ".join(
            f"{r.name} Einfluss {num(r.influence, 0)}, Haltung {num(r.attitude, 0, strip=True)} ({r.label})"
            for r in self.rows) + ".")


def marker_offsets(spots: list[tuple[float, float]]) -> list[float]:
    """Horizontal offsets for markers at (Haltung, Einfluss): people at the same spot side by
    side, MARKER_GAP apart (at most 5·MARKER_GAP = 1,1 for six people) – so that no marker
    hides another or leaves the map (limits ±6,4):

    * Haltung 0: symmetric around 0, inside the neutral band (±3·MARKER_GAP ≤ NEUTRAL_BAND);
    * Haltung ±5: towards the inside of the map;
    * otherwise: away from 0, so that nobody is drawn in the neutral band or across 0.
    """
    seen: dict[tuple, int] = {}
    out = []
    for att, inf in spots:
        k = seen.get((att, inf), 0)
        seen[(att, inf)] = k + 1
        if att == 0:
            out.append(MARKER_GAP * ((k + 1) // 2) * (1 if k % 2 else -1))
        elif abs(att) >= 5:
            out.append(-MARKER_GAP * k if att > 0 else MARKER_GAP * k)
        else:
            out.append(MARKER_GAP * k if att > 0 else -MARKER_GAP * k)
    return out


def stakeholder_plan(ratings: dict, roles: dict | None = None) -> StakeholderPlan:
    """Ranking of the case's people by :func:`priority`, with quadrant, advice and marker position.

    ``ratings``: ``{person_id: (influence, attitude)}`` for any subset of the case. The rows
    are sorted by priority (highest first; ties in case order). ``warning`` flags a sceptical
    (attitude < 0) person whom the learner has assigned the role Entscheider or Gatekeeper in
    ``roles`` (``{person_id: role_id}``); without an assigned role there is no warning – the
    plan never reveals the case's answer.
    """
    if not isinstance(ratings, dict) or not ratings:
        raise CourseInputError("Für die Stakeholder-Karte fehlen Einschätzungen.",
                               "Bitte bewerten Sie mindestens eine Person nach Einfluss und Haltung.")
    rows = []
    order = {pid: i for i, pid in enumerate(PERSON_IDS)}
    for pid, val in ratings.items():
        p = _person(pid)
        if not isinstance(val, (tuple, list)) or len(val) != 2:
            raise CourseInputError(f"Für {p['name']} braucht es zwei Werte: Einfluss und Haltung.",
                                   "Bitte geben Sie beide Werte an.")
        inf = check_number(val[0], f"Einfluss von {p['name']}", 0, 10)
        att = check_number(val[1], f"Haltung von {p['name']}", -5, 5)
        key, label, advice = stakeholder_strategy(inf, att)
        warning = ""
        role = (roles or {}).get(pid) or ""
        if role:
            check_choice(role, "Rolle", list(BC_ROLES))
        if att < 0 and role == "entscheider":
            warning = (f"{p['name']} – von Ihnen als Entscheider eingeordnet – ist skeptisch: "
                       "ohne diese Zustimmung gibt es keinen Auftrag.")
        elif att < 0 and role == "gatekeeper":
            warning = (f"{p['name']} – von Ihnen als Gatekeeper eingeordnet – ist skeptisch und kann den Zugang "
                       "zu den Entscheidenden versperren.")
        rows.append(dict(id=pid, name=p["name"], influence=float(inf), attitude=float(att),
                         priority=priority(inf, att), key=key, label=label, advice=advice, warning=warning))
    dx = marker_offsets([(r["attitude"], r["influence"]) for r in rows])   # in the order the ratings came
    people = [Stakeholder(**r, x=r["attitude"] + d, y=r["influence"]) for r, d in zip(rows, dx)]
    people.sort(key=lambda r: (-r.priority, order[r.id]))
    return StakeholderPlan(tuple(people))
