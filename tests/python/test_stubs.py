"""python/textgauge/_core.pyi names exactly what the compiled module holds (``make typecheck``
runs mypy --strict with it). After changing a binding, regenerate the stub with
``pybind11-stubgen textgauge._core -o /tmp/stubs`` and merge the change into the reviewed file."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from textgauge import _core

STUB = Path(__file__).resolve().parents[2] / "python" / "textgauge" / "_core.pyi"


def _stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def _public(names: object) -> set[str]:
    return {n for n in names if not n.startswith("_") or n in ("__init__", "__version__")}  # type: ignore[attr-defined]


def test_stub_names_match_module() -> None:
    tree = _stub_tree()
    stub: set[str] = set()  # filtered like the module names below
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stub.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stub.add(node.target.id)
    module = {n for n in _public(dir(_core)) if not inspect.ismodule(getattr(_core, n))}
    assert _public(stub) == module, (
        f"_core.pyi is out of date: only in the stub {_public(stub) - module}, "
        f"only in _core {module - _public(stub)}")


def test_stub_class_members_match_module() -> None:
    for node in _stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_core, node.name)
        stub = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        stub |= {n.target.id for n in node.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        if issubclass(cls, BaseException):
            continue  # exception classes only name their base in the stub
        real = set(vars(cls))
        assert stub <= real, f"{node.name}: stub names missing from the module: {stub - real}"
        public = {n for n in real if not n.startswith("_")}
        assert public <= stub, f"{node.name}: module names missing from the stub: {public - stub}"
