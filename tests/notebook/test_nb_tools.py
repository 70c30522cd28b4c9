"""A notebook widget carries what the page's tools show: the refused column, the run's code."""

from __future__ import annotations

import foghill as fh
from foghill.api_models.requests import DescendRequest
from foghill.views.runs import descend_view


def test_a_refused_formula_sets_its_column_with_the_error() -> None:
    hill = fh.Hill("foggy")
    assert (hill.error, hill.error_column) == ("", None)
    hill.formula = "x^2 + foo(x)"
    assert hill.error == "the formula cannot be used: unknown function 'foo' at column 7"
    assert hill.error_column == 7
    hill.formula = "log(x - 10)"  # refused with no single place
    assert "no finite real value" in hill.error
    assert hill.error_column is None
    hill.formula = "x^2"
    assert (hill.error, hill.error_column) == ("", None)
    assert hill.landscape.formula == "x^2"


def test_a_notebook_run_carries_the_same_code_as_the_page() -> None:
    dial = fh.StepDial("bowl", start=3.0, learning_rate=0.3, optimizer="momentum")
    page = descend_view(
        DescendRequest(hill="bowl", start=3.0, learning_rate=0.3, optimizer="momentum")
    )
    code = dial.trajectory.to_json()["code"]
    assert code == page.code.model_dump()
    assert "fh.optimizers.momentum(0.3)" in code["python"]
    assert "torch.optim.SGD([x], lr=0.3, momentum=0.9)" in code["torch"]
