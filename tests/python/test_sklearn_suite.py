"""scikit-learn's own tests of its text vectorizers, run on textgauge's drop-ins.

The module ``sklearn/feature_extraction/tests/test_text.py`` of the *installed*
scikit-learn (its wheels ship their tests) is loaded from site-packages under
another name while ``sklearn.feature_extraction.text`` lends it textgauge's
``CountVectorizer``, ``TfidfVectorizer``, ``TfidfTransformer`` and
``HashingVectorizer``: its ``from sklearn.feature_extraction.text import ...``
then binds ours, in its module globals and in its ``parametrize`` lists alike
(both are evaluated at import). Its ``test_*`` functions are re-exported here,
so pytest collects and runs every one of them against textgauge. Nothing of
scikit-learn's file is copied into this repository; a new scikit-learn brings
its new tests.

A test that fails because textgauge deliberately differs from scikit-learn is
listed in ``DIFFERENCES`` (the only such list) with the reason, and runs as
``xfail(strict=True)``: if the difference disappears, the run fails until the
entry is removed.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
import sklearn
from sklearn.feature_extraction import text as _sktext

from textgauge import sklearn as tgs

_SUBSTITUTED = ("CountVectorizer", "TfidfVectorizer", "TfidfTransformer", "HashingVectorizer")

# test id (as pytest shows it) -> the deliberate difference that makes it fail.
DIFFERENCES: dict[str, str] = {}


def _load_suite() -> ModuleType:
    spec = importlib.util.find_spec("sklearn.feature_extraction.tests.test_text")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            f"scikit-learn {sklearn.__version__} was installed without its tests "
            "(sklearn/feature_extraction/tests/test_text.py); install a wheel from PyPI"
        )
    # A module name of our own: scikit-learn's module, if anything imports it, stays its own.
    own = importlib.util.spec_from_file_location("_textgauge_sklearn_test_text", spec.origin)
    assert own is not None and own.loader is not None
    module = importlib.util.module_from_spec(own)
    # Registered, as an import would: pickle finds the suite's functions by module name.
    sys.modules[own.name] = module
    saved = {name: getattr(_sktext, name) for name in _SUBSTITUTED}
    try:
        for name in _SUBSTITUTED:
            setattr(_sktext, name, getattr(tgs, name))
        own.loader.exec_module(module)
    finally:  # scikit-learn's module is lent for the import only
        for name, cls in saved.items():
            setattr(_sktext, name, cls)
    for name in _SUBSTITUTED:
        assert getattr(module, name) is getattr(tgs, name), name
    return module


# scikit-learn's tests were written for its own warning settings, not for ours
# (filterwarnings = error): these warnings come from its test code or from the
# estimators it drives, the same with its vectorizers as with ours.
pytestmark = [
    pytest.mark.filterwarnings("ignore:The parameter 'token_pattern' will not be used:UserWarning"),
    pytest.mark.filterwarnings("ignore:matching against an empty string will .always. pass"),
    pytest.mark.filterwarnings("ignore:The least populated class in y has only:UserWarning"),
]

_suite = _load_suite()
SUITE_TESTS = sorted(name for name in vars(_suite) if name.startswith("test_"))
globals().update({name: getattr(_suite, name) for name in SUITE_TESTS})


@pytest.fixture(autouse=True)
def _listed_difference(request: pytest.FixtureRequest) -> None:
    reason = DIFFERENCES.get(request.node.name)
    if reason is not None:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


def test_suite_is_sklearns_and_complete() -> None:
    """The re-exported tests are scikit-learn's functions, every one of them,
    and each listed difference names one of them."""
    assert _suite.__file__ is not None and _suite.__file__.endswith(
        "sklearn/feature_extraction/tests/test_text.py"
    )
    assert len(SUITE_TESTS) >= 60  # 71 in scikit-learn 1.9
    for name in SUITE_TESTS:
        assert globals()[name].__module__ == _suite.__name__
    assert {key.split("[")[0] for key in DIFFERENCES} <= set(SUITE_TESTS)
