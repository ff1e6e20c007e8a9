"""Kill tests for course_lib/m00_start/model.py (mutation testing, issue #23): the warm-up model's
values, its defaults and the German messages for bad input."""
from __future__ import annotations

from course_lib.m00_start import model as m
from tests.test_kill_m00_m04_helpers import assert_range


def test_visits_per_day_values():
    assert m.visits_per_day(60) == 4                 # defaults: 45 min travel, 8 h → 480/105 = 4,57
    assert m.visits_per_day(75) == 4                 # 480/120 = 4 exactly: the whole day is used
    assert m.visits_per_day(30, 0, 1) == 2           # 60/30
    assert m.visits_per_day(45, 15, 12) == 12        # 720/60
    assert m.visits_per_day(5, 0, 12) == 144         # 720/5: hours are turned into minutes (· 60)
    assert m.visits_per_day(240, 240, 1) == 0        # nothing fits
    assert m.visits_per_day(50, 10) == 8             # 480/60; travel given, hours default
    assert m.visits_per_day(20, 40, 3) == 3          # 180/60
    assert m.visits_per_day(40, 20, 2.5) == 2        # 150/60 = 2,5
    assert isinstance(m.visits_per_day(60), int)


def test_ranges_and_labels():
    assert_range(lambda v: m.visits_per_day(v), "Minuten pro Gespräch", 5, 240, "min")
    assert_range(lambda v: m.visits_per_day(60, v), "Fahrzeit pro Besuch", 0, 240, "min")
    assert_range(lambda v: m.visits_per_day(60, 45, v), "Arbeitszeit", 1, 12, "h")
