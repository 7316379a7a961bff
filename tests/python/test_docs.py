"""The documentation holds together: the API reference covers every public module and renders
without a pdoc warning (as `make docs` builds it), and every relative link in README.md,
CHANGELOG.md and docs/*.md, and every docs/ page cited in a code comment, points at a file
(and a heading) that exists."""

from __future__ import annotations

import importlib.util
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "python" / "textgauge"
PAGES = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE_DIRS = ("cpp", "python", "tests", "fuzz", "bench")


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
        m.name
        for m in pkgutil.walk_packages([str(SOURCE)], "textgauge.")
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
    pytest.importorskip(
        "pdoc",
        reason="pdoc is not installed (it is in the [test] extra: pip install 'textgauge[test]')",
    )
    modules = api_modules.public_modules(SOURCE)
    assert api_modules.render(modules, tmp_path) == []
    assert (tmp_path / "index.html").is_file()


# --- links ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    out: set[str] = set()
    for line in _FENCE.sub("", page.read_text(encoding="utf-8")).splitlines():
        m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            slug = _slug(m.group(1))
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def _targets(page: Path) -> list[str]:
    text = _CODE_SPAN.sub("", _FENCE.sub("", page.read_text(encoding="utf-8")))
    return _LINK.findall(text) + _REF_DEF.findall(text)


def _broken(source: Path, target: str) -> str | None:
    """Why `target`, linked from `source`, does not resolve (None when it does)."""
    path, _, fragment = target.partition("#")
    dest = (source.parent / path).resolve() if path else source
    if not dest.exists():
        return f"{target}: no such file"
    if fragment and dest.suffix == ".md" and fragment not in _anchors(dest):
        return f"{target}: no heading #{fragment} in {dest.relative_to(ROOT)}"
    return None


def test_pages_exist() -> None:
    for page in PAGES:
        assert page.is_file(), page


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    relative = [t for t in _targets(page) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]
    broken = [b for t in relative if (b := _broken(page, t))]
    assert broken == []


def _code_files() -> list[Path]:
    return [
        p
        for d in CODE_DIRS
        for p in (ROOT / d).rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".cpp", ".hpp", ".pyi"}
        and p != Path(__file__).resolve()
    ]


def test_code_cites_docs_pages_that_exist() -> None:
    # Comments cite the semantics as docs/<page>.md#<section>; the pages live in the
    # repository, so that a clone or an installed C++ package has what they cite.
    cited = 0
    broken = []
    for f in _code_files():
        text = f.read_text(encoding="utf-8", errors="replace")
        assert "shared/reference" not in text, f"{f.relative_to(ROOT)} cites ../shared/reference"
        for target in re.findall(r"\bdocs/[\w./-]+\.md(?:#[\w-]+)?", text):
            cited += 1
            if b := _broken(ROOT / "README.md", target):
                broken.append(f"{f.relative_to(ROOT)}: {b}")
    assert broken == []
    assert cited > 0
