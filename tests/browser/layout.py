"""Browser layout check: what a learner sees must not be cut, overlapping, squeezed or shrunk.

Measured methods (see /work/shared/TESTING_NOTES.md, "Layout in the browser"):

* **cut text** – an element with visible text whose content is wider/taller than its box while
  its overflow is hidden/clipped (that is what ``text-overflow: ellipsis`` needs), and a
  ``<select>`` whose selected option's text is wider than the select's text box;
* **overlapping text** – the client rectangles of every visible text node in the output areas
  (``Range.getClientRects()``), intersected pairwise (sweep sorted by top); text that is not
  rendered (``checkVisibility`` false, closed ``<details>``) is skipped;
* **short slider** – an ipywidgets slider track (``.slider-container``) or a native range input
  narrower than 200 px;
* **shrunk plot** – an ``<img>`` in an output shown at less than 75 % of its natural width;
* **clipped plot artist** – asked from the kernel: every live ``LivePlot`` lists artists outside
  its figure or cut by an axes edge (``course_lib.blocks.liveplot.clipped_report``);
* **table cut without a cue** – an element that scrolls sideways (a table wider than its
  output) and hides columns, with no visible cue that it scrolls: no scroll shadow
  (a gradient background attached ``local``, css.py), no classic scrollbar taking room, no
  visible ``.vt-scroll-hint`` – a learner sees a cut table (counted as ``cut``);
* **SVG charts** (``svg.vt-svgchart``, blocks/svgplot.py) – their text measured on screen: cut
  by the chart's edge (``cut``), below 11.5 px (``small_text``), overlapping (``overlap``), and
  the chart shown at less than 75 % of its width (``shrunk_plot``);
* **small text** – CSS text below 11.5 px (12 px rounded; footnotes, tags, table cells) and
  text inside a plot image below 9 px as shown on screen: font size in pt × dpi / 72 (asked
  from the kernel, ``liveplot.text_report``) × displayed / natural width of its ``<img>``.

Every check returns problem strings (empty = fine), so the self-test can prove it detects a
planted page (tests/browser/fixtures/layout_broken.ipynb).
"""
from __future__ import annotations

import json
import time

from .harness import PANEL

MIN_TRACK_PX = 200
MIN_PLOT_SCALE = 0.75
WIDTHS = (650, 1000, 1400)  # notebook panel widths in CSS px
COUNTS: dict = {}  # (notebook, state) -> {kind: count}; printed by conftest's terminal summary
KINDS = ("cut", "overlap", "short_slider", "shrunk_plot", "clipped_artist", "small_text")
MIN_CSS_TEXT_PX = 11.5   # 12 px, rounded: 90 % of JupyterLab's 13-px widget text (11.7 px) passes
MIN_PLOT_TEXT_PX = 9.0   # text inside a plot image as rendered on screen

JS_LAYOUT = r"""([panel, scopeIndex, minTrack, minScale, minText]) => {
  const root = document.querySelector(panel);
  const scopes = scopeIndex === null ? [...root.querySelectorAll('.jp-OutputArea-output')]
                                     : [root.querySelectorAll('.vt-live')[scopeIndex]].filter(Boolean);
  const cells = window.jupyterapp.shell.currentWidget.content.widgets;
  const cellOf = (el) => { for (let i = 0; i < cells.length; i++) if (cells[i].node.contains(el)) return i; return -1; };
  const shown = (el) => !!el && el.getClientRects().length > 0 &&
    el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: true}) &&
    !el.closest('details:not([open]) > :not(summary)') &&
    !el.closest('.vt-sr-only');  // visually hidden on purpose: a name for screen readers only
  const txt = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
  const out = {cut: [], overlap: [], short_slider: [], shrunk_plot: [], small_text: []};
  const canvas = document.createElement('canvas').getContext('2d');
  for (const scope of scopes) {
    const where = (el) => `cell ${cellOf(el)}`;
    // -- cut text
    for (const el of scope.querySelectorAll('*')) {
      if (el.closest('svg') || !shown(el)) continue;
      const cs = getComputedStyle(el);
      if (el.tagName === 'SELECT') {
        const o = el.options[el.selectedIndex]; if (!o) continue;
        canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const need = canvas.measureText(o.text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + (cs.appearance === 'none' ? 0 : 20);
        if (need > el.clientWidth + 2) out.cut.push(`${where(el)}: dropdown cuts "${o.text.slice(0, 60)}" (${Math.round(need)} > ${el.clientWidth} px)`);
        continue;
      }
      const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!hasText) continue;
      const clipX = cs.overflowX !== 'visible' && cs.overflowX !== 'auto' && cs.overflowX !== 'scroll';
      const clipY = cs.overflowY !== 'visible' && cs.overflowY !== 'auto' && cs.overflowY !== 'scroll';
      if ((clipX && el.scrollWidth > el.clientWidth + 1) || (clipY && el.scrollHeight > el.clientHeight + 2) ||
          (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)) {
        const cls = (el.className && typeof el.className === 'string') ? el.className.split(' ').filter(c => c.startsWith('widget') || c.startsWith('jupyter') || c.startsWith('vt')).slice(0, 2).join('.') : '';
        const unstyled = el.closest('.vt-task, .vt-quiz-item') && !document.querySelector('style[data-vt-css]') ? ' {no course CSS on the page}' : '';
        out.cut.push(`${where(el)}: text cut "${txt(el)}" (${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}, ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})${unstyled}`);
      }
    }
    // -- content scrolled out of sight sideways without a visible cue (a cut-looking table)
    for (const el of [scope, ...scope.querySelectorAll('*')]) {
      if (el.scrollWidth <= el.clientWidth + 1 || !shown(el)) continue;
      const cs = getComputedStyle(el);
      if (cs.overflowX !== 'auto' && cs.overflowX !== 'scroll') continue;
      if (el.tagName !== 'TABLE' && !el.querySelector('table')) continue;
      const shadow = cs.backgroundImage.includes('gradient') && cs.backgroundAttachment.includes('local');
      const bar = el.offsetHeight - el.clientHeight - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth) > 2;
      const hint = [...(el.parentElement || el).querySelectorAll('.vt-scroll-hint')].some(shown);
      if (!shadow && !bar && !hint)
        out.cut.push(`${where(el)}: table "${txt(el).slice(0, 40)}" scrolls sideways without a visible cue (${el.scrollWidth - el.clientWidth} px hidden, no scroll shadow, scrollbar or hint)`);
    }
    // -- text beyond the output's left/right edge (cut by the output area, not by its own box),
    //    unless a scrollable ancestor inside the output lets the learner scroll to it
    // the cell's box: an output grows with a too-wide child, the notebook then cuts it at its edge
    const sr = (scope.closest('.jp-Cell') || scope).getBoundingClientRect();
    const scrolls = (el) => { for (let a = el; a && a !== scope; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX; if (ox === 'auto' || ox === 'scroll') return true; } return false; };
    const beyond = new Set();
    // -- overlapping text lines
    const rects = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const smallSeen = new Set();
    let n;
    while ((n = walker.nextNode())) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      if (!el || el.closest('svg, style, script') || !shown(el)) continue;
      const fs = parseFloat(getComputedStyle(el).fontSize);
      if (fs < minText && !smallSeen.has(el)) {
        smallSeen.add(el);
        const unstyled = !document.querySelector('style[data-vt-css]') ? ' {no course CSS on the page}' : '';
        out.small_text.push(`${where(el)}: text "${n.textContent.trim().slice(0, 40)}" at ${fs.toFixed(1)} px < ${minText} px${unstyled}`);
      }
      const r = document.createRange(); r.selectNodeContents(n);
      for (const q of r.getClientRects()) if (q.width > 1 && q.height > 1) {
        rects.push({q, el, t: n.textContent.trim().slice(0, 40)});
        if ((q.right > sr.right + 2 || q.left < sr.left - 2) && !beyond.has(el) && !scrolls(el)) {
          beyond.add(el);
          out.cut.push(`${where(el)}: text "${n.textContent.trim().slice(0, 40)}" beyond the output's edge (${Math.round(q.right - sr.right)} px past the cell's right edge)`);
        }
      }
    }
    rects.sort((a, b) => a.q.top - b.q.top);
    const seen = new Set();
    for (let i = 0; i < rects.length; i++) {
      const a = rects[i];
      for (let j = i + 1; j < rects.length && rects[j].q.top < a.q.bottom; j++) {
        const b = rects[j];
        if (a.el === b.el && a.t === b.t) continue;
        const dx = Math.min(a.q.right, b.q.right) - Math.max(a.q.left, b.q.left);
        const dy = Math.min(a.q.bottom, b.q.bottom) - Math.max(a.q.top, b.q.top);
        if (dx > 2 && dy > Math.min(a.q.height, b.q.height) * 0.3) {
          const key = a.t + '|' + b.t; if (seen.has(key)) continue; seen.add(key);
          const radio = a.el.closest('.widget-radio-box') || b.el.closest('.widget-radio-box') ? ' {RadioButtons}' : '';
          out.overlap.push(`${where(a.el)}: "${a.t}" overlaps "${b.t}"${radio}`);
        }
      }
    }
    // -- slider tracks
    for (const s of scope.querySelectorAll('.widget-hslider .slider-container, input[type=range]')) {
      if (!shown(s)) continue;
      const w = s.getBoundingClientRect().width;
      const lab = s.closest('.widget-hslider, .vt-slider')?.querySelector('.widget-label, label')?.innerText?.trim() || '';
      if (w < minTrack) out.short_slider.push(`${where(s)}: slider "${lab.slice(0, 50)}" track ${Math.round(w)} px < ${minTrack} px`);
    }
    // -- SVG charts (blocks/svgplot.py): their text is skipped above; here it is measured on
    //    screen (transforms included): inside the chart, not too small, not overlapping
    for (const svg of scope.querySelectorAll('svg.vt-svgchart')) {
      if (!shown(svg)) continue;
      const sb = svg.getBoundingClientRect();
      const ctm = svg.getScreenCTM();
      const k = ctm ? Math.hypot(ctm.a, ctm.b) : 1;  // displayed px per SVG unit
      const wantW = parseFloat(svg.getAttribute('width')) || sb.width;
      if (sb.width < minScale * wantW - 1)
        out.shrunk_plot.push(`${where(svg)}: SVG chart shown at ${Math.round(sb.width)} of ${Math.round(wantW)} px (${Math.round(100 * sb.width / wantW)} %)`);
      const boxes = [];
      for (const t of svg.querySelectorAll('text')) {
        const s = t.textContent.trim(); if (!s) continue;
        const q = t.getBoundingClientRect();
        const fs = parseFloat(getComputedStyle(t).fontSize) * k;
        if (fs < minText) out.small_text.push(`${where(svg)}: SVG text "${s.slice(0, 40)}" at ${fs.toFixed(1)} px < ${minText} px`);
        if (q.left < sb.left - 1 || q.right > sb.right + 1 || q.top < sb.top - 1 || q.bottom > sb.bottom + 1)
          out.cut.push(`${where(svg)}: SVG text "${s.slice(0, 40)}" cut by the chart's edge`);
        boxes.push({q, s});
      }
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].q, b = boxes[j].q;
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left), dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 1 && dy > Math.min(a.height, b.height) * 0.3)
          out.overlap.push(`${where(svg)}: SVG text "${boxes[i].s.slice(0, 40)}" overlaps "${boxes[j].s.slice(0, 40)}"`);
      }
    }
    // -- plot images
    for (const img of scope.querySelectorAll('img')) {
      if (!shown(img) || !img.naturalWidth || img.naturalWidth < 120) continue;
      const w = img.getBoundingClientRect().width;
      if (w < minScale * img.naturalWidth - 1)
        out.shrunk_plot.push(`${where(img)}: image shown at ${Math.round(w)} of ${img.naturalWidth} px (${Math.round(100 * w / img.naturalWidth)} %)`);
    }
  }
  for (const k of Object.keys(out)) out[k] = [...new Set(out[k])];
  return out;
}"""

# Run Python in the notebook's kernel (no cell): the clipped-artist report of every live LivePlot.
JS_KERNEL_EXEC = r"""async (code) => {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const f = k.requestExecute({code, silent: false, store_history: false});
  let text = '';
  f.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') text += msg.content.text;
                         if (msg.header.msg_type === 'error') text += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue; };
  await f.done;
  return text;
}"""
KERNEL_CODE = ("import json as _j, course_lib.blocks.liveplot as _lp\n"
               "print('VTCLIP' + _j.dumps(_lp.clipped_report()))\n"
               "print('VTFONT' + _j.dumps(_lp.text_report()))")
# the plot images on the page: alt text, displayed and natural width
JS_IMAGES = r"""(panel) => [...document.querySelector(panel).querySelectorAll('.jp-OutputArea-output img')]
  .filter(i => i.getClientRects().length && i.naturalWidth)
  .map(i => ({alt: i.alt || '', w: i.getBoundingClientRect().width, nw: i.naturalWidth}))"""


# Problems of widgets owned by other parts of the course, marked by the page check with a tag:
# (tag, owner and fix). A test whose problems ALL carry one of these tags is an expected failure
# (xfail, reported with counts); any other problem fails it. Delete an entry once fixed.
KNOWN_TAGS = {
    "{RadioButtons}": "ipywidgets RadioButtons draw a wrapped option over the next one (ipywidgets#3032); "
                      "quiz/exercise/poll/scenario choices move to blocks.choices.ChoiceList (#18)",
    "{no course CSS on the page}": "a block without the course CSS on a page that has no other course widget: exercise "
                                   "tasks (course_lib/exercises/view.py) and the glossary search alone (notebooks/"
                                   "Glossar.ipynb: its „Modul 03“ tags at 10.8 px) – add blocks.css.styled(self.box, "
                                   "'vt-glossary') in course_lib/m00_start/view.py GlossarySearch (layout-mods)",
}


def only_known(r: dict) -> bool:
    probs = [p for k in KINDS for p in r.get(k, [])]
    return bool(probs) and all(any(t in p for t in KNOWN_TAGS) for p in probs)


def empty() -> dict:
    return {k: [] for k in KINDS}


def merge(into: dict, new: dict, tag: str = "") -> dict:
    for k in KINDS:
        for p in new.get(k, []):
            p = f"{p} [{tag}]" if tag else p
            if p not in into[k]:
                into[k].append(p)
    return into


def page_problems(nbp, scope_index: int | None = None) -> dict:
    return nbp.page.evaluate(JS_LAYOUT, [PANEL, scope_index, MIN_TRACK_PX, MIN_PLOT_SCALE, MIN_CSS_TEXT_PX])


def kernel_report(nbp) -> tuple[list[str], list[dict]]:
    """(clipped artists, per-plot smallest text) of every live LivePlot, asked from the kernel."""
    text = nbp.page.evaluate(JS_KERNEL_EXEC, KERNEL_CODE)
    nbp.wait_idle()
    clip = font = None
    for line in text.splitlines():
        if line.startswith("VTCLIP"):
            clip = list(json.loads(line[6:]))
        elif line.startswith("VTFONT"):
            font = list(json.loads(line[6:]))
    if clip is None or font is None:
        return [f"kernel did not report clipped artists: {text[:300]!r}"], []
    return clip, font


# Commit every open prediction (blocks/predict.py) with a valid guess, so that the views a
# learner sees after the guess – most plots of the course sit behind one – are on the page and
# get checked (a hidden element is not judged). Number questions get their lowest allowed
# value, choices their first option.
REVEAL_CODE = """
import gc as _gc
from course_lib.blocks.predict import Predict as _P
_n = 0
for _p in [_o for _o in _gc.get_objects() if isinstance(_o, _P)]:
    if not _p.committed:
        _g = [_q.choices[0][1] if _q.is_choice else (_q.lo if _q.lo is not None else 1) for _q in _p.questions]
        try:
            _p.commit(_g if len(_g) > 1 else _g[0]); _n += 1
        except Exception as _e:
            print('VTPREDERR', type(_e).__name__, _e)
print('VTPRED', _n)
"""


def reveal_predictions(nbp) -> int:
    """Commit every open prediction on the page (see REVEAL_CODE); returns how many."""
    text = nbp.page.evaluate(JS_KERNEL_EXEC, REVEAL_CODE)
    nbp.wait_idle()
    assert "VTPREDERR" not in text and "ERROR" not in text, text[:500]
    n = int(next(x for x in text.splitlines() if x.startswith("VTPRED")).split()[1])
    nbp.page.wait_for_timeout(300 if n else 0)
    return n


def clipped_artists(nbp) -> list[str]:
    return kernel_report(nbp)[0]


def plot_text_problems(fonts: list[dict], images: list[dict], minimum: float = MIN_PLOT_TEXT_PX) -> list[str]:
    """Plot texts smaller than ``minimum`` CSS px on screen: the kernel's smallest text (PNG px)
    × displayed / natural width of the image with the same alt text and PNG width. A plot not
    on the page (hidden, not yet drawn) is not judged."""
    out = []
    for f in fonts:
        for im in images:
            if im["alt"] == f["alt"] and abs(im["nw"] - f["png_w"]) <= 1:
                shown = f["px"] * im["w"] / im["nw"]
                if shown < minimum - 0.05:
                    out.append(f"plot {f['alt'][:50]!r}: {f['text']} at {shown:.1f} px on screen < {minimum:g} px "
                               f"({f['px']:.1f} px in the PNG, shown at {round(100 * im['w'] / im['nw'])} %)")
                break
    return out


def small_plot_text(nbp, fonts: list[dict] | None = None) -> list[str]:
    if fonts is None:
        fonts = kernel_report(nbp)[1]
    return plot_text_problems(fonts, nbp.page.evaluate(JS_IMAGES, PANEL))


def set_notebook_width(nbp, width: int) -> int:
    """Resize the viewport so the notebook panel is about ``width`` px wide (left area closed);
    returns the measured panel width."""
    page = nbp.page
    page.evaluate("() => { const s = window.jupyterapp.shell; if (!s.leftCollapsed) s.collapseLeft(); "
                  "if (!s.rightCollapsed) s.collapseRight(); }")
    vp = page.viewport_size or {"width": 1366, "height": 1000}
    for _ in range(3):
        cur = page.evaluate(f"() => document.querySelector('{PANEL}').getBoundingClientRect().width")
        if abs(cur - width) <= 4:
            break
        vp = {"width": max(400, int(vp["width"] + (width - cur))), "height": vp["height"]}
        page.set_viewport_size(vp)
        page.wait_for_timeout(250)
    page.wait_for_timeout(400)  # widgets and images re-flow
    return int(page.evaluate(f"() => document.querySelector('{PANEL}').getBoundingClientRect().width"))


def check_widths(nbp, widths=WIDTHS) -> dict[int, dict]:
    """The page checks at each notebook width (after run-all), plus the kernel's clipped artists."""
    res = {}
    reveal_predictions(nbp)
    clipped = clipped_artists(nbp)
    for w in widths:
        measured = set_notebook_width(nbp, w)
        wait_plots_fitted(nbp)  # plots re-render at the new width (widthprobe.py)
        r = merge(empty(), page_problems(nbp))
        r["clipped_artist"] = list(clipped)
        r["small_text"] += small_plot_text(nbp)
        r["width"] = measured
        res[w] = r
    return res


JS_CONTROLS = r"""([panel, i]) => {
  const live = document.querySelector(panel).querySelectorAll('.vt-live')[i];
  const vis = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const out = [];
  live.querySelectorAll('[data-vt-ctl]').forEach(e => e.removeAttribute('data-vt-ctl'));
  [...live.querySelectorAll('.vt-controls')].forEach(box => {
    box.querySelectorAll('.noUi-handle, input[type=range], select, .widget-toggle-buttons').forEach(e => {
      if (!vis(e) || e.disabled) return;
      const k = out.length; e.setAttribute('data-vt-ctl', String(k));
      out.push({k, kind: e.classList.contains('noUi-handle') || e.type === 'range' ? 'slider'
                      : e.tagName === 'SELECT' ? 'select' : 'toggle',
                n: e.tagName === 'SELECT' ? e.options.length : e.querySelectorAll?.('button').length || 0});
    });
  });
  return out;
}"""


JS_PLOT_SIZES = r"""(panel) => [...document.querySelector(panel).querySelectorAll('.vt-live .vt-plot img')]
  .map(i => i.naturalWidth + 'x' + i.naturalHeight).join(',')"""
JS_PANEL_STAMPS = r"""(panel) => [...document.querySelector(panel).querySelectorAll('[data-vt-probe]')]
  .map(e => e.getAttribute('data-vt-probe'))"""
KERNEL_PROBES = "import json as _j, course_lib.blocks.widthprobe as _wp\nprint('VTPROBE' + _j.dumps(_wp.stamps()))"


def wait_plots_fitted(nbp, stable_ms: int = 700, timeout: float = 15.0) -> None:
    """After a width change the panels' plots are redrawn at the new width (width probe →
    kernel → a full draw, up to 3 s for a three-axes figure on a busy machine; ipywidgets sends
    one update at a time, so a second width waits for the first redraw). Wait until the kernel
    has received the last width report of every panel on the page (``data-vt-probe``), then until no plot image changed its
    size for ``stable_ms`` (the new PNGs reach the page)."""
    t_end = time.monotonic() + timeout
    while time.monotonic() < t_end:
        page_s = nbp.page.evaluate(JS_PANEL_STAMPS, PANEL)
        text = nbp.page.evaluate(JS_KERNEL_EXEC, KERNEL_PROBES)
        line = next((x for x in text.splitlines() if x.startswith("VTPROBE")), None)
        if line is None:
            break  # an older course_lib without the probe registry: fall back to waiting for stability
        if set(page_s) <= set(json.loads(line[7:])):
            break
        nbp.page.wait_for_timeout(300)
    _settle(nbp)
    last, since = None, time.monotonic()
    while time.monotonic() < t_end:
        cur = nbp.page.evaluate(JS_PLOT_SIZES, PANEL)
        if cur != last:
            last, since = cur, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= stable_ms:
            break
        nbp.page.wait_for_timeout(200)


def _settle(nbp) -> None:
    nbp.wait_idle()
    nbp.settle(quiet_ms=250, timeout=4)


def sweep_controls(nbp, max_controls: int = 12) -> tuple[dict, int]:
    """Move every slider, dropdown and toggle group of every ``.vt-live`` to its minimum and its
    maximum (as a keyboard/mouse user would); after each move check that panel and the kernel's
    plots. Returns (problems, number of states checked)."""
    res = empty()
    states = 0
    reveal_predictions(nbp)
    n_live = nbp.page.evaluate(f"() => document.querySelector('{PANEL}').querySelectorAll('.vt-live').length")
    for i in range(n_live):
        live = nbp.page.locator(f"{PANEL} .vt-live").nth(i)
        title = (live.locator("h4").first.text_content(timeout=2000) if live.locator("h4").count() else "") or f"#{i}"
        ctrls = nbp.page.evaluate(JS_CONTROLS, [PANEL, i])[:max_controls]
        for c in ctrls:
            el = live.locator(f'[data-vt-ctl="{c["k"]}"]').first
            for end in ("min", "max"):
                try:
                    el.scroll_into_view_if_needed(timeout=3000)
                    if c["kind"] == "slider":
                        el.focus()
                        el.press("Home" if end == "min" else "End")
                    elif c["kind"] == "select":
                        if c["n"] < 2:
                            continue
                        el.select_option(index=0 if end == "min" else c["n"] - 1)
                    else:
                        btns = el.locator("button")
                        if btns.count() < 2:
                            continue
                        (btns.first if end == "min" else btns.last).click()
                except Exception as exc:  # noqa: BLE001 - reported, the sweep goes on
                    res["cut"].append(f"vt-live {title!r}: could not move control {c['k']} to {end}: {str(exc)[:120]}")
                    continue
                _settle(nbp)
                tag = f"{title[:40]} · control {c['k']} at {end}"
                merge(res, page_problems(nbp, i), tag)
                clip, fonts = kernel_report(nbp)
                merge(res, {"clipped_artist": clip, "small_text": small_plot_text(nbp, fonts)}, tag)
                states += 1
    return res, states


def counts(r: dict) -> str:
    return " ".join(f"{k}={len(r.get(k, []))}" for k in KINDS)


def problems_text(r: dict, limit: int = 25) -> list[str]:
    out = []
    for k in KINDS:
        out += [f"{k}: {p}" for p in r.get(k, [])]
    return out[:limit] + ([f"… {len(out) - limit} more"] if len(out) > limit else [])


def timed(fn, *a, **kw):
    t0 = time.perf_counter()
    r = fn(*a, **kw)
    return r, time.perf_counter() - t0
