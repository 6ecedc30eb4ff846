"""Channel artwork: check the producer's image against Apple's rules, or draw a cover from the title.

The result is always JPEG bytes for output/artwork.jpg (a PNG is re-encoded), so the file's extension
always matches its format and produce can embed the same bytes as the episode's cover.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from narrator.config import Channel
from narrator.errors import PublishError

MIN_SIZE = 1400
MAX_SIZE = 3000
MAX_BYTES = 512 * 1024
COVER_SIZE = 1400
FORMATS = {"JPEG": ".jpg", "PNG": ".png"}
EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}

BACKGROUND = (22, 38, 64)
ACCENT = (242, 178, 51)
FOREGROUND = (250, 247, 240)


def artwork_problems(data: bytes, name: str) -> list[str]:
    """Every way the image breaks Apple's artwork rules (empty when it is fine)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format, mode, (width, height) = image.format, image.mode, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        return [f"{name}: not a readable image ({exc})"]
    problems = []
    if image_format not in FORMATS:
        problems.append(f"{name}: format is {image_format}, allowed: JPEG or PNG")
    elif EXTENSIONS.get(Path(name).suffix.lower()) != image_format:
        problems.append(f"{name}: the extension does not match its {image_format} format")
    if width != height:
        problems.append(f"{name}: is {width}x{height} px, it must be square")
    if not (MIN_SIZE <= width <= MAX_SIZE and MIN_SIZE <= height <= MAX_SIZE):
        problems.append(f"{name}: is {width}x{height} px, allowed {MIN_SIZE}-{MAX_SIZE} px a side")
    if mode != "RGB":
        problems.append(f"{name}: colour mode is {mode}, it must be RGB (no alpha, palette or CMYK)")
    return problems


def artwork_bytes(channel: Channel) -> bytes:
    """The channel's artwork as JPEG bytes: the producer's image, checked, or a generated cover."""
    return load_artwork(channel.artwork) if channel.artwork else generate_cover(channel.title)


def load_artwork(path: Path) -> bytes:
    """Read the producer's artwork as JPEG; a PublishError lists every rule it breaks and the fix."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PublishError(
            f"artwork {path}: cannot be read ({exc.strerror}); fix `artwork` in podcast.toml"
        ) from None
    problems = artwork_problems(data, str(path))
    if problems:
        raise PublishError(
            "; ".join(problems) + "; use a square RGB JPEG or PNG of 1400-3000 px, or remove `artwork` "
            "from podcast.toml to generate one"
        )
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "JPEG":
            return data
        return _jpeg(image)


def generate_cover(title: str) -> bytes:
    """A 1400x1400 JPEG with the podcast title; the same title always gives the same bytes."""
    image = Image.new("RGB", (COVER_SIZE, COVER_SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 120
    draw.rectangle((margin, margin, margin + 220, margin + 28), fill=ACCENT)
    lines, size = _fit_title(draw, title, COVER_SIZE - 2 * margin, COVER_SIZE - 2 * margin - 300)
    font = ImageFont.load_default(size=size)
    y = margin + 140
    for line in lines:
        draw.text((margin, y), line, font=font, fill=FOREGROUND)
        y += size + size // 4
    small = ImageFont.load_default(size=56)
    draw.text((margin, COVER_SIZE - margin - 56), "read aloud by narrator", font=small, fill=ACCENT)
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, dpi=(72, 72), optimize=True)
    return buffer.getvalue()


def _fit_title(draw: ImageDraw.ImageDraw, title: str, width: int, height: int) -> tuple[list[str], int]:
    """The wrapped title and the largest font size at which it fits the box (Pillow's bundled font)."""
    text = " ".join(title.split()) or "Podcast"
    size = 160
    while True:
        font = ImageFont.load_default(size=size)
        lines = textwrap.wrap(text, max(4, int(width / (size * 0.55))), break_long_words=True)
        fits = all(draw.textlength(line, font=font) <= width for line in lines)
        if size <= 40 or (fits and len(lines) * size * 1.25 <= height):
            return lines[: int(height / (size * 1.25))], size
        size -= 8
