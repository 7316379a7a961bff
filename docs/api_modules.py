"""Prints the textgauge modules `make docs` documents: the public ones that import here."""

import importlib
import pkgutil
import sys

import textgauge as t

ok, skipped = ["textgauge"], []
for m in pkgutil.iter_modules(t.__path__, "textgauge."):
    if m.name.rsplit(".", 1)[-1].startswith("_"):
        continue
    try:
        importlib.import_module(m.name)
        ok.append(m.name)
    except ImportError:
        skipped.append(m.name)
print("not documented (an optional dependency is missing):", skipped or "none", file=sys.stderr)
print(" ".join(ok))
