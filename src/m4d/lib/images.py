"""Uploaded images made safe to serve: checked by content, bounded, re-encoded without metadata.

Pure helpers (Pillow, no Django). An upload is trusted for nothing: not its name, not its declared
type. `check_image` reads the header and verifies the whole file's structure; `normalise_image`
decodes it (after refusing sizes that would make decoding a memory bomb), applies the EXIF
orientation, fits it in a box and writes a new file in the same family of format (PNG, JPEG or
WebP) with none of the original's metadata (EXIF, GPS, comments, text chunks). Decision 0012.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

# Formats read → the format written, its file extension and its media type. GIF becomes PNG (its
# first frame): animations are not logos. SVG is never accepted: it is a document with scripts.
WRITTEN = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


class ImageRejected(ValueError):
    """The upload is not an image this module accepts; `reason` says which check refused it:
    "too_large", "not_an_image", "unsupported_format", "too_many_pixels"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class CheckedImage:
    format: str  # as Pillow names it: "PNG", "JPEG", …
    width: int
    height: int


@dataclass(frozen=True)
class NormalisedImage:
    content: bytes
    extension: str  # "png", "jpg" or "webp"
    width: int
    height: int

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.extension]


def _read(source: IO[bytes] | bytes, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected("too_large")
    return data


def _open(data: bytes, max_pixels: int) -> Image.Image:
    # Image.open reads the header only. Pillow itself warns past MAX_IMAGE_PIXELS and refuses past
    # twice that (both far above a logo): the warning is made an error, and our own, smaller limit
    # is checked below, still before anything is decoded.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRejected("too_many_pixels", str(error)) from None
        except UnidentifiedImageError:
            raise ImageRejected("not_an_image") from None
        except (OSError, ValueError, SyntaxError) as error:
            raise ImageRejected("not_an_image", str(error)) from None
    if image.format not in WRITTEN:
        raise ImageRejected("unsupported_format", str(image.format))
    if image.width * image.height > max_pixels:
        raise ImageRejected("too_many_pixels", f"{image.width}×{image.height}")
    return image


def check_image(source: IO[bytes] | bytes, *, max_bytes: int, max_pixels: int) -> CheckedImage:
    """Refuse (ImageRejected) what is too large, not an image, not PNG/JPEG/WebP/GIF, or larger
    than `max_pixels` once decoded; `verify()` reads the whole file's structure (truncated or
    corrupt files fail) without decoding it."""
    data = _read(source, max_bytes)
    image = _open(data, max_pixels)
    checked = CheckedImage(image.format or "", image.width, image.height)
    try:
        image.verify()
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ImageRejected("not_an_image", str(error)) from None
    return checked


def normalise_image(
    source: IO[bytes] | bytes, *, max_bytes: int, max_pixels: int, box: int
) -> NormalisedImage:
    """The upload checked (as `check_image`), then decoded from a fresh open (a verified image
    cannot be used further), turned upright, fitted in `box`×`box` pixels (never enlarged) and
    written anew without metadata."""
    data = _read(source, max_bytes)
    check_image(data, max_bytes=max_bytes, max_pixels=max_pixels)
    image = _open(data, max_pixels)
    written = WRITTEN[image.format or ""]
    try:
        image.seek(0)  # the first frame of an animation
        image.load()
        image = ImageOps.exif_transpose(image) or image
    except Exception as error:  # decoding errors that verify() cannot see (bad compressed data)
        raise ImageRejected("not_an_image", str(error)) from None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if written == "JPEG":
        image = image.convert("L" if image.mode in ("1", "L") else "RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((box, box), Image.Resampling.LANCZOS)
    # Some encoders copy what `info` holds (EXIF, ICC, text chunks): keep only the transparency.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    out = io.BytesIO()
    if written == "JPEG":
        image.save(out, "JPEG", quality=85, optimize=True)
    elif written == "WEBP":
        image.save(out, "WEBP", quality=85, method=4)
    else:
        image.save(out, "PNG", optimize=True)
    return NormalisedImage(out.getvalue(), EXTENSIONS[written], image.width, image.height)
