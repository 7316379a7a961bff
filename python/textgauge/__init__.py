"""textgauge: exact, fast sentiment and term statistics over article paragraphs.

>>> import textgauge as tg
>>> doc = tg.Document("Prices rose. Traders cheered!\\n\\nThen they fell.")
>>> len(doc), doc.sentences.shape[0]
(2, 3)
"""

from __future__ import annotations

import pkgutil

# Development builds put _core in <build>/textgauge/; with PYTHONPATH=python:<build>
# the package must look in both folders (see docs/development.md).
__path__ = pkgutil.extend_path(__path__, __name__)

from . import _core, _pickle, demo, display  # noqa: F401  (_pickle: pickles of _core's classes)  # noqa: E402  (tg.demo.sample_article(), tg.display.* in notebooks)
from .dictionary import Dictionary
from .errors import DecodeError, Error, OptionError
from .sentiment import Lexicon, SentimentIntensityAnalyzer
from .text import Corpus, Document

__version__: str = _core.__version__

__all__ = [
    "Corpus",
    "DecodeError",
    "Dictionary",
    "Document",
    "Error",
    "Lexicon",
    "OptionError",
    "SentimentIntensityAnalyzer",
    "__version__",
]
