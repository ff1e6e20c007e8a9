"""In-browser part of the benchmark (``make benchmark``): how long a learner waits from a slider
step to the new output on screen, and how much memory a kernel needs after "run all".

Not a test (nothing here asserts timings). Used by the benchmark command; also runnable:

    .venv/bin/python -m tests.browser.latency                      # naive reference + memory
    .venv/bin/python -m tests.browser.latency notebooks/04_CEM.ipynb --steps 15 --json out.json

Method (per ``.vt-live`` whose controls contain a slider):

* Before each step a ``MutationObserver`` is installed on the panel's ``.vt-view`` and a
  capturing ``keydown`` listener on the slider handle (``performance.now()`` is also taken just
  before the key press, as a fallback start).
* The step: ``ArrowRight`` / ``ArrowLeft`` alternately on the focused ``.noUi-handle`` (starting
  with ``ArrowLeft`` at the maximum), i.e. exactly what a keyboard user does.
* End: the view contains a new ``<img>`` (a new ``src``; for views without images: any
  change of its HTML), the new image is decoded (``img.decode()``), then one
  ``requestAnimationFrame`` – an approximation of "painted".
* latency = end − keydown time stamp (in the page's clock, so Playwright's own round trips are
  not counted). Between steps the harness waits for the kernel to be idle and 100 ms more.
* ``steps`` steps, the first ``discard`` (warm-up) are dropped; median and p95 (nearest rank).

Naive reference: tests/browser/fixtures/naive_reference.ipynb draws the same line plot with the
common pattern (FloatSlider + Output, ``clear_output(wait=True)``, new figure, ``plt.show()``)
and with LivePanel/LivePlot; :func:`measure_reference` returns both and their ratio.

Memory: after "run all", the kernel process is found by its connection file (``-f
.../kernel-<id>.json``, id from the page) among the server's children; PSS/USS/RSS via psutil.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .harness import FIXTURES, PANEL, LabSession, relpath

NAIVE_REFERENCE = FIXTURES / "naive_reference.ipynb"
BARE_IMPORTS = FIXTURES / "bare_imports.ipynb"

# The slider to step: the first one in the panel's controls (a ".vt-primary" slider wins).
_JS_HANDLE = """(c) => c.querySelector('.vt-primary .noUi-handle, .vt-primary input[type=range]')
                      || c.querySelector('.vt-controls .noUi-handle, .vt-controls input[type=range]')
                      || c.querySelector('.noUi-handle, input[type=range]')"""

_JS_INSTALL = """([panel, containerSel, idx, viewSel, timeoutMs]) => {
  const c = document.querySelector(panel).querySelectorAll(containerSel)[idx];
  const views = [...c.querySelectorAll(viewSel)];
  const handle = (%s)(c);
  const imgsNow = () => views.flatMap(v => [...v.querySelectorAll('img')]);
  const html = () => views.map(v => v.innerHTML).join('\\u0000');
  const srcs = new Set(imgsNow().map(i => i.src));
  const hadImg = srcs.size > 0;
  const beforeHTML = html();
  const st = {tBefore: null, tKey: null};
  const stamp = () => { if (st.tKey === null) st.tKey = performance.now(); };
  if (handle) handle.addEventListener('keydown', stamp, {capture: true, once: true});
  else ['pointerdown', 'mousedown', 'keydown', 'input', 'change', 'click'].forEach(
    ev => c.addEventListener(ev, stamp, {capture: true, once: true}));  // the user's action, as the browser saw it
  const fresh = () => {
    if (hadImg) {
      const f = imgsNow().filter(i => i.src && !srcs.has(i.src));
      return f.length ? f : null;
    }
    return html() !== beforeHTML ? [] : null;
  };
  window.__vtLatency = new Promise((resolve) => {
    let done = false;
    const mo = new MutationObserver(() => {
      if (done) return;
      const imgs = fresh(); if (!imgs) return;
      done = true; mo.disconnect();
      const tChange = performance.now();
      Promise.all(imgs.map(i => i.decode().catch(() => null))).then(() => requestAnimationFrame(() => {
        resolve(Object.assign({}, st, {tChange, tPaint: performance.now()}));
      }));
    });
    views.forEach(v => mo.observe(v, {subtree: true, childList: true, attributes: true, characterData: true}));
    setTimeout(() => { if (!done) { done = true; mo.disconnect(); resolve(Object.assign({}, st, {timeout: true})); } },
               timeoutMs);
  });
  st.tBefore = performance.now();
  return true;
}""" % _JS_HANDLE

_JS_HANDLE_STATE = """([panel, containerSel, idx]) => {
  const c = document.querySelector(panel).querySelectorAll(containerSel)[idx];
  const h = c && (%s)(c);
  if (!h) return null;
  h.setAttribute('data-vt-bench', '1');
  return h.type === 'range' ? {now: h.value, max: h.max} : {now: h.getAttribute('aria-valuenow'), max: h.getAttribute('aria-valuemax')};
}""" % _JS_HANDLE



def _p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(0.95 * len(s)) - 1)]


def _summary(samples: list[float], change: list[float]) -> dict:
    return {
        "samples_ms": [round(x, 1) for x in samples],
        "median_ms": round(statistics.median(samples), 1) if samples else None,
        "p95_ms": round(_p95(samples), 1) if samples else None,
        "min_ms": round(min(samples), 1) if samples else None,
        # time until the DOM changed (before image decode + frame), for diagnosis
        "dom_change_median_ms": round(statistics.median(change), 1) if change else None,
    }


@contextmanager
def lab_session(session: LabSession | None = None):
    """Reuse ``session`` or start one (learner-default JupyterLab settings) for the block."""
    if session is not None:
        yield session
        return
    s = LabSession(windowing=None).start()
    try:
        yield s
    finally:
        s.stop()


def _timed_changes(nbp, steps: int, discard: int, act) -> dict:
    """``steps`` times: wait for an idle kernel, ``act(k)`` (install the probe, change the control),
    read the probe. Returns the summary of the samples after the first ``discard``, with the
    number of timeouts and how many samples start at the captured DOM event (``tKey``)."""
    samples, change, timeouts, from_event = [], [], 0, 0
    for k in range(steps):
        nbp.wait_idle()
        time.sleep(0.1)
        act(k)
        r = nbp.page.evaluate("() => window.__vtLatency")
        if r.get("timeout"):
            timeouts += 1
            continue
        t0 = r["tKey"] if r.get("tKey") is not None else r["tBefore"]
        if k >= discard:
            from_event += r.get("tKey") is not None
            samples.append(r["tPaint"] - t0)
            change.append(r["tChange"] - t0)
    nbp.wait_idle()
    out = _summary(samples, change)
    out["timeouts"] = timeouts
    out["starts_at_keydown"] = from_event  # of len(samples); the rest start at the pre-press stamp
    return out


def _measure_widget(nbp, container_sel: str, idx: int, view_sel: str, steps: int, discard: int,
                    timeout_s: float = 15) -> dict:
    page = nbp.page
    state = page.evaluate(_JS_HANDLE_STATE, [PANEL, container_sel, idx])
    handle = page.locator(f"{PANEL} {container_sel}").nth(idx).locator("[data-vt-bench]").first
    handle.scroll_into_view_if_needed()
    keys = ("ArrowLeft", "ArrowRight") if state and state["now"] == state["max"] else ("ArrowRight", "ArrowLeft")

    def press(k):
        page.evaluate(_JS_INSTALL, [PANEL, container_sel, idx, view_sel, int(timeout_s * 1000)])
        handle.press(keys[k % 2])

    return _timed_changes(nbp, steps, discard, press)


def _measure_generic(nbp, idx: int, steps: int, discard: int, timeout_s: float = 15) -> dict:
    """Control change → new view painted for a panel whose first control is not a slider
    (dropdown, checkbox, radio, button …), changed as a user would (harness
    ``change_first_control``). Timed from the first DOM event of the action in the panel
    (pointerdown/keydown/input/change/click, captured), like the slider's keydown stamp."""
    kinds = set()

    def change(k):
        info = nbp.lives()[idx]  # fresh state: which option is selected now
        nbp.page.evaluate(_JS_INSTALL, [PANEL, ".vt-live", idx, ".vt-view", int(timeout_s * 1000)])
        kinds.add(nbp.change_first_control(info))

    out = _timed_changes(nbp, steps, discard, change)
    out["action"] = ", ".join(sorted(kinds))
    return out


def _open_run(s: LabSession, path):
    nbp = s.open(path)
    nbp.run_all()
    if nbp.run_ok is False:
        problems = nbp.output_problems()
        nbp.close()
        raise RuntimeError(f"{relpath(path)}: run all failed in the browser: {problems[:3]}")
    return nbp


def measure_notebook(path, steps: int = 15, discard: int = 2, session: LabSession | None = None) -> dict:
    """Slider step → new output painted, for every ``.vt-live`` with a slider in ``path``.

    Returns ``{"notebook", "steps", "discard", "widgets": [{"index", "title", "median_ms",
    "p95_ms", "samples_ms", ...}], "skipped": [{"index", "title", "reason"}]}``."""
    with lab_session(session) as s:
        nbp = _open_run(s, path)
        try:
            result = {"notebook": nbp.path, "steps": steps, "discard": discard, "widgets": [], "skipped": []}
            for info in nbp.lives():
                has_slider = nbp.live_locator(info["index"]).locator(".vt-controls .noUi-handle, .vt-controls input[type=range]").count() > 0
                if not info["hasView"] or info["kind"] is None:
                    result["skipped"].append({"index": info["index"], "title": info["title"], "reason": "no .vt-view or no control"})
                    continue
                if not has_slider:
                    probe = _measure_generic(nbp, info["index"], 1, 0, timeout_s=3)
                    if probe["timeouts"]:
                        result["skipped"].append({"index": info["index"], "title": info["title"],
                                                  "reason": f"its first control ({info['kind']}) does not change the view"})
                        continue
                    m = _measure_generic(nbp, info["index"], steps, discard)
                    result["widgets"].append({"index": info["index"], "title": info["title"], **m})
                    continue
                probe = _measure_widget(nbp, ".vt-live", info["index"], ".vt-view", 1, 0, timeout_s=3)
                if probe["timeouts"]:  # e.g. a setting that only takes effect on the next trial
                    result["skipped"].append({"index": info["index"], "title": info["title"],
                                              "reason": "a slider step does not change the view"})
                    continue
                m = _measure_widget(nbp, ".vt-live", info["index"], ".vt-view", steps, discard)
                result["widgets"].append({"index": info["index"], "title": info["title"], **m})
            return result
        finally:
            nbp.close()


def measure_reference(steps: int = 15, discard: int = 2, session: LabSession | None = None) -> dict:
    """The same line plot, naive pattern vs. LivePanel/LivePlot, in one notebook.
    ``ratio_median`` < 1 means our widget is faster."""
    with lab_session(session) as s:
        nbp = _open_run(s, NAIVE_REFERENCE)
        try:
            naive = _measure_widget(nbp, ".vt-naive-ref", 0, ".vt-naive-view", steps, discard)
            live = _measure_widget(nbp, ".vt-live", 0, ".vt-view", steps, discard)
        finally:
            nbp.close()
    ratio = (lambda a, b: round(a / b, 2) if a and b else None)
    return {"notebook": relpath(NAIVE_REFERENCE), "steps": steps, "discard": discard,
            "livepanel": live, "naive": naive,
            "ratio_median": ratio(live["median_ms"], naive["median_ms"]),
            "ratio_p95": ratio(live["p95_ms"], naive["p95_ms"])}


def kernel_memory_after_run_all(path, session: LabSession | None = None) -> dict:
    """PSS/USS/RSS (MB) of the notebook's kernel process after "run all" in the browser."""
    with lab_session(session) as s:
        nbp = _open_run(s, path)
        try:
            proc = s.server.kernel_process(nbp.kernel_id())
            mem = proc.memory_full_info()
            mb = lambda b: round(b / 2**20, 1)  # noqa: E731
            return {"notebook": nbp.path, "pid": proc.pid, "pss_mb": mb(getattr(mem, "pss", 0)) or None,
                    "uss_mb": mb(mem.uss), "rss_mb": mb(mem.rss)}
        finally:
            nbp.close()


def bare_kernel_memory(session: LabSession | None = None) -> dict:
    """The floor: a kernel that only imported ipywidgets, matplotlib, numpy, pandas."""
    return kernel_memory_after_run_all(BARE_IMPORTS, session=session)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Slider-to-paint latency and kernel memory in JupyterLab + Chromium.")
    ap.add_argument("notebooks", nargs="*", help="notebooks to measure (default: only the naive reference)")
    ap.add_argument("--steps", type=int, default=15)
    ap.add_argument("--discard", type=int, default=2)
    ap.add_argument("--no-memory", action="store_true", help="skip the kernel memory measurements")
    ap.add_argument("--json", help="also write all results to this JSON file")
    a = ap.parse_args(argv)
    out: dict = {"notebooks": [], "memory": []}
    with lab_session() as s:
        ref = measure_reference(a.steps, a.discard, session=s)
        out["reference"] = ref
        print(f"reference ({ref['steps'] - ref['discard']} steps): LivePlot median {ref['livepanel']['median_ms']} ms, "
              f"p95 {ref['livepanel']['p95_ms']} ms | naive median {ref['naive']['median_ms']} ms, "
              f"p95 {ref['naive']['p95_ms']} ms | ratio median {ref['ratio_median']}, p95 {ref['ratio_p95']}")
        for nb in a.notebooks:
            r = measure_notebook(nb, a.steps, a.discard, session=s)
            out["notebooks"].append(r)
            for w in r["widgets"]:
                print(f"{r['notebook']} #{w['index']} {w['title']!r}: median {w['median_ms']} ms, p95 {w['p95_ms']} ms"
                      + (f", {w['timeouts']} timeouts" if w["timeouts"] else ""))
            for w in r["skipped"]:
                print(f"{r['notebook']} #{w['index']} {w['title']!r}: skipped ({w['reason']})")
        if not a.no_memory:
            for nb in [BARE_IMPORTS, *a.notebooks]:
                m = kernel_memory_after_run_all(nb, session=s)
                out["memory"].append(m)
                print(f"kernel memory after run all, {m['notebook']}: PSS {m['pss_mb']} MB, USS {m['uss_mb']} MB, "
                      f"RSS {m['rss_mb']} MB")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
