"""Print textgauge's third-party requirements, one per line, from pyproject.toml.

The Makefile installs these with pip's default build isolation, so that a
dependency published only as an sdist builds in its own environment (with its
own setuptools and wheel), exactly as on a new user's machine. Only textgauge
itself is then built with --no-build-isolation, to keep its C++ build
incremental. Usage: python tools/requirements.py [EXTRA ...]
"""

from __future__ import annotations

import pathlib
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: pip vendors a TOML reader
    from pip._vendor import tomli as tomllib  # type: ignore[no-redef]


def requirements(extras: list[str]) -> list[str]:
    pyproject = pathlib.Path(__file__).resolve().parent.parent / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    out = list(project["dependencies"])
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise SystemExit(f"unknown extra {extra!r}; pyproject.toml has {sorted(optional)}")
        out += [r for r in optional[extra] if r not in out]
    return out


if __name__ == "__main__":
    print("\n".join(requirements(sys.argv[1:])))
