"""More kill tests for course_lib/m04_cem/model.py (mutation testing, issue #23): the survivors
of the first m04 run – the cut line in the scale note, customers exactly on the cut line in the
portfolio, the clean copy of a customer table and the names of the shipped example customers."""
from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from course_lib import content
from course_lib.errors import CourseInputError
from course_lib.m04_cem import model as m
from tests.test_kill_m00_m04_helpers import error_of


def test_scale_note_prints_the_cut_line_with_one_decimal():
    x = m.matrix_position(5.1, 5.1, 5.26)             # "ende" at 5,26, "partner" at the middle 5
    assert (x.quadrant, x.quadrant_mitte) == ("ende", "partner")
    assert x.massstab.startswith("Mit Ihrer Schnittlinie 5,3 liegt dieser Kunde im Feld „Beziehungsende“; "), x.massstab
    assert m.matrix_position(4.9, 4.9, 4.74).massstab.startswith("Mit Ihrer Schnittlinie 4,7 liegt dieser Kunde im Feld „Partner“; ")


def test_portfolio_a_personal_rating_on_the_cut_line_counts_as_reached():
    df = pd.DataFrame({"kunde": ["Auf der Linie", "Darunter", "Beide auf der Linie"], "produkt": [5] * 3,
                       "verkaeufer": [5] * 3, "unternehmen": [5] * 3,
                       "fachlich": [8, 8, 6.5], "persoenlich": [6.5, 6.4, 6.5]})
    out = m.portfolio(df, 6.5).set_index("kunde")
    assert out.loc["Auf der Linie", "quadrant"] == "partner" == m.quadrant(8, 6.5, 6.5)
    assert out.loc["Beide auf der Linie", "quadrant"] == "partner"
    assert out.loc["Darunter", "quadrant"] == "lieferant"
    assert list(out["gefaehrdet"]) == [True, False, False]          # only the one below the line is at risk
    low = m.portfolio(df.assign(fachlich=[2, 2, 2]), 6.5).set_index("kunde")
    assert low.loc["Auf der Linie", "label"] == "Sympathieträger ohne Leistung"
    assert low.loc["Darunter", "label"] == "Beziehungsende"


def test_clean_copy_keeps_the_columns_of_the_learner_table():
    raw = pd.DataFrame({"kunde": ["A", "B"], "produkt": [8, 7], "verkaeufer": [8.0, 7.5], "unternehmen": [8, 7],
                        "fachlich": [8, 3], "persoenlich": [8, 3], "notiz": ["x", "y"]}).set_index(pd.Index([5, 9]))
    out = m.check_customers(raw)
    assert list(out.columns) == list(raw.columns)      # no extra "index" column from the old row labels
    assert list(out.index) == [0, 1] and list(out["kunde"]) == ["A", "B"] and list(out["notiz"]) == ["x", "y"]
    shipped = m.beispielkunden()
    assert list(shipped.columns) == ["kunde", "branche", "produkt", "verkaeufer", "unternehmen", "fachlich",
                                     "persoenlich", "notiz"]


def test_example_customer_names_are_read_as_text(monkeypatch, tmp_path):
    # a customer whose name looks like a number ("1001", "0815") keeps it as written
    (tmp_path / m.CUSTOMER_FILE).write_text(
        "kunde,produkt,verkaeufer,unternehmen,fachlich,persoenlich\n1001,8,8,8,8,8\n0815,3,4,5,2,4\n", "utf-8")
    monkeypatch.setattr(content, "data_path", lambda module_id, filename: tmp_path / filename)
    df = m.beispielkunden()
    assert list(df["kunde"]) == ["1001", "0815"]
    assert list(m.portfolio(df)["kunde"]) == ["0815", "1001"]


def test_example_customer_without_a_name_gets_the_german_message(monkeypatch, tmp_path):
    (tmp_path / m.CUSTOMER_FILE).write_text(
        "kunde,produkt,verkaeufer,unternehmen,fachlich,persoenlich\n1001,8,8,8,8,8\n,3,4,5,2,4\n", "utf-8")
    monkeypatch.setattr(content, "data_path", lambda module_id, filename: tmp_path / filename)
    exc = error_of(m.beispielkunden)
    assert (exc.message, exc.hint) == ("Jeder Kunde braucht einen Namen in der Spalte „kunde“.",
                                       "Bitte tragen Sie die fehlenden Namen ein.")


@pytest.mark.parametrize("read", [{"dtype": "string"}, {"dtype_backend": "numpy_nullable"}])
def test_text_typed_table_with_a_no_break_space_before_a_number(read):
    # a cell copied from a spreadsheet („\u00a08“) in a table read with pandas' text/nullable types
    csv = "kunde,produkt,verkaeufer,unternehmen,fachlich,persoenlich\nA,\u00a08,8,8,8,8\nB,,7,7,7,\n"
    df = pd.read_csv(io.StringIO(csv), **read)
    out = m.check_customers(df)
    assert out["produkt"].iloc[0] == 8.0 and math.isnan(out["produkt"].iloc[1])
    assert math.isnan(out["persoenlich"].iloc[1]) and list(out["fachlich"]) == [8.0, 7.0]
    ranked = m.portfolio(df)                       # B lacks the personal rating: "offen", before the partner A
    assert list(ranked["kunde"]) == ["B", "A"] and list(ranked["quadrant"]) == ["offen", "partner"]


@pytest.mark.parametrize("values", [
    pd.Series([8, 1 + 0j], dtype=object), pd.Series([8, 1 + 2j], dtype=object), pd.Series([8, complex(3, 0), None], dtype=object),
    pd.Series([pd.Period("2024-01", "M"), pd.Period("2024-02", "M")]), pd.Series([pd.Period("1970-01", "M"), None]),
    pd.Series([pd.Timestamp(0), None], dtype=object), pd.Series([pd.Timedelta(0), pd.NaT]), pd.Series([8, pd.NaT], dtype=object),
])
def test_odd_cell_values_give_a_german_message_or_a_float_column(values):
    # whatever sits in a rating column: the table comes back with float ratings 0–10 (empty = NaN)
    # or the learner reads a German message naming the column – never a crash, never other types
    n = len(values)
    df = pd.DataFrame({"kunde": [f"K{i}" for i in range(n)], "produkt": values.array, "verkaeufer": [5.0] * n,
                       "unternehmen": [5] * n, "fachlich": [5] * n, "persoenlich": [5.0] * n})
    try:
        out = m.check_customers(df)
    except CourseInputError as exc:
        assert "„produkt“" in exc.message and exc.hint
        return
    assert all(out[c].dtype == np.float64 for c in m.RATING_COLUMNS), out.dtypes
    finite = out["produkt"].dropna()
    assert ((finite >= 0) & (finite <= 10)).all()
    assert m.portfolio(df)["fachlich"].dtype == np.float64
