"""textgauge: exact, fast sentiment and term statistics over article paragraphs.

>>> import textgauge as tg
>>> doc = tg.Document("Prices rose. Traders cheered!\\n\\nThen they fell.")
>>> len(doc), doc.sentences.shape[0]
(2, 3)
"""

from __future__ import annotations

import pkgutil
from typing import TYPE_CHECKING

# Development builds put _core in <build>/textgauge/; with PYTHONPATH=python:<build>
# the package must look in both folders (see docs/development.md).
__path__ = pkgutil.extend_path(__path__, __name__)

from . import (  # noqa: F401  (_pickle: pickles of _core's classes)  # noqa: E402  (tg.demo.sample_article(), tg.display.* in notebooks)
    _core,
    _methods,
    _pickle,
    clean,
    demo,
    display,
)
from ._methods import explain
from .dictionary import Dictionary
from .errors import DecodeError, Error, OptionError
from .phrases import Phrases
from .sentiment import Lexicon, SentimentIntensityAnalyzer
from .text import Corpus, Document

# `tg.sentiment(texts, method=...)`: the module textgauge.sentiment is callable (it stays the
# module, so `import textgauge.sentiment` and its classes work as before); type checkers see
# the function it calls. Not in __all__: as a module it would be documented twice (pdoc).
if TYPE_CHECKING:
    from ._methods import sentiment as sentiment
else:
    _methods.make_sentiment_callable()

__version__: str = _core.__version__

__all__ = [
    "Corpus",
    "DecodeError",
    "Dictionary",
    "Document",
    "Error",
    "Lexicon",
    "OptionError",
    "Phrases",
    "SentimentIntensityAnalyzer",
    "__version__",
    "explain",
]
