"""The training demos' sizes the page knows before any run (foghill.demo_sizes)."""

from __future__ import annotations

from foghill import demo_sizes, remake
from foghill.contract import MAX_HIDDEN
from foghill.training import DEMOS


def test_a_demos_training_set_does_not_depend_on_its_settings() -> None:
    sizes = demo_sizes.train_sizes()
    assert set(sizes) == {demo.tag for demo in DEMOS.values()}
    others = {"hidden": 16, "word": "ball", "seed": 3, "batch_size": 1}
    for demo in DEMOS.values():
        fields = demo.request_model.model_fields
        request = demo.request_model.model_validate(
            {k: v for k, v in others.items() if k in fields and demo.tag != "fh-edge"}
        )
        assert demo.model(request).n_train == sizes[demo.tag], demo.tag


def test_the_weights_are_the_models_own_at_every_width() -> None:
    counts = demo_sizes.weight_counts()
    assert list(counts) == ["fh-digits"]
    digits = counts["fh-digits"]
    assert len(digits) == MAX_HIDDEN + 1
    # No hidden layer: a weight per pixel and digit, and a bias per digit.
    assert digits[0] == 64 * 10 + 10
    # h hidden units: 64 x h and h biases in, h x 10 and 10 biases out.
    assert all(digits[h] == 64 * h + h + h * 10 + 10 for h in range(1, MAX_HIDDEN + 1))


def test_the_generated_file_is_fresh() -> None:
    assert demo_sizes.TRAIN_SIZES_JS.read_text(encoding="utf-8") == demo_sizes.train_sizes_js()
    assert demo_sizes.TRAIN_SIZES_JS not in remake.stale()
