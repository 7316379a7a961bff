"""The install steps of `make demo` / `make test` work on a fresh machine with no pip cache.

A dependency published only as an sdist (lexicalrichness) must build in its own
isolated environment: with --no-build-isolation it needs setuptools' bdist_wheel
in the venv, which a fresh venv lacks, and the install passed only where a
wheel built earlier sat in the pip cache. Only textgauge itself may skip the
isolation (to keep its C++ build incremental). The full proof is
../shared/tools/fresh-clone-check; this test keeps the Makefile honest.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import requirements  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def pip_installs(target: str) -> list[list[str]]:
    """The pip install commands `make <target>` would run from scratch (dry run)."""
    out = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [shlex.split(line) for line in out.splitlines() if "pip install" in line]


@pytest.mark.parametrize("target", ["demo", "test-python"])
def test_only_textgauge_skips_build_isolation(target: str) -> None:
    commands = pip_installs(target)
    assert commands
    for cmd in commands:
        if "--no-build-isolation" in cmd:
            assert "--no-deps" in cmd and cmd[-1] == ".", cmd  # textgauge alone


def test_demo_installs_runtime_requirements_and_test_adds_the_extra() -> None:
    demo = [c for c in pip_installs("demo") if "-r" in c]
    test = [c for c in pip_installs("test-python") if "-r" in c]
    assert [c[c.index("-r") + 1] for c in demo] == [".venv/requirements.txt"]
    assert [c[c.index("-r") + 1] for c in test] == [
        ".venv/requirements.txt",
        ".venv/requirements-test.txt",
    ]
    runtime, with_test = requirements.requirements([]), requirements.requirements(["test"])
    assert "vaderSentiment==3.3.2" in runtime and not any(r.startswith("pytest") for r in runtime)
    assert "lexicalrichness>=0.5" in with_test and set(runtime) < set(with_test)


def test_ci_runs_without_pip_cache_in_a_fresh_venv() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "export PIP_NO_CACHE_DIR=1" in ci
    assert ci.index("rm -rf .venv") < ci.index("make test")


def test_unknown_extra_is_an_error() -> None:
    with pytest.raises(SystemExit, match="unknown extra 'nope'"):
        requirements.requirements(["nope"])
