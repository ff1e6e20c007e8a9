"""Real-browser harness: an isolated JupyterLab server, headless Debian Chromium via
Playwright, and page helpers/checks for course notebooks.

Used by the browser tests (tests/browser/test_notebooks_browser.py) and by the in-browser part
of the benchmark (tests/browser/latency.py). The facts it relies on are measured and written
down in /work/shared/TESTING_NOTES.md (isolation, news pop-up, ``?reset``, kernel idle via the
app object, selectors). The JupyterLab UI is preset to German, so nothing here selects by UI
text: everything goes through ``window.jupyterapp`` (exposed with
``--LabApp.expose_app_in_browser``) and CSS classes of the course's widgets (see
course_lib/blocks/panel.py and liveplot.py).

All check functions *return* lists of human-readable problems instead of asserting, so the
harness self-test can prove that they detect real failures.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "artifacts" / "browser"  # screenshots of failures (gitignored)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
# (call, CSS class its cell's output must contain): a code cell calling ``call(`` must render it.
BLOCK_CALLS = [
    ("quiz.show", ".vt-quiz-item"),
    ("ex.task", ".vt-task"),
    ("reflection.show", ".vt-reflection"),
    ("poll.show", ".vt-poll"),
]

# Scope every selector to the notebook that is shown (other panels may be hidden in the DOM).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# Browser console errors that are not a defect of the course: (substring, why). Keep it short;
# every entry needs a reason a reviewer can check (and docs/TESTING.md lists them). Measured on
# JupyterLab 4.6.6 + ipywidgets 8.1.9 + Chromium 156: a clean notebook (open, run all, widgets
# driven) logs no console error at all, so the list is empty.
CONSOLE_ALLOW: list[tuple[str, str]] = []


# --------------------------------------------------------------------------------------------
# Chromium / Playwright availability
# --------------------------------------------------------------------------------------------
def browser_unavailable_reason() -> str | None:
    """None if the browser tests can run here, else a message saying how to enable them."""
    if not os.access(CHROMIUM, os.X_OK):
        return (f"Chromium not found at {CHROMIUM}: the real-browser tests cannot run. "
                "Enable them with `apt-get update && apt-get install -y chromium` (as root; "
                "never `playwright install`).")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("The Python package playwright is missing: run `make setup-test` "
                "(installs the test extras into .venv).")
    return None


# --------------------------------------------------------------------------------------------
# JupyterLab server
# --------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """An isolated JupyterLab (own config/settings/workspaces/runtime dirs and learner-data dir)
    serving ``root_dir``. Start with :meth:`start`, stop with :meth:`stop` (by PID)."""

    def __init__(self, root_dir: Path = ROOT, python: str = sys.executable, *, windowing: str | None = "none"):
        self.root_dir = Path(root_dir)
        self.python = python
        # "none" attaches every cell to the DOM (JupyterLab's default "contentVisibility" lets the
        # browser skip layout of off-screen cells, which makes visibility checks unreliable).
        self.windowing = windowing
        self.proc: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.port = 0
        self.token = ""
        self.data_dir: Path | None = None
        self.runtime_dir: Path | None = None
        self.log_path: Path | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def start(self, timeout: float = 90) -> "LabServer":
        import secrets

        self.tmp = Path(tempfile.mkdtemp(prefix="vt-lab-"))
        dirs = {k: self.tmp / k for k in ("config", "settings", "workspaces", "runtime", "data", "checkpoints")}
        for d in dirs.values():
            d.mkdir()
        self._write_settings(dirs["settings"])
        self.data_dir, self.runtime_dir = dirs["data"], dirs["runtime"]
        self.port = free_port()
        self.token = secrets.token_hex(16)
        env = os.environ.copy()
        env.update({
            "JUPYTER_CONFIG_DIR": str(dirs["config"]),
            "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
            "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
            "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            "VERTRIEB30_DATA_DIR": str(dirs["data"]),
            "PYTHONUNBUFFERED": "1",
        })
        cmd = [
            self.python, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.expose_app_in_browser=True",
            # JupyterLab creates a checkpoint when it opens a file: keep them out of the checkout
            f"--FileCheckpoints.checkpoint_dir={dirs['checkpoints']}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log_path = self.tmp / "server.log"
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     cwd=str(self.root_dir), start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early (code {self.proc.returncode}):\n{self.log_tail()}")
            try:
                self.api("GET", "api/status", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer /api/status within {timeout} s:\n{self.log_tail()}")

    def _write_settings(self, settings: Path) -> None:
        note = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
        # Never write a notebook back: the tests run all cells in the real checkout, and
        # JupyterLab's autosave (every 120 s) would store the browser's outputs into it.
        doc = settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
        doc.parent.mkdir(parents=True, exist_ok=True)
        doc.write_text(json.dumps({"autosave": False}), encoding="utf-8")
        if self.windowing:
            tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
            tracker.parent.mkdir(parents=True, exist_ok=True)
            tracker.write_text(json.dumps({"windowingMode": self.windowing}), encoding="utf-8")

    def stop(self) -> None:
        """Stop the server (and its kernels) by PID; remove the temp dirs."""
        if self.proc is not None and self.proc.poll() is None:
            pid = self.proc.pid
            try:
                import psutil

                children = psutil.Process(pid).children(recursive=True)
            except Exception:  # noqa: BLE001 - psutil missing or process gone
                children = []
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            for c in children:  # kernels the server could not shut down itself
                try:
                    c.kill()
                except Exception:  # noqa: BLE001 - already gone
                    pass
        self.proc = None
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-n:]
        except (OSError, AttributeError):
            return ""

    # -- REST -----------------------------------------------------------------------------
    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}{sep}token={self.token}"

    def api(self, method: str, path: str, body=None, timeout: float = 30):
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/{path.lstrip('/')}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def delete_sessions(self) -> None:
        """Delete every session (shuts its kernel down), so no kernel is reused."""
        for s in self.api("GET", "api/sessions") or []:
            try:
                self.api("DELETE", f"api/sessions/{s['id']}")
            except urllib.error.HTTPError:
                pass
        for k in self.api("GET", "api/kernels") or []:
            try:
                self.api("DELETE", f"api/kernels/{k['id']}")
            except urllib.error.HTTPError:
                pass

    def kernel_process(self, kernel_id: str):
        """The psutil.Process of a kernel: the server's child started with
        ``-f <runtime dir>/kernel-<id>.json``."""
        import psutil

        conn = f"kernel-{kernel_id}.json"
        for p in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                cmd = p.cmdline()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            for i, a in enumerate(cmd):
                if a == "-f" and i + 1 < len(cmd) and cmd[i + 1].endswith(conn):
                    return p
                if a.startswith("--f=") and a.endswith(conn):
                    return p
        raise LookupError(f"no kernel process with connection file {conn}")


# --------------------------------------------------------------------------------------------
# Browser session
# --------------------------------------------------------------------------------------------
class LabSession:
    """Server + Playwright + one Chromium + one browser context. Use as a context manager."""

    def __init__(self, root_dir: Path = ROOT, *, windowing: str | None = "none"):
        self.server = LabServer(root_dir, windowing=windowing)
        self._pw = None
        self.browser = None
        self.context = None

    def __enter__(self) -> "LabSession":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> "LabSession":
        from playwright.sync_api import sync_playwright

        reason = browser_unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        self.server.start()
        try:
            self._pw = sync_playwright().start()
            self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            self.context = self.browser.new_context(viewport={"width": 1366, "height": 1000}, locale="de-DE")
            self.context.set_default_timeout(30_000)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for obj, meth in ((self.context, "close"), (self.browser, "close"), (self._pw, "stop")):
            if obj is not None:
                try:
                    getattr(obj, meth)()
                except Exception:  # noqa: BLE001 - best effort teardown
                    pass
        self.context = self.browser = self._pw = None
        self.server.stop()

    def open(self, path: Path | str, *, timeout: float = 90, fail_screenshot: Path | None = None) -> "NotebookPage":
        return NotebookPage.open(self, path, timeout=timeout, fail_screenshot=fail_screenshot)


@dataclass
class ConsoleEntry:
    kind: str  # "console.error" or "pageerror"
    text: str

    def allowed_by(self) -> str | None:
        for needle, why in CONSOLE_ALLOW:
            if needle in self.text:
                return why
        return None


def relpath(path: Path | str) -> str:
    p = Path(path)
    p = p.resolve() if p.is_absolute() else (ROOT / p).resolve()
    return p.relative_to(ROOT).as_posix()


# JS snippets ---------------------------------------------------------------------------------
JS_READY = """(path) => {
  const app = window.jupyterapp; if (!app) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.context || w.context.path !== path || !w.content) return false;
  const k = w.sessionContext?.session?.kernel;
  return !!k && k.status === 'idle' && w.content.widgets.length > 0;
}"""

JS_IDLE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  return !!w && w.sessionContext?.session?.kernel?.status === 'idle';
}"""

JS_RUN_ALL = """async (ms) => {
  const app = window.jupyterapp;
  const run = app.commands.execute('notebook:run-all-cells');
  const timer = new Promise((_, rej) => setTimeout(() => rej(new Error('run-all did not finish within ' + ms + ' ms')), ms));
  const ok = await Promise.race([run, timer]);
  return ok === undefined ? null : ok;
}"""

# A fingerprint of everything rendered in the notebook: stable for a while = settled.
JS_FINGERPRINT = """(panel) => {
  const p = document.querySelector(panel); if (!p) return '';
  const outs = p.querySelectorAll('.jp-OutputArea-output').length;
  const widgets = p.querySelectorAll('.jupyter-widgets').length;
  const pending = p.querySelectorAll('.jp-InputPrompt').length ?
    [...p.querySelectorAll('.jp-InputPrompt')].filter(e => e.textContent.includes('*')).length : 0;
  return [outs, widgets, pending, p.innerHTML.length].join('/');
}"""

# Problems in outputs. Measured in JupyterLab 4.6: an ``error`` output renders with
# data-mime-type "application/vnd.jupyter.stderr" (there is no DOM node with the error mime
# type), so cell outputs are read from the output *models* (type "error"; stderr streams with
# a traceback). Output widgets keep their outputs in widget models, so inside widgets the DOM
# is scanned for stderr with a traceback. A widget whose model/view cannot be loaded renders
# as ``.jupyter-widgets-error-widget`` ("Click to show javascript error.").
JS_OUTPUT_PROBLEMS = """(panel) => {
  const p = document.querySelector(panel); const out = [];
  const cells = window.jupyterapp.shell.currentWidget.content.widgets;
  const cellOf = (el) => { for (let i = 0; i < cells.length; i++) if (cells[i].node.contains(el)) return i; return -1; };
  const short = (t) => String(t).replace(/\\x1b\\[[0-9;]*m/g, '').replace(/\\s+/g, ' ').trim().slice(0, 600);
  const TB = /Traceback \\(most recent call last\\)|^\\w+(Error|Exception):/m;
  cells.forEach((c, i) => {
    const outs = c.model.outputs; if (!outs) return;
    for (let j = 0; j < outs.length; j++) {
      const o = outs.get(j).toJSON();
      if (o.output_type === 'error') out.push(`cell ${i}: error output: ${short(o.ename + ': ' + o.evalue)}`);
      else if (o.output_type === 'stream' && o.name === 'stderr') {
        const t = Array.isArray(o.text) ? o.text.join('') : String(o.text);
        if (TB.test(t)) out.push(`cell ${i}: traceback on stderr: ${short(t)}`);
      }
    }
  });
  p.querySelectorAll('.jupyter-widgets [data-mime-type="application/vnd.jupyter.stderr"]').forEach(el => {
    if (TB.test(el.innerText)) out.push(`cell ${cellOf(el)}: traceback in a widget output: ${short(el.innerText)}`);
  });
  p.querySelectorAll('.jupyter-widgets-error-widget').forEach(el => {
    out.push(`cell ${cellOf(el)}: widget failed to render (error widget; details in the browser console)`);
  });
  for (const needle of ['Error displaying widget', 'Failed to load model class', 'Failed to create view']) {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let n; const seen = new Set();
    while ((n = walker.nextNode())) {
      if (n.textContent.includes(needle)) {
        const c = cellOf(n.parentElement);
        if (!seen.has(c)) { seen.add(c); out.push(`cell ${c}: widget error: ${short(n.parentElement.innerText)}`); }
      }
    }
  }
  return out;
}"""

JS_WIDGET_CELLS = """(indices) => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets; const missing = [];
  for (const i of indices) {
    const c = cells[i];
    if (!c) { missing.push(i); continue; }
    const ok = [...c.node.querySelectorAll('.jp-OutputArea .jupyter-widgets')].some(e =>
      !e.classList.contains('jupyter-widgets-error-widget') && !e.querySelector('.jupyter-widgets-error-widget'));
    if (!ok) missing.push(i);
  }
  return missing;
}"""

# Describe the first control of every .vt-live box (and the visible errors inside it), and tag
# it with data-vt-first so Python drives exactly that element. "First" = first visible control
# in DOM order over all .vt-controls of the panel; a panel may name the control to drive by
# giving that widget the CSS class "vt-primary" (e.g. when its first control by design does
# not change the view, such as a role dropdown that is only evaluated by a button).
JS_LIVES = """(panel) => {
  const p = document.querySelector(panel);
  const vis = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const SEL = '.noUi-handle, input[type=range], select, input[type=checkbox], input[type=radio], button, input[type=text], input[type=number], textarea';
  p.querySelectorAll('[data-vt-first]').forEach(e => e.removeAttribute('data-vt-first'));
  return [...p.querySelectorAll('.vt-live')].map((live, i) => {
    const title = (live.querySelector('h4')?.textContent || '').trim();
    const cands = [...live.querySelectorAll('.vt-controls')].flatMap(c => [...c.querySelectorAll(SEL)]).filter(vis);
    const primary = cands.filter(e => e.closest('.vt-primary'));
    let first = (primary.length ? primary : cands)[0];
    let kind = null, detail = {};
    if (first) {
      if (first.classList.contains('noUi-handle')) {
        kind = 'slider';
        detail = {now: first.getAttribute('aria-valuenow'), max: first.getAttribute('aria-valuemax'),
                  min: first.getAttribute('aria-valuemin')};
      } else if (first.type === 'range') {  // the course's accessible slider (blocks/a11yslider.py)
        kind = 'slider';
        detail = {now: first.value, max: first.max, min: first.min};
      } else if (first.tagName === 'SELECT') {
        kind = first.multiple ? 'multiselect' : 'select';
        detail = {index: first.selectedIndex, n: first.options.length};
      } else if (first.type === 'checkbox') kind = 'checkbox';
      else if (first.type === 'radio') { kind = 'radio'; first = first.closest('.widget-radio-box') || first.closest('.vt-choices') || first; }
      else if (first.tagName === 'BUTTON') {
        const group = first.closest('.widget-toggle-buttons');
        kind = group ? 'togglebuttons' : 'button';
        if (group) first = group;
      } else kind = 'text';
      first.setAttribute('data-vt-first', String(i));
    }
    return {index: i, title, kind, detail, primary: primary.length > 0,
            hasView: !!live.querySelector('.vt-view'),
            errors: [...live.querySelectorAll('.vt-msg-error')].filter(vis).map(e => e.innerText.trim().slice(0, 300))};
  });
}"""

# All .vt-view of a panel, as one string (a panel may have several views).
JS_VIEWS_HTML = """(l) => [...l.querySelectorAll('.vt-view')].map(v => v.innerHTML).join('\\u0000')"""

JS_VIEW_CHANGED = """([panel, i, before]) => {
  const l = document.querySelector(panel).querySelectorAll('.vt-live')[i];
  return !!l && [...l.querySelectorAll('.vt-view')].map(v => v.innerHTML).join('\\u0000') !== before;
}"""

JS_A11Y = """(panel) => {
  const p = document.querySelector(panel); const out = [];
  const vis = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
                     && getComputedStyle(e).display !== 'none';
  [...p.querySelectorAll('.vt-live')].forEach((live, i) => {
    const title = (live.querySelector('h4')?.textContent || '').trim();
    const boxes = [...live.querySelectorAll('.vt-controls')];
    if (!boxes.length) { out.push(`vt-live #${i} (${title}): no .vt-controls`); return; }
    const controls = boxes.flatMap(b => [...b.querySelectorAll('.noUi-handle, select, input, textarea, button')]).filter(vis);
    const seen = new Set();
    for (const c of controls) {
      if (c.tagName === 'BUTTON') {
        const t = (c.innerText || '').trim();
        if (!t) out.push(`vt-live #${i} (${title}): button without visible text (${c.className})`);
        continue;
      }
      const w = c.closest('.jupyter-widgets');
      if (!w || seen.has(w)) continue;
      seen.add(w);
      // ipywidgets labels, or the course's ChoiceList (a <fieldset> whose rows are <label>s)
      const labels = [...w.querySelectorAll('.widget-label, .widget-label-basic, .vt-choices label, .vt-choices legend')].filter(vis)
                       .map(l => l.innerText.trim()).filter(Boolean);
      const kind = (w.className.match(/widget-(slider|dropdown|checkbox|text|textarea|radio|select|toggle|int|float|combobox|color|date)[\\w-]*/) || ['?'])[0];
      if (!labels.length) out.push(`vt-live #${i} (${title}): control #${seen.size} (${kind}) without visible label`);
    }
  });
  p.querySelectorAll('.vt-plot img').forEach((img, k) => {
    if (!(img.getAttribute('alt') || '').trim()) out.push(`.vt-plot img #${k}: empty alt text`);
  });
  return out;
}"""


@dataclass
class NotebookPage:
    """One notebook opened in its own page (own kernel session)."""

    session: LabSession
    path: str  # relative to the server root
    page: object
    console: list[ConsoleEntry] = field(default_factory=list)
    run_ok: bool | None = None
    opened_s: float = 0.0
    run_s: float = 0.0

    @classmethod
    def open(cls, session: LabSession, path: Path | str, *, timeout: float = 90,
             fail_screenshot: Path | None = None) -> "NotebookPage":
        rel = relpath(path)
        session.server.delete_sessions()
        page = session.context.new_page()
        nbp = cls(session, rel, page)
        page.on("console", lambda m: m.type == "error" and nbp.console.append(ConsoleEntry("console.error", m.text)))
        page.on("pageerror", lambda e: nbp.console.append(ConsoleEntry("pageerror", str(e))))
        t0 = time.perf_counter()
        try:
            page.goto(session.server.url(f"lab/tree/{rel}?reset"), wait_until="domcontentloaded", timeout=timeout * 1000)
            page.wait_for_function(JS_READY, arg=rel, timeout=timeout * 1000, polling=100)
        except Exception:
            if fail_screenshot is not None:
                try:
                    nbp.screenshot(fail_screenshot)
                except Exception:  # noqa: BLE001
                    pass
            nbp.close()
            raise
        nbp.opened_s = time.perf_counter() - t0
        return nbp

    # -- state ----------------------------------------------------------------------------
    def wait_idle(self, timeout: float = 60) -> None:
        self.page.wait_for_function(JS_IDLE, timeout=timeout * 1000, polling=50)

    def settle(self, quiet_ms: int = 600, timeout: float = 20) -> None:
        """Wait until the rendered notebook stops changing for ``quiet_ms`` (widgets render
        asynchronously after the kernel is idle)."""
        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            fp = self.page.evaluate(JS_FINGERPRINT, PANEL)
            if fp != last:
                last, since = fp, time.monotonic()
            elif (time.monotonic() - since) * 1000 >= quiet_ms:
                return
            time.sleep(0.1)

    def run_all(self, timeout: float = 240) -> bool | None:
        t0 = time.perf_counter()
        self.run_ok = self.page.evaluate(JS_RUN_ALL, int(timeout * 1000))
        self.wait_idle(timeout)
        self.settle()
        self.run_s = time.perf_counter() - t0
        return self.run_ok

    def kernel_id(self) -> str:
        return self.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id")

    def notebook_json(self) -> dict:
        return json.loads((self.session.server.root_dir / self.path).read_text(encoding="utf-8"))

    # -- checks (return problem lists) ----------------------------------------------------
    def output_problems(self) -> list[str]:
        probs = list(self.page.evaluate(JS_OUTPUT_PROBLEMS, PANEL))
        if self.run_ok is False:
            probs.insert(0, "run-all reported a failed cell (execution stopped)")
        return probs

    def missing_widget_cells(self) -> list[int]:
        """Indices of code cells whose stored outputs have a widget view but that show no
        rendered widget in the browser (after run-all)."""
        nb = self.notebook_json()
        want = [i for i, c in enumerate(nb["cells"]) if c.get("cell_type") == "code"
                and any(WIDGET_VIEW_MIME in (o.get("data") or {}) for o in c.get("outputs") or [])]
        if not want:
            return []
        try:  # widgets may still be rendering on a slow machine
            self.page.wait_for_function(f"(ix) => ({JS_WIDGET_CELLS})(ix).length === 0", arg=want,
                                        timeout=15_000, polling=200)
        except Exception:  # noqa: BLE001 - report what is missing below
            pass
        return list(self.page.evaluate(JS_WIDGET_CELLS, want))

    def lives(self) -> list[dict]:
        return list(self.page.evaluate(JS_LIVES, PANEL))

    def live_locator(self, i: int):
        return self.page.locator(f"{PANEL} .vt-live").nth(i)

    def view_html(self, i: int) -> str:
        return self.live_locator(i).evaluate(JS_VIEWS_HTML)

    def change_first_control(self, info: dict) -> str:
        """Change the first control of ``.vt-live`` #i (tagged by :meth:`lives`) as a user
        would. Returns what was done."""
        el = self.live_locator(info["index"]).locator(f'[data-vt-first="{info["index"]}"]').first
        kind = info["kind"]
        el.scroll_into_view_if_needed()
        if kind == "slider":
            d = info["detail"]
            key = "ArrowLeft" if d.get("now") is not None and d.get("now") == d.get("max") else "ArrowRight"
            el.focus()
            el.press(key)
            return f"slider {key}"
        if kind in ("select", "multiselect"):
            n, cur = info["detail"]["n"], info["detail"]["index"]
            if n < 2:
                raise AssertionError("dropdown with fewer than 2 options cannot be changed")
            target = cur + 1 if cur + 1 < n else cur - 1
            el.select_option(index=target)
            return f"dropdown option {target}"
        if kind == "checkbox":
            el.click()
            return "checkbox click"
        if kind == "radio":
            el.locator("input[type=radio]:not(:checked)").first.click()
            return "radio click"
        if kind == "togglebuttons":
            el.locator("button:not(.mod-active)").first.click()
            return "toggle-buttons click"
        if kind == "button":
            el.click()
            return "button click"
        if kind == "text":
            old = el.input_value()
            try:
                new = str(float(old.replace(",", ".")) + 1)
            except ValueError:
                new = (old or "") + "x"
            el.fill(new)
            el.press("Enter")
            return "text input"
        raise AssertionError(f"no interactive control found in .vt-controls (kind={kind})")

    def exercise_live(self, info: dict, timeout: float = 8.0) -> list[str]:
        """Change the first control of one ``.vt-live`` and check that its ``.vt-view``
        changed and that no error message (``.vt-msg-error``) is shown. Returns problems."""
        from playwright.sync_api import TimeoutError as PwTimeout

        i = info["index"]
        label = f"vt-live #{i} ({info['title'] or 'ohne Titel'})"
        if info["errors"]:
            return [f"{label}: shows an error message before any interaction: {info['errors'][0]}"]
        if not info["hasView"]:
            return [f"{label}: has no .vt-view"]
        if info["kind"] is None:
            return [f"{label}: no visible control in .vt-controls"]
        before = self.view_html(i)
        try:
            action = self.change_first_control(info)
        except Exception as exc:  # noqa: BLE001 - reported as a problem
            return [f"{label}: could not change its first control ({info['kind']}): {exc}"]
        probs = []
        try:
            self.page.wait_for_function(JS_VIEW_CHANGED, arg=[PANEL, i, before], timeout=timeout * 1000, polling=100)
        except PwTimeout:
            probs.append(f"{label}: {action} did not change .vt-view within {timeout:g} s")
        self.wait_idle()
        self.settle(quiet_ms=300, timeout=5)
        errs = self.lives()[i]["errors"]
        if errs:
            probs.append(f"{label}: error message shown after {action}: {errs[0]}")
        return probs

    def block_problems(self) -> list[str]:
        """Code cells that call a course block by its usual name must render that block
        (contract classes from course_lib.blocks / course_lib.exercises)."""
        import re

        want = []
        for i, c in enumerate(self.notebook_json()["cells"]):
            if c.get("cell_type") != "code":
                continue
            src = "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
            for call, css in BLOCK_CALLS:
                if re.search(r"(?<![\w.])" + re.escape(call) + r"\(", src):
                    want.append([i, css, call])
        if not want:
            return []
        missing = self.page.evaluate("""(want) => {
          const cells = window.jupyterapp.shell.currentWidget.content.widgets;
          return want.filter(([i, css]) => !cells[i] || !cells[i].node.querySelector('.jp-OutputArea ' + css));
        }""", want)
        return [f"cell {i}: calls {call}(...) but shows no {css}" for i, css, call in missing]

    def a11y_problems(self) -> list[str]:
        return list(self.page.evaluate(JS_A11Y, PANEL))

    def keyboard_slider_problem(self, max_tabs: int = 12) -> str | None:
        """Tab from the start of the first .vt-live that has a slider must reach a slider
        handle, and ArrowRight (ArrowLeft at the maximum) must change its readout. Returns
        None if fine, a problem text otherwise; raises LookupError if there is no slider."""
        idx = self.page.evaluate(
            "(panel) => [...document.querySelector(panel).querySelectorAll('.vt-live')]"
            ".findIndex(l => l.querySelector('.vt-controls .noUi-handle, .vt-controls input[type=range]'))", PANEL)
        if idx < 0:
            raise LookupError("no .vt-live with a slider")
        live = self.live_locator(idx)
        live.scroll_into_view_if_needed()
        live.evaluate("l => { l.setAttribute('tabindex', '-1'); l.focus(); }")
        reached = None
        try:
            for n in range(1, max_tabs + 1):
                self.page.keyboard.press("Tab")
                state = live.evaluate("""l => { const a = document.activeElement;
                    return {inLive: l.contains(a), handle: !!a && (a.classList.contains('noUi-handle') || a.type === 'range')}; }""")
                if state["handle"] and state["inLive"]:
                    reached = n
                    break
        finally:
            live.evaluate("l => l.removeAttribute('tabindex')")
        if reached is None:
            return f"vt-live #{idx}: {max_tabs}× Tab from the panel start never focused a slider handle"
        widget = "document.activeElement.closest('.widget-slider, .vt-slider')"
        before = self.page.evaluate(f"() => {{ const w = {widget}; const r = w && w.querySelector('.widget-readout');"
                                    " const h = document.activeElement;"
                                    " return {readout: r ? r.innerText : null, now: h.type === 'range' ? h.value : h.getAttribute('aria-valuenow'),"
                                    " max: h.type === 'range' ? h.max : h.getAttribute('aria-valuemax')}; }")
        key = "ArrowLeft" if before["now"] is not None and before["now"] == before["max"] else "ArrowRight"
        self.page.keyboard.press(key)
        try:
            self.page.wait_for_function(
                f"(old) => {{ const w = {widget}; const r = w && w.querySelector('.widget-readout');"
                " return !!r && r.innerText !== old; }", arg=before["readout"], timeout=5000, polling=50)
        except Exception:  # noqa: BLE001
            return (f"vt-live #{idx}: {key} on the Tab-focused slider handle did not change its readout "
                    f"(still {before['readout']!r})")
        return None

    def console_problems(self) -> list[str]:
        return [f"{e.kind}: {e.text[:500]}" for e in self.console if e.allowed_by() is None]

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)

    def close(self) -> None:
        try:
            self.page.close()
        except Exception:  # noqa: BLE001
            pass
        try:
            self.session.server.delete_sessions()
        except Exception:  # noqa: BLE001 - server may be gone
            pass


def discover_notebooks() -> list[Path]:
    """Course notebooks the browser tests cover: notebooks/*.ipynb and exercises/*.ipynb."""
    out: list[Path] = []
    for folder in ("notebooks", "exercises"):
        d = ROOT / folder
        if d.is_dir():
            out += sorted(d.glob("*.ipynb"))
    return out


@contextmanager
def opened(session: LabSession, path, *, run: bool = True):
    nbp = session.open(path)
    try:
        if run:
            nbp.run_all()
        yield nbp
    finally:
        nbp.close()
