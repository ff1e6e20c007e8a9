"""ChoiceList: single- and multiple-choice options as native, wrapping rows.

ipywidgets' ``RadioButtons`` draws a wrapped second line of a long option over the next
option and hides its radio button (jupyter-widgets/ipywidgets#3032); a list of ``Checkbox``
widgets cuts long descriptions. ChoiceList renders a real ``<fieldset>`` with one
``<label><input type=radio|checkbox> text</label>`` row per option (anywidget, no build
step): the text wraps, the input stays visible, the browser's own keyboard handling applies
(Tab into the group, arrow keys between radio buttons, Space toggles a checkbox), and every
input has its option text as accessible name.

Options are shown in the learner's stable shuffled order when ``shuffle_key`` is given
(see :mod:`course_lib.learner`); ``value`` always holds option *ids*, never positions.

>>> c = ChoiceList([("Erste Antwort", "a"), ("Zweite Antwort", "b")], description="Antwort")
>>> c.value = ["b"]
>>> c.selected
['b']
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  const fs = document.createElement("fieldset");
  fs.className = "vt-choices";
  // Arrow keys and letters typed in the list belong to the list, not to JupyterLab's
  // command-mode shortcuts (cell navigation, "a" inserts a cell). Lumino stops looking for a
  // shortcut at the first element carrying the attribute, starting at the event target – and
  // the focused <input> itself matches the notebook's ":focus" selectors, so every input needs
  // it (on the fieldset alone, ArrowDown moved focus to the next cell; keyboard walk test).
  fs.setAttribute("data-lm-suppress-shortcuts", "true");
  const name = "vtc-" + Math.random().toString(36).slice(2);
  el.appendChild(fs);

  function selected() {
    return Array.from(fs.querySelectorAll("input")).filter((i) => i.checked).map((i) => i.value);
  }
  function build() {
    fs.replaceChildren();
    const legend = document.createElement("legend");
    legend.textContent = model.get("description");
    if (model.get("hide_description")) legend.className = "vt-sr-only";
    fs.appendChild(legend);
    const multiple = model.get("multiple");
    const value = model.get("value");
    const disabled = model.get("disabled");
    for (const [label, id] of model.get("options")) {
      const row = document.createElement("label");
      row.className = "vt-choice";
      const input = document.createElement("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = name;
      input.value = id;
      input.checked = value.includes(id);
      input.disabled = disabled;
      input.setAttribute("data-lm-suppress-shortcuts", "true");
      input.addEventListener("change", () => {
        model.set("value", selected());
        model.save_changes();
      });
      const text = document.createElement("span");
      text.className = "vt-choice-text";
      text.textContent = label;
      row.append(input, text);
      fs.appendChild(row);
    }
  }
  function sync() {
    const value = model.get("value");
    for (const input of fs.querySelectorAll("input")) input.checked = value.includes(input.value);
  }
  function syncDisabled() {
    for (const input of fs.querySelectorAll("input")) input.disabled = model.get("disabled");
  }
  build();
  const handlers = [["change:options", build], ["change:multiple", build], ["change:description", build],
                    ["change:hide_description", build], ["change:value", sync], ["change:disabled", syncDisabled]];
  for (const [event, fn] of handlers) model.on(event, fn);
  return () => { for (const [event, fn] of handlers) model.off(event, fn); };
}
export default { render };
"""

_CSS = r"""
.vt-choices { border: 0; margin: 0.2em 0 0.4em 0; padding: 0; min-width: 0; max-width: 100%; }
.vt-choices legend { padding: 0; margin-bottom: 0.3em; font-weight: 600; }
.vt-choices .vt-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.vt-choice { display: flex; align-items: flex-start; gap: 0.55em; margin: 0.15em 0;
  padding: 0.3em 0.45em; border-radius: 4px; cursor: pointer; line-height: 1.4;
  white-space: normal; overflow-wrap: anywhere; }
.vt-choice:hover { background: rgba(0, 114, 178, 0.08); }
.vt-choice input { flex: none; margin: 0.2em 0 0 0; width: 1.05em; height: 1.05em; cursor: pointer; }
.vt-choice input:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.vt-choice-text { flex: 1 1 auto; min-width: 0; }
"""


def says_multiple(text: str) -> bool:
    """Does a question already tell that several answers may be right? (then no extra note)"""
    return bool(re.search(r"mehrere antworten|alle zutreffend|alle passend|alle richtig|mehrere richtig"
                          r"|kreuzen sie alle\b", text.lower()))


class ChoiceList(anywidget.AnyWidget):
    """A list of options (label, id) with radio buttons (``multiple=False``) or checkboxes.

    ``value`` is the list of selected option ids (at most one for single choice).
    ``shuffle_key`` (e.g. ``"quiz/m04/q2"``) shows the options in the learner's stable order;
    ids in ``fixed_last`` stay at the end. ``description`` is the group's accessible name
    (a visible legend unless ``hide_description``).
    """

    _esm = _ESM
    _css = _CSS
    options = traitlets.List(traitlets.List()).tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    description = traitlets.Unicode("Antwort").tag(sync=True)
    hide_description = traitlets.Bool(False).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, options: Sequence[tuple[str, str]], *, multiple: bool = False,
                 shuffle_key: str | None = None, fixed_last: Iterable[str] = (),
                 description: str = "Antwort", hide_description: bool = False,
                 seed: str | None = None, **kwargs):
        pairs = [(str(label), str(oid)) for label, oid in options]
        ids = [oid for _label, oid in pairs]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate option ids: {ids!r}")
        if shuffle_key is not None:
            from ..learner import order

            by_id = dict((oid, label) for label, oid in pairs)
            pairs = [(by_id[oid], oid) for oid in order(shuffle_key, ids, fixed_last=fixed_last, seed=seed)]
        super().__init__(options=[list(p) for p in pairs], multiple=multiple, description=description,
                         hide_description=hide_description, **kwargs)

    @traitlets.validate("value")
    def _check_value(self, proposal):
        value = list(proposal["value"])
        known = {oid for _label, oid in self.options}
        unknown = [v for v in value if v not in known]
        if unknown:
            raise traitlets.TraitError(f"unknown option id(s): {unknown!r}")
        if not self.multiple and len(value) > 1:
            raise traitlets.TraitError("single choice: at most one selected id")
        # keep display order, drop duplicates
        return [oid for _label, oid in self.options if oid in set(value)]

    @property
    def ids(self) -> list[str]:
        """Option ids in the order shown."""
        return [oid for _label, oid in self.options]

    @property
    def labels(self) -> list[str]:
        """Option texts in the order shown."""
        return [label for label, _oid in self.options]

    @property
    def selected(self) -> list[str]:
        return list(self.value)

    def select(self, ids: Iterable[str]) -> None:
        self.value = list(ids)
