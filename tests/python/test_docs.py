"""The API reference covers every public module and renders without a pdoc warning, as
`make docs` builds it."""

from __future__ import annotations

import importlib.util
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "python" / "textgauge"


def _api_modules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("api_modules", ROOT / "docs" / "api_modules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


api_modules = _api_modules()


def test_every_public_module_is_listed() -> None:
    # The same set found another way: pkgutil's walk over the source folder (it follows
    # subpackages by importing them), private names left out.
    walked = {"textgauge"} | {
        m.name for m in pkgutil.walk_packages([str(SOURCE)], "textgauge.")
        if not any(part.startswith("_") for part in m.name.split("."))
    }
    listed = api_modules.public_modules(SOURCE)
    assert len(listed) == len(set(listed))
    assert set(listed) == walked
    assert {"textgauge.cli.commands", "textgauge.sentiment", "textgauge.sklearn"} <= set(listed)
    assert not any(part.startswith("_") for name in listed for part in name.split("."))


def test_every_public_module_is_importable() -> None:
    # The [test] extra holds every optional dependency (matplotlib, dask, scikit-learn).
    assert api_modules.import_errors(api_modules.public_modules(SOURCE)) == {}


def test_pdoc_renders_every_module_without_warnings(tmp_path: Path) -> None:
    pytest.importorskip("pdoc", reason="pdoc is not installed (it is in the [test] extra: "
                        "pip install 'textgauge[test]')")
    modules = api_modules.public_modules(SOURCE)
    assert api_modules.render(modules, tmp_path) == []
    assert (tmp_path / "index.html").is_file()
