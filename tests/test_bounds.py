"""Bounds on stored values: lengths from the models, control characters, the actor's name."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import String, Text

from capaciteit.bounds import (
    ACTOR_COLUMNS,
    actor_problem,
    column_length,
    column_text_problem,
    forbidden_characters,
    is_finite_number,
    text_problem,
)
from capaciteit.storage.models import Base, CapacityRecord

CONTROL = "bevat een stuurteken ({}) dat niet kan worden opgeslagen; verwijder het"


def test_every_text_column_length_is_read_from_the_model():
    for table in Base.metadata.sorted_tables:
        model = next(m.class_ for m in Base.registry.mappers if m.local_table is table)
        for column in table.columns:
            if isinstance(column.type, Text):
                assert column_length(model, column.name) is None, column
            elif isinstance(column.type, String):
                assert column_length(model, column.name) == column.type.length > 0, column


@pytest.mark.parametrize(("value", "multi_line", "expected"), [
    ("Gemeente Amsterdam", False, None),
    ("a\x00b", False, CONTROL.format("U+0000")),
    ("a\tb", False, CONTROL.format("U+0009")),
    ("a\tb", True, None),
    ("a\r\nb", True, None),
    ("a\x0bb", True, CONTROL.format("U+000B")),  # vertical tab: no line of text
    ("a\x7fb", True, CONTROL.format("U+007F")),
    ("a\x9bb", True, CONTROL.format("U+009B")),
    ("a\ud800b", True, CONTROL.format("U+D800")),  # a lone surrogate cannot be UTF-8
    ("\U0001f693\u200d\u2642\ufe0f e\u0301", False, None),  # emoji sequences and accents
])
def test_control_characters_are_refused_except_line_breaks_in_multi_line_text(
        value, multi_line, expected):
    assert text_problem(value, None, multi_line=multi_line) == expected
    column = forbidden_characters(pd.Series([value, None, "ok"], dtype=object),
                                  multi_line=multi_line)
    assert column.tolist() == [expected is not None, False, False]
    if "\ud800" not in value:  # Arrow's text is UTF-8: an upload's column never holds one
        arrow = forbidden_characters(pd.Series([value, None, "ok"], dtype="string"),
                                     multi_line=multi_line)  # Arrow's search (RE2)
        assert arrow.tolist() == [expected is not None, False, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(max_codepoint=0x2FF, exclude_categories=["Cs"]),
                        max_size=6) | st.none(), max_size=8), st.booleans())
def test_arrow_text_and_python_objects_find_the_same_control_characters(values, multi_line):
    objects = forbidden_characters(pd.Series(values, dtype=object), multi_line=multi_line)
    arrow = forbidden_characters(pd.Series(values, dtype="string"), multi_line=multi_line)
    assert arrow.tolist() == objects.tolist()


def test_a_text_column_holds_line_breaks_and_a_string_column_does_not():
    assert column_text_problem(CapacityRecord, "note", "a\nb") is None
    assert column_text_problem(CapacityRecord, "organisation", "a\nb") == CONTROL.format(
        "U+000A")
    assert column_text_problem(CapacityRecord, "organisation", "x" * 255) is None
    assert column_text_problem(CapacityRecord, "organisation", "x" * 256) == (
        "is 256 tekens; de grens is 255")


def test_the_actor_must_fit_every_column_that_records_who_acted():
    limit = min(column_length(model, column) for model, column in ACTOR_COLUMNS)
    assert actor_problem("a" * limit) is None
    assert actor_problem("a" * (limit + 1)) == (
        "De naam of het e-mailadres van wie dit doet kan niet worden vastgelegd: het is "
        f"{limit + 1} tekens; de grens is {limit}.")
    recorded = {(m.__tablename__, c) for m, c in ACTOR_COLUMNS}
    named_by = {(t.name, c.name) for t in Base.metadata.sorted_tables for c in t.columns
                if c.name.endswith(("_by", "actor"))}
    assert named_by == recorded  # a new "…_by" column must join the list


@pytest.mark.parametrize(("value", "finite"), [
    (3, True), (2.5, True), (-0.0, True), (10**30, True), (float("inf"), False),
    (float("nan"), False), (True, False), ("3", False), (None, False)])
def test_only_real_finite_numbers_count_as_numbers(value, finite):
    import numpy as np

    assert is_finite_number(value) is finite
    if isinstance(value, float):
        assert is_finite_number(np.float64(value)) is finite
    if isinstance(value, int) and not isinstance(value, bool) and value < 2**63:
        assert is_finite_number(np.int64(value)) is finite
