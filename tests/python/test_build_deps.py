"""A source build on a machine without a C++20 compiler, ICU or Eigen stops with one
message naming what is missing and how to install it (cmake/Dependencies.cmake).

Each test configures the project (configure only, no compilation) with one
dependency hidden: a package through CMAKE_DISABLE_FIND_PACKAGE_<name>, the
compiler through CXX pointing at a C++17-only wrapper or at nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The venv's cmake (installed by the Makefile) or the system's.
CMAKE = shutil.which("cmake", path=str(Path(sys.executable).parent)) or shutil.which("cmake")
CXX = shutil.which("g++") or shutil.which("c++")

pytestmark = [
    pytest.mark.slow,  # each test configures a CMake project
    pytest.mark.skipif(CMAKE is None or CXX is None, reason="needs cmake and a C++ compiler"),
]


def configure(
    tmp_path: Path, *args: str, cxx: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CXX", "CXXFLAGS")}
    if cxx is not None:
        env["CXX"] = cxx
    return subprocess.run(
        [
            str(CMAKE),
            "-S",
            str(ROOT),
            "-B",
            str(tmp_path / "build"),
            "-DTEXTGAUGE_BUILD_TESTS=OFF",
            "-DTEXTGAUGE_INSTALL=OFF",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def missing_report(result: subprocess.CompletedProcess[str]) -> str:
    """The one error message, with CMake's line wrapping undone."""
    assert result.returncode != 0
    assert result.stderr.count("CMake Error") == 1, result.stderr
    return " ".join(result.stderr.split())


def test_everything_present_configures(tmp_path: Path) -> None:
    result = configure(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cannot be built" not in result.stderr


def test_without_icu(tmp_path: Path) -> None:
    report = missing_report(configure(tmp_path, "-DCMAKE_DISABLE_FIND_PACKAGE_ICU=ON"))
    assert "missing - ICU >= 66" in report
    assert "Eigen" not in report.split("Install them")[0]
    assert "sudo apt-get install libicu-dev Fedora/RHEL" in report  # that package alone
    assert "sudo dnf install libicu-devel" in report
    assert "brew install icu4c" in report
    assert "conda install -c conda-forge icu" in report


def test_without_eigen(tmp_path: Path) -> None:
    report = missing_report(configure(tmp_path, "-DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON"))
    assert "missing - Eigen >= 3.3" in report
    assert "ICU" not in report.split("Install them")[0]
    for command in (
        "apt-get install libeigen3-dev",
        "dnf install eigen3-devel",
        "brew install eigen",
        "conda-forge eigen",
    ):
        assert command in report


def test_without_both_names_both_once(tmp_path: Path) -> None:
    report = missing_report(
        configure(
            tmp_path,
            "-DCMAKE_DISABLE_FIND_PACKAGE_ICU=ON",
            "-DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON",
        )
    )
    assert "sudo apt-get install libicu-dev libeigen3-dev" in report
    assert "sudo dnf install libicu-devel eigen3-devel" in report


def test_compiler_without_cxx20(tmp_path: Path) -> None:
    # The system compiler forced back to C++17 (the last -std wins), as an old
    # GCC or Clang would be: <span> and concepts are missing.
    wrapper = tmp_path / "g++17"
    wrapper.write_text(f'#!/bin/sh\nexec "{CXX}" "$@" -std=c++17\n')
    wrapper.chmod(0o755)
    report = missing_report(configure(tmp_path, cxx=str(wrapper)))
    assert "missing - a C++20 compiler (found GNU" in report
    assert f"at {wrapper}, which cannot compile C++20" in report
    assert "sudo apt-get install g++" in report


def test_no_compiler(tmp_path: Path) -> None:
    report = missing_report(configure(tmp_path, cxx=str(tmp_path / "no-such-c++")))
    assert "missing - a C++ compiler (none found; set CXX to choose one)" in report
    assert "sudo dnf install gcc-c++" in report
