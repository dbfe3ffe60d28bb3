# The course's two commands (see README.md):
#   make course   create .venv if needed, regenerate release/, autograde the demo class, write feedback/ and grades.csv
#   make test     create .venv if needed and run the whole test suite (what .ci/run calls)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: course test test-fast test-browser install sandbox release grade demo docs clean lab benchmark

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# The grading sandbox needs bubblewrap (course/sandbox.py). On Debian or Ubuntu it is installed
# here if missing (with sudo when not root); elsewhere the grading command says what to do.
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing bubblewrap, the grading sandbox (apt-get install bubblewrap)"; \
	    SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	    $$SUDO apt-get install -y -qq bubblewrap >/dev/null 2>&1 || \
	      { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq bubblewrap; }; \
	  else echo "bubblewrap (bwrap) is missing: install it with your package manager to grade in the sandbox"; fi; }

course: $(STAMP) sandbox
	$(PY) -m course all -j $(JOBS)

release: $(STAMP)
	$(PY) -m course release

grade: $(STAMP) sandbox
	$(PY) -m course grade -j $(JOBS)

demo: $(STAMP)
	$(PY) -m course.demo_class

docs: $(STAMP)
	$(PY) -m course.docs

# `make test` runs four parts, each on what suits it:
#   1. every notebook (nbval; one file per worker: a notebook's cells share one kernel);
#   2. tests/ on all cores, except the two kinds below;
#   3. tests marked `alone` (serial nbgrader against the course's parallel grading, PostgreSQL,
#      the Binder rebuild), one at a time: they compare runs of nbgrader that a loaded machine would skew;
#   4. the browser tests (tests/e2e: JupyterLab in Debian's Chromium; skipped with a reason without it).
test: $(STAMP) sandbox
	$(PY) -m pytest -n $(JOBS) --dist loadfile source notebooks
	$(PY) -m pytest -n $(JOBS) --dist loadgroup tests -m "not alone and not browser" --durations=15
	$(PY) -m pytest -p no:xdist tests -m alone --durations=15
	$(PY) -m pytest -p no:xdist tests/e2e --durations=10

test-fast: $(STAMP) sandbox
	$(PY) -m pytest -n $(JOBS) --dist loadgroup tests -m "not alone and not browser and not slow"

test-browser: $(STAMP)
	$(PY) -m pytest -p no:xdist tests/e2e --durations=10

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/index.ipynb $(if $(filter 0,$(shell id -u)),--allow-root,)

benchmark: $(STAMP) sandbox
	$(PY) benchmarks/grading.py
	$(PY) benchmarks/sandbox_overhead.py
	$(PY) benchmarks/from_scratch.py
	$(PY) benchmarks/distributed.py    # 500 submissions, local and on 1 and 2 Dask workers: about an hour on 2 cores

clean:
	$(PY) -m course clean
