"""The package's structure, read from its source with ``ast`` (nothing is imported).

1. The import graph of ``textgauge`` is acyclic. Every import counts: at module level, inside
   functions (the deferred imports that hid a cycle) and under ``if TYPE_CHECKING:``. An edge
   goes from a module to each ``textgauge`` module it names (``from . import x`` names
   ``textgauge.x``; ``from .x import y`` names ``textgauge.x``, and ``textgauge.x.y`` when that
   is a module). Importing ``textgauge.x`` also runs ``textgauge/__init__.py``; that implicit
   edge is left out, as every module would otherwise be in a cycle with the package.

2. Privacy is per module. A private name is one with a leading underscore that is not a
   dunder (``_table``, ``__secret``; not ``__dict__``) nor a protocol method (``PROTOCOL``:
   ``_repr_html_``, ``_pickle_state``). In a module M, ``x._name`` is allowed
   only when
   a. ``x`` is the object's own: ``self``, ``cls``, ``super()``, or a local name assigned
      from ``self`` (``p: Any = self``, for mixins typed as Any); or
   b. M defines ``_name`` as a member: in the body of one of its classes, or by assigning
      ``something._name = ...`` somewhere in M. A module may use the private members of
      the classes it defines, on any instance of them.
   Anything else reaches into another module's object and fails. So the statistics modules
   read a corpus only through ``textgauge._corpus``'s functions (``engine``, ``table``,
   ``rows``, ``frame``, ``ids``, ``texts``, ``threads``, ``cache``...), the module that
   defines the corpus's state; and ``from .m import _name`` (a private name of another
   module that is not itself a module) fails too. Modules with a leading underscore
   (``_core``, ``_corpus``, ``_locking``, ``_tables``, ``_unicode``) are internal to the
   package: their public names are the API the other modules use.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "textgauge"


def _modules() -> dict[str, Path]:
    """Module name -> source; the compiled ``_core`` is there as its stubs (``_core/*.pyi``)."""
    out = {}
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.pyi")]):
        if path.suffix == ".pyi" and path.with_suffix(".py").exists():
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()
TREES = {name: ast.parse(path.read_text("utf-8"), str(path)) for name, path in MODULES.items()}


def _is_package(name: str) -> bool:
    return MODULES[name].name in ("__init__.py", "__init__.pyi")


def _imports(name: str) -> set[str]:
    """The textgauge modules that module `name` imports, anywhere in it."""
    package = name if _is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target in MODULES and node.module is not None:
                found.add(target)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in MODULES:
                    found.add(sub)
                elif node.module is None and target in MODULES:
                    found.add(target)
    found.discard(name)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_import_graph_is_acyclic() -> None:
    graph = {name: _imports(name) for name in MODULES}
    # The graph is the real one: the facade imports the statistics modules, which import the
    # corpus's internal module.
    assert {"textgauge.collocations", "textgauge.keyness", "textgauge._corpus"} <= graph[
        "textgauge.text"
    ]
    assert "textgauge._corpus" in graph["textgauge.keyness"]
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# Protocol methods: named by a protocol that other code calls on any object, as a dunder is
# (Jupyter's rich display; textgauge._pickle's state methods).
PROTOCOL = frozenset({"_repr_html_", "_pickle_state", "_from_pickle_state"})


def _private(attr: str) -> bool:
    if attr in PROTOCOL:
        return False
    return attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__"))


def _defined_members(tree: ast.Module) -> set[str]:
    """Private names a module defines as members (rule 2b)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(stmt.name)
                elif isinstance(stmt, ast.Assign):
                    names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
                elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                    names.add(stmt.target.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return {n for n in names if _private(n)}


def _self_aliases(tree: ast.Module) -> set[str]:
    """Names assigned from ``self`` anywhere in the module (rule 2a)."""
    aliases = {"self", "cls"}
    for node in ast.walk(tree):
        value = getattr(node, "value", None)
        if (
            isinstance(node, (ast.Assign, ast.AnnAssign))
            and isinstance(value, ast.Name)
            and value.id == "self"
        ):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            aliases.update(t.id for t in targets if isinstance(t, ast.Name))
    return aliases


def _own(receiver: ast.expr, aliases: set[str]) -> bool:
    if isinstance(receiver, ast.Name):
        return receiver.id in aliases
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Name)
        and receiver.func.id == "super"
    )


def private_access_violations(name: str, tree: ast.Module) -> list[str]:
    defined = _defined_members(tree)
    aliases = _self_aliases(tree)
    package = name if _is_package(name) else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and not isinstance(node.ctx, ast.Store)
        ):
            if not _own(node.value, aliases) and node.attr not in defined:
                out.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                if _private(alias.name) and f"{target}.{alias.name}" not in MODULES:
                    out.append(f"{name}:{node.lineno}: from {target} import {alias.name}")
    return out


def test_no_module_reaches_into_another_modules_private_names() -> None:
    violations = [v for name, tree in TREES.items() for v in private_access_violations(name, tree)]
    assert violations == []


def test_private_access_rule_catches_a_reach() -> None:
    tree = ast.parse(
        "from ._x import _helper\n"
        "class A:\n    _mine = 1\n    def f(self, other):\n        p = self\n"
        "        return self._y, p._z, super()._w, other._mine, other._table\n"
    )
    found = private_access_violations("textgauge.demo", tree)
    assert [v.split(": ", 1)[1] for v in found] == [
        "from textgauge._x import _helper",
        "other._table",
    ]
