"""course_lib – helper library of the course "Vertrieb 3.0 versus Kunde 3.0".

Layout (one place per topic):

* ``course_lib.mNN_<topic>/`` – one package per course module: ``model.py`` (pure functions
  and small classes, no ipywidgets), ``view.py`` (thin widget/plot layer) and ``data/``
  (quiz, reflection prompts, polls, exercise tasks, datasets). Tests: ``tests/test_mNN_*.py``.
* ``course_lib.blocks`` – shared widget building blocks (live plot, quiz, reflection, poll,
  messages, callback guard, plot style).
* ``course_lib.exercises`` – the exercise system (task checking, task widgets, progress,
  instructor handouts).
* ``course_lib.errors`` / ``format_de`` / ``schema`` / ``content`` / ``storage`` – the
  German error type, German number formats, data-file validation and loading, and
  learner-data storage.

Importing ``course_lib`` is cheap on purpose (memory per learner on a JupyterHub): this file
imports no submodule and no third-party package; every notebook imports only the modules it
needs. It checks once that the installed course_lib is not older than the notebooks need:
the notebooks folder records that version in ``notebooks/.course_version`` (the notebooks
come from git/nbgitpuller, course_lib from the installed package or image – they can drift
apart after a course update). An older course_lib shows a German notice in the first cell.
"""
import os as _os

__version__ = "0.2.0"
COURSE_VERSION_FILE = ".course_version"


def _vtuple(v: str) -> tuple[int, ...]:
    out = []
    for part in v.strip().split(".")[:3]:
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        out.append(int(digits or 0))
    return tuple(out + [0] * (3 - len(out)))


def required_version(start: str | None = None) -> str | None:
    """The course_lib version the notebooks next to ``start`` (default: the kernel's working
    folder, i.e. the notebook's folder) need, from ``.course_version`` in ``notebooks/``."""
    here = start or _os.getcwd()
    for d in (here, _os.path.join(_os.path.dirname(here), "notebooks")):
        f = _os.path.join(d, COURSE_VERSION_FILE)
        if _os.path.isfile(f):
            with open(f, encoding="utf-8") as fh:
                text = fh.read(40).strip()
            return text.splitlines()[0] if text else None
    return None


def version_notice(required: str | None, installed: str = __version__) -> str | None:
    """A German notice when the installed course_lib is older than ``required``; else None."""
    if not required or _vtuple(installed) >= _vtuple(required):
        return None
    return (f"Diese Kursnotebooks brauchen course_lib {required} oder neuer, installiert ist course_lib "
            f"{installed}. Manche Widgets oder Übungen funktionieren deshalb nicht oder anders als beschrieben. "
            "Was tun? Auf Ihrem Rechner: im Kursordner „pip install -c requirements/constraints.txt .“ "
            "erneut ausführen (oder „make lab“) und den Kernel neu starten. Auf dem JupyterHub: Sagen Sie "
            "Ihrer Kursleitung Bescheid – das Kurs-Image muss aktualisiert werden.")


def _check_version() -> None:
    try:
        msg = version_notice(required_version())
    except (OSError, ValueError, IndexError):
        return
    if not msg:
        return
    import sys

    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import HTML, display

        from .blocks.messages import box

        display(HTML(box("info", msg, title="Kursversion", role="alert")))
    else:
        import warnings

        warnings.warn(msg, stacklevel=3)


_check_version()
