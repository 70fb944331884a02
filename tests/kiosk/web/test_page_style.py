"""The phone page's stylesheet: every text colour on its background is at least 7:1
(WCAG 2.2 AAA, computed with the WCAG formula) in both the light and the dark scheme,
the focus ring is thick and visible, and sizes are in rem so zoom works."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from accessibility.contrast import AAA_TEXT, contrast_ratio

CSS = resources.files("kiosk.web").joinpath("static", "phone.css").read_text(encoding="utf-8")
_COMMENTS = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) for every innermost rule, media blocks included."""
    found = []
    for selector, body in _RULE.findall(_COMMENTS.sub("", css)):
        declarations = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                declarations[name.strip()] = value.replace("!important", "").strip()
        found.append((" ".join(selector.split()), declarations))
    return found


def schemes() -> dict[str, dict[str, str]]:
    """The custom properties of the light scheme and of the dark one (light + overrides)."""
    text = _COMMENTS.sub("", CSS)
    dark_at = text.index("@media (prefers-color-scheme: dark)")
    light = {
        k: v
        for sel, d in rules(text[:dark_at])
        if sel == ":root"
        for k, v in d.items()
        if k.startswith("--")
    }
    dark_block = text[dark_at:].split("}\n}", 1)[0] + "}"
    dark = dict(light)
    for selector, declarations in rules(dark_block):
        if selector.endswith(":root"):
            dark.update({k: v for k, v in declarations.items() if k.startswith("--")})
    return {"light": light, "dark": dark}


def resolve(value: str, variables: dict[str, str]) -> str | None:
    match = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if match:
        value = variables[match.group(1)]
    return value if _HEX.match(value) else None


SCHEMES = schemes()
COLOUR_RULES = [
    (selector, d) for selector, d in rules(CSS) if "color" in d or "background-color" in d
]


def test_both_schemes_define_the_same_colours() -> None:
    assert set(SCHEMES["light"]) == set(SCHEMES["dark"])
    assert SCHEMES["light"] != SCHEMES["dark"]
    assert all(
        _HEX.match(v)
        for scheme in SCHEMES.values()
        for k, v in scheme.items()
        if k.startswith("--")
    )


def test_every_rule_that_sets_a_background_sets_its_text_colour_too() -> None:
    for selector, declarations in COLOUR_RULES:
        if "background-color" in declarations and resolve(
            declarations["background-color"], SCHEMES["light"]
        ):
            assert "color" in declarations, selector


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_has_at_least_7_to_1_on_its_background(scheme: str) -> None:
    variables = SCHEMES[scheme]
    page = variables["--page"]
    checked = 0
    for selector, declarations in COLOUR_RULES:
        if "color" not in declarations:
            continue
        text = resolve(declarations["color"], variables)
        if text is None:
            continue  # system colours in forced-colours mode belong to the phone
        background = resolve(declarations.get("background-color", ""), variables) or page
        ratio = contrast_ratio(text, background)
        assert ratio >= AAA_TEXT, f"{scheme} {selector}: {text} on {background} is {ratio:.2f}"
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_stands_out_from_the_page_and_the_focus_colour(scheme: str) -> None:
    variables = SCHEMES[scheme]
    ring, focus, page = variables["--focus-ring"], variables["--focus"], variables["--page"]
    # Non-text contrast needs 3:1; the ring is between the page and the yellow halo.
    assert contrast_ratio(ring, focus) >= 3.0
    assert contrast_ratio(focus, page) >= 3.0 or contrast_ratio(ring, page) >= 3.0
    assert contrast_ratio(variables["--focus-text"], focus) >= AAA_TEXT


def test_the_focus_ring_is_thick_and_on_every_focusable_thing() -> None:
    focus_rules = [(s, d) for s, d in rules(CSS) if ":focus-visible" in s and "outline" in d]
    assert focus_rules
    selector, declarations = focus_rules[0]
    for element in ("a", "button", "input", "select", "textarea", "summary"):
        assert f"{element}:focus-visible" in selector
    width = re.match(r"([\d.]+)rem", declarations["outline"])
    assert width is not None
    assert float(width.group(1)) * 16 >= 3
    assert "outline: none" not in CSS
    assert "outline:none" not in CSS
    for selector, declarations in rules(CSS):
        if "focus" in selector and "outline" in declarations:
            assert "var(--focus)" in declarations.get("box-shadow", ""), selector


def test_sizes_scale_with_zoom_and_text_is_large() -> None:
    assert re.search(r"html \{[^}]*font-size: 125%", CSS)
    assert not re.search(r"font-size:\s*\d+px", CSS)
    assert "user-scalable" not in CSS
    assert "maximum-scale" not in CSS


def test_buttons_and_choices_are_big_enough_to_tap() -> None:
    sizes = dict(rules(CSS))
    assert float(sizes["button"]["min-height"].removesuffix("rem")) * 20 >= 44
    assert float(sizes[".choice"]["min-height"].removesuffix("rem")) * 20 >= 44
