"""The notebooks run from top to bottom without an error, and are committed without outputs.

Each notebook runs in a kernel started from this interpreter (``sys.executable -m
ipykernel_launcher``), so it sees the same textgauge build as the rest of the suite.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BBC, ROOT, require

nbformat = pytest.importorskip("nbformat", reason="the test extra installs nbformat")
nbclient = pytest.importorskip("nbclient", reason="the test extra installs nbclient")

pytestmark = pytest.mark.slow  # each test runs a notebook in a Jupyter kernel

NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec that runs this interpreter, found through JUPYTER_PATH."""
    base = tmp_path_factory.mktemp("jupyter")
    spec = base / "kernels" / "textgauge-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "textgauge test",
                "language": "python",
            }
        )
    )
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(base) + (os.pathsep + old if old else "")
    yield "textgauge-test"
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old


def _execute(path: Path, kernel: str) -> Any:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError naming the cell on any error
    return nb


def _outputs(nb: Any, mime: str) -> int:
    return sum(
        1
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if mime in o.get("data", {})
    )


def test_notebooks_exist() -> None:
    assert [p.name for p in ALL] == ["01_article.ipynb", "02_corpus.ipynb"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: cell {i} has outputs"
            )


def test_article_notebook_runs(kernel_name: str) -> None:
    nb = _execute(NOTEBOOKS / "01_article.ipynb", kernel_name)
    plot_cells = sum(1 for c in nb.cells if c.cell_type == "code" and "tgp." in c.source)
    assert _outputs(nb, "image/png") == plot_cells == 6
    # The Document (by VADER and by the textgauge scorer), two explanations and two sentiment
    # tables render as HTML.
    html = [
        o["data"]["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {})
    ]
    assert any('class="tg-doc"' in h and "¶0" in h for h in html)
    assert sum("rgba(230,97,1" in h for h in html) >= 2  # negative words highlighted
    # the scorer's view marks the news senses a lexicon misreads, with the rule
    (view,) = [h for h in html if "textgauge polarity" in h]
    for rule in (
        "no-determiner",
        "like-preposition",
        "well-function-word",
        "allow-to",
        "lexicons-disagree",
    ):
        assert f"{rule}</sub>" in view


@pytest.mark.shared_data
def test_corpus_notebook_runs(kernel_name: str) -> None:
    require(BBC)
    nb = _execute(NOTEBOOKS / "02_corpus.ipynb", kernel_name)
    assert _outputs(nb, "image/png") == 4
    tables = [
        o["data"]["text/plain"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/plain" in o.get("data", {})
    ]
    speed = [t for t in tables if "vaderSentiment (sample)" in t]
    assert speed and "textgauge TfidfVectorizer" in speed[0]
    # the dictionary analysis: shares per topic, and the negated twins
    assert any("technology" in t and "culture.film" in t for t in tables)
    assert any("NEG_POSITIVE" in t and "politics" in t for t in tables)


def test_corpus_notebook_stops_cleanly_without_the_corpus(
    kernel_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the BBC folder, the first code cell says what is missing and where it goes,
    as one message without a traceback, and nothing after it runs."""
    monkeypatch.setenv("TEXTGAUGE_BBC", str(tmp_path / "bbc"))  # the kernel inherits it
    nb = nbformat.read(NOTEBOOKS / "02_corpus.ipynb", as_version=4)
    assert "What this notebook needs" in nb.cells[0].source
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel_name, timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    with pytest.raises(nbclient.exceptions.CellExecutionError):
        client.execute()
    (error,) = nb.cells[1].outputs
    assert error["output_type"] == "error" and error["ename"] == "MissingCorpus"
    assert error["traceback"] == [error["evalue"]]  # the message alone
    assert error["evalue"].startswith(
        f"The BBC corpus is not at {tmp_path / 'bbc'}: put the bbc folder"
    )
    assert "TEXTGAUGE_BBC" in error["evalue"]
    assert all(c.get("execution_count") is None for c in nb.cells[2:] if c.cell_type == "code")
