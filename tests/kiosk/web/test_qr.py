"""The QR code the kiosk draws: rebuilt from the widget's own cells, turned into an
image and read by a real decoder (zxing-cpp), it gives back exactly the link."""

from __future__ import annotations

import datetime as dt

import pytest
import zxingcpp
from textual.app import App, ComposeResult
from textual.widgets import Static

from kiosk.web import qr
from kiosk.web.codes import SecretTokens
from kiosk.widgets.qr_code import QRCodeWidget, QrHandoffPanel
from tests.support.web import BLACK, WHITE, matrix_from_cells, to_image

URLS = [
    "http://192.168.1.20:8080/h/7K3QDM",
    "http://10.0.0.5:80/j/ABCDEF",
    "http://[fe80::1]:8080/h/ZZZZZZ",
    "http://192.168.100.200:65535/h/" + SecretTokens().code(),
]


class QrApp(App[None]):
    """A dark-themed app, so a theme-coloured code would come out as a negative."""

    CSS = "Screen { background: #1b2330; color: #f1f3f5; }"

    def __init__(self, widget: QRCodeWidget | QrHandoffPanel) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield Static("Above")
        yield self.widget


@pytest.mark.parametrize("url", URLS)
def test_encode_gives_a_square_matrix_with_a_light_quiet_zone(url: str) -> None:
    matrix = qr.encode(url)
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    assert size == 17 + 4 * qr.version(url) + 2 * qr.QUIET_ZONE
    border = qr.QUIET_ZONE
    for y in range(size):
        for x in range(size):
            if min(x, y) < border or max(x, y) >= size - border:
                assert matrix[y][x] is False
    # The finder pattern's corner module sits just inside the quiet zone.
    assert matrix[border][border] is True


@pytest.mark.parametrize("url", URLS)
def test_handoff_links_stay_at_a_small_version(url: str) -> None:
    assert qr.version(url) <= 4


def test_encode_uses_error_correction_m() -> None:
    image = to_image(qr.encode(URLS[0]))
    [result] = zxingcpp.read_barcodes(image)
    assert result.ec_level == "M"


def test_text_too_long_for_a_small_code_is_refused() -> None:
    with pytest.raises(qr.TooLongForQrError):
        qr.encode("x" * 2000)


@pytest.mark.parametrize("url", URLS)
async def test_the_drawn_code_decodes_to_exactly_the_url(url: str) -> None:
    widget = QRCodeWidget(url)
    async with QrApp(widget).run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert widget.size.width == len(qr.encode(url))
        rebuilt = matrix_from_cells(widget)
    expected = qr.encode(url)
    # An odd number of module rows: the last text row's bottom half is extra light space.
    assert len(rebuilt) == len(expected) + 1
    assert rebuilt[: len(expected)] == expected
    assert not any(rebuilt[-1])
    results = zxingcpp.read_barcodes(to_image(rebuilt))
    assert [r.text for r in results] == [url]


async def test_set_data_redraws_a_new_code() -> None:
    widget = QRCodeWidget(URLS[0])
    async with QrApp(widget).run_test(size=(80, 40)) as pilot:
        widget.set_data(URLS[1])
        await pilot.pause()
        rebuilt = matrix_from_cells(widget)
    assert [r.text for r in zxingcpp.read_barcodes(to_image(rebuilt))] == [URLS[1]]


async def test_the_code_is_black_on_white_whatever_the_theme() -> None:
    widget = QRCodeWidget(URLS[0])
    app = QrApp(widget)
    async with app.run_test(size=(80, 40)) as pilot:
        for theme in ("textual-dark", "textual-light", "nord"):
            app.theme = theme
            await pilot.pause()
            colours = {
                (tuple(s.style.color.get_truecolor()), tuple(s.style.bgcolor.get_truecolor()))
                for y in range(widget.cells.height)
                for s in widget.render_line(y)
                if s.style and s.style.color and s.style.bgcolor
            }
            assert colours <= {(BLACK, BLACK), (BLACK, WHITE), (WHITE, BLACK), (WHITE, WHITE)}
            # The quiet zone's first row is all white on white.
            first = widget.render_line(0)
            assert {
                (tuple(s.style.color.get_truecolor()), tuple(s.style.bgcolor.get_truecolor()))
                for s in first
                if s.style and s.style.color and s.style.bgcolor
            } == {(WHITE, WHITE)}


async def test_the_handoff_panel_shows_the_code_the_link_and_the_typed_code() -> None:
    url = "http://192.168.1.20:8080/h/7K3QDM"
    panel = QrHandoffPanel.for_survey(url, "7K3QDM", dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    async with QrApp(panel).run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        texts = [str(s.render()) for s in panel.query(Static)]
        [widget] = panel.query(QRCodeWidget)
        rebuilt = matrix_from_cells(widget)
    joined = "\n".join(texts)
    assert "Take this survey on your phone" in joined
    assert "7K3 QDM" in joined
    assert "http://192.168.1.20:8080 " in joined
    assert url in joined
    assert "15 minutes" in joined
    assert [r.text for r in zxingcpp.read_barcodes(to_image(rebuilt))] == [url]


async def test_the_poll_panel_shows_the_join_code() -> None:
    url = "http://192.168.1.20:8080/j/ABCDEF"
    panel = QrHandoffPanel.for_poll(url, "ABCDEF")
    async with QrApp(panel).run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        joined = "\n".join(str(s.render()) for s in panel.query(Static))
    assert "Vote on your phone" in joined
    assert "ABC DEF" in joined


def test_the_url_holds_no_personal_data_and_enough_chance() -> None:
    # 6 characters of a 32-letter alphabet: 30 bits, one-time, 15 minutes, rate-limited.
    tokens = SecretTokens()
    codes = {tokens.code() for _ in range(2000)}
    assert len(codes) > 1990
    assert len(tokens.token()) >= 43
