# The two commands a newcomer needs: `make kiosk` and `make test`.
# Both set up everything on a fresh machine with only Python 3 (and root for apt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := espeak-ng alsa-utils

.PHONY: kiosk test bench lint typecheck imports unit system-packages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Speech needs espeak-ng (synthesis) and aplay (playback); install them when missing.
system-packages:
	@missing=""; \
	command -v espeak-ng >/dev/null 2>&1 || missing="$$missing espeak-ng"; \
	command -v aplay >/dev/null 2>&1 || missing="$$missing alsa-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing$$missing ..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES)) >/dev/null; \
	  else \
	    echo "Please install:$$missing (read-aloud needs them; the kiosk still runs without)."; \
	  fi; \
	fi

kiosk: $(STAMP) system-packages
	$(BIN)/kiosk

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest

test: $(STAMP) system-packages lint typecheck imports unit

bench: $(STAMP) system-packages
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
