"""Uploaded images are trusted for nothing: checked by content, bounded, re-encoded without their
metadata (m4d.lib.images, decision 0012)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from m4d.lib.images import ImageRejected, check_image, normalise_image

LIMITS = {"max_bytes": 2 * 1024 * 1024, "max_pixels": 25_000_000}


def image_bytes(
    size: tuple[int, int] = (800, 400), fmt: str = "PNG", mode: str = "RGB", **save: object
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "#2a6f4e" if mode != "1" else 1).save(buffer, fmt, **save)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels (a decompression bomb's shape)."""
    data = bytearray(image_bytes((1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def test_a_large_png_is_reduced_to_fit_the_box_keeping_its_shape():
    result = normalise_image(image_bytes((800, 400)), box=400, **LIMITS)

    assert (result.extension, result.width, result.height) == ("png", 400, 200)
    assert result.media_type == "image/png"
    assert Image.open(io.BytesIO(result.content)).size == (400, 200)


def test_a_small_image_is_never_enlarged():
    result = normalise_image(image_bytes((120, 60), "JPEG"), box=400, **LIMITS)

    assert (result.extension, result.width, result.height) == ("jpg", 120, 60)


def test_exif_is_stripped_and_its_orientation_applied_first():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Camera maker"
    jpeg = image_bytes((100, 50), "JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(jpeg)).getexif()

    result = normalise_image(jpeg, box=400, **LIMITS)

    written = Image.open(io.BytesIO(result.content))
    assert written.size == (50, 100)
    assert not written.getexif()
    assert "exif" not in written.info


def test_text_chunks_of_a_png_are_not_copied():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "secret location")
    result = normalise_image(image_bytes((10, 10), pnginfo=info), box=400, **LIMITS)

    assert b"secret location" not in result.content


def test_gif_becomes_png_and_webp_stays_webp():
    assert normalise_image(image_bytes((10, 10), "GIF"), box=400, **LIMITS).extension == "png"
    assert normalise_image(image_bytes((10, 10), "WEBP"), box=400, **LIMITS).extension == "webp"


def test_transparency_survives_as_png():
    result = normalise_image(image_bytes((10, 10), mode="RGBA"), box=400, **LIMITS)

    assert Image.open(io.BytesIO(result.content)).mode == "RGBA"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just some text, renamed logo.png", "not_an_image"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not_an_image",
        ),
        (image_bytes((200, 200))[:-40], "not_an_image"),  # truncated
        (image_bytes((10, 10), "BMP"), "unsupported_format"),
        (png_declaring(6_000, 6_000), "too_many_pixels"),  # ours: 25 megapixels
        (png_declaring(100_000, 100_000), "too_many_pixels"),  # past Pillow's own bomb limit
    ],
    ids=["text", "svg", "truncated", "bmp", "pixels", "bomb"],
)
def test_what_is_not_an_acceptable_image_is_refused_with_its_reason(data, reason):
    with pytest.raises(ImageRejected) as rejected:
        normalise_image(data, box=400, **LIMITS)

    assert rejected.value.reason == reason


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read_as_an_image():
    with pytest.raises(ImageRejected) as rejected:
        check_image(io.BytesIO(image_bytes((50, 50))), max_bytes=100, max_pixels=10_000)

    assert rejected.value.reason == "too_large"


def test_checking_reports_the_format_and_size_from_the_content():
    checked = check_image(io.BytesIO(image_bytes((30, 20), "WEBP")), **LIMITS)

    assert (checked.format, checked.width, checked.height) == ("WEBP", 30, 20)
