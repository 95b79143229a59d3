"""Pictures drawn at build time with Pillow and the theme's Noto Sans: the link-preview cards (Open Graph) and the
home-screen icons of the web app manifest.

A card is drawn per language and page kind, not per page: a few dozen pictures for the whole site, each a few
kilobytes, since messaging apps show them small. Same words, same bytes: Pillow writes no time or metadata
into a PNG unless asked, and the text is laid out by FreeType alone (no system shaping library whose version
could move a letter).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parents[1] / "themes" / "default" / "fonts"
CARD_SIZE = (1200, 630)  # what Facebook, WhatsApp, Viber and Telegram crop the least
ICON_SIZES = (192, 512)  # the two sizes Android asks a manifest for
ACCENT = (11, 110, 79)  # the theme's --accent, #0b6e4f
PAPER = (255, 255, 255)
MARGIN = 80


@dataclass
class PictureMemo:
    """Each picture drawn once per build context: the preview builds again only a card whose words changed."""

    drawn: dict[tuple, bytes] = field(default_factory=dict)
    fonts: Fonts = field(default_factory=lambda: Fonts())

    def card(self, title: str, subtitle: str) -> bytes:
        key = ("card", title, subtitle)
        if key not in self.drawn:
            self.drawn[key] = draw_card(title, subtitle, self.fonts)
        return self.drawn[key]

    def icon(self, size: int) -> bytes:
        key = ("icon", size)
        if key not in self.drawn:
            self.drawn[key] = draw_icon(size, self.fonts)
        return self.drawn[key]


@dataclass
class Fonts:
    """Noto Sans, each weight and size read once (reading the file is most of the time a card takes)."""

    loaded: dict[tuple[str, int], ImageFont.FreeTypeFont] = field(default_factory=dict)

    def __call__(self, weight: str, size: int) -> ImageFont.FreeTypeFont:
        if (weight, size) not in self.loaded:
            path = str(FONTS / f"NotoSans-{weight}.woff2")
            self.loaded[weight, size] = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
        return self.loaded[weight, size]


def draw_card(title: str, subtitle: str, fonts: Fonts | None = None) -> bytes:
    """A 1200x630 card: the site's title large on the theme's colour, and below it what kind of page it is."""
    fonts = fonts or Fonts()
    image = Image.new("L", CARD_SIZE, 0)  # how much of the text's white each pixel has: coloured by `_png`
    draw = ImageDraw.Draw(image)
    width = CARD_SIZE[0] - 2 * MARGIN
    size, lines = _fitting(draw, fonts, title, width, max_lines=3)
    y = MARGIN
    font = fonts("Bold", size)
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=255)
        y += int(size * 1.25)
    if subtitle:
        small = fonts("Regular", 52)
        draw.text((MARGIN, CARD_SIZE[1] - MARGIN - 60), _cut(draw, subtitle, small, width), font=small, fill=255)
    return _png(image)


def draw_icon(size: int, fonts: Fonts | None = None) -> bytes:
    """A home-screen icon: a white "i" (information, understood in every language) on the theme's colour, inside the
    middle 60%, so that a launcher's round or rounded mask (`purpose: maskable`) never cuts it."""
    image = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(image)
    radius = size * 0.3
    middle = size / 2
    draw.ellipse((middle - radius, middle - radius, middle + radius, middle + radius), fill=255)
    font = (fonts or Fonts())("Bold", int(size * 0.42))
    draw.text((middle, middle), "i", font=font, fill=0, anchor="mm")
    return _png(image)


def _fitting(draw: ImageDraw.ImageDraw, fonts: Fonts, text: str, width: int, max_lines: int) -> tuple[int, list[str]]:
    """The largest font size (96 down to 48) at which `text` wraps into at most `max_lines` lines of `width`."""
    for size in range(96, 47, -8):
        lines = _wrapped(draw, text, fonts("Bold", size), width)
        if len(lines) <= max_lines:
            return size, lines
    font = fonts("Bold", 48)
    lines = _wrapped(draw, text, font, width)
    return 48, [*lines[: max_lines - 1], _cut(draw, " ".join(lines[max_lines - 1 :]), font, width)]


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _cut(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The text, shortened with … when it is wider than `width`."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(f"{text}…", font=font) > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


LEVELS = 16  # shades between the theme's colour and white: enough for smooth letters, and a small file


def _png(coverage: Image.Image) -> bytes:
    """The picture in the theme's colour and white (each pixel's share of white from `coverage`), as a 16-colour PNG
    with no chunk but the picture's own: no time, no software name, no colour profile."""
    indexed = coverage.point([round(value * (LEVELS - 1) / 255) for value in range(256)]).convert("P")
    palette = []
    for level in range(LEVELS):
        palette += [round(a + (b - a) * level / (LEVELS - 1)) for a, b in zip(ACCENT, PAPER, strict=True)]
    indexed.putpalette(palette)
    buffer = io.BytesIO()
    indexed.save(buffer, format="PNG", compress_level=6, bits=4)
    return buffer.getvalue()
