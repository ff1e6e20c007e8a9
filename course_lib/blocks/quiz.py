"""Quiz block: multiple-choice items from a module's ``data/content.json`` with instant German
feedback and an explanation for every option. Answers are saved (store ``quiz``) so they come
back when the notebook is reopened and can be exported for a workshop."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from .. import content
from ..errors import CourseInputError
from ..storage import Store
from . import guard
from .messages import box

STORE = "quiz"


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


def feedback_html(item: dict, selected: list[str], result: dict) -> str:
    """Headline plus every option with right/wrong mark and its explanation."""
    if result["correct"]:
        head = box("ok", "Genau. Die Begründung zu jeder Antwort:")
    elif not result["wrong"] and result["missing"]:
        head = box("partial", "Ihre Auswahl stimmt, aber es fehlt noch etwas. Die Begründungen:")
    else:
        head = box("wrong", "Das stimmt noch nicht ganz. Lesen Sie die Begründungen und versuchen Sie es noch einmal:")
    rows = []
    for o in item["options"]:
        mark = "✔ richtig" if o["correct"] else "✘ falsch"
        chosen = " (Ihre Wahl)" if o["id"] in selected else ""
        rows.append(f"<li><b>{escape(o['text'])}</b> – <i>{mark}{chosen}</i>: {escape(o['explanation'])}</li>")
    return head + "<ul>" + "".join(rows) + "</ul>"


class QuizItemView:
    def __init__(self, module_id: str, item: dict, number: int, store: Store):
        self.module_id, self.item, self.store = module_id, item, store
        opts = [(o["text"], o["id"]) for o in item["options"]]
        q = f"<p><b>Frage {number}:</b> {escape(item['question'])}</p>"
        if item.get("multiple"):
            q += "<p><i>Mehrere Antworten können richtig sein.</i></p>"
            self.choices = [widgets.Checkbox(value=False, description=t, indent=False,
                                             layout=widgets.Layout(width="auto")) for t, _ in opts]
            self.input = widgets.VBox(self.choices)
        else:
            self.choices = None
            self.input = widgets.RadioButtons(options=opts, value=None, description="Antwort:",
                                              layout=widgets.Layout(width="auto"),
                                              style={"description_width": "initial"})
        self.button = widgets.Button(description="Antwort prüfen", button_style="primary",
                                     tooltip="Antwort prüfen", icon="check")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _b: guard.run(self.check, self._show))
        self.box = widgets.VBox([widgets.HTML(q), self.input, self.button, self.feedback])
        self.box.add_class("vt-quiz-item")
        self._restore()

    def _show(self, html: str) -> None:
        self.feedback.value = html

    def selected(self) -> list[str]:
        if self.choices is not None:
            return [o["id"] for o, c in zip(self.item["options"], self.choices) if c.value]
        return [] if self.input.value is None else [self.input.value]

    def select(self, ids: list[str]) -> None:
        if self.choices is not None:
            for o, c in zip(self.item["options"], self.choices):
                c.value = o["id"] in ids
        else:
            self.input.value = ids[0] if ids else None

    def check(self) -> dict:
        sel = self.selected()
        result = evaluate(self.item, sel)
        self.feedback.value = feedback_html(self.item, sel, result)

        def save(d):
            rec = d.setdefault(self.module_id, {}).setdefault(self.item["id"], {"attempts": 0})
            rec["attempts"] = rec.get("attempts", 0) + 1
            rec["selected"] = sel
            rec["correct"] = result["correct"]
            if result["correct"] and "first_correct_attempt" not in rec:
                rec["first_correct_attempt"] = rec["attempts"]

        self.store.update(save)
        return result

    def _restore(self) -> None:
        rec = self.store.read().get(self.module_id, {}).get(self.item["id"])
        if rec and rec.get("selected"):
            valid = [s for s in rec["selected"] if s in {o["id"] for o in self.item["options"]}]
            if valid:
                self.select(valid)
                self.feedback.value = feedback_html(self.item, valid, evaluate(self.item, valid))


class Quiz:
    """All quiz items of a module (or a subset by id)."""

    def __init__(self, module_id: str, ids: list[str] | None = None):
        items = content.load_content(module_id)["quiz"]
        if ids:
            items = [content.find(items, i, "Die Quizfrage") for i in ids]
        store = Store(STORE)
        self.items = [QuizItemView(module_id, it, n, store) for n, it in enumerate(items, 1)]
        self.box = widgets.VBox([v.box for v in self.items])
        self.box.add_class("vt-quiz")

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def show(module_id: str, ids: list[str] | None = None) -> Quiz:
    """The quiz of a module, ready to display: ``quiz.show("m04")``."""
    return Quiz(module_id, ids)
