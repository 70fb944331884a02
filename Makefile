# The two commands a newcomer needs: `make kiosk` and `make test`.
# Both set up everything on a fresh machine with only Python 3 (and root for apt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: kiosk test bench lint typecheck imports unit catalogues system-packages test-packages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Read-aloud needs espeak-ng (speech) and aplay (playback); the tests also drive a real
# terminal (tmux) and a real browser (chromium). Missing ones are installed with apt.
SPEECH_PACKAGES := espeak-ng:espeak-ng aplay:alsa-utils
# `kiosk serve` sends tablets the Noto Color Emoji font, so the scale's faces draw.
SERVE_PACKAGES := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf:fonts-noto-color-emoji
TEST_PACKAGES := $(SPEECH_PACKAGES) $(SERVE_PACKAGES) tmux:tmux chromium:chromium

system-packages:
	@scripts/ensure-packages $(SPEECH_PACKAGES) $(SERVE_PACKAGES)

test-packages:
	@scripts/ensure-packages $(TEST_PACKAGES)

# Starts the demo survey unlocked, for trying out; a real kiosk sets a PIN first.
kiosk: $(STAMP) system-packages
	$(BIN)/kiosk --unlocked

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest

test: $(STAMP) test-packages lint typecheck imports unit

# After adding or changing a message marked with _() / n_() / N_() or {% trans %}:
# extract them again, update each language's .po and compile the shipped .mo files.
catalogues: $(STAMP)
	$(BIN)/python scripts/catalogues

bench: $(STAMP) system-packages
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
