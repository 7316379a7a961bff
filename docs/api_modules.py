"""The public modules of textgauge, and the API reference built from them (`make docs`).

A module is public when no part of its dotted name starts with ``_``: every ``.py`` file under
the package folder (and every package, by its ``__init__.py``) except ``_core``, ``_locking``,
``__main__`` and the like. The list is derived from the files, not from ``__all__`` or from what
happens to import, so that a new module is documented without anyone remembering to add it, and
a module that cannot be imported fails the build instead of silently dropping out of it.

Usage:
    python docs/api_modules.py              # print the public modules, one line
    python docs/api_modules.py --build DIR  # import each, render them all with pdoc into DIR;
                                            # exit 1 if one does not import or pdoc warns

tests/python/test_docs.py runs the same discovery and rendering.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from pathlib import Path

PACKAGE = "textgauge"


def package_dir() -> Path:
    """The folder of the imported package's ``__init__.py`` (python/textgauge in a checkout).

    Not ``textgauge.__path__``: a development build extends that path with the build folder
    that holds ``_core``, and an older installed copy may sit there too.
    """
    module = importlib.import_module(PACKAGE)
    assert module.__file__ is not None
    return Path(module.__file__).resolve().parent


def public_modules(root: Path | None = None) -> list[str]:
    """Dotted names of the public modules under `root` (default: the package folder), sorted,
    the package itself first."""
    root = package_dir() if root is None else root
    names: list[str] = []
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if any(p.startswith("_") for p in parts):
            continue
        # Only folders that are packages hold modules (data/ holds none today).
        if not all(
            (root.joinpath(*parts[:i]) / "__init__.py").is_file() for i in range(len(parts))
        ):
            continue
        names.append(".".join([PACKAGE, *parts]))
    return sorted(names, key=lambda n: (n != PACKAGE, n))


def import_errors(modules: list[str]) -> dict[str, str]:
    """Each module that does not import, with the error (an optional dependency is missing:
    `make docs` installs the ``test`` extra, which has them all)."""
    errors: dict[str, str] = {}
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as e:
            errors[name] = f"{type(e).__name__}: {e}"
    return errors


def render(modules: list[str], out: Path) -> list[str]:
    """Renders `modules` with pdoc (Google docstrings) into `out`; returns pdoc's warnings and
    the modules that got no page."""
    import pdoc
    import pdoc.render

    pdoc_dir = Path(pdoc.__file__).resolve().parent
    pdoc.render.configure(docformat="google")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*modules, output_directory=out)
    # pdoc reports what it cannot document (an annotation it cannot resolve, a module it
    # cannot load, a docstring it cannot parse) as warnings raised in its own files.
    problems = [
        f"pdoc: {w.message}" for w in caught if Path(w.filename).resolve().is_relative_to(pdoc_dir)
    ]
    for name in modules:
        if not (out / (name.replace(".", "/") + ".html")).is_file():
            problems.append(f"no page for {name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", metavar="DIR", type=Path, help="render the reference into DIR")
    args = parser.parse_args(argv)
    modules = public_modules()
    if args.build is None:
        print(" ".join(modules))
        return 0
    errors = import_errors(modules)
    problems = [f"cannot import {n} ({e})" for n, e in errors.items()]
    if not errors:
        problems = render(modules, args.build)
    for p in problems:
        print(f"make docs: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"API reference of {len(modules)} modules: {args.build / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
