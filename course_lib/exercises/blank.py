"""The ``___`` blank of fill-in-the-blank code tasks.

A notebook can be stored executed with its blanks unfilled: any arithmetic with ``___``
gives ``___`` again, and :func:`course_lib.exercises.check_code` then asks the learner to fill
the gaps instead of raising an error.
"""


class _Blank:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "___"

    def _absorb(self, *_args, **_kwargs):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _absorb
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __pow__ = __rpow__ = _absorb
    __mod__ = __rmod__ = __neg__ = __pos__ = __abs__ = __call__ = __getitem__ = _absorb
    __round__ = _absorb

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __iter__(self):
        return iter(())

    def __bool__(self) -> bool:
        return False


BLANK = _Blank()
___ = BLANK


def contains_blank(value) -> bool:
    if value is BLANK:
        return True
    if isinstance(value, (list, tuple)):
        return any(contains_blank(v) for v in value)
    return False
