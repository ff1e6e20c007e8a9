"""The course's kernel on a JupyterHub: ipykernel without the debugger (debugpy).

ipykernel imports debugpy (JupyterLab's visual debugger) in every kernel at start
(``ipykernel/debugger.py``: ``from debugpy.server import api``) – ≈ 7 MB USS per kernel,
two kernels per learner. Learners of this course never use the debugger. This launcher
blocks the import (``sys.modules["debugpy"] = None``: ipykernel then treats debugpy as not
installed, ``ipykernel.debugger._is_debugpy_available`` is False, the kernel does not
announce the "debugger" feature and JupyterLab's debugger button stays unavailable) and
then starts the kernel exactly as ``python -m ipykernel_launcher`` does. Everything else
(widgets, plots, ``%debug``/``breakpoint()`` with IPython's pdb) is unchanged.

Used by the hub recipes through the kernel spec ``deploy/jupyter/kernels/python3/kernel.json``
(``JUPYTER_PATH`` puts it before ipykernel's own "python3"); ``make lab`` and
``vertrieb30-lab`` keep ipykernel's spec with the debugger.

    python -m course_lib.hubkernel -f {connection_file}
"""
import sys
from pathlib import Path


def main() -> None:
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # "import debugpy" raises ImportError
    # ``python -m course_lib.hubkernel`` has imported the package course_lib to find this
    # module – before the kernel existed. Forget it, so that the notebook's first
    # ``import course_lib`` runs its version check inside the kernel and shows a German
    # notice in the cell (course_lib/__init__.py) instead of a warning in the server log.
    for name in [m for m in sys.modules if m == "course_lib" or m.startswith("course_lib.")]:
        del sys.modules[name]
    # as ipykernel_launcher: the working folder leaves sys.path while ipykernel is imported
    # (InteractiveShellApp.init_path puts it back)
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
