"""Poll block for an "Einstieg": the learner picks an answer, gets a short comment, and the
choice is saved (store ``polls``) for the anonymous workshop export. Options are a
:class:`~course_lib.blocks.choices.ChoiceList` in data order (a poll has no right answer);
a poll can opt in to the learner's shuffled order with ``"shuffle": true``."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from .. import content, storage
from ..errors import CourseInputError
from ..storage import Store
from . import guard
from .choices import ChoiceList
from .css import styled
from .messages import box

STORE = "polls"


class Poll:
    def __init__(self, module_id: str, poll_id: str, *, seed: str | None = None):
        self.module_id = module_id
        self.poll = content.find(content.load_content(module_id).get("polls", []), poll_id, "Die Umfrage")
        self.store = Store(STORE)
        key = f"poll/{module_id}/{poll_id}" if self.poll.get("shuffle", False) else None
        self.choice = ChoiceList([(o["text"], o["id"]) for o in self.poll["options"]], shuffle_key=key,
                                 fixed_last=self.poll.get("fixed_last", ()), seed=seed,
                                 description="Ihre Wahl", hide_description=True)
        self.button = widgets.Button(description="Antwort abgeben", button_style="primary", icon="check")
        self.comment = widgets.HTML()
        self.button.on_click(lambda _b: guard.run(self.submit, self._show))
        saved = self.store.read().get(module_id, {}).get(poll_id)
        if isinstance(saved, str) and saved in self.choice.ids:
            self.choice.value = [saved]
            self.comment.value = self._comment_html(saved)
        self.comment.value = storage.notice_html() + self.comment.value  # a moved-aside polls file
        self.box = widgets.VBox([widgets.HTML(f"<p><b>{escape(self.poll['question'])}</b></p>"), self.choice, self.button, self.comment])
        self.box.add_class("vt-poll")
        styled(self.box)  # the course CSS: button sized to its text, wrapping labels

    def _show(self, html: str) -> None:
        self.comment.value = html

    def _comment_html(self, oid: str) -> str:
        opt = content.find(self.poll["options"], oid, "Die Antwort")
        return box("info", opt["comment"], title="Ihre Wahl ist gespeichert")

    def submit(self) -> None:
        if not self.choice.value:
            raise CourseInputError("Sie haben noch nichts ausgewählt.", "Bitte wählen Sie eine Antwort aus.")
        oid = self.choice.value[0]
        self.store.update(lambda d: d.setdefault(self.module_id, {}).__setitem__(self.poll["id"], oid))
        self.comment.value = self._comment_html(oid)

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def show(module_id: str, poll_id: str) -> Poll:
    return Poll(module_id, poll_id)
