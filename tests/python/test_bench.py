"""The scripts in bench/ share one harness and start: no file there hides a module that
they import (bench/ is first on the import path of a script run there), each uses
bench/harness.py for its timing, and each answers --help."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCRIPTS = sorted(p for p in BENCH.glob("*.py") if p.name != "harness.py")


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_harness", BENCH / "harness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_bench_file_shadows_a_module(tmp_path: Path) -> None:
    harness = _harness()
    assert harness.shadowed_modules(BENCH) == []
    # the check sees the standard library and installed packages
    for name in ("tokenize.py", "numpy.py", "mine.py"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert harness.shadowed_modules(tmp_path) == ["numpy.py", "tokenize.py"]


def test_the_harness_times_and_prints_ratios() -> None:
    harness = _harness()
    calls: list[int] = []

    def call() -> int:
        calls.append(1)
        return len(calls)

    seconds, out = harness.best_of(call, 3)
    assert calls == [1, 1, 1] and out == 3 and seconds >= 0
    assert harness.ratio(2.47, 0.2) == "  12.3x"
    assert harness.ratio(1.0, 4.0, 0, 2) == "0.25x"


def test_a_failing_child_stops_the_run_with_its_error(tmp_path: Path) -> None:
    """run_child hands back the child's JSON; a child that fails (a --baseline with no
    textgauge on it) ends the run with the child's last stderr line, not a traceback."""
    harness = _harness()
    child = tmp_path / "child.py"
    child.write_text(
        "import json, sys\n"
        "if sys.argv[2] == 'ok':\n"
        "    print('noise'); print(json.dumps({'time': 1.5}))\n"
        "else:\n"
        "    import textgauge_nowhere\n",
        encoding="utf-8",
    )
    assert harness.run_child(str(child), ["ok"]) == {"time": 1.5}
    with pytest.raises(SystemExit) as stop:
        harness.run_child(str(child), ["bad"], pythonpath=str(tmp_path / "no-build"))
    message = str(stop.value)
    assert message.startswith("child.py --child bad with PYTHONPATH=")
    assert message.endswith("ModuleNotFoundError: No module named 'textgauge_nowhere'")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_uses_the_harness(script: Path) -> None:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "harness" in imported
    functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert not {"best", "best_of"} & functions, "time with harness.best / harness.best_of"
    assert "sys.path" not in script.read_text(encoding="utf-8")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
@pytest.mark.slow
def test_every_script_answers_help(script: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "usage:" in proc.stdout
