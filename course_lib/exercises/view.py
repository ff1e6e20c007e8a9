"""Task widgets: one :class:`TaskView` per task, for every task type, with instant German
feedback, graded hints, and the model solution behind a button that opens only after a real
attempt. Everything the learner enters is saved (progress store) and restored."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import traitlets

from .. import content, learner, storage
from ..blocks import guard
from ..blocks.css import styled
from ..blocks.choices import ChoiceList, says_multiple
from ..blocks.messages import box, error_box
from ..errors import CourseInputError
from ..format_de import NBSP, pct
from . import checks, progress

LEVEL_DE = {1: "Einstieg (Wissen)", 2: "Anwenden (Fall)", 3: "Analysieren (Daten/Szenario)"}
#: the kind of task, shown in the widget's first line; the task's name is the notebook's
#: markdown heading above the cell (a second, bold title in the widget read twice)
TYPE_DE = {"single": "Einfachauswahl", "multi": "Mehrfachauswahl", "categorize": "Zuordnen", "order": "Reihenfolge",
           "numeric": "Zahl eingeben", "text": "Freitext", "code": "Code-Lücken (optional)"}
#: a free-text answer box in the same label column and font as the one-line answer fields
#: (ipywidgets draws a Textarea in 13-px monospace with a label of its own width)
_TASK_CSS = """<style data-vt-task-css="1">
.vt-task .widget-textarea.vt-answer-text { width: 100% !important; max-width: 100%; flex-wrap: wrap; height: auto; }
.vt-task .widget-textarea.vt-answer-text > .widget-label {
  width: var(--vt-label-w) !important; flex: 0 0 var(--vt-label-w); min-width: 0; max-width: 100%;
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  line-height: 1.3; height: auto; text-align: left; padding-right: 6px; box-sizing: border-box; }
.vt-task .widget-textarea.vt-answer-text > textarea {
  font-family: var(--jp-ui-font-family); font-size: var(--jp-widgets-font-size); line-height: 1.4;
  flex: 1 1 16em; min-width: 0; max-width: 32em; box-sizing: border-box; }
</style>"""
#: the start page's progress chart (:func:`_progress_chart_html`): HTML + CSS instead of a
#: matplotlib figure, so the start page's kernel imports neither matplotlib nor numpy (#22).
#: One grid: a module per row, a series per column (the column header is the legend); every
#: track is that module's task count, so a full bar means „all tasks of the module“ in every
#: row and the tracks of a column line up. Fills are Okabe–Ito hues darkened to ≥ 3:1 against
#: the track (#f2f2f2) and the page (WCAG 1.4.11); patterns (stripes, solid, dots) tell the
#: series apart without colour; text #1f1f1f on its own white (16:1, also in a dark theme). Widths fluid; at most 72em wide; in a
#: notebook narrower than 30em the number goes under its track instead of squeezing it.
_PROGRESS_CSS = """<style data-vt-progress-css="1">
.vt-pbars { margin: 10px 0 4px; padding: 0; max-width: 72em; min-width: 0; container-type: inline-size; color: #1f1f1f; background: #ffffff; font-size: max(12px, 1em); line-height: 1.35; }
.vt-pbars-title { font-weight: 600; font-size: 1.1em; margin: 0 0 2px; }
.vt-pbars-note { margin: 0 0 6px; font-size: max(12px, 0.92em); color: #3d3d3d; }
.vt-pbars-grid { display: grid; grid-template-columns: max-content repeat(3, minmax(0, 1fr)); align-items: stretch; min-width: 0; }
/* the gaps are padding (the row rules run through); the same on every series cell, so the tracks of all columns are equally long */
.vt-pbars-grid > :not(:nth-child(4n+1)) { padding-left: 14px; }
.vt-pbars-head { font-weight: 600; align-self: end; padding-bottom: 3px; border-bottom: 2px solid #767676; overflow-wrap: normal; hyphens: manual; }
.vt-pbars-mod { white-space: nowrap; display: flex; align-items: center; padding-top: 3px; padding-bottom: 3px; border-bottom: 1px solid #d6d6d6; }
.vt-pbars-cell { display: flex; align-items: center; gap: 6px; min-width: 0; padding-top: 3px; padding-bottom: 3px; border-bottom: 1px solid #d6d6d6; }
.vt-pbars-track { flex: 1 1 auto; min-width: 2.5em; height: 13px; box-sizing: border-box; background: #f2f2f2;
  border: 1px solid #767676; border-radius: 2px; overflow: hidden; }
.vt-pbars-bar { display: block; height: 100%; }
.vt-pbars-num { flex: 0 0 auto; min-width: 4.4em; white-space: nowrap; font-variant-numeric: tabular-nums; }
.vt-pbars-key { display: inline-block; width: 1.7em; height: 0.8em; margin-right: 5px; vertical-align: -0.05em; border: 1px solid #767676; box-sizing: border-box; }
@container (max-width: 30em) { .vt-pbars-cell { flex-wrap: wrap; row-gap: 1px; } .vt-pbars-track { flex: 1 0 100%; }
  .vt-pbars-num { min-width: 0; } .vt-pbars-grid > :not(:nth-child(4n+1)) { padding-left: 8px; } }
.vt-pb-tried { background: repeating-linear-gradient(135deg, #0072B2 0 4px, #ffffff 4px 6px); background-color: #0072B2; }
.vt-pb-solved { background: #007A5A; }
.vt-pb-first { background: radial-gradient(circle, #ffffff 0 1.3px, transparent 1.6px) 0 0 / 5px 5px, #B35900; }
</style>"""
_NONE = "— bitte wählen —"
# attempts after which the model solution opens (unless solved): choice-type tasks need two,
# so that the solution is not the cheapest way past the first wrong guess
SOLUTION_AFTER = {"single": 2, "multi": 2, "categorize": 2, "order": 2}


def _result_html(result: checks.Result) -> str:
    kind = {"correct": "ok", "partial": "partial", "wrong": "wrong", "review": "saved"}[result.status]
    details = "".join(f"<li>{escape(d)}</li>" for d in result.details if d)
    return box(kind, result.message, details_html=f"<ul>{details}</ul>" if details else "")


def _key(module_id: str, task_id: str) -> str:
    return f"task/{module_id}/{task_id}"


class TaskView:
    """The widget of one task. ``respond(value)`` sets the input programmatically (tests)."""

    def __init__(self, module_id: str, task_id: str, *, seed: str | None = None):
        self.module_id = module_id
        self.seed = seed  # replaces the learner id for the option order (tests, handouts)
        self.task = content.find(content.load_tasks(module_id)["tasks"], task_id, "Die Aufgabe")
        self.checkable = checks.is_checkable(self.task)
        t = self.task
        head = (f"<p class='vt-task-kind' style='margin:2px 0;color:#444'>{TYPE_DE[t['type']]} · "
                f"Stufe {t['level']} – {LEVEL_DE[t['level']]}</p>"
                f"<p>{escape(t['prompt'])}</p>")
        self.header = widgets.HTML(head)
        self._moved = False
        self.input = self._make_input()
        self.check_button = widgets.Button(description="Prüfen" if self.checkable else "Antwort speichern",
                                           button_style="primary", icon="check")
        self.hint_button = widgets.Button(description="Tipp anzeigen", icon="lightbulb-o")
        self.solution_button = widgets.Button(description="Musterlösung zeigen", icon="eye")
        self.feedback = widgets.HTML()
        self.hints_html = widgets.HTML()
        self.solution_html = widgets.HTML()
        self.selfcheck_box = widgets.VBox()
        self.rubric: ChoiceList | None = None
        self.selfcheck_button: widgets.Button | None = None
        self.check_button.on_click(lambda _b: guard.run(self.check, self._show))
        self.hint_button.on_click(lambda _b: guard.run(self.hint, self._show))
        self.solution_button.on_click(lambda _b: guard.run(self.show_solution, self._show))
        buttons = [self.check_button, self.hint_button]
        if "solution" in t:
            buttons.append(self.solution_button)
        if t["type"] == "code":
            buttons = [self.hint_button] + ([self.solution_button] if "solution" in t else [])
        self._result_block = ""  # the last check's result, without the „Nächster Tipp“ note
        self._note_shown = False  # is that note on screen?
        self._last_checked = None  # (response, feedback html) of the last counted check
        self.box = widgets.VBox([self.header, self.input, widgets.HBox(buttons), self.feedback, self.selfcheck_box,
                                 self.hints_html, self.solution_html,
                                 widgets.HTML(_TASK_CSS, layout=widgets.Layout(height="0px", margin="0", padding="0"))])
        styled(self.box, "vt-task")  # course CSS: buttons sized to their text, never cut
        self.result: checks.Result | None = None
        self._restore()
        self.feedback.value = storage.notice_html() + self.feedback.value  # a moved-aside progress file

    # -- inputs per type -------------------------------------------------------------
    def _make_input(self):
        t = self.task
        typ = t["type"]
        key = _key(self.module_id, t["id"])
        if typ in ("single", "multi"):
            shuffle = t.get("shuffle", True)
            self._w = ChoiceList([(o["text"], o["id"]) for o in t["options"]], multiple=typ == "multi",
                                 shuffle_key=key if shuffle else None, fixed_last=t.get("fixed_last", ()),
                                 seed=self.seed, description="Ihre Antwort", hide_description=True)
            if typ == "multi" and not says_multiple(t["prompt"]):
                return widgets.VBox([widgets.HTML("<i>Kreuzen Sie alle zutreffenden Antworten an.</i>"), self._w])
            return self._w
        if typ == "categorize":
            opts = [(_NONE, "")] + [(c["label"], c["id"]) for c in t["categories"]]
            self._w = {}
            rows = []
            ids = [it["id"] for it in t["items"]]
            if t.get("shuffle", True):
                ids = learner.order(key, ids, seed=self.seed)
            texts = {it["id"]: it["text"] for it in t["items"]}
            for iid in ids:
                d = widgets.Dropdown(options=opts, value="", description="Kategorie:", style={"description_width": "initial"},
                                     layout=widgets.Layout(width="330px"))
                self._w[iid] = d
                row = widgets.HBox([widgets.HTML(escape(texts[iid])), d])
                row.add_class("vt-item")
                rows.append(row)
            return widgets.VBox(rows)
        if typ == "order":
            self._order = self._start_order()
            self._order_box = widgets.VBox()
            self._render_order()
            return widgets.VBox([widgets.HTML("<i>Bringen Sie die Einträge mit „hoch“ und „runter“ in die richtige Reihenfolge (oben = zuerst).</i>"),
                                 self._order_box])
        if typ == "numeric":
            # continuous_update: the value is synced as typed, so Enter (a „submit“ message,
            # sent only by Enter, never by leaving the field) checks what is in the field
            self._w = widgets.Text(value="", placeholder="z. B. 1.234,5", description=checks.field_label(t) + ":",
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="360px"),
                                   continuous_update=True)
            self._w.on_msg(self._on_field_msg)
            return self._w
        if typ == "text":
            self._w = widgets.Textarea(value="", placeholder="Schreiben Sie Ihre Antwort in ganzen Sätzen …", description="Ihre Antwort:",
                                       style={"description_width": "initial"}, layout=widgets.Layout(width="100%", height="120px"))
            self._w.add_class("vt-answer-text")
            self._w.observe(lambda ch: guard.run(progress.save_response, self._show, self.module_id, t["id"], ch["new"]), names="value")
            return self._w
        if typ == "code":
            self._w = None
            return widgets.HTML(
                "<p><i>Optionale Programmieraufgabe: Ergänzen Sie in der Code-Zelle darunter die Lücken <code>___</code> "
                "und führen Sie die Zelle aus (Umschalt\u00a0+\u00a0Enter). Die Rückmeldung erscheint unter der Zelle.</i></p>"
                f"<pre style='background:#f6f6f6;padding:6px'>{escape(t['template'])}</pre>")
        raise ValueError(typ)

    def _on_field_msg(self, _widget, content, _buffers) -> None:
        """Enter in the one-line answer field does what „Prüfen“ does (blur sends nothing)."""
        if content.get("event") == "submit":
            guard.run(self.check, self._show)

    def _start_order(self) -> list[str]:
        """The learner's shuffled start order – never already the right one."""
        ids = [it["id"] for it in self.task["items"]]
        if self.task.get("shuffle", True):
            ids = learner.order(_key(self.module_id, self.task["id"]), ids, seed=self.seed)
        if ids == self.task.get("answer") and len(ids) > 1:
            ids = ids[1:] + ids[:1]
        return ids

    def _render_order(self) -> None:
        rows = []
        texts = {it["id"]: it["text"] for it in self.task["items"]}
        for pos, iid in enumerate(self._order):
            up = widgets.Button(description="hoch", tooltip="eine Position nach oben", layout=widgets.Layout(width="70px"), disabled=pos == 0)
            down = widgets.Button(description="runter", tooltip="eine Position nach unten", layout=widgets.Layout(width="70px"),
                                  disabled=pos == len(self._order) - 1)
            up.on_click(lambda _b, p=pos: guard.run(self.move, self._show, p, -1))
            down.on_click(lambda _b, p=pos: guard.run(self.move, self._show, p, +1))
            row = widgets.HBox([widgets.HTML(f"<b>{pos + 1}.</b> {escape(texts[iid])}"), up, down])
            row.add_class("vt-item")
            rows.append(row)
        self._order_box.children = rows

    def move(self, pos: int, delta: int) -> None:
        new = pos + delta
        if 0 <= new < len(self._order):
            self._order[pos], self._order[new] = self._order[new], self._order[pos]
            self._moved = True
            self._render_order()

    # -- reading / setting the response ---------------------------------------------------
    def response(self):
        typ = self.task["type"]
        if typ == "single":
            return self._w.value[0] if self._w.value else None
        if typ == "multi":
            return list(self._w.value)
        if typ == "categorize":
            return {k: d.value for k, d in self._w.items() if d.value}
        if typ == "order":
            return list(self._order)
        if typ in ("numeric", "text"):
            return self._w.value
        return None

    def respond(self, value) -> None:
        """Set the input (tests, restore). Unknown ids are refused with a ``traitlets.TraitError``."""
        typ = self.task["type"]
        if typ == "single":
            self._w.value = [] if value in (None, "") else [value]
        elif typ == "multi":
            self._w.value = list(value or [])
        elif typ == "categorize":
            for k, d in self._w.items():
                d.value = (value or {}).get(k, "")
        elif typ == "order":
            known = [i for i in (value or []) if i in self._order]
            if sorted(known) == sorted(self._order) and known != self._order:
                self._order = list(known)
                self._moved = True
                self._render_order()
        elif typ in ("numeric", "text"):
            self._w.value = "" if value is None else str(value)

    def _restore(self) -> None:
        rec = progress.get(self.module_id, self.task["id"])
        if "response" in rec and self.task["type"] != "code":
            try:
                self.respond(rec["response"])
            except (traitlets.TraitError, TypeError, ValueError, AttributeError):
                # a saved answer that no longer fits the task (options changed): keep it in the
                # store, start with an empty input and say so
                self.feedback.value = box("info", "Ihre frühere Antwort passt nicht mehr zu dieser Fassung der Aufgabe; "
                                          "sie bleibt gespeichert, das Eingabefeld beginnt leer.")
                self._update_buttons(rec)
                return
        if rec["attempts"] and self.task["type"] != "code":
            n = rec["attempts"]
            times = "1-mal" if n == 1 else f"{n}-mal"
            status = progress.STATUS_DE[rec["status"]]
            if rec["status"] == "self_checked":
                status += f" (Selbstcheck: {self._coverage_text(rec)})"
            self.feedback.value = box("info", f"Sie haben diese Aufgabe schon {times} geprüft; Status: {status}.")
            if self.task["type"] == "text" and self.checkable:
                self._show_selfcheck(rec.get("covered"))
        if rec["hints"]:
            self._show_hints(rec["hints"])
        self._update_buttons(rec)

    def _coverage_text(self, rec: dict) -> str:
        n = len(self.task.get("concepts", []))
        k = len(rec.get("covered", []))
        return f"{k} von {n} Kernpunkten abgedeckt"

    def solution_unlocked(self, rec: dict) -> bool:
        need = SOLUTION_AFTER.get(self.task["type"], 1)
        return rec["attempts"] >= need or rec.get("status") == "solved"

    def _update_buttons(self, rec: dict) -> None:
        n = len(self.task["hints"])
        used = rec["hints"]
        self.hint_button.disabled = used >= n
        self.hint_button.description = f"Tipp {min(used + 1, n)} von {n} anzeigen" if used < n else "Alle Tipps gezeigt"
        unlocked = self.solution_unlocked(rec)
        self.solution_button.disabled = not unlocked
        need = SOLUTION_AFTER.get(self.task["type"], 1)
        self.solution_button.tooltip = ("Musterlösung anzeigen" if unlocked else
                                        "Die Musterlösung öffnet sich nach Ihrem ersten Versuch." if need == 1 else
                                        f"Die Musterlösung öffnet sich nach {need} Versuchen oder einer richtigen Antwort.")

    def _show(self, html: str) -> None:
        self.feedback.value = html
        self._note_shown = False

    # -- actions ---------------------------------------------------------------------------
    def check(self) -> checks.Result | None:
        resp = self.response()
        if not self.checkable:
            progress.save_response(self.module_id, self.task["id"], resp)
            self.feedback.value = box("saved", "Ihre Antwort ist gespeichert. Diese Arbeitsblatt-Fassung prüft nicht automatisch – besprechen Sie sie im Workshop.")
            return None
        if self.task["type"] == "order" and not self._moved:
            raise CourseInputError("Sie haben die Reihenfolge noch nicht verändert.",
                                   "Bringen Sie die Einträge zuerst mit „hoch“ und „runter“ in Ihre Reihenfolge und prüfen Sie dann.")
        text = self.task["type"] == "text"
        if not text and self._last_checked is not None and self._last_checked[0] == resp and self.result is not None:
            # the same answer again (a second click, or Enter then „Prüfen“): same result, no new
            # attempt and no further tip – else two clicks would open a choice task's solution
            self.feedback.value = self._last_checked[1] + box(
                "info", "Diese Antwort haben Sie eben schon geprüft. Ändern Sie sie, um es noch einmal zu versuchen.")
            self._note_shown = False
            return self.result
        progress.save_response(self.module_id, self.task["id"], resp)  # kept even if malformed
        result = checks.check(self.task, resp)  # CourseInputError → shown, not counted
        rec = progress.record_attempt(self.module_id, self.task["id"], resp, result.solved, graded=not text)
        self.result = result
        rec = {**progress.get(self.module_id, self.task["id"]), **rec}
        html = self._result_block = _result_html(result)
        self._note_shown = False
        if text:
            self._show_selfcheck(rec.get("covered"), suggested=checks.concepts_found(self.task, resp))
        elif not result.solved:
            hint = self._next_hint_text(rec)
            if hint:
                html += box("hint", f"Unten ist jetzt Tipp {rec['hints']} von {len(self.task['hints'])} eingeblendet.",
                            title="Nächster Tipp")
                self._note_shown = True
            elif not self.solution_unlocked(rec) and "solution" in self.task:
                left = SOLUTION_AFTER.get(self.task["type"], 1) - rec["attempts"]
                html += box("info", "Versuchen Sie es noch einmal." + (
                    " Nach einem weiteren Versuch können Sie die Musterlösung öffnen." if left == 1 else ""))
            elif "solution" in self.task:
                html += box("info", "Sie können jetzt auch die Musterlösung öffnen.")
        self.feedback.value = html
        self._last_checked = (resp, self._result_block)
        self._update_buttons(rec)
        return result

    def _next_hint_text(self, rec: dict) -> str:
        """After a wrong attempt: reveal the next unused hint (counted like a click on „Tipp“)."""
        if rec["hints"] >= len(self.task["hints"]):
            return ""
        rec2 = progress.record_hint(self.module_id, self.task["id"], len(self.task["hints"]))
        rec.update(rec2)
        self._show_hints(rec2["hints"])
        return self.task["hints"][rec2["hints"] - 1]

    # -- free text: self-check rubric ----------------------------------------------------
    def _show_selfcheck(self, covered=None, suggested=()) -> None:
        t = self.task
        labels = []
        for c in t["concepts"]:
            label = c["label"] + (" – vermutlich angesprochen" if c["id"] in suggested else "")
            labels.append((label, c["id"]))
        self.rubric = ChoiceList(labels, multiple=True, description="Welche Kernpunkte deckt Ihr Text ab?")
        if covered:
            self.rubric.value = [c for c in covered if c in {x for _l, x in labels}]
        self.selfcheck_button = widgets.Button(description="Selbstcheck speichern", button_style="primary", icon="check")
        self.selfcheck_button.on_click(lambda _b: guard.run(self.self_check, self._show_selfcheck_msg))
        self.selfcheck_msg = widgets.HTML()
        parts = [widgets.HTML(box("info", "Lesen Sie die Kernpunkte und die Musterlösung und kreuzen Sie ehrlich an, "
                                  "was Ihr Text – mit Ihren eigenen Worten – schon abdeckt.", title="Selbstcheck"))]
        if "solution" in t:
            parts.append(widgets.HTML(box("info", t["solution"], title="Musterlösung")))
        parts += [self.rubric, self.selfcheck_button, self.selfcheck_msg]
        self.selfcheck_box.children = parts

    def _show_selfcheck_msg(self, html: str) -> None:
        self.selfcheck_msg.value = html

    def self_check(self, covered=None) -> dict:
        """Save which key points the learner says their text covers (status „bearbeitet“)."""
        if self.rubric is None:
            raise CourseInputError("Der Selbstcheck öffnet sich nach Ihrem ersten Versuch.", "Schreiben Sie zuerst Ihre Antwort und klicken Sie auf „Prüfen“.")
        if covered is not None:
            self.rubric.value = list(covered)
        chosen = list(self.rubric.value)
        rec = progress.record_self_check(self.module_id, self.task["id"], chosen, len(self.task["concepts"]))
        self.selfcheck_msg.value = box("saved", f"Ihr Selbstcheck ist gespeichert: {self._coverage_text(rec)}. "
                                       "Die Aufgabe gilt als bearbeitet.")
        return rec

    def _show_hints(self, k: int) -> None:
        hints = self.task["hints"][:k]
        self.hints_html.value = "".join(box("hint", h, title=f"Tipp {i + 1}") for i, h in enumerate(hints))

    def hint(self) -> str:
        rec = progress.record_hint(self.module_id, self.task["id"], len(self.task["hints"]))
        self._show_hints(rec["hints"])
        if self._note_shown:  # the „Nächster Tipp: … Tipp 1 von 2“ note would be stale now
            self.feedback.value = self._result_block
            self._note_shown = False
        self._update_buttons(progress.get(self.module_id, self.task["id"]))
        return self.task["hints"][rec["hints"] - 1]

    def show_solution(self) -> str:
        rec = progress.get(self.module_id, self.task["id"])
        if not self.solution_unlocked(rec):
            need = SOLUTION_AFTER.get(self.task["type"], 1)
            raise CourseInputError("Die Musterlösung öffnet sich erst nach Ihrem ersten Versuch." if need == 1 else
                                   f"Die Musterlösung öffnet sich erst nach {need} Versuchen oder einer richtigen Antwort.",
                                   "Probieren Sie es zuerst selbst – ein Tipp hilft beim Einstieg.")
        if "solution" not in self.task:
            raise CourseInputError("Für diese Aufgabe gibt es hier keine Musterlösung.", "Fragen Sie Ihre Kursleitung.")
        progress.record_solution_seen(self.module_id, self.task["id"])
        self.solution_html.value = box("info", self.task["solution"], title="Musterlösung")
        return self.task["solution"]

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


class CodeFeedback:
    """What ``check_code`` returns: an HTML message (rendered in the notebook)."""

    def __init__(self, html: str, result: checks.Result | None):
        self.html, self.result = html, result

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # plain text for non-HTML front ends
        return self.result.message if self.result else "Ergebnis gespeichert."


def check_code(module_id: str, task_id: str, value) -> CodeFeedback:
    """Check the result of a fill-in-the-blank code task; never raises at the learner."""
    task = content.find(content.load_tasks(module_id)["tasks"], task_id, "Die Aufgabe")
    from .blank import contains_blank

    shown = "___" if contains_blank(value) else value
    if not checks.is_checkable(task):
        progress.save_response(module_id, task_id, repr(shown))
        return CodeFeedback(box("saved", "Ihr Ergebnis ist gespeichert (Arbeitsblatt-Fassung ohne automatische Prüfung)."), None)
    if contains_blank(value):
        # a fresh „Alle Zellen ausführen“ reaches this before the learner typed anything: no red box
        return CodeFeedback(box("info", "Noch nicht ausgefüllt: Ersetzen Sie jede Lücke ___ in der Zelle darüber "
                                "und führen Sie sie dann erneut aus.", title="Optionale Aufgabe"), None)
    try:
        result = checks.check(task, value)
    except CourseInputError as exc:
        return CodeFeedback(error_box(exc.message, exc.hint), None)
    progress.record_attempt(module_id, task_id, repr(shown), result.solved)
    return CodeFeedback(_result_html(result), result)


def _progress_table_html(rows: list[dict]) -> str:
    """The progress rows as an HTML table (shares as German percentages, a missing coverage
    as „–“), the markup pandas' ``to_html`` gave before, without importing pandas."""
    from ..blocks.table import header as table_header
    fmt = {"Anteil gelöst": pct, "Selbstcheck: Kernpunkte abgedeckt": lambda c: "–" if c is None or c != c else pct(c)}
    heads = list(rows[0]) if rows else []
    # the module name left, every count and share right-aligned under a right-aligned header
    cls = {h: "" if i == 0 else ' class="vt-num"' for i, h in enumerate(heads)}
    right = {h: "" if i == 0 else ' style="text-align:right"' for i, h in enumerate(heads)}  # headers may wrap
    head = "".join(f"<th{right[h]}>{table_header(h)}</th>" for h in heads)  # soft hyphens: fits 650 px
    # the module title may break at its compounds' joints too („Beziehungs-kompetenz“)
    body = "".join("<tr>" + "".join(f"<td{cls[h]}>{table_header(str(r[h])) if i == 0 else escape(str(fmt.get(h, str)(r[h])))}</td>"
                                    for i, h in enumerate(heads)) + "</tr>" for r in rows)
    return f'<table class="dataframe vt-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'



#: the chart's series: (column of :func:`progress.overview_rows`, CSS class of its pattern)
PROGRESS_SERIES = (("versucht", "vt-pb-tried"), ("gelöst", "vt-pb-solved"),
                   ("beim ersten Versuch richtig", "vt-pb-first"))


def _module_label(modul: str) -> str:
    """„Modul 01“ (no-break space) from an overview row's „01 Vertrieb 3.0 …“."""
    return f"Modul{NBSP}{modul.split(' ')[0]}"


def _progress_summary(rows: list[dict]) -> str:
    """The chart's text alternative: the sums over all modules."""
    solved, total = sum(r["gelöst"] for r in rows), sum(r["Aufgaben"] for r in rows)
    first = sum(r["beim ersten Versuch richtig"] for r in rows)
    return (f"Balkendiagramm: {solved} von {total} Aufgaben gelöst, davon {first} beim ersten Versuch richtig, "
            "aufgeteilt nach Modulen.")


def _share(count: int, total: int) -> float:
    """Bar length in percent of the module's track (0 for a module without tasks)."""
    return 0.0 if total <= 0 else max(0.0, min(100.0, 100.0 * count / total))


def _progress_chart_html(rows: list[dict]) -> str:
    """The progress rows as a bar chart in HTML/CSS (no matplotlib): per module one row, per
    series a track as long as the module's task count with the count's bar and its number as
    text („3 von 7“). The grid is one image for screen readers (role="img", the summary as
    its label); the table above it carries every number as text."""
    head = '<div class="vt-pbars-head">Modul</div>' + "".join(
        f'<div class="vt-pbars-head"><span class="vt-pbars-key {cls}"></span>{escape(name)}</div>'
        for name, cls in PROGRESS_SERIES)
    body = []
    for r in rows:
        total = int(r["Aufgaben"])
        body.append(f'<div class="vt-pbars-mod" title="{escape(str(r["Modul"]))}">{escape(_module_label(str(r["Modul"])))}</div>')
        for name, cls in PROGRESS_SERIES:
            n = int(r[name])
            body.append(f'<div class="vt-pbars-cell" data-series="{escape(name)}"><span class="vt-pbars-track">'
                        f'<span class="vt-pbars-bar {cls}" style="width:{_share(n, total):.1f}%"></span></span>'
                        f'<span class="vt-pbars-num">{n}{NBSP}von{NBSP}{total}</span></div>')
    return (f'{_PROGRESS_CSS}<figure class="vt-pbars"><figcaption class="vt-pbars-title">Ihr Fortschritt je Modul</figcaption>'
            '<p class="vt-pbars-note">Jeder Balken steht für die Aufgaben eines Moduls: voll heißt alle. '
            'Freitextaufgaben zählen als versucht, nicht als gelöst.</p>'
            f'<div class="vt-pbars-grid" role="img" aria-label="{escape(_progress_summary(rows))}">{head}{"".join(body)}</div></figure>')


class ProgressOverview:
    """00_Start: progress per module as a table and a bar chart (HTML, no matplotlib: #22),
    with a reset button."""

    def __init__(self):
        self.table = widgets.HTML()
        self.chart = widgets.HTML(layout=widgets.Layout(max_width="100%", min_width="0"))
        self.alt = ""  # the chart's text alternative (its aria-label)
        self.reset_button = widgets.Button(description="Fortschritt zurücksetzen", button_style="warning", icon="trash")
        self.confirm = widgets.Checkbox(value=False, description="Ja, wirklich alles zurücksetzen", indent=False)
        self.refresh_button = widgets.Button(description="Aktualisieren", icon="refresh")
        self.message = widgets.HTML()
        self.reset_button.on_click(lambda _b: guard.run(self.reset, self._show))
        self.refresh_button.on_click(lambda _b: guard.run(self._refresh_clicked, self._show))
        self.box = widgets.VBox([self.table, self.chart, widgets.HBox([self.refresh_button, self.reset_button, self.confirm]), self.message])
        styled(self.box, "vt-progress")  # course CSS: aligned table headers, buttons sized to text
        self.refresh()

    def _show(self, html: str) -> None:
        self.message.value = html

    def refresh(self) -> None:
        rows = progress.overview_rows()  # plain dicts: no pandas in the start page's kernel (#22)
        self.table.value = _progress_table_html(rows)  # one model result for table and chart
        notice = storage.notice_html()  # a moved-aside progress file
        if notice:
            self.message.value = notice
        self.alt = _progress_summary(rows)
        self.chart.value = _progress_chart_html(rows)

    def _refresh_clicked(self) -> None:
        """Refresh and say so: an unchanged table alone does not tell that the click worked."""
        import datetime

        self.message.value = ""
        self.refresh()
        if not self.message.value:  # a storage notice from refresh() wins
            self.message.value = box("info", f"Aktualisiert: Stand {datetime.datetime.now():%H:%M:%S} Uhr.")

    def reset(self) -> None:
        if not self.confirm.value:
            raise CourseInputError("Zur Sicherheit: Bitte setzen Sie zuerst das Häkchen „Ja, wirklich alles zurücksetzen“.",
                                   "Das Zurücksetzen löscht Ihren Fortschritt bei allen Aufgaben.")
        progress.reset()
        self.confirm.value = False
        self.refresh()
        self.message.value = box("info", "Ihr Fortschritt wurde zurückgesetzt.")

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)
