"""textgauge's C++ core, by area. Use the public API in `textgauge`, not this module.

Generated with pybind11-stubgen (``pybind11-stubgen textgauge._core``), then reviewed: bare
``dict``/``tuple``/``list``/``Sequence`` results and arguments are parameterised, and the column
tables are typed as dicts of numpy arrays. One stub per submodule (area); this folder holds
stubs only (no ``__init__.py``), so the compiled module is what imports.
tests/python/test_stubs.py checks that the names here are exactly those of the compiled module.
"""

from . import _testing as _testing
from . import sentiment as sentiment
from . import stats as stats
from . import text as text
from . import vectorize as vectorize

__all__: list[str] = ["sentiment", "stats", "text", "vectorize"]
__version__: str = "0.1.0"
