"""Every mistake in a notebook gets one plain sentence: what was wrong and what is allowed.

Typos in keyword arguments are refused with the closest valid name, built-in names are
suggested among the ones that fit the widget, bad data names the column or the value at
fault, long input is cut in the echo, and the refusal is the public ``fh.SettingError``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import traitlets

import foghill as fh
from foghill.engine import hills


def refusal(make: Any) -> fh.SettingError:
    """The SettingError ``make()`` raises (the test fails if it raises nothing)."""
    with pytest.raises(fh.SettingError) as refused:
        make()
    return refused.value


def one_sentence(text: str) -> None:
    assert "\n" not in text
    assert not text.endswith(".")
    assert "Traceback" not in text
    assert "<" not in text


# ---- typos in keyword arguments ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind", "typo", "meant"),
    [
        (lambda: fh.Hill("foggy", lr=0.1), "Hill", "lr", "learning_rate"),
        (lambda: fh.StepDial(learning_rat=0.1), "StepDial", "learning_rat", "learning_rate"),
        (lambda: fh.LineFit(lr=0.1), "LineFit", "lr", "learning_rate"),
        (lambda: fh.LineFit(x=[1, 2], y=[1, 2], maxsteps=9), "LineFit", "maxsteps", "max_steps"),
        (lambda: fh.Digits(lr=0.1), "Digits", "lr", "learning_rate"),
        (lambda: fh.Spam(batchsize=8), "Spam", "batchsize", "batch_size"),
        (lambda: fh.NextWord(words="ball"), "NextWord", "words", "word"),
        (lambda: fh.Ratings(optimiser="adam"), "Ratings", "optimiser", "optimizer"),
        (lambda: fh.Surface("himmelblau", lr=0.01), "Surface", "lr", "learning_rate"),
        (lambda: fh.Race("saddle", optimisers=["gd"]), "Race", "optimisers", "optimizers"),
        (lambda: fh.StepRace("bowl", rates=[0.1]), "StepRace", "rates", "learning_rates"),
        (lambda: fh.Sweep("bowl", strat=2.0), "Sweep", "strat", "start"),
        (lambda: fh.Rule(of=fh.Hill(), off=1), "Rule", "off", "of"),
    ],
)
def test_an_unknown_keyword_is_refused_with_the_closest_name(
    make: Any, kind: str, typo: str, meant: str
) -> None:
    words = str(refusal(make))
    assert words.startswith(f'{kind} has no setting "{typo}" (did you mean {meant}?)'), words
    one_sentence(words)


def test_an_unknown_keyword_with_nothing_close_lists_the_settings() -> None:
    words = str(refusal(lambda: fh.Hill(colour="red")))
    assert words == (
        'Hill has no setting "colour"; its settings are: hill, formula, domain, start, '
        "learning_rate, optimizer, max_steps"
    )


def test_ipywidgets_own_settings_are_still_accepted() -> None:
    import ipywidgets

    w = fh.Hill("foggy", layout=ipywidgets.Layout(width="300px"))
    assert w.layout.width == "300px"


def test_training_settings_from_python_refuse_typos_too() -> None:
    digits = fh.Digits()
    words = str(refusal(lambda: digits.train(lr=0.1)))
    assert words.startswith('Digits has no setting "lr" (did you mean learning_rate?)')
    assert not hasattr(digits, "lr")  # nothing set in silence


def test_the_classifier_refuses_typos_in_the_same_words() -> None:
    X = np.r_[np.zeros((4, 2)), np.ones((4, 2))]  # noqa: N806
    labels = ["a"] * 4 + ["b"] * 4
    words = str(refusal(lambda: fh.Classifier(X, labels, hiden=1)))
    assert words.startswith('Classifier has no setting "hiden" (did you mean hidden?)'), words
    c = fh.Classifier(X, labels)
    words = str(refusal(lambda: c.train(lr=0.1)))
    assert words.startswith('Classifier has no setting "lr" (did you mean learning_rate?)')


# ---- built-in names ----------------------------------------------------------------------------


def test_a_misspelt_surface_suggests_a_surface_and_lists_the_surfaces() -> None:
    words = str(refusal(lambda: fh.Surface("himmelblue")))
    two_d = [n for n in hills.NAMES if hills.by_name(n).dims == 2]
    assert words == (
        'there is no surface called "himmelblue" (did you mean himmelblau?); '
        f"the 2-D surfaces are: {', '.join(two_d)}"
    )
    assert "foggy" not in words  # not the 1-D hills


def test_a_misspelt_hill_suggests_a_hill_and_lists_the_hills() -> None:
    words = str(refusal(lambda: fh.Hill("fogy")))
    assert words == (
        'there is no hill called "fogy" (did you mean foggy?); '
        "the 1-D hills are: foggy, bowl, plateau, steep, bumpy"
    )


def test_a_widget_that_takes_either_lists_every_landscape() -> None:
    words = str(refusal(lambda: fh.Sweep("bowll")))
    assert words.startswith('there is no hill or surface called "bowll" (did you mean bowl?)')
    assert "foggy" in words
    assert "himmelblau" in words


def test_a_hill_on_a_surface_widget_says_what_it_is_and_what_fits() -> None:
    words = str(refusal(lambda: fh.Surface("foggy")))
    assert words.startswith('Surface draws 2-D surfaces, and "foggy" is a 1-D hill; ')
    assert "himmelblau" in words
    words = str(refusal(lambda: fh.Hill("rosenbrock")))
    assert words.startswith('Hill draws 1-D hills, and "rosenbrock" is a 2-D surface; ')
    assert "foggy" in words


def test_a_formula_of_the_wrong_shape_gets_a_sentence_that_makes_sense() -> None:
    words = str(refusal(lambda: fh.Surface(formula="x^2")))
    assert words == 'Surface draws 2-D surfaces: the formula must use both x and y (got "x^2")'
    assert "custom" not in words
    words = str(refusal(lambda: fh.Race("x^2 + 1")))
    assert words.startswith("Race draws 2-D surfaces: the formula must use both x and y")
    words = str(refusal(lambda: fh.Hill("x^2 + y^2")))
    assert words == 'Hill draws 1-D hills: the formula must use x only (got "x^2 + y^2")'
    words = str(refusal(lambda: fh.Surface(fh.landscape("x^2"))))
    assert "custom" not in words
    assert '"x^2"' in words


# ---- data ---------------------------------------------------------------------------------------


def test_a_text_column_in_a_classifier_table_is_named() -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({"hours": [1.0, 2, 3, 4, 5, 6, 7, 8], "colour": ["red", "blue"] * 4})
    words = str(refusal(lambda: fh.Classifier(table, ["a", "b"] * 4)))
    assert words == 'column "colour" of X holds text, not numbers (row 0 is "red")'
    rows = [[1.0, "x"]] * 8
    words = str(refusal(lambda: fh.Classifier(rows, ["a", "b"] * 4)))
    assert words == 'column 1 of X holds text, not numbers (row 0 is "x")'


def test_a_missing_value_in_a_classifier_table_is_named() -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({"hours": [1.0, 2, 3, math.nan, 5, 6, 7, 8], "b": [0.0] * 8})
    words = str(refusal(lambda: fh.Classifier(table, ["a", "b"] * 4)))
    assert words == (
        'column "hours" of X must hold finite numbers: 1 row is missing one or not finite '
        "(row 3 is NaN); fill them in or drop those rows"
    )


def test_a_nan_set_later_is_named_as_not_a_finite_number() -> None:
    fit = fh.LineFit(x=[1, 2, 3], y=[1, 2, 3])
    with pytest.raises(fh.SettingError) as refused:
        fit.x = [1, 2, math.nan]
    assert str(refusal_text := refused.value) == "x[2] must be a finite number (got nan)"
    assert isinstance(refusal_text, traitlets.TraitError)  # what traitlets code catches
    assert fit.x == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("x", "123", 'x must be a list of numbers (got "123")'),
        ("x", [1, "two", 3], 'x[1] must be a number (got "two")'),
        ("x", [[1, 2], [3, 4]], "x must be one column of numbers (got a table of 2 x 2)"),
        ("learning_rate", math.inf, "learning_rate must be a finite number (got inf)"),
        ("w", "steep", 'w must be a number (got "steep")'),
        ("max_steps", 2.5, "max_steps must be a whole number (got 2.5)"),
        ("optimizer", 3, "optimizer must be text (got 3)"),
    ],
)
def test_a_value_a_trait_cannot_hold_gets_a_sentence(name: str, value: Any, words: str) -> None:
    fit = fh.LineFit(x=[1, 2, 3], y=[1, 2, 3])
    before = getattr(fit, name)
    with pytest.raises(fh.SettingError) as refused:
        setattr(fit, name, value)
    assert str(refused.value) == words
    assert getattr(fit, name) == before


def test_a_bad_start_or_domain_set_later_gets_a_sentence() -> None:
    surface = fh.Surface("himmelblau")
    with pytest.raises(fh.SettingError) as refused:
        surface.start = [1.0, math.nan]
    assert str(refused.value) == "start[1] must be a finite number (got nan)"
    with pytest.raises(fh.SettingError) as refused:
        surface.start = [1.0, 2.0, 3.0]
    assert str(refused.value) == "start must be a number or a pair [x, y] (got a list of 3)"
    hill = fh.Hill(formula="x^2")
    with pytest.raises(fh.SettingError) as refused:
        hill.domain = [1.0]
    assert str(refused.value) == "domain must be a pair [lo, hi] of numbers (got a list of 1)"


# ---- long input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: fh.Hill("a" * 100_000),
        lambda: fh.Surface("a" * 100_000),
        lambda: fh.Hill(list(range(100_000))),
        lambda: fh.Hill(**{"a" * 100_000: 1}),
        lambda: fh.LineFit(x="1" * 100_000, y=[1]),
    ],
)
def test_long_input_is_cut_in_the_echo(make: Any) -> None:
    words = str(refusal(make))
    assert len(words) < 300, words[:400]
    one_sentence(words)


def test_a_cut_echo_shows_a_short_prefix_and_an_ellipsis() -> None:
    words = str(refusal(lambda: fh.Hill("a" * 100_000)))
    assert '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' in words
    assert "…" in words


# ---- one public type ---------------------------------------------------------------------------


def test_every_refusal_is_the_public_setting_error() -> None:
    err = refusal(lambda: fh.Hill(formula="x" * 300))
    assert type(err) is fh.SettingError
    assert type(err).__module__ == "foghill.errors"
    assert isinstance(err, ValueError)  # code catching ValueError still works
    err = refusal(lambda: fh.Hill("x^^2"))
    assert type(err) is fh.SettingError
    assert err.column is not None  # where the formula went wrong travels with it


def test_a_refused_formula_set_later_keeps_its_column() -> None:
    hill = fh.Hill("x^2")
    hill.formula = "x^^2"
    assert hill.error
    assert hill.error_column is not None


def test_the_checks_module_examples_run() -> None:
    import doctest

    from foghill.notebook import checks

    result = doctest.testmod(checks)
    assert result.attempted >= 2
    assert result.failed == 0


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda: fh.Race("saddle", optimizers=["gd", "sgd"]),
            "optimizers[1] must be one of 'gd', 'momentum', 'nesterov', 'adagrad', 'rmsprop' "
            "or 'adam' (got \"sgd\")",
        ),
        (lambda: fh.Race("saddle", momentum=1.5), "momentum must be less than 1 (got 1.5)"),
        (
            lambda: fh.Race("saddle", optimizers=["gd"] * 7),
            "optimizers must have at most 6 values (got 7)",
        ),
        (
            lambda: fh.StepRace("bowl", learning_rates=[0.1, -1.0, 0.2]),
            "learning_rates[1] must be greater than 0 (got -1)",
        ),
    ],
)
def test_a_refused_race_speaks_of_the_widgets_settings(make: Any, words: str) -> None:
    assert str(refusal(make)) == words  # not of the request's "racers"


@pytest.mark.parametrize(
    ("image", "words"),
    [
        ("abc", 'image must be a list of numbers (got "abc")'),
        ([[1, "a"]], 'image[1] must be a number (got "a")'),
        ([1, 2, 3], "image must have at least 64 values (got 3)"),
    ],
)
def test_a_bad_image_to_read_gets_a_sentence(image: Any, words: str) -> None:
    digits = fh.Digits(steps=5)
    assert str(refusal(lambda: digits.guess(image))) == words


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda: fh.Hill("foggy", 0.1),
            "Hill takes hill by position and every other setting by name "
            "(got 2 values by position)",
        ),
        (
            lambda: fh.LineFit([1, 2], [1, 2], 0.1),
            "LineFit takes x and y by position and every other setting by name "
            "(got 3 values by position)",
        ),
        (
            lambda: fh.Digits(0.1),
            "Digits takes every setting by name (got 1 value by position)",
        ),
    ],
)
def test_too_many_values_by_position_get_a_sentence(make: Any, words: str) -> None:
    assert str(refusal(make)) == words  # not a TypeError naming a private base class


def test_help_still_shows_the_real_signature() -> None:
    import inspect

    assert list(inspect.signature(fh.Hill).parameters)[:2] == ["hill", "start"]
    assert list(inspect.signature(fh.LineFit).parameters)[:2] == ["x", "y"]


def test_a_gap_in_the_dots_is_called_a_missing_value() -> None:
    words = str(refusal(lambda: fh.LineFit(x=[1, 2, None, 4], y=[1, 2, 3, 4])))
    assert words == "x[2] must be a number (got a missing value)"
    pd = pytest.importorskip("pandas")
    hours = pd.Series([1, 2, None, 4], dtype="Int64")  # pandas' own NA becomes NaN
    words = str(refusal(lambda: fh.LineFit(x=hours, y=[1, 2, 3, 4])))
    assert words == "x[2] must be a finite number (got nan)"
