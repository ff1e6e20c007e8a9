"""Quiz block: choice items from a module's ``data/content.json``.

What a learner sees:

* the options in the learner's own stable order (:mod:`course_lib.learner`; data opt-out
  ``"shuffle": false``, ``"fixed_last": [ids]`` for „alle genannten“-type options);
* after a wrong attempt: why the *chosen* option is not right (single choice) or how many
  right answers are missing / how many ticks are wrong (multiple choice, never which), and the
  next hint (item ``hints`` or a generic German nudge) – the correct option is not marked;
* after a right answer, or via „Auflösung zeigen“ (enabled after two attempts), the
  explanation of every option.

Answers are saved (store ``quiz``): ``attempts``, ``first_correct`` (the first check's result,
never overwritten), ``correct`` (latest), ``selected``; ``revealed`` once the resolution was
opened. Numbering is continuous across a notebook: the content file's ``quiz_inline`` lists the
items the notebook shows inline (in notebook order); the final ``quiz.show("mNN")`` shows only
the other items and numbers them after the inline ones.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from .. import content
from ..errors import CourseInputError
from .. import storage
from ..storage import Store
from . import guard
from .choices import ChoiceList, says_multiple
from .css import styled
from .messages import box

STORE = "quiz"
REVEAL_AFTER = 2  # attempts before „Auflösung zeigen“ opens
NUDGES_SINGLE = (
    "Lesen Sie die Frage noch einmal genau: Worauf kommt es im Abschnitt direkt darüber an?",
    "Schließen Sie zuerst die Antworten aus, die dem Text widersprechen, und vergleichen Sie die übrigen.",
)
NUDGES_MULTI = (
    "Prüfen Sie jede Antwort für sich: Stimmt diese Aussage allein betrachtet?",
    "Vergleichen Sie jede angekreuzte Antwort noch einmal mit dem Text darüber.",
)


def evaluate(item: dict, selected: list[str]) -> dict:
    """Pure check of one quiz item. Returns ``{"correct": bool, "missing": [...], "wrong": [...]}``.

    Raises :class:`CourseInputError` for an empty or unknown selection.
    """
    ids = [o["id"] for o in item["options"]]
    if not selected:
        raise CourseInputError("Sie haben noch keine Antwort ausgewählt.", "Bitte wählen Sie eine Antwort und klicken Sie dann auf „Antwort prüfen“.")
    unknown = [s for s in selected if s not in ids]
    if unknown:
        raise CourseInputError(f"Unbekannte Antwort „{unknown[0]}“.", "Bitte wählen Sie eine der angezeigten Antworten.")
    if not item.get("multiple") and len(selected) > 1:
        raise CourseInputError("Bei dieser Frage ist genau eine Antwort richtig.", "Bitte wählen Sie nur eine Antwort.")
    right = {o["id"] for o in item["options"] if o["correct"]}
    sel = set(selected)
    return {"correct": sel == right, "missing": sorted(right - sel), "wrong": sorted(sel - right)}


def hint_for(item: dict, wrong_attempts: int) -> str:
    """The hint after the ``wrong_attempts``-th wrong answer (1-based): the item's own hints
    in order, else a generic nudge; the last one repeats."""
    hints = item.get("hints") or (NUDGES_MULTI if item.get("multiple") else NUDGES_SINGLE)
    return hints[min(max(wrong_attempts, 1), len(hints)) - 1]


def explanation_html(item: dict, selected: list[str]) -> str:
    """Every option with its mark and explanation (only after a right answer or on request)."""
    rows = []
    for o in item["options"]:
        mark = "trifft zu" if o["correct"] else "trifft nicht zu"
        chosen = ", Ihre Wahl" if o["id"] in selected else ""
        rows.append(f"<li><b>{escape(o['text'])}</b> <i>({mark}{chosen})</i>: {escape(o['explanation'])}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def attempt_feedback_html(item: dict, selected: list[str], result: dict, wrong_attempts: int) -> str:
    """Feedback for one check. A wrong answer never marks or names the correct option."""
    from ..exercises.checks import multi_counts, multi_score

    if result["correct"]:
        return box("ok", "Ihre Antwort stimmt. Die Begründung zu jeder Antwort:", details_html=explanation_html(item, selected))
    nudge = box("hint", hint_for(item, wrong_attempts), title="Tipp")
    if item.get("multiple"):
        n_right = sum(1 for o in item["options"] if o["correct"])
        hits = len(set(selected)) - len(result["wrong"])
        partial = hits > 0 and multi_score(n_right, hits, len(result["wrong"])) > 0
        return box("partial" if partial else "wrong", multi_counts(len(result["missing"]), len(result["wrong"]))) + nudge
    chosen = next(o for o in item["options"] if o["id"] == selected[0])
    return box("wrong", f"„{chosen['text']}“ trifft es nicht. {chosen['explanation']}") + nudge


class QuizItemView:
    def __init__(self, module_id: str, item: dict, number: int, store: Store, *, seed: str | None = None,
                 repeat: bool = False):
        self.module_id, self.item, self.store, self.number = module_id, item, store, number
        opts = [(o["text"], o["id"]) for o in item["options"]]
        label = "Wiederholung von Frage" if repeat else "Frage"
        q = f"<p><b>{label} {number}:</b> {escape(item['question'])}</p>"
        if item.get("multiple") and not says_multiple(item["question"]):
            q += "<p><i>Mehrere Antworten können stimmen.</i></p>"
        shuffle_key = f"quiz/{module_id}/{item['id']}" if item.get("shuffle", True) else None
        self.input = ChoiceList(opts, multiple=bool(item.get("multiple")), shuffle_key=shuffle_key,
                                fixed_last=item.get("fixed_last", ()), seed=seed,
                                description=f"Antwort zu Frage {number}", hide_description=True)
        self.button = widgets.Button(description="Antwort prüfen", button_style="primary",
                                     tooltip="Antwort prüfen", icon="check")
        self.reveal_button = widgets.Button(description="Auflösung zeigen", icon="eye", disabled=True,
                                            tooltip=f"Die Auflösung öffnet sich nach {REVEAL_AFTER} Versuchen.")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _b: guard.run(self.check, self._show))
        self.reveal_button.on_click(lambda _b: guard.run(self.reveal, self._show))
        self.box = widgets.VBox([widgets.HTML(q), self.input, widgets.HBox([self.button, self.reveal_button]), self.feedback])
        self.box.add_class("vt-quiz-item")
        self._restore()

    def _show(self, html: str) -> None:
        self.feedback.value = html

    def _record(self) -> dict:
        return self.store.read().get(self.module_id, {}).get(self.item["id"], {})

    def selected(self) -> list[str]:
        return list(self.input.value)

    def select(self, ids: list[str]) -> None:
        self.input.value = list(ids)

    def _update_reveal(self, rec: dict) -> None:
        done = bool(rec.get("correct")) or bool(rec.get("revealed"))
        self.reveal_button.disabled = done or rec.get("attempts", 0) < REVEAL_AFTER
        self.reveal_button.tooltip = ("Auflösung anzeigen" if not self.reveal_button.disabled else
                                      "Die Begründungen stehen schon unten." if done else
                                      f"Die Auflösung öffnet sich nach {REVEAL_AFTER} Versuchen.")

    def check(self) -> dict:
        sel = self.selected()
        result = evaluate(self.item, sel)
        out = {}

        def save(d):
            rec = d.setdefault(self.module_id, {}).setdefault(self.item["id"], {"attempts": 0})
            rec["attempts"] = rec.get("attempts", 0) + 1
            rec["selected"] = sel
            rec["correct"] = result["correct"]
            if "first_correct" not in rec:
                # written once: an item answered before this field existed gets it from its old record
                rec["first_correct"] = result["correct"] if rec["attempts"] == 1 else rec.get("first_correct_attempt") == 1
            rec.setdefault("wrong", 0)
            if not result["correct"]:
                rec["wrong"] = rec["wrong"] + 1
            out.update(rec)

        self.store.update(save)
        html = attempt_feedback_html(self.item, sel, result, out.get("wrong", 0))
        if not result["correct"] and out["attempts"] >= REVEAL_AFTER and not out.get("revealed"):
            html += box("info", "Wenn Sie nicht weiterkommen, können Sie jetzt die Auflösung ansehen.")
        self.feedback.value = html
        self._update_reveal(out)
        return result

    def reveal(self) -> str:
        rec = self._record()
        if rec.get("attempts", 0) < REVEAL_AFTER and not rec.get("correct"):
            raise CourseInputError(f"Die Auflösung öffnet sich erst nach {REVEAL_AFTER} Versuchen.",
                                   "Probieren Sie es zuerst selbst – der Tipp unter Ihrer Antwort hilft weiter.")

        def save(d):
            d.setdefault(self.module_id, {}).setdefault(self.item["id"], {"attempts": 0})["revealed"] = True

        self.store.update(save)
        html = box("info", "Die Begründung zu jeder Antwort:", title="Auflösung",
                   details_html=explanation_html(self.item, rec.get("selected", [])))
        self.feedback.value = html
        self._update_reveal({**rec, "revealed": True})
        return html

    def _restore(self) -> None:
        rec = self._record()
        if not rec:
            return
        known = {o["id"] for o in self.item["options"]}
        valid = [s for s in rec.get("selected", []) if s in known]
        if not self.item.get("multiple"):
            valid = valid[:1]
        if valid:
            self.select(valid)
        if rec.get("correct") and valid:
            self.feedback.value = attempt_feedback_html(self.item, valid, evaluate(self.item, valid), 0)
        elif rec.get("revealed"):
            self.feedback.value = box("info", "Die Begründung zu jeder Antwort:", title="Auflösung",
                                      details_html=explanation_html(self.item, valid))
        elif rec.get("attempts"):
            n = rec["attempts"]
            self.feedback.value = box("info", f"Ihre letzte Antwort war noch nicht richtig ({n} {'Versuch' if n == 1 else 'Versuche'}). "
                                      "Versuchen Sie es noch einmal.")
        self._update_reveal(rec)


def numbering(doc: dict) -> dict[str, int]:
    """Item id → its number in the notebook: inline items (``quiz_inline``, notebook order)
    first, then the remaining items in data order (the final quiz)."""
    inline = [i for i in doc.get("quiz_inline", []) if any(q["id"] == i for q in doc["quiz"])]
    rest = [q["id"] for q in doc["quiz"] if q["id"] not in inline]
    return {iid: n for n, iid in enumerate(inline + rest, 1)}


def number_span(first: int, last: int) -> str:
    """„5 und 6“ for two consecutive numbers, „4 bis 7“ for more; a no-break space keeps the
    last number with its word (at 650 px „7.“ wrapped alone onto the next line)."""
    return f"{first} und\u00a0{last}" if last == first + 1 else f"{first} bis\u00a0{last}"


class Quiz:
    """Quiz items of a module: the given ids (inline), or the final quiz without the inline ones."""

    def __init__(self, module_id: str, ids: list[str] | None = None, *, seed: str | None = None):
        doc = content.load_content(module_id)
        numbers = numbering(doc)
        inline = [i for i in doc.get("quiz_inline", []) if i in numbers]
        head = []
        if ids:
            items = [content.find(doc["quiz"], i, "Die Quizfrage") for i in ids]
        else:
            items = [q for q in doc["quiz"] if q["id"] not in inline]
            if inline and items:
                first, last = numbers[items[0]["id"]], numbers[items[-1]["id"]]
                shown = f"Die Fragen {number_span(1, len(inline))}" if len(inline) > 1 else "Frage 1"
                verb = "haben"  # the subject is „Sie“: „Frage 1 haben Sie …“ (never „hat Sie“)
                head = [widgets.HTML(f"<p><i>{shown} {verb} Sie schon im Text beantwortet; hier folgen die "
                                     f"Fragen {number_span(first, last)}.</i></p>" if last > first else
                                     f"<p><i>{shown} {verb} Sie schon im Text beantwortet; hier folgt Frage {first}.</i></p>")]
            elif inline and not items:  # everything was inline: a visible repetition with the same saved answers
                items = sorted((q for q in doc["quiz"] if q["id"] in inline), key=lambda q: numbers[q["id"]])  # as numbered in the text
                head = [widgets.HTML("<p><i>Wiederholung: Diese Fragen kennen Sie schon aus dem Text; Ihre Antworten von dort "
                                     "stehen schon hier.</i></p>")]
        store = Store(STORE)
        repeat = bool(head) and not ids and all(q["id"] in inline for q in items)
        self.items = [QuizItemView(module_id, it, numbers[it["id"]], store, seed=seed, repeat=repeat) for it in items]
        notice = storage.notice_html()  # a moved-aside quiz file is said, not silently dropped
        self.box = widgets.VBox(([widgets.HTML(notice)] if notice else []) + head + [v.box for v in self.items])
        styled(self.box, "vt-quiz")  # course CSS for the items and buttons

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def show(module_id: str, ids: list[str] | None = None) -> Quiz:
    """The quiz of a module, ready to display: ``quiz.show("m04")`` (final quiz) or
    ``quiz.show("m04", ["q7"])`` (inline items)."""
    return Quiz(module_id, ids)
