"""Checking and re-encoding an uploaded profile photo with Pillow.

The file's name and the browser's content type are never trusted: Pillow must recognise the
bytes as JPEG, PNG or WebP. The picture is then decoded, turned upright (EXIF orientation),
shrunk to fit `PHOTO_MAX_SIDE` and written anew as a JPEG. Writing a new file drops everything
the upload carried besides its pixels: EXIF (camera, GPS position, date), ICC profiles and
comments, and any payload hidden after the image data.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 512
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
# Far above any camera's picture, far below what would exhaust a worker's memory when decoded.
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_QUALITY = 85

PHOTO_TOO_LARGE = "The photo is {size:.1f} MB; choose one of at most 5 MB."
PHOTO_EMPTY = "The file is empty; choose a photo."
PHOTO_NOT_AN_IMAGE = (
    "This file is not a JPEG, PNG or WebP picture (whatever its name says); choose a photo in "
    "one of those formats."
)
PHOTO_TOO_MANY_PIXELS = "This picture is too large to process ({width} by {height} pixels)."
PHOTO_BROKEN = "This picture could not be read: the file may be damaged. Try saving it again."


def photo_reencode(upload) -> bytes:
    """The upload as a JPEG of at most PHOTO_MAX_SIDE pixels a side, with no metadata.

    Raises ValidationError({"photo": ...}) with a message a person can act on.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": PHOTO_TOO_LARGE.format(size=size / 1024 / 1024)})
    if not size:
        raise ValidationError({"photo": PHOTO_EMPTY})
    upload.seek(0)
    data = upload.read(PHOTO_MAX_BYTES + 1)
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": PHOTO_TOO_LARGE.format(size=len(data) / 1024 / 1024)})
    picture = _open(data)
    try:
        with warnings.catch_warnings():
            # A decompression bomb warning is an error here, not a line in a log.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = ImageOps.exif_transpose(picture)
            picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
            picture = _flatten(picture)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as error:
        raise ValidationError({"photo": PHOTO_BROKEN}) from error
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=PHOTO_QUALITY, optimize=True)
    return out.getvalue()


def _open(data: bytes) -> Image.Image:
    """The picture, recognised by Pillow from its bytes and checked before it is decoded.

    Only the three formats' readers are tried, so no other decoder ever sees the bytes.
    """
    formats = list(PHOTO_FORMATS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=formats)
            width, height = probe.size
            probe.verify()  # structure and checksums, without decoding the pixels
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError({"photo": PHOTO_NOT_AN_IMAGE}) from None
    except (OSError, ValueError, SyntaxError) as error:
        raise ValidationError({"photo": PHOTO_BROKEN}) from error
    if width * height > PHOTO_MAX_PIXELS:
        raise ValidationError({"photo": PHOTO_TOO_MANY_PIXELS.format(width=width, height=height)})
    # verify() leaves the image unusable: open it again to decode it.
    return Image.open(io.BytesIO(data), formats=formats)


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and palette or CMYK pictures must convert."""
    if picture.mode in {"RGBA", "LA"} or (picture.mode == "P" and "transparency" in picture.info):
        picture = picture.convert("RGBA")
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        return background
    return picture.convert("RGB")
