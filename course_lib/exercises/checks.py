"""Pure checking of exercise answers (no widgets). One function per task type.

``check(task, response)`` returns a :class:`Result` with a German message that says why.
Empty or malformed responses raise :class:`~course_lib.errors.CourseInputError`; they do not
count as an attempt. Tasks without an answer key (instructor handouts) cannot be checked:
:func:`is_checkable` tells.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..errors import CourseInputError, NumberReading, read_number_de
from ..format_de import num
from ..textfold import fold  # one text-folding rule for the checker and the glossary


@dataclass
class Result:
    status: str  # "correct" | "partial" | "wrong" | "review" (free text: the learner checks it)
    message: str
    details: list[str] = field(default_factory=list)
    score: float = 0.0

    @property
    def solved(self) -> bool:
        return self.status == "correct"


KEY_FIELDS = {
    "single": "answer", "multi": "answer", "categorize": "answer", "order": "answer",
    "numeric": "answer", "text": "concepts", "code": "expected",
}


def is_checkable(task: dict) -> bool:
    """False for handout tasks whose answer key was removed."""
    key = KEY_FIELDS[task["type"]]
    if task["type"] == "text":
        return bool(task.get("concepts")) and all(c.get("patterns") for c in task["concepts"])
    return key in task


_SHAPES = {  # expected Python type of a response per task type
    "single": (str,), "multi": (list, tuple), "categorize": (dict,), "order": (list, tuple),
    "numeric": (str, int, float), "text": (str,),
}
_SHAPE_HINT = {
    "single": "Bitte wählen Sie eine der Antworten aus.",
    "multi": "Bitte kreuzen Sie die zutreffenden Antworten an.",
    "categorize": "Bitte ordnen Sie jede Aussage einer Kategorie zu.",
    "order": "Bitte bringen Sie die Einträge in eine Reihenfolge.",
    "numeric": "Bitte geben Sie eine Zahl ein.",
    "text": "Bitte schreiben Sie Ihre Antwort als Text.",
}


def _check_shape(task: dict, response) -> None:
    typ = task["type"]
    if typ == "code" or response in (None, "", [], {}):
        return  # empty responses get their own, more specific message
    ok = isinstance(response, _SHAPES[typ]) and not isinstance(response, bool)
    if ok and typ in ("multi", "order"):
        ok = all(isinstance(x, str) for x in response)
    if ok and typ == "categorize":
        ok = all(isinstance(k, str) and isinstance(v, str) for k, v in response.items())
    if not ok:
        raise CourseInputError("Diese Antwort hat nicht die erwartete Form.", _SHAPE_HINT[typ])


def check(task: dict, response) -> Result:
    if not is_checkable(task):
        raise CourseInputError(
            "Diese Arbeitsblatt-Fassung enthält keine Lösungen und prüft deshalb nicht automatisch.",
            "Ihre Antwort ist gespeichert; besprechen Sie sie im Workshop.",
        )
    _check_shape(task, response)
    return _CHECKERS[task["type"]](task, response)


def _option_ids(task: dict, key: str = "options") -> list[str]:
    return [o["id"] for o in task[key]]


def _text_of(task: dict, oid: str, key: str = "options") -> str:
    for o in task[key]:
        if o["id"] == oid:
            return o["text"]
    return oid


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _check_single(task: dict, response) -> Result:
    if response in (None, "", []):
        raise CourseInputError("Sie haben noch keine Antwort ausgewählt.", "Bitte wählen Sie eine Antwort aus und klicken Sie auf „Prüfen“.")
    if response not in _option_ids(task):
        raise CourseInputError(f"„{response}“ ist keine der Antworten.", "Bitte wählen Sie eine der angezeigten Antworten.")
    fb = {o["id"]: o.get("feedback", "") for o in task["options"]}
    if response == task["answer"]:
        explained = [f"„{o['text']}“: {o['feedback']}" for o in task["options"] if o.get("feedback")]
        return Result("correct", "Das ist die beste Antwort. Die Begründung zu jeder Antwort:", explained, 1.0)
    # only why the CHOSEN option is not right – the others stay unmarked
    return Result("wrong", "Diese Antwort trifft es nicht.", [fb[response]] if fb[response] else [], 0.0)


def multi_score(n_right: int, hits: int, false_pos: int) -> float:
    """Partial credit of a multi-select answer: (hits − wrong ticks) / right answers, at least 0."""
    return max(0.0, (hits - false_pos) / n_right)


def _check_multi(task: dict, response) -> Result:
    sel = list(response or [])
    if not sel:
        raise CourseInputError("Sie haben noch nichts angekreuzt.", "Bitte kreuzen Sie alle zutreffenden Antworten an.")
    ids = _option_ids(task)
    bad = [s for s in sel if s not in ids]
    if bad:
        raise CourseInputError(f"„{bad[0]}“ ist keine der Antworten.", "Bitte wählen Sie nur angezeigte Antworten.")
    right, chosen = set(task["answer"]), set(sel)
    hits, false_pos, missed = chosen & right, chosen - right, right - chosen
    score = multi_score(len(right), len(hits), len(false_pos))
    if not false_pos and not missed:
        explained = [f"„{o['text']}“: {o['feedback']}" for o in task["options"] if o.get("feedback")]
        return Result("correct", "Alle zutreffenden Antworten und keine falsche. Die Begründung zu jeder Antwort:", explained, 1.0)
    return Result("partial" if hits and score > 0 else "wrong", multi_counts(len(missed), len(false_pos)), [], score)


def multi_counts(missing: int, wrong: int) -> str:
    """How many right answers are missing and how many ticks are wrong – never which."""
    parts = []
    if missing:
        parts.append("Es fehlt noch 1 zutreffende Antwort." if missing == 1
                     else f"Es fehlen noch {missing} zutreffende Antworten.")
    if wrong:
        parts.append("1 Ihrer angekreuzten Antworten trifft nicht zu." if wrong == 1
                     else f"{wrong} Ihrer angekreuzten Antworten treffen nicht zu.")
    return " ".join(parts)


CATEGORIZE_PARTIAL = 0.5  # share of right assignments from which an answer counts as „teilweise richtig“


def _check_categorize(task: dict, response) -> Result:
    response = dict(response or {})
    items = _option_ids(task, "items")
    cats = {c["id"]: c["label"] for c in task["categories"]}
    missing = [i for i in items if not response.get(i)]
    if len(missing) == len(items):
        raise CourseInputError("Sie haben noch nichts zugeordnet.", "Bitte ordnen Sie jede Aussage einer Kategorie zu.")
    if missing:
        raise CourseInputError(
            f"{_plural(len(missing), 'Aussage ist', 'Aussagen sind')} noch nicht zugeordnet, zum Beispiel „{_text_of(task, missing[0], 'items')[:60]}“.",
            "Bitte ordnen Sie jede Aussage zu; Ihre bisherigen Zuordnungen bleiben erhalten.",
        )
    bad = [c for c in response.values() if c not in cats]
    if bad:
        raise CourseInputError(f"„{bad[0]}“ ist keine der Kategorien.", "Bitte wählen Sie eine der angebotenen Kategorien.")
    wrong = [i for i in items if response[i] != task["answer"][i]]
    score = 1 - len(wrong) / len(items)
    if not wrong:
        explained = [f"„{o['text']}“: {o['feedback']}" for o in task["items"] if o.get("feedback")]
        return Result("correct", f"Alle {len(items)} Zuordnungen stimmen.", explained, 1.0)
    status = "partial" if score >= CATEGORIZE_PARTIAL else "wrong"
    # how many, not which: naming the misplaced statement would give the answer away with two categories
    return Result(status, f"{len(items) - len(wrong)} von {len(items)} Zuordnungen stimmen.",
                  ["Prüfen Sie jede Aussage noch einmal für sich; ein Tipp hilft weiter."], score)


def _check_order(task: dict, response) -> Result:
    order = list(response or [])
    items = _option_ids(task, "items")
    if sorted(order) != sorted(items):
        raise CourseInputError("Die Reihenfolge muss jeden Eintrag genau einmal enthalten.", "Bitte sortieren Sie alle Einträge mit den Pfeil-Knöpfen.")
    right = task["answer"]
    correct_pos = sum(1 for a, b in zip(order, right) if a == b)
    if order == right:
        return Result("correct", "Die Reihenfolge stimmt.", [], 1.0)
    score = correct_pos / len(right)
    return Result("partial" if correct_pos >= len(right) / 2 else "wrong",
                  f"{correct_pos} von {len(right)} Einträgen stehen an der richtigen Stelle.", [], score)


def number_kind(task: dict) -> str:
    """What a numeric field expects: the task's ``input`` field, else derived from the unit."""
    if task.get("input"):
        return task["input"]
    return {"%": "percent", "€": "money"}.get(task.get("unit", ""), "decimal")


def field_label(task: dict) -> str:
    """The label of a numeric task's answer field, as the widget shows it (without the colon)."""
    return f"Ihr Ergebnis ({task['unit']})" if task.get("unit") else "Ihr Ergebnis"


def read_number(response, unit: str = "", kind: str = "decimal", name: str = "Ihre Antwort") -> NumberReading:
    return read_number_de(response, kind=kind, unit=unit, name=name)


UNIT_SINGULAR = {"Punkte": "Punkt", "Besuche": "Besuch", "Kunden": "Kunde", "Bilder": "Bild", "Beziehungen": "Beziehung",
                 "Monate": "Monat", "Minuten": "Minute", "Stunden": "Stunde", "Jahre": "Jahr", "Tage": "Tag",
                 "Termine": "Termin", "Wörter": "Wort"}


def unit_for(value: float, unit: str) -> str:
    """„1 Punkt“, „2 Punkte“: the unit in the number's grammatical number (NBSP before it)."""
    if not unit:
        return ""
    word = UNIT_SINGULAR.get(unit, unit) if abs(value) == 1 else unit
    return f"\u00a0{word}"


def _check_numeric(task: dict, response) -> Result:
    reading = read_number(response, task.get("unit", ""), number_kind(task), field_label(task))
    value = reading.value
    notes = [reading.note] if reading.note else []
    target, tol = task["answer"], task.get("tolerance", 0.0)
    u = unit_for(value, task.get("unit", ""))
    shown = num(value, 3, strip=True)
    if within(value, target, tol):
        return Result("correct", f"Ihr Ergebnis stimmt: {shown}{u}.", notes, 1.0)
    if reading.ambiguous:  # „1.684“ / „4,435“ that is wrong as read: ask instead of counting a format slip
        raise CourseInputError(reading.note, "Ihre Eingabe zählt noch nicht als Versuch. Schreiben Sie die Zahl bitte eindeutig.")
    for m in task.get("mistakes", []):
        if within(value, m["value"], m.get("tolerance", tol)):
            return Result("wrong", f"Ihr Ergebnis ({shown}{u}) ist nicht richtig – das ist ein typischer Fehler.", [m["feedback"]] + notes, 0.0)
    direction = "zu hoch" if value > target else "zu niedrig"
    rel = abs(value - target) / abs(target) if target else math.inf
    closeness = "knapp daneben" if rel < 0.1 else "deutlich daneben"
    return Result("wrong", f"Ihr Ergebnis ({shown}{u}) ist {direction}, {closeness}.", ["Prüfen Sie Ihren Rechenweg Schritt für Schritt."] + notes, 0.0)


def within(value: float, target: float, tol: float) -> bool:
    """The tolerance rule of numeric tasks: |value − target| ≤ tolerance (plus float noise)."""
    return abs(value - target) <= tol + 1e-9


TEXT_RULE_NOTE = (
    "Der Kurs versteht Ihren Text nicht und bewertet ihn deshalb nicht. Er sucht nur nach "
    "Stichwörtern und macht daraus Vorschläge („vermutlich angesprochen“) – verneinte oder aus der "
    "Aufgabe abgeschriebene Stellen zählen dabei nicht. Entscheiden Sie selbst, welche Kernpunkte "
    "Ihr Text wirklich abdeckt."
)

NEGATIONS = ("nicht", "nichts", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
             "ohne", "weder", "kaum", "nirgends")
NEGATION_WINDOW = 3  # words before or after a keyword, within the same clause
_CLAUSE = re.compile(r"[.;:!?,–—()\n]+|\s-\s|\b(?:aber|sondern|doch|jedoch|trotzdem)\b")
_WORD = re.compile(r"[a-z0-9äöüß/]+")


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(fold(text)) if len(w) >= 4}


def copied_share(text: str, source: str) -> float:
    """Share of the content words of ``text`` that also occur in ``source`` (crude stems)."""
    mine = [w[:6] for w in _WORD.findall(fold(text)) if len(w) >= 4]
    if not mine:
        return 0.0
    theirs = _stems(source)
    return sum(1 for w in mine if w in theirs) / len(mine)


# short words that every German sentence has and a list of keywords lacks
FUNCTION_WORDS = frozenset("""der die das den dem des ein eine einen einem einer und oder aber ich sie er es wir ihr
man mich mir ihn ihm uns ist sind war bin bist hat habe haben wird werden kann könnte würde würden soll muss zu zum
zur mit auf für von im in an am bei nach vor aus als wie wenn dass weil damit ob so auch noch nur schon dann
nicht kein keine sich was wer dort hier da mal ganz sehr mehr""".split())
MIN_FUNCTION_SHARE = 0.25  # below this share of function words a text is a keyword list, not an answer

COPY_LIMIT = 0.7  # a text (or sentence) with at least this share of prompt words counts as copied


def _negated(clause: str, start: int, end: int) -> bool:
    while start > 0 and _WORD.match(clause[start - 1]):  # widen a match inside a word to the whole word
        start -= 1
    while end < len(clause) and _WORD.match(clause[end]):
        end += 1
    before = _WORD.findall(clause[:start])[-NEGATION_WINDOW:]
    after = _WORD.findall(clause[end:])[:NEGATION_WINDOW]
    inside = _WORD.findall(clause[start:end])
    if any(w in NEGATIONS for w in inside):
        return False  # the key point itself is phrased with a negation ("nicht mag")
    return any(w in NEGATIONS for w in before + after)


def _clauses(task: dict, text: str) -> list[str]:
    """The clauses of ``text`` outside sentences copied from the prompt (plain and umlaut-folded)."""
    prompt = task.get("prompt", "")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    kept = [s for s in sentences if copied_share(s, prompt) < COPY_LIMIT]
    clauses = []
    for s in kept:
        for variant in (re.sub(r"\s+", " ", s.lower()), fold(s)):
            clauses.extend(c for c in _CLAUSE.split(variant) if c and c.strip())
    return clauses


def _mentions(patterns, clauses) -> bool:
    return any(not _negated(clause, m.start(), m.end())
               for p in patterns for clause in clauses for m in re.finditer(p.lower(), clause))


def pitfalls_found(task: dict, text: str) -> list[str]:
    """Feedback of the task's known mistakes (``pitfalls``) that the text probably makes."""
    clauses = _clauses(task, text)
    return [p["feedback"] for p in task.get("pitfalls", []) if _mentions(p["patterns"], clauses)]


def concepts_found(task: dict, text: str) -> list[str]:
    """Ids of the key points that the text *probably* mentions – a suggestion, never a grade.

    A keyword counts only outside sentences copied from the prompt and only when no negation
    („nicht“, „kein“, „nie“, „ohne“ …) stands within three words of it in the same clause.
    Patterns are lower-case regular expressions, matched against the lower-cased text and its
    umlaut-folded form (ä→ae …)."""
    clauses = _clauses(task, text)
    return [c["id"] for c in task["concepts"] if _mentions(c.get("patterns", []), clauses)]


def real_attempt_problem(task: dict, text) -> CourseInputError | None:
    """Why ``text`` is not yet a real attempt (too short, a copy of the prompt), or None."""
    if not isinstance(text, str) or not text.strip():
        return CourseInputError("Ihr Textfeld ist leer.", "Bitte schreiben Sie Ihre Antwort in ganzen Sätzen und klicken Sie dann auf „Prüfen“.")
    words = len(text.split())
    need = task.get("min_words", 8)
    if words < need:
        return CourseInputError(f"Ihre Antwort hat erst {_plural(words, 'Wort', 'Wörter')}.",
                                f"Bitte schreiben Sie mindestens {_plural(need, 'Wort', 'Wörter')} in ganzen Sätzen.")
    tokens = [w.strip(".,;:!?„“\"'()–-").lower() for w in text.split()]
    if sum(1 for w in tokens if w in FUNCTION_WORDS) / len(tokens) < MIN_FUNCTION_SHARE:
        return CourseInputError("Ihr Text sieht aus wie eine Liste von Stichwörtern.",
                                "Bitte antworten Sie in ganzen Sätzen: Was würden Sie tun oder sagen, und warum?")
    if copied_share(text, task.get("prompt", "")) >= COPY_LIMIT:
        return CourseInputError("Ihr Text wiederholt im Wesentlichen die Aufgabenstellung.",
                                "Bitte antworten Sie mit eigenen Worten: Was würden Sie tun oder sagen, und warum?")
    if task.get("solution") and copied_share(text, task["solution"]) >= 0.9 and words >= 8:
        return CourseInputError("Ihr Text ist fast wörtlich die Musterlösung.",
                                "Formulieren Sie die Antwort bitte mit eigenen Worten – so merken Sie, was Sie schon wissen.")
    return None


def _check_text(task: dict, response) -> Result:
    problem = real_attempt_problem(task, response)
    if problem is not None:
        raise problem
    found = concepts_found(task, response)
    labels = {c["id"]: c["label"] for c in task["concepts"]}
    details = [f"Achtung, ein bekannter Fehler: {fb}" for fb in pitfalls_found(task, response)]
    details += [f"vermutlich angesprochen: {labels[c]}" for c in found]
    details.append(TEXT_RULE_NOTE)
    n = len(task["concepts"])
    return Result("review", f"Vergleichen Sie Ihren Text jetzt mit den {n} Kernpunkten und der "
                  "Musterlösung und kreuzen Sie an, welche Punkte Ihr Text abdeckt.", details, 0.0)


def _check_code(task: dict, response) -> Result:
    from .blank import contains_blank

    if contains_blank(response):
        raise CourseInputError("Im Code stehen noch Lücken ___.", "Bitte ersetzen Sie jede ___ durch einen Wert oder Ausdruck und führen Sie die Zelle erneut aus.")
    try:
        value = float(response)
    except (TypeError, ValueError):
        raise CourseInputError(f"Das Ergebnis „{str(response)[:40]}“ ist keine Zahl.", f"Die Variable „{task['variable']}“ sollte eine Zahl enthalten.") from None
    if not math.isfinite(value):
        raise CourseInputError("Das Ergebnis ist keine endliche Zahl.", "Prüfen Sie, ob Sie durch null teilen.")
    return _check_numeric({**task, "answer": task["expected"]}, value)


_CHECKERS = {
    "single": _check_single, "multi": _check_multi, "categorize": _check_categorize,
    "order": _check_order, "numeric": _check_numeric, "text": _check_text, "code": _check_code,
}
