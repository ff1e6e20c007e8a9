"""Warm-up model for 00_Start: how many customer visits fit into a working day.

visits = floor(working_hours / (minutes_per_visit + travel_minutes) * 60) – a deliberately
simple first model so that learners practise moving a slider and reading a plot.
"""
from __future__ import annotations

import math

from ..errors import check_number


def visits_per_day(minutes_per_visit: float, travel_minutes: float = 45.0, working_hours: float = 8.0) -> int:
    """Whole customer visits that fit into a working day (0 if none fits)."""
    m = check_number(minutes_per_visit, "Minuten pro Gespräch", 5, 240, unit="min")
    t = check_number(travel_minutes, "Fahrzeit pro Besuch", 0, 240, unit="min")
    h = check_number(working_hours, "Arbeitszeit", 1, 12, unit="h")
    return int(math.floor(h * 60 / (m + t) + 1e-9))
