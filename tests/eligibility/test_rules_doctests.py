"""The ``Examples:`` in the eligibility modules' docstrings are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import eligibility

MODULES = sorted(module.name for module in pkgutil.iter_modules(eligibility.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name: str) -> None:
    module = importlib.import_module(f"eligibility.{name}")
    results = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert results.failed == 0
