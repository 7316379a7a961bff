"""The ``>>>`` examples in the package's docstrings run and print what they show.

They run on the textgauge that the tests import (the installed package, or the sources
with PYTHONPATH=python:<build>), module by module. An example that needs the corpora in
../shared is marked ``# doctest: +SKIP`` (Corpus.from_files' glob example: one).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import textgauge

# __main__ runs the command line when imported; _core is the extension (its docstrings
# are the binding's, without examples).
NOT_IMPORTED = {"textgauge.__main__", "textgauge._core"}
MODULES = sorted(
    {"textgauge"}
    | {m.name for m in pkgutil.walk_packages(textgauge.__path__, "textgauge.")} - NOT_IMPORTED
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ImportError as e:  # an optional extra (dask, matplotlib, scikit-learn) is absent
        pytest.skip(f"{name}: {e}")
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for t in finder.find(module, name) if t.examples]
    for test in tests:
        runner.run(test, out=lambda text: print(text, end=""))
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{result.failed} of {result.attempted} examples failed (output above)"
    )


def test_the_examples_are_found() -> None:
    """The walk finds the modules (a packaging change that hid them would pass silently)."""
    assert {"textgauge", "textgauge.text", "textgauge.sentiment", "textgauge.cli"} <= set(MODULES)
    finder = doctest.DocTestFinder()
    per_module = {
        name: sum(len(t.examples) for t in finder.find(importlib.import_module(name)))
        for name in MODULES
    }
    # The statistics methods of Corpus are the functions of their own modules, whose
    # examples are found there; textgauge.text keeps those of its constructors and views.
    assert per_module["textgauge.text"] >= 10
    assert sum(per_module.values()) >= 200
