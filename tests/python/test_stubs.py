"""python/textgauge/_core/*.pyi name exactly what the compiled module and each of its
submodules (one per area, and _testing) hold (``make typecheck`` runs mypy --strict with them).
After changing a binding, regenerate the stubs with ``pybind11-stubgen textgauge._core -o
/tmp/stubs`` and merge the change into the reviewed files."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType

import pytest

from textgauge import _core

STUBS = Path(__file__).resolve().parents[2] / "python" / "textgauge" / "_core"
SUBMODULES = sorted(n for n in dir(_core) if inspect.ismodule(getattr(_core, n)))


def _stub_tree(name: str) -> ast.Module:
    return ast.parse((STUBS / f"{name}.pyi").read_text(encoding="utf-8"))


def _module(name: str) -> ModuleType:
    return _core if name == "__init__" else getattr(_core, name)


def _public(names: object) -> set[str]:
    return {n for n in names if not n.startswith("_") or n in ("__init__", "__version__")}  # type: ignore[attr-defined]


def test_every_submodule_has_a_stub() -> None:
    assert SUBMODULES == ["_testing", "sentiment", "stats", "text", "vectorize"]
    assert sorted(p.stem for p in STUBS.glob("*.pyi")) == ["__init__", *SUBMODULES]
    assert not (STUBS / "__init__.py").exists()  # stubs only: the compiled module is what imports


def test_stub_folder_does_not_shadow_the_extension() -> None:
    assert _core.__spec__ is not None and _core.__spec__.origin is not None
    assert importlib.util.find_spec("textgauge._core").origin == _core.__spec__.origin  # type: ignore[union-attr]
    for (
        name
    ) in SUBMODULES:  # registered, so that pickle and `import textgauge._core.text` find them
        assert sys.modules[f"textgauge._core.{name}"] is getattr(_core, name)


@pytest.mark.parametrize("name", ["__init__", *SUBMODULES])
def test_stub_names_match_module(name: str) -> None:
    stub: set[str] = set()  # filtered like the module names below
    for node in _stub_tree(name).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stub.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stub.add(node.target.id)
        elif isinstance(node, ast.ImportFrom) and node.module is None:  # from . import text as text
            stub |= {a.asname or a.name for a in node.names}
    mod = _module(name)
    module = {n for n in dir(mod) if n in SUBMODULES} | {
        n for n in _public(dir(mod)) if not inspect.ismodule(getattr(mod, n))
    }
    stub = {n for n in stub if n in SUBMODULES} | _public(stub)
    assert stub == module, (
        f"{name}.pyi is out of date: only in the stub {stub - module}, "
        f"only in _core {module - stub}"
    )


@pytest.mark.parametrize("name", SUBMODULES)
def test_stub_class_members_match_module(name: str) -> None:
    for node in _stub_tree(name).body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_module(name), node.name)
        stub = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        stub |= {
            n.target.id
            for n in node.body
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
        }
        if issubclass(cls, BaseException):
            continue  # exception classes only name their base in the stub
        real = set(vars(cls))
        assert stub <= real, (
            f"{name}.{node.name}: stub names missing from the module: {stub - real}"
        )
        public = {n for n in real if not n.startswith("_")}
        assert public <= stub, (
            f"{name}.{node.name}: module names missing from the stub: {public - stub}"
        )
