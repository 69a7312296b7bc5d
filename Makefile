# Two commands on a fresh machine: `make run` and `make test`.
# Both install from constraints.txt, the versions CI tested; `make lock` writes it again.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := constraints.txt
APP    := $(VENV)/.installed-app
STAMP  := $(VENV)/.installed-test

.PHONY: run test lint types pytest bench format lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The app alone for `make run`; the test tools (ICU, hypothesis, ruff, mypy...) on top for the
# rest. Each is installed again whenever the project's metadata or the lock changes.
$(APP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(STAMP): $(APP)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $@

run: $(APP)
	$(BIN)/hamish $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint types pytest

bench: $(STAMP)
	$(BIN)/python -m hamish.bench all

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# Resolve every dependency (the test tools too) in a scratch venv and pin what was installed.
# Pins already in the lock are kept where they still fit, so adding a dependency to
# pyproject.toml and running `make lock` changes only what it must; `make lock UPGRADE=1`
# takes the newest versions of everything.
LOCK_VENV := $(VENV)-lock
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	if [ -z "$(UPGRADE)" ] && [ -f $(LOCK) ]; then \
	    $(LOCK_VENV)/bin/python -m pip install --quiet -c $(LOCK) -e '.[test]' \
	    || $(LOCK_VENV)/bin/python -m pip install --quiet -e '.[test]'; \
	else \
	    $(LOCK_VENV)/bin/python -m pip install --quiet -e '.[test]'; \
	fi
	{ echo "# The versions \`make run\` and \`make test\` install (pip -c). Written by \`make lock\`:"; \
	  echo "# do not edit; add dependencies to pyproject.toml and run it again."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; \
	} > $(LOCK).new
	mv $(LOCK).new $(LOCK)
	rm -rf $(LOCK_VENV)

clean:
	rm -rf $(VENV) $(LOCK_VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
