"""Tests that need ../shared/corpora say so: they skip with one summary line outside CI
and fail under CI=true (conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import conftest

ROOT = Path(__file__).resolve().parents[2]
NEEDS_NEWS = "tests/python/test_text.py::test_vocabulary_ids_do_not_depend_on_threads"
ALSO_NEEDS_NEWS = "tests/python/test_vectorize_terms.py::test_corpus_dtm_on_news"  # same fixture
NEEDS_NOTHING = "tests/python/test_text.py::test_document_units_and_offsets"


def run_pytest(tmp_path: Path, ci: bool, *tests: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["TEXTGAUGE_SHARED"] = str(tmp_path / "no-shared")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_missing_corpus_skips_with_one_summary_line(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, False, NEEDS_NEWS, ALSO_NEEDS_NEWS, NEEDS_NOTHING)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    summary = [x for x in lines if "tests skipped: the shared corpora are not at" in x]
    assert len(summary) == 1, result.stdout
    assert str(tmp_path / "no-shared" / "corpora") in summary[0]
    assert "news_paragraphs.txt" in summary[0] and "Reuters-21578" in summary[0]
    assert summary[0].startswith("2 tests skipped")  # the second one reuses the skipped fixture
    assert "1 passed, 2 skipped" in lines[-1]


@pytest.mark.slow
def test_missing_corpus_fails_under_ci(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, True, NEEDS_NEWS, NEEDS_NOTHING)
    assert result.returncode == 1, result.stdout
    assert "shared corpus not found" in result.stdout and "CI=true" in result.stdout
    assert "1 passed, 1 error" in result.stdout.splitlines()[-1]  # failed in the fixture


def test_require_returns_an_existing_path(tmp_path: Path) -> None:
    assert conftest.require(tmp_path) == tmp_path


def test_require_skips_outside_ci_and_fails_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conftest, "IN_CI", False)
    monkeypatch.setattr(conftest, "_MISSING", set())
    with pytest.raises(pytest.skip.Exception, match="shared corpus not found"):
        conftest.require(tmp_path / "absent")
    assert conftest._MISSING == {str(tmp_path / "absent")}
    monkeypatch.setattr(conftest, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        conftest.require(tmp_path / "absent")


@pytest.mark.slow
def test_corpus_tests_are_marked() -> None:
    """Every test reading the shared corpora carries the shared_data marker, so that
    `pytest -m "not shared_data"` is the suite a bare clone can run."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--collect-only",
            "-p",
            "no:cacheprovider",
            "-m",
            "shared_data",
            "tests/python/test_text.py",
            "tests/python/test_cli.py",
            "tests/python/test_vectorize_sklearn.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    selected = [x for x in result.stdout.splitlines() if "::" in x]
    assert "tests/python/test_text.py::test_vocabulary_ids_do_not_depend_on_threads" in selected
    assert (
        "tests/python/test_cli.py::test_keyness_and_collocations_equal_the_library_on_bbc_files"
        in selected
    )
    assert any("[shared]" in x for x in selected) and not any("[sample]" in x for x in selected)
