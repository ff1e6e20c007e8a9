"""Pure checking of exercise answers (no widgets). One function per task type.

``check(task, response)`` returns a :class:`Result` with a German message that says why.
Empty or malformed responses raise :class:`~course_lib.errors.CourseInputError`; they do not
count as an attempt. Tasks without an answer key (instructor handouts) cannot be checked:
:func:`is_checkable` tells.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import CourseInputError, check_number
from ..format_de import num


@dataclass
class Result:
    status: str  # "correct" | "partial" | "wrong"
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


def _check_single(task: dict, response) -> Result:
    if response in (None, "", []):
        raise CourseInputError("Sie haben noch keine Antwort ausgewählt.", "Bitte wählen Sie eine Antwort aus und klicken Sie auf „Prüfen“.")
    if response not in _option_ids(task):
        raise CourseInputError(f"„{response}“ ist keine der Antworten.", "Bitte wählen Sie eine der angezeigten Antworten.")
    fb = {o["id"]: o.get("feedback", "") for o in task["options"]}
    if response == task["answer"]:
        return Result("correct", "Richtig!", [fb[response]] if fb[response] else [], 1.0)
    return Result("wrong", "Das ist nicht die beste Antwort.", [fb[response]] if fb[response] else [], 0.0)


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
    fb = {o["id"]: o.get("feedback", "") for o in task["options"]}
    details = [f"„{_text_of(task, o)}“: {fb[o]}" for o in sorted(false_pos) if fb[o]]
    if missed:
        details.append(f"Es fehlen noch {len(missed)} zutreffende Antwort(en).")
    score = max(0.0, (len(hits) - len(false_pos)) / len(right))
    if not false_pos and not missed:
        return Result("correct", "Richtig – alle zutreffenden Antworten und keine falsche.", [fb[o] for o in sorted(hits) if fb[o]], 1.0)
    if hits and score > 0:
        return Result("partial", f"Teilweise richtig: {len(hits)} von {len(right)} gefunden, {len(false_pos)} falsch angekreuzt.", details, score)
    return Result("wrong", "Das passt noch nicht.", details, score)


def _check_categorize(task: dict, response) -> Result:
    response = dict(response or {})
    items = _option_ids(task, "items")
    cats = {c["id"]: c["label"] for c in task["categories"]}
    missing = [i for i in items if not response.get(i)]
    if len(missing) == len(items):
        raise CourseInputError("Sie haben noch nichts zugeordnet.", "Bitte ordnen Sie jede Aussage einer Kategorie zu.")
    if missing:
        raise CourseInputError(
            f"{len(missing)} Aussage(n) sind noch nicht zugeordnet, zum Beispiel „{_text_of(task, missing[0], 'items')[:60]}“.",
            "Bitte ordnen Sie jede Aussage zu; Ihre bisherigen Zuordnungen bleiben erhalten.",
        )
    bad = [c for c in response.values() if c not in cats]
    if bad:
        raise CourseInputError(f"„{bad[0]}“ ist keine der Kategorien.", "Bitte wählen Sie eine der angebotenen Kategorien.")
    wrong = [i for i in items if response[i] != task["answer"][i]]
    fb = {o["id"]: o.get("feedback", "") for o in task["items"]}
    details = [f"„{_text_of(task, i, 'items')}“ gehört nicht zu „{cats[response[i]]}“. {fb[i]}".strip() for i in wrong]
    score = 1 - len(wrong) / len(items)
    if not wrong:
        return Result("correct", f"Alle {len(items)} Zuordnungen stimmen.", [], 1.0)
    status = "partial" if score >= 0.5 else "wrong"
    return Result(status, f"{len(items) - len(wrong)} von {len(items)} Zuordnungen stimmen.", details, score)


def _check_order(task: dict, response) -> Result:
    order = list(response or [])
    items = _option_ids(task, "items")
    if sorted(order) != sorted(items):
        raise CourseInputError("Die Reihenfolge muss jeden Eintrag genau einmal enthalten.", "Bitte sortieren Sie alle Einträge mit den Pfeil-Knöpfen.")
    right = task["answer"]
    correct_pos = sum(1 for a, b in zip(order, right) if a == b)
    if order == right:
        return Result("correct", "Die Reihenfolge stimmt.", [], 1.0)
    first_bad = next(i for i, (a, b) in enumerate(zip(order, right)) if a != b)
    details = [f"Ab Position {first_bad + 1} weicht Ihre Reihenfolge ab: dort steht „{_text_of(task, order[first_bad], 'items')}“."]
    score = correct_pos / len(right)
    return Result("partial" if correct_pos >= len(right) / 2 else "wrong",
                  f"{correct_pos} von {len(right)} Einträgen stehen an der richtigen Stelle.", details, score)


def parse_number(response, unit: str = "") -> float:
    """Accept 1234.5, '1.234,5', '1234,5 €', '73 %' – German or English decimal marks."""
    if isinstance(response, str):
        text = response.strip()
        for u in (unit, "€", "%", "EUR", "Euro"):
            if u:
                text = text.replace(u, "")
        text = text.strip()
        if not text:
            raise CourseInputError("Das Feld ist leer.", "Bitte geben Sie eine Zahl ein.")
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.234,5
            text = text.replace(".", "").replace(",", ".")
        elif "," in text and "." not in text:
            text = text.replace(",", ".")
        elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 1,234.5
            text = text.replace(",", "")
        return check_number(text, "Ihre Antwort")
    return check_number(response, "Ihre Antwort")


def _check_numeric(task: dict, response) -> Result:
    value = parse_number(response, task.get("unit", ""))
    target, tol = task["answer"], task.get("tolerance", 0.0)
    u = f"\u00a0{task['unit']}" if task.get("unit") else ""
    if abs(value - target) <= tol + 1e-9:
        return Result("correct", f"Richtig: {num(value, 2, strip=True)}{u}.", [], 1.0)
    for m in task.get("mistakes", []):
        if abs(value - m["value"]) <= m.get("tolerance", tol) + 1e-9:
            return Result("wrong", f"{num(value, 2, strip=True)}{u} ist nicht richtig – aber ein typischer Zwischenschritt.", [m["feedback"]], 0.0)
    direction = "zu hoch" if value > target else "zu niedrig"
    rel = abs(value - target) / abs(target) if target else math.inf
    closeness = "knapp daneben" if rel < 0.1 else "deutlich daneben"
    return Result("wrong", f"{num(value, 2, strip=True)}{u} ist {direction} ({closeness}).", ["Prüfen Sie Ihren Rechenweg Schritt für Schritt."], 0.0)


def fold(text: str) -> str:
    """Lower-case, fold umlauts/ß and accents, collapse spaces – for keyword matching."""
    t = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", t)


TEXT_RULE_NOTE = (
    "So prüft der Kurs: Er sucht in Ihrem Text nach Schlüsselbegriffen (auch in gebeugter Form). "
    "Er versteht Ihren Text nicht – ein guter Text mit anderen Worten kann durchfallen, und "
    "ein Text mit den richtigen Wörtern ist nicht automatisch gut. Vergleichen Sie deshalb selbst "
    "mit der Musterlösung."
)


def concepts_found(task: dict, text: str) -> list[str]:
    """Ids of the key concepts whose patterns occur in ``text`` (transparent keyword rule).

    Patterns are lower-case regular expressions, matched against the lower-cased text and
    against its umlaut-folded form (ä→ae …), so "zuh[oö]r" finds "zuhören" and "Zuhoeren"
    is found by "zuhoer"."""
    variants = (re.sub(r"\s+", " ", text.lower()), fold(text))
    found = []
    for c in task["concepts"]:
        if any(re.search(p.lower(), v) for p in c["patterns"] for v in variants):
            found.append(c["id"])
    return found


def _check_text(task: dict, response) -> Result:
    if not isinstance(response, str) or not response.strip():
        raise CourseInputError("Ihr Textfeld ist leer.", "Bitte schreiben Sie Ihre Antwort in ganzen Sätzen und klicken Sie dann auf „Prüfen“.")
    words = len(response.split())
    need_words = task.get("min_words", 5)
    if words < need_words:
        raise CourseInputError(f"Ihre Antwort hat erst {words} Wort/Wörter.", f"Bitte schreiben Sie mindestens {need_words} Wörter, damit die Prüfung etwas finden kann.")
    found = concepts_found(task, response)
    labels = {c["id"]: c["label"] for c in task["concepts"]}
    need = task.get("min_concepts", len(task["concepts"]))
    details = [f"✔ erkannt: {labels[c]}" for c in found] + [f"✘ nicht erkannt: {labels[c['id']]}" for c in task["concepts"] if c["id"] not in found]
    details.append(TEXT_RULE_NOTE)
    score = min(1.0, len(found) / need)
    if len(found) >= need:
        return Result("correct", f"Ihre Antwort enthält {len(found)} der {len(task['concepts'])} Kernpunkte.", details, 1.0)
    if found:
        return Result("partial", f"Ihre Antwort enthält {len(found)} Kernpunkt(e); gesucht sind mindestens {need}.", details, score)
    return Result("wrong", "Die Prüfung hat noch keinen der Kernpunkte gefunden.", details, 0.0)


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
