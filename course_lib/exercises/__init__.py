"""The exercise system: task checking (pure), learner progress, task widgets, handouts.

Notebook use::

    from course_lib import exercises as ex
    from course_lib.exercises import ___      # the blank for optional code tasks
    ex.task("m05", "t1")                       # one task widget
    ex.check_code("m05", "t4", clv)            # check a fill-in-the-blank code result
"""
from .blank import ___, BLANK  # noqa: F401


def task(module_id: str, task_id: str):
    from .view import TaskView

    return TaskView(module_id, task_id)


def check_code(module_id: str, task_id: str, value):
    from .view import check_code as _cc

    return _cc(module_id, task_id, value)


def progress_overview():
    from .view import ProgressOverview

    return ProgressOverview()
