"""Predict, then reveal: the learner commits to a guess before a widget shows its answer.

A widget whose prediction prompt is answered by its own initial state (the warm-up shows
the visits at 60 minutes, the Kundenprofil map already shows Jana, …) hides its views until
the learner has committed to a guess. After the commitment the guess stays visible next to
what the model shows – as an information, never as a grade („Ihre Vermutung: … – das Modell
zeigt: …“), because a guess about a model is not right or wrong, it is close or far.

Usage in a view::

    from ..blocks.predict import Predict, Question, gate

    q = Question("Wie viele Besuche passen bei 90 Minuten?", unit="Besuche", lo=0, hi=20, digits=0,
                 answer=lambda: (model.visits_per_day(90), f"{model.visits_per_day(90)} Besuche"))
    panel = LivePanel(...)
    gate(panel, Predict([q]))          # views hidden until committed; panel.predict is the block

Tests drive it without a browser: ``panel.predict.commit(4)`` (one question) or
``panel.predict.commit([4, "lotse"])`` (several, in order). ``commit`` raises
:class:`~course_lib.errors.CourseInputError` for an invalid guess; the button shows the
German message instead.

API
---
* ``Question(prompt, *, choices=None, unit="", lo=None, hi=None, digits=1, tolerance=None,
  answer)`` – ``choices`` ``[(label, id), …]`` makes it a choice, otherwise a number field
  (German decimal comma accepted, range ``lo``–``hi``). ``answer()`` returns
  ``(model_value, model_text)``: the model's value (an option id, a set of equally right
  option ids, or a number) and how to say it. ``shuffle_key`` (choices): the options appear in
  the learner's stable shuffled order (:func:`course_lib.learner.order`). ``tolerance`` (numbers): a guess within it counts as „nah am Modell“ (default: half a
  unit of the last shown digit).
* ``Predict(questions, *, intro=…)`` – ``.widget`` (put it into a layout), ``.committed``,
  ``.guesses`` (list, ``None`` before), ``.outcomes`` (list of ``Outcome``), ``.result`` (HTML
  HTML widget with the comparison), ``.commit(value_or_values)``, ``.on_commit(callback)``.
* ``gate(panel, predict, *, hide="views")`` – inserts the block under the panel's header and
  hides ``panel.view_box`` until the commitment (``hide="verdict"``: the caller hides only
  its verdict and checks ``predict.committed`` itself). Sets ``panel.predict``.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

import ipywidgets as widgets

from ..errors import CourseInputError, check_number
from ..format_de import num
from . import guard
from .messages import box

try:  # the shared accessible choice list (assess-core); RadioButtons only where it is missing
    from .choices import ChoiceList  # type: ignore
except ImportError:  # pragma: no cover - depends on the merge order of the parallel branches
    ChoiceList = None


@dataclass
class Question:
    prompt: str
    answer: Callable[[], tuple]
    choices: Sequence[tuple[str, str]] | None = None
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    digits: int = 1
    tolerance: float | None = None
    unit_one: str = ""   # singular of ``unit`` („Punkt“ for „Punkte“), used for exactly 1
    shuffle_key: str | None = None   # choices: show them in the learner's own stable order

    def amount(self, x: float) -> str:
        u = self.unit_one if self.unit_one and abs(abs(x) - 1) < 1e-9 else self.unit
        return f"{num(x, self.digits, strip=True)}" + (f"\u00a0{u}" if u else "")

    @property
    def is_choice(self) -> bool:
        return self.choices is not None


@dataclass(frozen=True)
class Outcome:
    guess: object
    guess_text: str
    model_value: object
    model_text: str
    close: bool          # the guess matches the model (choice) or lies within the tolerance (number)
    sentence: str        # „Ihre Vermutung: … – das Modell zeigt: …“


def _choice_widget(q: Question):
    if ChoiceList is not None:
        return ChoiceList(options=list(q.choices), multiple=False, description=q.prompt, shuffle_key=q.shuffle_key)
    return widgets.RadioButtons(options=[(lab, cid) for lab, cid in q.choices], value=None, description="",
                                layout=widgets.Layout(width="auto"))


def _choice_value(w):
    v = w.value
    if isinstance(v, (tuple, list)):
        return v[0] if v else None
    return v


def _set_choice(w, cid) -> None:
    if ChoiceList is not None and isinstance(w, ChoiceList):
        w.value = (cid,) if not isinstance(w.value, list) else [cid]
    else:
        w.value = cid


class Predict:
    """One or more guesses, committed together with „Vermutung festlegen“."""

    def __init__(self, questions: Sequence[Question], *, intro: str = "Erst vermuten, dann ausprobieren:"):
        if not questions:
            raise ValueError("Predict needs at least one question")
        self.questions = list(questions)
        self.committed = False
        self.guesses: list | None = None
        self.outcomes: list[Outcome] = []
        self._callbacks: list[Callable[["Predict"], None]] = []
        rows = [widgets.HTML(f"<p style='margin:2px 0'><b>{escape(intro)}</b> Legen Sie Ihre Vermutung fest – "
                             "danach zeigt das Widget, was das Modell sagt.</p>")]
        self.inputs = []
        for q in self.questions:
            if q.is_choice:
                inp = _choice_widget(q)
                if ChoiceList is None:
                    rows.append(widgets.HTML(f"<p style='margin:2px 0'>{escape(q.prompt)}</p>"))
            else:
                # the question as a paragraph of its own, the field with a short label beside it
                # (a long question as the field's label was squeezed into the label column)
                rows.append(widgets.HTML(f"<p style='margin:4px 0 0'>{escape(q.prompt)}</p>"))
                inp = widgets.Text(value="", placeholder="Zahl, z. B. 3", continuous_update=True,
                                   description="Ihre Schätzung" + (f" ({q.unit})" if q.unit else ""),
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            self.inputs.append(inp)
            rows.append(inp)
        self.button = widgets.Button(description="Vermutung festlegen", icon="lock", button_style="primary")
        self.button.on_click(lambda _b: guard.run(self._commit_from_inputs, self._show))
        self.message = widgets.HTML()
        self.result = widgets.HTML()
        self.form = widgets.VBox(rows + [self.button])
        self.widget = widgets.VBox([self.form, self.message, self.result])
        self.widget.add_class("vt-predict")

    # -- API -----------------------------------------------------------------------------
    def on_commit(self, fn: Callable[["Predict"], None]) -> None:
        self._callbacks.append(fn)
        if self.committed:
            fn(self)

    def commit(self, value) -> list[Outcome]:
        """Commit guesses programmatically (one value, or a list in question order)."""
        values = list(value) if isinstance(value, (list, tuple)) and len(self.questions) > 1 else [value]
        if len(values) != len(self.questions):
            raise CourseInputError("Bitte geben Sie zu jeder Frage eine Vermutung an.",
                                   f"Erwartet: {len(self.questions)} Vermutungen.")
        for inp, q, v in zip(self.inputs, self.questions, values):
            if q.is_choice:
                if v not in [c for _l, c in q.choices]:
                    raise CourseInputError("Diese Antwort gibt es hier nicht.", "Bitte wählen Sie eine der gezeigten Möglichkeiten.")
                _set_choice(inp, v)
            else:
                inp.value = v if isinstance(v, str) else num(float(v), q.digits, strip=True)
        return self._commit_from_inputs()

    # -- internals -----------------------------------------------------------------------
    def _show(self, html: str) -> None:
        self.message.value = html

    def _parse(self, q: Question, inp):
        if q.is_choice:
            cid = _choice_value(inp)
            ids = [c for _l, c in q.choices]
            if cid not in ids:
                raise CourseInputError("Bitte wählen Sie zuerst eine Antwort aus.",
                                       "Markieren Sie die Möglichkeit, die Sie vermuten, und legen Sie sich dann fest.")
            return cid
        raw = str(inp.value).strip()
        if not raw:
            raise CourseInputError("Bitte tragen Sie zuerst eine Zahl ein.",
                                   "Eine grobe Schätzung genügt – es geht ums Vermuten, nicht ums Treffen.")
        return check_number(raw, "Ihre Vermutung", q.lo, q.hi, unit=q.unit)

    def _outcome(self, q: Question, guess) -> Outcome:
        model_value, model_text = q.answer()
        if q.is_choice:
            labels = dict((c, lab) for lab, c in q.choices)
            g_text = labels[guess]
            # several options can be equally right (a tie in the model): answer() returns them as a set
            close = guess in model_value if isinstance(model_value, (set, frozenset)) else guess == model_value
            tail = ("Ihre Vermutung und das Modell stimmen überein." if close else
                    "Das Modell kommt zu einem anderen Ergebnis als Ihre Vermutung – lesen Sie unten, warum.")
        else:
            g_text = q.amount(guess)
            tol = q.tolerance if q.tolerance is not None else 0.5 * 10 ** (-q.digits)
            diff = float(guess) - float(model_value)
            close = abs(diff) <= tol + 1e-12
            tail = ("Ihre Vermutung liegt nah am Modell." if close else
                    f"Ihre Vermutung liegt um {q.amount(abs(diff))} {'über' if diff > 0 else 'unter'} dem Modellwert.")
        sentence = f"Ihre Vermutung: {g_text} – das Modell zeigt: {model_text}. {tail}"
        return Outcome(guess, g_text, model_value, model_text, close, sentence)

    def _commit_from_inputs(self) -> list[Outcome]:
        if self.committed:
            return self.outcomes
        guesses = [self._parse(q, inp) for q, inp in zip(self.questions, self.inputs)]
        self.guesses = guesses
        self.outcomes = [self._outcome(q, g) for q, g in zip(self.questions, guesses)]
        self.committed = True
        for inp in self.inputs:
            inp.disabled = True
        self.button.disabled = True
        self.form.layout.display = "none"
        self.message.value = ""
        self.result.value = box("info", " ".join(o.sentence for o in self.outcomes), title="Ihre Vermutung und das Modell")
        for fn in self._callbacks:
            fn(self)
        return self.outcomes


def gate(panel, predict: Predict, *, hide: str = "views") -> Predict:
    """Put ``predict`` under the panel's header; hide the panel's views until the commitment."""
    if hide not in ("views", "verdict"):
        raise ValueError(hide)
    children = list(panel.box.children)
    children.insert(1, predict.widget)
    panel.box.children = children
    panel.predict = predict
    if hide == "views":
        panel.view_box.layout.display = "none"

        def reveal(_p):
            panel.view_box.layout.display = None

        predict.on_commit(reveal)
    return predict
