"""Pure models of module 01 „Vertrieb 3.0 versus Kunde 3.0“ (no ipywidgets here).

1. **Kundenprofil 3.0** – places a customer on a two-axis map (informed/net-affine ×
   insecure) and derives the seller role that fits: „Sparringspartner“ or „Fels in der
   Brandung“ (both labels from the book chapter) – or, where the chapter is silent, a role
   the course proposes [Deutung des Kurses].
2. **Buying Center** – a B2B case with six people: checks the learner's role assignment
   against the classic buying-center roles (Webster & Wind 1972; Initiator after Bonoma;
   Genehmiger as in textbooks) and turns ratings of influence and attitude into a
   stakeholder map with advice whom to address how [Deutung des Kurses].

Every public function validates its inputs and raises
:class:`~course_lib.errors.CourseInputError` with a German message for bad input.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import CourseInputError, check_choice, check_number

# ---------------------------------------------------------------------------------------
# 1. Kundenprofil 3.0
# ---------------------------------------------------------------------------------------

CUT = 5.0
"""Threshold on both 0–10 axes that separates „niedrig“ from „hoch“ (course assumption)."""

ROLES = {
    "sparring": "Sparringspartner",
    "fels": "Fels in der Brandung",
    "lotse": "Lotse: Fels und Sparringspartner zugleich",
    "fachberater": "Verlässlicher Fachberater",
}
"""Seller roles per quadrant. „Sparringspartner“ and „Fels in der Brandung“ are the chapter's
labels; „Lotse“ and „Verlässlicher Fachberater“ are interpretations of the course."""

ROLE_FROM_SOURCE = {"sparring": True, "fels": True, "lotse": False, "fachberater": False}

_BEHAVIOURS = {
    "sparring": [
        ("Auf Augenhöhe fachlich diskutieren und Wissen ergänzen, das über das Produkt hinausgeht (z. B. Ökologie, Lieferkette).",
         "Wer gut informiert ist, erwartet im persönlichen Kontakt mehr, als er schon im Netz gelesen hat."),
        ("Optionen und Vergleiche offenlegen; die Entscheidung bleibt beim Kunden.",
         "Dieser Kunde will kaufen, nicht verkauft bekommen – er möchte die Entscheidung in der Hand behalten."),
        ("Ein gutes Erlebnis rund um das Produkt schaffen (Vorführung, Test, Service).",
         "Die Fakten kennt er oft schon; den Unterschied macht die Erfahrung mit Ihnen."),
    ],
    "fels": [
        ("Ruhig, ehrlich und verlässlich auftreten; Zusagen einhalten.",
         "Verunsicherte Kunden suchen ein Gegenüber, dem sie vertrauen können und das Sicherheit gibt."),
        ("Die Auswahl auf zwei, drei passende Möglichkeiten eingrenzen und eine klare Empfehlung begründen.",
         "Zu viele Angebote überfordern; Orientierung ist hier die eigentliche Leistung."),
        ("Fachbegriffe übersetzen und nachfragen, ob alles verstanden ist.",
         "Wer wenig im Netz recherchiert, braucht Erklärungen statt Datenblätter."),
    ],
    "lotse": [
        ("Die gesammelten Informationen gemeinsam ordnen: Was ist wichtig, was ist Werbung?",
         "Dieser Kunde weiß viel, ist aber von der Fülle verunsichert – er braucht Sortierhilfe."),
        ("Fachlich mithalten und zugleich Ruhe ausstrahlen; Widersprüche in Testberichten offen erklären.",
         "Er prüft Ihr Wissen wie ein Sparringspartner und sucht doch Halt wie bei einem Fels."),
        ("Eine begründete Empfehlung geben, aber Alternativen nicht verschweigen.",
         "So behält er die Entscheidung und bekommt trotzdem Sicherheit."),
    ],
    "fachberater": [
        ("Zuverlässig und sachlich informieren; Unterlagen zum Nachlesen mitgeben.",
         "Der Kunde fühlt sich sicher, kennt das Angebot aber noch wenig – er braucht solide Information."),
        ("Den Kontakt über den Kanal halten, den der Kunde bevorzugt (Telefon, Besuch).",
         "Geringe Netzaffinität heißt: Online-Angebote allein erreichen ihn kaum."),
        ("Nach dem Kauf nachfassen und Erfahrungen erfragen.",
         "Verlässlichkeit über den Abschluss hinaus macht aus dem Kontakt eine Beziehung."),
    ],
}

PERSONAS = {
    "Eigene Einstellung": None,
    "Tom, Technikfan (vergleicht alles online)": dict(online=9, info=9, unsicherheit=2, mitbestimmung=9),
    "Ruth, Rentnerin (Lebensversicherung)": dict(online=2, info=3, unsicherheit=8, mitbestimmung=4),
    "Jana, frisch gebaut (sucht Wärmepumpe)": dict(online=8, info=7, unsicherheit=8, mitbestimmung=6),
    "Herr Kaya, Handwerksmeister (Nachbestellung)": dict(online=3, info=4, unsicherheit=2, mitbestimmung=5),
}
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
        behaviours.append(("Den Kunden aktiv mitgestalten lassen, etwa beim Zusammenstellen des Angebots.",
                           "Ein starker Wunsch nach Mitbestimmung: Der Kunde will das Angebot mitbestimmen, nicht nur abnicken."))
    elif m <= 3:
        behaviours.append(("Eine klare, begründete Empfehlung aussprechen, statt viele Varianten zur Wahl zu stellen.",
                           "Wenig Wunsch nach Mitbestimmung: Dieser Kunde möchte die Entscheidung nicht allein tragen."))
    if o >= 7:
        behaviours.append(("Schnell und auf mehreren Kanälen erreichbar sein, auch per Mail oder Chat.",
                           "Netzaffine Kunden erwarten Antworten in Minuten, nicht in Tagen."))
    elif o <= 3:
        behaviours.append(("Den Kontakt über Telefon oder Besuch halten und Unterlagen auf Papier anbieten.",
                           "Geringe Online-Affinität: Online-Angebote allein erreichen diesen Kunden kaum."))
    if u >= 7 and quadrant != "fels":
        behaviours.append(("Zeit für Rückfragen einplanen und Zusagen schriftlich bestätigen.",
                           "Hohe Verunsicherung verlangt zusätzliche Sicherheit."))
    fmt = lambda v: f"{v:.1f}".replace(".", ",")  # noqa: E731
    need_sparring = (i + m) / 20.0
    reasons = (
        f"Informiertheit = Informationsstand {fmt(i)} → {'hoch' if hi_x else 'niedrig'} (Schwelle 5). "
        f"Die Online-Affinität ({fmt(o)}) sagt, wo der Kunde sucht – nicht, wie viel er weiß.",
        f"Verunsicherung = {fmt(y)} → {'hoch' if hi_y else 'niedrig'} (Schwelle 5).",
        f"Quadrant: {ROLES[quadrant]}" + ("" if ROLE_FROM_SOURCE[quadrant] else " [Deutung des Kurses]") + ".",
        f"Bedarf an Sparring = (Informationsstand {fmt(i)} + Wunsch nach Mitbestimmung {fmt(m)}) / 20 "
        f"= {fmt(100 * need_sparring)} %.",
    )
    return Profil(x=x, y=y, quadrant=quadrant, role=ROLES[quadrant], from_source=ROLE_FROM_SOURCE[quadrant],
                  need_sparring=need_sparring, need_fels=y / 10.0, behaviours=tuple(behaviours), reasons=reasons)


def persona(name: str) -> dict | None:
    """Trait values of an example customer (``None`` for „Eigene Einstellung“)."""
    check_choice(name, "Beispielkunde", list(PERSONAS))
    p = PERSONAS[name]
    return dict(p) if p else None


# ---------------------------------------------------------------------------------------
# 2. Buying Center
# ---------------------------------------------------------------------------------------

BC_ROLES = {
    "initiator": "Initiator",
    "anwender": "Anwender",
    "beeinflusser": "Beeinflusser",
    "einkaeufer": "Einkäufer",
    "entscheider": "Entscheider",
    "gatekeeper": "Gatekeeper",
    "genehmiger": "Genehmiger",
}
"""Buying-center roles: the five of Webster & Wind (1972) plus Initiator (Bonoma) and
Genehmiger (textbooks, e.g. Kotler)."""

BC_ROLE_INFO = {
    "initiator": "stößt den Kauf an, weil er oder sie ein Problem erkennt",
    "anwender": "arbeitet später mit dem Produkt",
    "beeinflusser": "prägt mit Fachwissen die Anforderungen und die Auswahl",
    "einkaeufer": "verhandelt Konditionen und wickelt den Kauf formal ab",
    "entscheider": "trifft die endgültige Wahl",
    "gatekeeper": "steuert, welche Informationen und welche Anbieter durchkommen",
    "genehmiger": "gibt Budget oder Vorgehen frei",
}

CASE_TITLE = "Ein Maschinenbau-Mittelständler kauft ein CRM-System"

CASE = (
    {"id": "gf", "name": "Dr. Petra Lange", "function": "Geschäftsführerin",
     "clue": "Sie unterschreibt am Ende und wählt zwischen den zwei Anbietern der engeren Wahl.",
     "primary": "entscheider", "also": ("genehmiger",),
     "why": "Wer die endgültige Wahl trifft, ist Entscheiderin. Weil sie auch das Budget freigibt, ist „Genehmiger“ ebenfalls vertretbar."},
    {"id": "it", "name": "Jonas Weber", "function": "IT-Leiter",
     "clue": "Er schreibt die technischen Anforderungen (Schnittstellen, Datenschutz) und bewertet die Angebote.",
     "primary": "beeinflusser", "also": (),
     "why": "Er entscheidet nicht selbst, prägt aber mit seinem Fachurteil die Auswahl – ein typischer Beeinflusser."},
    {"id": "vi", "name": "Aylin Demir", "function": "Vertriebsinnendienst",
     "clue": "Sie hat sich über die alten Excel-Listen beschwert und wird täglich mit dem neuen System arbeiten.",
     "primary": "anwender", "also": ("initiator",),
     "why": "Sie arbeitet künftig mit dem System (Anwenderin). Weil ihre Beschwerde den Kauf angestoßen hat, ist sie zugleich Initiatorin – eine Person, zwei Rollen."},
    {"id": "ek", "name": "Martin Scholz", "function": "Einkaufsleiter",
     "clue": "Er holt die Angebote ein, verhandelt Rabatte und entscheidet, welche Anbieter überhaupt zur Präsentation kommen.",
     "primary": "einkaeufer", "also": ("gatekeeper", "beeinflusser"),
     "why": "Er verhandelt und wickelt ab (Einkäufer). Weil er auch filtert, wer präsentieren darf, ist er zugleich Gatekeeper – Einkaufsleiter haben oft mehrere Rollen."},
    {"id": "as", "name": "Sabine Roth", "function": "Assistenz der Geschäftsführung",
     "clue": "Sie verwaltet den Kalender der Geschäftsführerin und entscheidet, welche Unterlagen auf deren Tisch landen.",
     "primary": "gatekeeper", "also": (),
     "why": "Sie steuert den Zugang zur Entscheiderin und den Informationsfluss – die klassische Gatekeeper-Rolle."},
    {"id": "co", "name": "Thomas Berg", "function": "Controller",
     "clue": "Er prüft, ob das Projekt ins Budget passt, und muss die Investition formal freigeben.",
     "primary": "genehmiger", "also": ("beeinflusser",),
     "why": "Ohne seine Freigabe gibt es kein Budget – er ist Genehmiger. Mit seiner Wirtschaftlichkeitsrechnung beeinflusst er die Wahl zusätzlich."},
)
"""The case (invented by the course after the brief's example): six people, their clue
in the case text, the best-fitting role and further defensible roles."""

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


STRATEGIES = {
    "einbinden": ("Fürsprecher einbinden",
                  "Viel Einfluss und positive Haltung: eng einbinden, mit Argumenten für die anderen ausstatten, als Fürsprecher im Gremium gewinnen."),
    "ueberzeugen": ("Bedenken klären",
                    "Viel Einfluss, aber skeptisch: früh und persönlich sprechen, Einwände ernst nehmen, den Nutzen für die eigenen Ziele dieser Person zeigen."),
    "informieren": ("Informiert halten",
                    "Wenig Einfluss, positive Haltung: regelmäßig informieren, Praxiserfahrungen einholen, als Türöffner und Stimme aus dem Alltag nutzen."),
    "beobachten": ("Im Blick behalten",
                   "Wenig Einfluss und skeptisch: Einwände kennen, mit überschaubarem Aufwand informieren, nicht übergehen – Einfluss kann wachsen."),
    "erfragen": ("Meinung erfragen",
                 "Viel Einfluss, Haltung noch offen (neutral): früh ins Gespräch kommen, Ziele und Bedenken erfragen, bevor sich eine Meinung festigt."),
    "kennenlernen": ("Kennenlernen",
                     "Wenig Einfluss, Haltung noch offen (neutral): mit überschaubarem Aufwand informieren und nachfragen, wie die Person das Vorhaben sieht."),
}
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


def stakeholder_plan(ratings: dict, roles: dict | None = None) -> list[dict]:
    """Ranking of the case's people by :func:`priority`, with quadrant and advice.

    ``ratings``: ``{person_id: (influence, attitude)}`` for any subset of the case. Returns a
    list of dicts (``id, name, influence, attitude, priority, key, label, advice, warning``)
    sorted by priority (highest first; ties in case order). ``warning`` flags a sceptical
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
    rows.sort(key=lambda r: (-r["priority"], order[r["id"]]))
    return rows
