"""Reflection block: prompts from a module's ``data/content.json``; what the learner types is
saved on every change (store ``reflections``) and comes back when the notebook is reopened."""
from __future__ import annotations

import time
from html import escape

import ipywidgets as widgets

from .. import content
from ..errors import CourseInputError
from ..format_de import num
from ..storage import Store, pop_notices
from . import guard
from .messages import box

STORE = "reflections"
MAX_CHARS = 5000
# Hard limit = the store schema's maxLength for a reflection text (stores.schema.json). A longer
# text is refused at input: written, it would make the whole reflections file unreadable.
HARD_MAX_CHARS = 200_000


class ReflectionView:
    def __init__(self, module_id: str, prompt: dict, store: Store):
        self.module_id, self.prompt, self.store = module_id, prompt, store
        saved = store.read().get(module_id, {}).get(prompt["id"], {}).get("text", "")
        self.text = widgets.Textarea(
            value=saved, placeholder=prompt.get("placeholder", "Ihre Gedanken …"),
            description="Ihre Antwort:", continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%", height="110px"),
        )
        self.status = widgets.HTML(box("info", "Ihre Antwort wird automatisch gespeichert.") if not saved
                                   else box("saved", "Ihre frühere Antwort ist wieder da."))
        self.text.observe(lambda ch: guard.run(self.save, self._show, ch["new"]), names="value")
        notices = pop_notices()
        if notices:
            self.status.value = "".join(box("info", n) for n in notices)
        self.box = widgets.VBox([widgets.HTML(f"<p><b>{escape(prompt['prompt'])}</b></p>"), self.text, self.status])
        self.box.add_class("vt-reflection")

    def _show(self, html: str) -> None:
        self.status.value = html

    def save(self, text: str) -> None:
        if len(text) > HARD_MAX_CHARS:
            raise CourseInputError(
                f"Ihr Text ist zu lang ({num(len(text), 0)}\u00a0Zeichen; gespeichert werden höchstens "
                f"{num(HARD_MAX_CHARS, 0)}\u00a0Zeichen). Diese Fassung wurde NICHT gespeichert – "
                "gespeichert bleibt Ihre letzte kürzere Fassung.",
                "Bitte kürzen Sie den Text (oder legen Sie lange Texte in einer eigenen Datei ab).",
            )
        if len(text) > MAX_CHARS:
            # Nothing is lost: the full text is saved, the learner is only told to shorten it.
            self.status.value = box("info", f"Ihr Text ist sehr lang ({len(text)} Zeichen). Er wird trotzdem vollständig gespeichert; fassen Sie sich gern kürzer.")

        def change(d):
            d.setdefault(self.module_id, {})[self.prompt["id"]] = {"text": text, "updated": time.strftime("%Y-%m-%dT%H:%M:%S")}

        self.store.update(change)
        if len(text) <= MAX_CHARS:
            self.status.value = box("saved", f"um {time.strftime('%H:%M:%S')} Uhr ({len(text)} Zeichen).")


class Reflection:
    def __init__(self, module_id: str, ids: list[str] | None = None):
        prompts = content.load_content(module_id)["reflections"]
        if ids:
            prompts = [content.find(prompts, i, "Der Reflexionsimpuls") for i in ids]
        store = Store(STORE)
        self.views = [ReflectionView(module_id, p, store) for p in prompts]
        self.box = widgets.VBox([v.box for v in self.views])

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def show(module_id: str, ids: list[str] | None = None) -> Reflection:
    """The reflection prompts of a module: ``reflection.show("m04")``."""
    return Reflection(module_id, ids)
