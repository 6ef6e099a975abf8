"""Files for upload tests: real photos and the attacks an upload form must survive.

Each builder returns an in-memory upload (SimpleUploadedFile) whose name and
content type say "photo", whatever the bytes really are.
"""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def image_bytes(size=(640, 480), image_format="JPEG", *, color=(200, 120, 40), exif=None):
    buffer = io.BytesIO()
    mode = "RGBA" if image_format == "PNG" and len(color) == 4 else "RGB"
    picture = Image.new(mode, size, color=color)
    # A second colour on the left half, so turning the picture shows in its pixels.
    picture.paste(
        (20, 40, 200) if mode == "RGB" else (20, 40, 200, 255), (0, 0, size[0] // 2, size[1])
    )
    options = {"exif": exif.tobytes()} if exif is not None else {}
    picture.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def camera_exif(orientation=6):
    """EXIF as a phone writes it: GPS position, camera model, and rotate-90 orientation."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone X"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 12.0)}
    return exif


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg(name="photo.jpg", size=(640, 480), **kwargs):
    return upload(image_bytes(size, "JPEG", **kwargs), name)


def png(name="photo.png", size=(640, 480), **kwargs):
    return upload(image_bytes(size, "PNG", **kwargs), name, "image/png")


def webp(name="photo.webp", size=(640, 480)):
    return upload(image_bytes(size, "WEBP"), name, "image/webp")


def gif_renamed(name="photo.jpg"):
    return upload(image_bytes((64, 64), "GIF"), name)


def svg_renamed(name="photo.jpg"):
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
    )
    return upload(svg, name)


def html_renamed(name="photo.jpg"):
    return upload(b"<!doctype html><html><body><script>alert(1)</script></body></html>", name)


HTML_TAIL = b"<html><body><script>alert('stored xss')</script></body></html>"


def png_with_html(name="photo.png"):
    return upload(image_bytes((320, 240), "PNG") + HTML_TAIL, name, "image/png")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width=20_000, height=20_000, name="bomb.png"):
    """A real, valid PNG of width x height black pixels that compresses to a few dozen KB.

    Decoded it needs width * height bytes of memory (400 MB for 20,000 x 20,000).
    """
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    content = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )
    return upload(content, name, "image/png")


def huge_file(megabytes=30, name="photo.jpg"):
    """A file of ``megabytes`` MB that starts like a JPEG."""
    return upload(b"\xff\xd8\xff\xe0" + b"\x00" * (megabytes * 1024 * 1024), name)


def truncated_jpeg(name="photo.jpg"):
    data = image_bytes((1200, 900), "JPEG")
    return upload(data[: len(data) // 2], name)


PHP = b"<?php system($_GET['c']); ?>"


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_php(name="photo.jpg"):
    """A JPEG whose comment, XMP (APP1) and Photoshop (APP13) segments hold PHP code."""
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 120, 40)).save(buffer, "JPEG", comment=PHP)
    data = buffer.getvalue()
    extra = _jpeg_segment(
        0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + PHP + b"</x:xmpmeta>"
    ) + _jpeg_segment(0xED, b"Photoshop 3.0\x00" + PHP)
    return upload(data[:2] + extra + data[2:], name)


def png_with_php(name="photo.png"):
    """A PNG with PHP code in a text chunk and in its ICC profile chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", PHP.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 120, 40)).save(
        buffer, "PNG", pnginfo=info, icc_profile=PHP * 4
    )
    return upload(buffer.getvalue(), name, "image/png")


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments before its image data (SOS ends the list)."""
    markers, position = [], 2
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # Start of scan: compressed pixels follow.
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers
