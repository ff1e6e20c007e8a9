"""Keyboard walk: every interactive control in a notebook's widget outputs is reachable with Tab,
shows a visible focus indicator, and reacts to the keys a keyboard user presses.

One width, one pass, after run-all (cheap enough for CI):

1. **Inventory** – every visible, enabled control inside the widget outputs
   (``.jp-OutputArea-output .jupyter-widgets``): slider handles and range inputs, ``<select>``,
   checkboxes, radio groups (one Tab stop per group, as browsers do), buttons, text inputs and
   text areas. Each gets ``data-vt-kb=<k>``; its unfocused style (outline, box-shadow, border
   colour, background of the control, its parent and its ``<label>`` row) is recorded.
2. **Tab walk** – per output area: focus the area itself (``tabindex=-1``), then press Tab until
   focus leaves the area. Every control focused on the way is *reached*; at that moment its
   computed style is compared with the unfocused one: no difference = *no focus indicator*.
3. **Operate** – every reached control, focused again (as the walk left it), gets its key:
   ArrowRight (ArrowLeft at the maximum) on sliders, ArrowDown on radio groups, Space on
   checkboxes, ArrowDown (ArrowUp at the end) on selects, a typed digit + Enter in text fields,
   Enter on buttons (buttons last, since a button may rebuild its block). *Operated* = what its
   block shows changed (text, plot images, control states) within a few seconds. Not operated
   on purpose (*inapplicable*): a select with one option, the already selected button of a
   toggle group; *gone*: removed by an earlier action in its block.

Problems are returned as strings (empty = fine), so the self-test can prove the walk fails on a
planted page (tests/browser/fixtures/keyboard_broken.ipynb; tests/browser/test_keyboard_selftest.py).
"""
from __future__ import annotations

from .harness import PANEL

COUNTS: dict = {}  # notebook -> {"controls", "reached", "focus_visible", "operated", "gone", "inapplicable"}; printed by conftest

# Block that shows the effect of a control (the nearest wins); else the control's output.
BLOCKS = ".vt-live, .vt-quiz-item, .vt-task, .vt-reflection, .vt-poll, .vt-progress, .vt-export, .vt-block, .jp-OutputArea-output"

JS_COMMON = r"""
const CTL = '.noUi-handle, input[type=range], select, input[type=checkbox], input[type=radio], button, '
          + 'input[type=text], input[type=number], input:not([type]), textarea';
const BLOCKS = %s;
const shown = (el) => !!el && el.getClientRects().length > 0 &&
  el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: true}) &&
  !el.closest('details:not([open]) > :not(summary)');
const kindOf = (e) => e.classList.contains('noUi-handle') || e.type === 'range' ? 'slider'
  : e.tagName === 'SELECT' ? 'select' : e.tagName === 'BUTTON' ? 'button'
  : e.type === 'checkbox' ? 'checkbox' : e.type === 'radio' ? 'radio' : 'text';
const STYLE_PROPS = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'borderTopColor',
                     'borderBottomColor', 'backgroundColor'];
const styleOf = (e) => { if (!e) return ''; const cs = getComputedStyle(e);
  return STYLE_PROPS.map(p => cs[p]).join('|'); };
// the control, its parent and its label row (a :focus-within ring counts as well)
const looks = (e) => [styleOf(e), styleOf(e.parentElement), styleOf(e.closest('label'))].join('#');
const snapshot = (block) => {
  if (!block || !block.isConnected) return null;
  const parts = [block.innerText];
  block.querySelectorAll('img').forEach(i => parts.push(i.src.length + ':' + i.src.slice(-64)));
  block.querySelectorAll('input, select, textarea').forEach(i =>
    parts.push(i.type === 'checkbox' || i.type === 'radio' ? String(i.checked) : i.tagName === 'SELECT'
               ? [...i.options].map(o => o.selected ? 1 : 0).join('') : i.value));
  block.querySelectorAll('.noUi-handle').forEach(h => parts.push(h.getAttribute('aria-valuenow')));
  // toggle buttons show their state by class / aria-pressed only
  block.querySelectorAll('button').forEach(b => parts.push(b.classList.contains('mod-active') || b.getAttribute('aria-pressed') === 'true' ? 1 : 0));
  return parts.join('\u0001');
};
""" % repr(BLOCKS)

JS_INVENTORY = r"""
const __f = (panel) => {
  const root = document.querySelector(panel);
  root.querySelectorAll('[data-vt-kb]').forEach(e => e.removeAttribute('data-vt-kb'));
  root.querySelectorAll('[data-vt-kb-area]').forEach(e => e.removeAttribute('data-vt-kb-area'));
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const cells = window.jupyterapp.shell.currentWidget.content.widgets;
  const cellOf = (el) => { for (let i = 0; i < cells.length; i++) if (cells[i].node.contains(el)) return i; return -1; };
  const out = []; const groups = new Map(); let areas = 0;
  for (const area of root.querySelectorAll('.jp-OutputArea-output')) {
    const ctls = [...area.querySelectorAll(CTL)].filter(e => e.closest('.jupyter-widgets') && shown(e) && !e.disabled);
    if (!ctls.length) continue;
    area.setAttribute('data-vt-kb-area', String(areas));
    for (const e of ctls) {
      const kind = kindOf(e);
      let key = null;
      if (kind === 'radio' && e.name) {
        const scope = e.form || e.closest('fieldset, .widget-radio-box') || area;
        key = 'r:' + e.name + ':' + (scope.dataset.vtKbScope ||= String(Math.random()));
        if (groups.has(key)) { e.setAttribute('data-vt-kb', String(groups.get(key))); continue; }
      }
      const k = out.length;
      if (key) groups.set(key, k);
      e.setAttribute('data-vt-kb', String(k));
      const label = (e.closest('label')?.innerText || e.getAttribute('aria-label') || e.innerText ||
                     e.closest('.jupyter-widgets')?.querySelector('.widget-label, label, legend')?.innerText || '')
                    .replace(/\s+/g, ' ').trim().slice(0, 50);
      out.push({k, kind, area: areas, cell: cellOf(e), label, base: looks(e),
                tabindex: e.getAttribute('tabindex')});
    }
    areas++;
  }
  return out;
};
"""

JS_AREA_START = r"""([panel, a]) => {
  const area = document.querySelector(panel).querySelector(`[data-vt-kb-area="${a}"]`);
  if (!area) return false;
  area.scrollIntoView({block: 'center'});
  area.setAttribute('tabindex', '-1'); area.focus({preventScroll: true});
  return document.activeElement === area;
}"""

JS_AREA_END = r"""([panel, a]) => {
  const area = document.querySelector(panel).querySelector(`[data-vt-kb-area="${a}"]`);
  if (area) area.removeAttribute('tabindex');
}"""

# After one Tab: where is focus? (inside the area? which control? does it look focused?)
JS_WHERE = r"""
const __f = ([panel, a, bases]) => {
  const area = document.querySelector(panel).querySelector(`[data-vt-kb-area="${a}"]`);
  const e = document.activeElement;
  if (!area || !e || !area.contains(e)) return {inside: false};
  const owner = e.closest('[data-vt-kb]');
  if (!owner || owner !== e) return {inside: true, k: null, tag: e.tagName.toLowerCase() + '.' + String(e.className).slice(0, 40)};
  const k = Number(e.getAttribute('data-vt-kb'));
  return {inside: true, k, visible: looks(e) !== bases[k], focusVisible: e.matches(':focus-visible')};
};
"""

JS_PREPARE = r"""
const __f = ([panel, k]) => {
  const els = [...document.querySelector(panel).querySelectorAll(`[data-vt-kb="${k}"]`)];
  if (!els.length || !els[0].isConnected) return null;
  let e = els[0];
  const kind = kindOf(e);
  if (kind === 'radio') e = els.find(r => r.checked) || els[0];
  e.scrollIntoView({block: 'center'});
  e.focus({preventScroll: true});
  const block = e.closest(BLOCKS);
  block.setAttribute('data-vt-kb-block', String(k));
  let key;
  if (kind === 'slider') {
    const now = e.type === 'range' ? e.value : e.getAttribute('aria-valuenow');
    const max = e.type === 'range' ? e.max : e.getAttribute('aria-valuemax');
    key = now !== null && Number(now) >= Number(max) ? 'ArrowLeft' : 'ArrowRight';
  } else if (kind === 'select') key = e.options.length < 2 ? null : e.selectedIndex >= e.options.length - 1 ? 'ArrowUp' : 'ArrowDown';
  else if (kind === 'radio') key = els.length < 2 ? 'Space' : (els.indexOf(e) === els.length - 1 ? 'ArrowUp' : 'ArrowDown');
  else if (kind === 'checkbox') key = 'Space';
  // the selected button of a toggle group: pressing it again selects what is selected
  else if (kind === 'button') key = e.closest('.widget-toggle-buttons') && e.classList.contains('mod-active') ? null : 'Enter';
  else key = 'type';
  // a multi-select's keyboard cursor is not its selection (after a programmatic selection it
  // may sit on the first option, where ArrowUp does nothing): try the other direction as well
  const alt = kind === 'select' && e.multiple && key ? (key === 'ArrowUp' ? 'ArrowDown' : 'ArrowUp') : null;
  return {key, alt, focused: document.activeElement === e, before: snapshot(block)};
};
"""

JS_CHANGED = r"""
const __f = ([panel, k, before]) => {
  const block = document.querySelector(panel).querySelector(`[data-vt-kb-block="${k}"]`);
  if (!block) return true;  // the block was rebuilt: that is a change of what it shows
  return snapshot(block) !== before;
};
"""


def _fn(body: str) -> str:
    """``body`` defines ``__f``; with the shared helpers → a function expression for Playwright."""
    return "(arg) => { " + JS_COMMON + body + "\nreturn __f(arg); }"


def inventory(nbp) -> list[dict]:
    return list(nbp.page.evaluate(_fn(JS_INVENTORY), PANEL))


def walk(nbp, max_extra_tabs: int = 6, change_timeout: float = 5.0) -> tuple[dict, list[str]]:
    """The keyboard walk over one notebook (already run). Returns (counts, problems)."""
    from playwright.sync_api import TimeoutError as PwTimeout

    page = nbp.page
    ctls = inventory(nbp)
    bases = [c["base"] for c in ctls]
    reached: dict[int, dict] = {}
    problems: list[str] = []
    n_areas = max((c["area"] for c in ctls), default=-1) + 1
    where_fn = _fn(JS_WHERE)
    for a in range(n_areas):
        mine = [c for c in ctls if c["area"] == a]
        if not page.evaluate(JS_AREA_START, [PANEL, a]):
            problems.append(f"output area of cell {mine[0]['cell']}: cannot be focused to start the Tab walk")
            continue
        try:
            # bounded: every control once, plus readouts/links and the step out of the area
            for _ in range(3 * len(mine) + max_extra_tabs):
                page.keyboard.press("Tab")
                st = page.evaluate(where_fn, [PANEL, a, bases])
                if not st["inside"]:
                    break
                k = st.get("k")
                if k is not None and k not in reached:
                    reached[k] = st
        finally:
            page.evaluate(JS_AREA_END, [PANEL, a])

    def name(c):
        return f"cell {c['cell']}: {c['kind']} \"{c['label']}\""

    for c in ctls:
        st = reached.get(c["k"])
        if st is None:
            extra = f" (tabindex={c['tabindex']})" if c["tabindex"] is not None else ""
            problems.append(f"{name(c)}: not reachable with Tab{extra}")
        elif not st["visible"]:
            problems.append(f"{name(c)}: no visible focus indicator (outline/box-shadow/border/background "
                            "unchanged when focused)")
    # operate: everything but buttons first (a button may rebuild its block), in page order
    order = [c for c in ctls if c["k"] in reached and c["kind"] != "button"] + \
            [c for c in ctls if c["k"] in reached and c["kind"] == "button"]
    prepare_fn, changed_fn = _fn(JS_PREPARE), _fn(JS_CHANGED)
    operated = gone = inapplicable = 0
    for c in order:
        prep = page.evaluate(prepare_fn, [PANEL, c["k"]])
        if prep is None:
            gone += 1  # removed by an earlier action in its block (e.g. a quiz rebuilt after "Antwort abgeben")
            continue
        if not prep["focused"]:
            problems.append(f"{name(c)}: cannot take focus")
            continue
        key = prep["key"]
        if key is None:
            inapplicable += 1  # nothing to change: a one-option select, the already selected toggle button
            continue
        if key == "type":
            page.keyboard.press("End")
            page.keyboard.type("7")
            page.keyboard.press("Enter")
        else:
            page.keyboard.press(key)
        try:
            try:
                page.wait_for_function(changed_fn, arg=[PANEL, c["k"], prep["before"]],
                                       timeout=change_timeout * 1000, polling=50)
            except PwTimeout:
                if not prep.get("alt"):
                    raise
                page.keyboard.press(prep["alt"])
                page.wait_for_function(changed_fn, arg=[PANEL, c["k"], prep["before"]],
                                       timeout=change_timeout * 1000, polling=50)
            operated += 1
        except PwTimeout:
            problems.append(f"{name(c)}: {key if key != 'type' else 'typing'} changed nothing in its block "
                            f"within {change_timeout:g} s")
        nbp.wait_idle()
    nbp.page.evaluate("() => document.activeElement && document.activeElement.blur()")
    counts = {"controls": len(ctls), "reached": len(reached),
              "focus_visible": sum(1 for s in reached.values() if s["visible"]),
              "operated": operated, "gone": gone, "inapplicable": inapplicable}
    return counts, problems
