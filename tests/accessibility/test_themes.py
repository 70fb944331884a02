"""Contrast of every colour pair in every theme, and the theme data the kiosk applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.contrast import AAA_TEXT, contrast_ratio, parse_hex, relative_luminance
from accessibility.themes import (
    PAIR_ROLES,
    THEMES,
    Palette,
    Theme,
    contrast_table,
    failing_pairs,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#FFFFFF", "#000000", 21.0),
        ("#000000", "#000000", 1.0),
        ("#FFFF00", "#000000", 19.56),
        ("#003087", "#FFFFFF", 11.85),
        ("#005EB8", "#FFFFFF", 6.38),  # NHS blue: fails AAA body text (research/privacy.md §5)
        ("#808080", "#000000", 5.32),
        ("#777777", "#FFFFFF", 4.48),  # the classic just-fails-AA grey
        ("#0000EE", "#000000", 2.23),
    ],
)
def test_contrast_ratio_matches_wcag_values(
    foreground: str, background: str, expected: float
) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(background, foreground) == pytest.approx(expected, abs=0.01)


def test_luminance_uses_the_0_04045_threshold() -> None:
    # 10/255 = 0.0392 is below 0.04045, so it is divided by 12.92 (not raised to 2.4).
    assert relative_luminance("#0A0A0A") == pytest.approx((10 / 255) / 12.92)
    assert relative_luminance("#0B0B0B") == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)


@pytest.mark.parametrize("text", ["#FFF", "fff", "#ffffff"])
def test_hex_forms_are_read(text: str) -> None:
    assert parse_hex(text) == (255, 255, 255)


@pytest.mark.parametrize("text", ["", "#GGGGGG", "#12345", "white", "#1234567"])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a hex colour"):
        parse_hex(text)


@pytest.mark.parametrize(
    "theme", list(THEMES.values()), ids=[t.name.value for t in THEMES.values()]
)
def test_every_pair_in_every_theme_reaches_seven_to_one(theme: Theme) -> None:
    assert failing_pairs(theme) == []
    assert len(theme.pairs()) == len(PAIR_ROLES)
    assert theme.weakest().ratio >= AAA_TEXT


def test_a_weak_pair_would_be_caught() -> None:
    standard = THEMES[next(iter(THEMES))]
    weak = Theme(
        standard.name,
        "weak",
        False,
        Palette(
            **{
                **{name: getattr(standard.palette, name) for name in Palette.__slots__},
                "muted_text": "#808080",
            }
        ),
    )
    assert [pair.role for pair in failing_pairs(weak)] == ["hint text", "hint text on a panel"]


def test_every_palette_colour_is_used_on_screen() -> None:
    used = {name for _, fg, bg in PAIR_ROLES for name in (fg, bg)}
    assert used == set(Palette.__slots__)


def test_textual_theme_arguments_carry_only_measured_colours() -> None:
    for theme in THEMES.values():
        kwargs = theme.textual_theme_kwargs()
        assert kwargs["text_alpha"] == 1.0
        palette = {getattr(theme.palette, n) for n in Palette.__slots__}
        colours = [v for v in kwargs.values() if isinstance(v, str) and v.startswith("#")]
        variables = kwargs["variables"]
        assert isinstance(variables, dict)
        colours += [v for v in variables.values() if v.startswith("#")]
        assert set(colours) <= palette


def test_docs_table_is_the_one_the_code_measures() -> None:
    assert contrast_table() in DOCS.read_text(encoding="utf-8"), (
        "docs/accessibility.md is out of date: paste in `python -m accessibility.themes`"
    )
