from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
NEWS = CORPORA / "news_paragraphs.txt"
BBC = CORPORA / "bbc"


def require(path: Path) -> Path:
    """Skips the calling test, with the reason shown in the summary, when shared data is absent."""
    if not path.exists():
        pytest.skip(f"shared corpus not found: {path} (tests read ../shared next to the repo)")
    return path


@pytest.fixture(scope="session")
def news_lines() -> list[str]:
    return require(NEWS).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def bbc_files() -> list[Path]:
    return sorted(require(BBC).glob("*/*.txt"))
