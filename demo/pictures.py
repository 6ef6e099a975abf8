"""Placeholder product photos drawn with Pillow, so the demo needs no downloads.

A calm gradient in the category's colour, a light motif (circles, stripes or batik-like
kawung dots) and the product's name in large type.
"""

from functools import cache
from io import BytesIO

from PIL import Image, ImageColor, ImageDraw, ImageFont

SIZE = (1200, 900)
MOTIFS = ("circles", "stripes", "kawung")
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "DejaVuSans-Bold.ttf",
)
MARGIN = 80


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _mix(colour: tuple, other: tuple, share: float) -> tuple:
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, other, strict=True))


def _background(colour: tuple, variant: int) -> Image.Image:
    light = Image.new("RGB", SIZE, _mix(colour, (255, 255, 255), 0.45))
    dark = Image.new("RGB", SIZE, _mix(colour, (0, 0, 0), 0.2))
    if variant % 3 == 2:
        mask = Image.radial_gradient("L")
    else:
        mask = Image.linear_gradient("L").rotate(90 * (variant % 3))
    return Image.composite(dark, light, mask.resize(SIZE))


def _draw_motif(draw: ImageDraw.ImageDraw, motif: str) -> None:
    width, height = SIZE
    ink = (255, 255, 255, 38)
    if motif == "circles":
        for radius in range(60, 700, 70):
            draw.ellipse((width - radius, -radius, width + radius, radius), outline=ink, width=14)
        for x, y, r in ((160, 720, 90), (330, 790, 45), (90, 560, 30)):
            draw.ellipse((x - r, y - r, x + r, y + r), fill=ink)
    elif motif == "stripes":
        for offset in range(-height, width, 90):
            draw.line((offset, height, offset + height, 0), fill=ink, width=28)
    else:
        # Kawung: four petals round a dot, repeated on a grid, as on a batik cloth.
        step, petal = 150, 34
        for cy in range(0, height + step, step):
            for cx in range(0, width + step, step):
                for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
                    px, py = cx + dx * petal, cy + dy * petal
                    rx, ry = (petal // 2, petal) if dx == 0 else (petal, petal // 2)
                    draw.ellipse((px - rx, py - ry, px + rx, py + ry), fill=ink)
                draw.ellipse((cx - 8, cy - 8, cx + 8, cy + 8), fill=(255, 255, 255, 70))


def _wrap(text: str, font, max_width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fit_title(text: str, max_width: int):
    """The largest font size at which the title fits in three lines."""
    for size in range(104, 40, -8):
        font = _font(size)
        lines = _wrap(text, font, max_width)
        if len(lines) <= 3 and all(font.getlength(line) <= max_width for line in lines):
            return font, lines
    font = _font(40)
    return font, _wrap(text, font, max_width)[:3]


def product_picture(title: str, subtitle: str, colour: str, variant: int = 0) -> bytes:
    """A 1200×900 JPEG with the product's name on a gradient in ``colour``."""
    base = ImageColor.getrgb(colour)
    image = _background(base, variant).convert("RGBA")
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    _draw_motif(draw, MOTIFS[variant % len(MOTIFS)])

    max_width = SIZE[0] - 2 * MARGIN - 60
    font, lines = _fit_title(title, max_width)
    small = _font(40)
    sub_lines = _wrap(subtitle, small, max_width)[:2] if subtitle else []
    line_height = round(font.size * 1.18)
    block_height = line_height * len(lines) + (56 * len(sub_lines) + 24 if sub_lines else 0)
    top = (SIZE[1] - block_height) // 2
    draw.rounded_rectangle(
        (MARGIN, top - 40, SIZE[0] - MARGIN, top + block_height + 40),
        radius=36,
        fill=_mix(base, (0, 0, 0), 0.55) + (170,),
    )
    y = top
    for line in lines:
        draw.text((MARGIN + 30, y), line, font=font, fill=(255, 255, 255, 255))
        y += line_height
    y += 24
    for line in sub_lines:
        draw.text((MARGIN + 30, y), line, font=small, fill=(255, 255, 255, 215))
        y += 56
    draw.text(
        (MARGIN, SIZE[1] - 70),
        "Expo Portal · demo picture / gambar contoh",
        font=_font(26),
        fill=(255, 255, 255, 190),
    )

    buffer = BytesIO()
    Image.alpha_composite(image, overlay).convert("RGB").save(
        buffer, "JPEG", quality=85, optimize=True
    )
    return buffer.getvalue()
