"""The course's live widgets, found from the module list: every ``WIDGETS`` factory of every
module's ``view.py``. One registry for the benchmark (course_lib.authoring.benchmark), the
widget fuzz test and the invariant tests, so none of them imports another."""
from __future__ import annotations

import importlib
from typing import Callable, Iterator


def widget_factories() -> Iterator[tuple[str, str, Callable]]:
    """(module id, widget name, factory) for every registered live widget, in course order."""
    from . import content

    for m in content.modules():
        try:
            view = importlib.import_module(f"course_lib.{m['package']}.view")
        except ModuleNotFoundError as exc:
            if exc.name != f"course_lib.{m['package']}.view":
                raise  # a broken import inside a view must not hide its widgets
            continue
        for name, factory in getattr(view, "WIDGETS", {}).items():
            yield m["id"], name, factory
