"""„Für Ihre Praxis“: a module's transfer block – what to do differently in the next customer
contact, as a checklist to tick and (where it fits) a short mini-script, plus a notes field.

Data: ``course_lib/<package>/data/praxis.json`` (schema ``praxis``). What the learner ticks
and writes is saved on every change in the store ``praxis``
(``{"m05": {"checked": ["c1", …], "notes": "…", "updated": "…"}}``) and comes back when the
notebook is reopened. „Als Datei herunterladen“ builds a Markdown file with the checklist
(ticked or not), the mini-script and the learner's own notes, offered as a data-URI
download link (the data folder is hidden from the file browser on JupyterHub).

The pure part (:func:`load`, :func:`item_ids`, :func:`to_markdown`, :func:`file_name`) has
no ipywidgets import and is unit-tested on its own.
"""
from __future__ import annotations

import base64
import re
import time
from html import escape

from .. import content
from ..errors import CourseInputError
from ..storage import Store, pop_notices
from .css import styled

STORE = "praxis"
#: running text in the block's HTML parts: the line height of prose, not of a widget row (28 px)
_TEXT = "line-height:1.45"
MAX_NOTES = 20000


# ---------------------------------------------------------------------------------------
# pure part
# ---------------------------------------------------------------------------------------
def load(module_id: str) -> dict:
    """The transfer block of a module (validated against ``schemas/praxis.schema.json``)."""
    doc = content.read_json_file(content.data_path(module_id, "praxis.json"), "praxis")
    if doc["module"] != module_id:
        raise CourseInputError(f"praxis.json gehört zu „{doc['module']}“, nicht zu „{module_id}“.")
    ids = item_ids(doc)
    if len(set(ids)) != len(ids):
        raise CourseInputError(f"praxis.json von {module_id}: Jeder Punkt der Checkliste braucht eine eigene Kennung.")
    return doc


def item_ids(doc: dict) -> list[str]:
    """All checklist item ids of a block, in order."""
    return [it["id"] for sec in doc["sections"] for it in sec["items"]]


def clean_saved(doc: dict, saved: dict | None) -> dict:
    """A saved record reduced to what still fits the block: unknown item ids are dropped
    (a course update may remove an item), notes are kept in full."""
    saved = saved or {}
    known = set(item_ids(doc))
    checked = [i for i in saved.get("checked", []) if i in known]
    return {"checked": checked, "notes": str(saved.get("notes", ""))}


def _module_title(module_id: str) -> str:
    return content.module_info(module_id)["title"]


def to_markdown(doc: dict, saved: dict | None = None, *, stamp: str | None = None) -> str:
    """The block as a Markdown document with the learner's ticks and notes."""
    s = clean_saved(doc, saved)
    mid = doc["module"]
    lines = [f"# {doc['title']}", "", f"Modul {mid[1:]}: {_module_title(mid)}"]
    if stamp:
        lines.append(f"Stand: {stamp}")
    lines += ["", doc["intro"], ""]
    for sec in doc["sections"]:
        lines += [f"## {sec['heading']}", ""]
        for it in sec["items"]:
            mark = "x" if it["id"] in s["checked"] else " "
            lines.append(f"- [{mark}] {it['text']}")
        lines.append("")
    if doc.get("script"):
        lines += [f"## {doc['script']['heading']}", ""]
        for ln in doc["script"]["lines"]:
            lines.append(f"- **{ln['label']}:** {ln['text']}")
        lines.append("")
    lines += ["## Ohne eigene Kundschaft", "", doc["without_job"], "", "## Meine Notizen", ""]
    notes = s["notes"].strip()
    lines.append(notes if notes else "(noch keine Notizen)")
    lines += ["", "---", f"Grundlage: {doc['based_on']}", ""]
    return "\n".join(lines)


def file_name(module_id: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", content.module_info(module_id)["package"].lower()).strip("-")
    return f"praxis-{slug}.md"


def data_uri(text: str) -> str:
    b64 = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"data:text/markdown;charset=utf-8;base64,{b64}"


# ---------------------------------------------------------------------------------------
# widget
# ---------------------------------------------------------------------------------------
class _Tick:
    """One checklist item of a section's ChoiceList, as a bool ``value`` (ticked or not)."""

    def __init__(self, choices, item_id: str):
        self._choices = choices
        self.item_id = item_id

    @property
    def value(self) -> bool:
        return self.item_id in self._choices.value

    @value.setter
    def value(self, ticked: bool) -> None:
        rest = [i for i in self._choices.value if i != self.item_id]
        self._choices.value = rest + [self.item_id] if ticked else rest


class Praxis:
    """Checklist rows (a checkbox inside the label of its wrapping text), an optional mini-script, a notes field,
    and a download link of the whole block with the learner's notes."""

    def __init__(self, module_id: str, store: Store | None = None):
        import ipywidgets as widgets

        from . import guard
        from .choices import ChoiceList
        from .messages import box

        self._box_html = box
        self.module_id = module_id
        self.doc = load(module_id)
        self.store = store or Store(STORE)
        saved = clean_saved(self.doc, self.store.read().get(module_id))
        parts = [widgets.HTML(f"<h3 style='margin:4px 0'>{escape(self.doc['title'])}</h3><p>{escape(self.doc['intro'])}</p>")]
        # one ChoiceList (checkboxes) per section: each row is a real <label> around its
        # <input type=checkbox>, so a click on the text ticks the box, the text wraps beside
        # the box aligned with its first line, and Tab/Space work as in every browser
        self.lists: list[ChoiceList] = []
        self.checks: dict[str, _Tick] = {}
        for sec in self.doc["sections"]:
            cl = ChoiceList([(it["text"], it["id"]) for it in sec["items"]], multiple=True,
                            description=sec["heading"],
                            value=[it["id"] for it in sec["items"] if it["id"] in saved["checked"]],
                            layout=widgets.Layout(width="100%"))
            cl.add_class("vt-praxis-list")
            cl.observe(lambda ch: guard.run(self.save, self._status), names="value")
            self.lists.append(cl)
            for it in sec["items"]:
                self.checks[it["id"]] = _Tick(cl, it["id"])
            parts.append(cl)
        if self.doc.get("script"):
            sc = self.doc["script"]
            rows = "".join(f"<li><b>{escape(ln['label'])}:</b> {escape(ln['text'])}</li>" for ln in sc["lines"])
            parts.append(widgets.HTML(f"<div style='{_TEXT}'><p style='margin:8px 0 2px'><b>{escape(sc['heading'])}</b></p>"
                                      f"<ul style='margin:2px 0'>{rows}</ul></div>"))
        parts.append(widgets.HTML(f"<p style='{_TEXT}'><b>Ohne eigene Kundschaft?</b> {escape(self.doc['without_job'])}</p>"))
        self.notes = widgets.Textarea(value=saved["notes"], placeholder="Ihre Notizen …",
                                      description="", continuous_update=True, tooltip=self.doc["notes_prompt"][:200],
                                      layout=widgets.Layout(width="95%", height="100px"))
        self.notes.observe(lambda ch: guard.run(self.save, self._status), names="value")
        parts += [widgets.HTML(f"<p style='margin:8px 0 2px;line-height:1.45'><b>{escape(self.doc['notes_prompt'])}</b></p>"), self.notes]
        self.download = widgets.Button(description="Als Datei herunterladen", icon="download",
                                       tooltip="Checkliste, Gesprächsbaustein und Ihre Notizen als Markdown-Datei",
                                       layout=widgets.Layout(width="auto"))
        self.download.on_click(lambda _b: guard.run(self.export, self._status))
        self.link = widgets.HTML()
        self.status = widgets.HTML(box("info", "Häkchen und Notizen werden automatisch nur auf Ihrem Rechner gespeichert."))
        notices = pop_notices()
        if notices:
            self.status.value = "".join(box("info", n) for n in notices)
        parts += [widgets.HBox([self.download]), self.link, self.status]
        self.box = widgets.VBox(parts, layout=widgets.Layout(width="100%"))
        self.box.add_class("vt-praxis")
        styled(self.box)  # course CSS: buttons sized to their text

    def _status(self, html: str) -> None:
        self.status.value = html

    def current(self) -> dict:
        return {"checked": [i for i, tick in self.checks.items() if tick.value], "notes": self.notes.value}

    def save(self) -> None:
        rec = self.current()
        if len(rec["notes"]) > MAX_NOTES:
            self.status.value = self._box_html("info", f"Ihre Notizen sind sehr lang ({len(rec['notes'])} Zeichen). "
                                                       "Sie werden trotzdem vollständig gespeichert.")
        rec["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        self.store.update(lambda d: d.__setitem__(self.module_id, rec))
        if len(rec["notes"]) <= MAX_NOTES:
            done = len(rec["checked"])
            self.status.value = self._box_html("saved", f"um {time.strftime('%H:%M:%S')} Uhr – {done} von {len(self.checks)}\u00a0Punkten abgehakt.")

    def export(self) -> str:
        text = to_markdown(self.doc, self.current(), stamp=time.strftime("%d.%m.%Y"))
        name = file_name(self.module_id)
        self.link.value = (f'<a download="{escape(name)}" href="{data_uri(text)}" style="font-weight:bold">'
                           f'{escape(name)} herunterladen</a> <small>(Markdown-Text; öffnet sich in jedem Editor)</small>')
        return text

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def show(module_id: str) -> Praxis:
    """The transfer block of a module: ``praxis.show("m05")``."""
    return Praxis(module_id)
