"""Shared test data: the corpora in ../shared (optional) and texts that need none.

Tests that read ../shared/corpora are marked ``shared_data`` (automatically when
they use the ``news_lines``/``bbc_files`` fixtures, explicitly when they call
:func:`require`). Where the corpora are absent they skip, and the run ends with
one line naming what was skipped and where the corpora come from; with
``CI=true`` a missing corpus fails the run instead, so CI cannot go green on a
machine where half the suite silently did nothing. ``TEXTGAUGE_SHARED`` points
at another copy of ``shared``. Every engine also has parity tests on
:func:`local_paragraphs` (the bundled sample article plus generated text), so a
clone without ../shared still checks VADER, the vectorizers, the collocation
measures and the CLI against their references.
"""

from __future__ import annotations

import os
import random
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TEXTGAUGE_SHARED") or ROOT.parent / "shared")
CORPORA = SHARED / "corpora"
NEWS = CORPORA / "news_paragraphs.txt"
BBC = CORPORA / "bbc"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Under CI, hypothesis draws the same examples on every run, so whether work lands never
# depends on the draw; elsewhere each run draws new ones (a failure found here is fixed
# and kept as an explicit case, as in test_clean.py's test_html_tags_cases).
settings.register_profile("ci", derandomize=True)
if IN_CI:
    settings.load_profile("ci")

SKIP_REASON = "shared corpus not found"
_MISSING: set[str] = set()  # the missing paths asked for


def require(path: Path) -> Path:
    """``path`` if it exists. Otherwise the calling test skips with the reason shown in
    the summary, or fails under ``CI=true``."""
    if not path.exists():
        message = f"{SKIP_REASON}: {path}"
        if IN_CI:
            pytest.fail(
                f"{message} (CI=true: CI must run every test; see tests/python/conftest.py)",
                pytrace=False,
            )
        _MISSING.add(str(path))
        pytest.skip(message)
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"news_lines", "bbc_files"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared_data)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # Counted from the reports: a session fixture that skipped is not called again,
    # but every test that uses it is reported skipped with its reason.
    skipped = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if isinstance(r.longrepr, tuple) and SKIP_REASON in str(r.longrepr[2])
    ]
    if not skipped:
        return
    terminalreporter.write_line(
        f"{len(skipped)} tests skipped: the shared corpora are not at {CORPORA} "
        f"(missing: {', '.join(sorted(Path(p).name for p in _MISSING))}). They are the BBC News "
        "articles (Greene & Cunningham, ICML 2006) and Reuters-21578 paragraphs, for research use, "
        "laid next to the repository in the development environment and never committed; set "
        "TEXTGAUGE_SHARED to a copy. The parity tests on the bundled sample article ran.",
        yellow=True,
        bold=True,
    )


@pytest.fixture(scope="session")
def news_lines() -> list[str]:
    return require(NEWS).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def bbc_files() -> list[Path]:
    return sorted(require(BBC).glob("*/*.txt"))


def sample_article() -> str:
    return resources.files("textgauge").joinpath("data/sample_article.txt").read_text("utf-8")


def local_paragraphs(n: int = 300, seed: int = 0) -> list[str]:
    """The sample article's 15 paragraphs, then ``n - 15`` generated news-like paragraphs:
    its words reshuffled into sentences, with numbers, capitals, curly quotes and
    hyphens kept as the article has them. Deterministic; needs nothing outside the repo."""
    article = [p for p in sample_article().splitlines() if p.strip()]
    words = " ".join(article).split()
    rng = random.Random(seed)
    out = list(article)
    while len(out) < n:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            s = rng.sample(words, rng.randint(3, 25))
            s[0] = s[0][:1].upper() + s[0][1:]
            if rng.random() < 0.2:
                s.insert(rng.randrange(len(s)), str(rng.randint(0, 5000)))
            if rng.random() < 0.1:
                s[rng.randrange(len(s))] = rng.choice(s).upper()
            sentences.append(" ".join(s).rstrip(".,;:") + rng.choice([".", ".", ".", "!", "?"]))
        out.append(" ".join(sentences))
    return out[:n]


@pytest.fixture(scope="session")
def local_texts() -> list[str]:
    return local_paragraphs()
