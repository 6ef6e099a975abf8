"""Photos that owners upload: checked, then re-encoded before anything is stored.

``clean_image_upload`` accepts only JPEG, PNG and WebP whose *content* is that format
(the name and the browser's content type are ignored), at most
``EXPO_UPLOAD_MAX_BYTES`` bytes and ``EXPO_UPLOAD_MAX_PIXELS`` pixels (a decompression
bomb is refused from its header, before it is decoded). The picture is then decoded in
full (a truncated file is refused), turned upright as the camera's EXIF orientation
says, shrunk to ``EXPO_UPLOAD_MAX_SIDE`` pixels at most, and written anew: the stored
file carries no EXIF, GPS or other metadata, no JPEG comment or application segment,
no PNG text, and nothing that was appended to the original (HTML behind a PNG, say).
Names are chosen by ``common.files.RandomUploadPath`` when the file is saved; the uploaded
name is never used. The admin's photo and logo fields go through the same function
(``CleanImageField``).

Every refusal is a ``ValidationError`` with a message an owner can act on.
"""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format name -> (extension of the stored file, save options). The options bound
# the time a web worker spends writing: PNG's ``optimize`` alone took 6 s for one large
# picture, zlib's default level still 0.6 s (level 1: 0.17 s, a file a quarter larger;
# pages show the derived WebP copies), WebP's slower methods more than a second.
FORMATS = {
    "JPEG": (".jpg", {"quality": 88, "optimize": True, "progressive": True}),
    "PNG": (".png", {"compress_level": 1}),
    "WEBP": (".webp", {"quality": 85, "method": 2}),
}


def max_bytes() -> int:
    return getattr(settings, "EXPO_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)


def max_pixels() -> int:
    return getattr(settings, "EXPO_UPLOAD_MAX_PIXELS", 25_000_000)


def max_side() -> int:
    return getattr(settings, "EXPO_UPLOAD_MAX_SIDE", 1600)


def _not_a_photo():
    return ValidationError(
        _(
            "This file is not a photo we can use. Please choose a JPEG, PNG or WebP photo "
            "(for example one taken with your phone's camera)."
        ),
        code="not_an_image",
    )


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded photo, ready to be assigned to an ImageField."""

    file: ContentFile
    format: str
    width: int
    height: int


def _read(upload) -> bytes:
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            _(
                "This photo is too big (%(size)s). Please choose a photo of at most %(limit)s, "
                "or take it again with a lower quality setting."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            code="too_big",
        )
    upload.seek(0)
    # One byte more than allowed is enough to know it is too big, whatever .size said.
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise ValidationError(
            _("This photo is too big. Please choose a photo of at most %(limit)s.")
            % {"limit": filesizeformat(max_bytes())},
            code="too_big",
        )
    if not data:
        raise ValidationError(_("This file is empty. Please choose the photo again."), code="empty")
    return data


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        _(
            "This picture is too large (%(width)s × %(height)s pixels, %(found)s megapixels). "
            "Please choose a photo of at most %(megapixels)s megapixels: a phone camera in "
            "its normal mode takes 12, or shrink the picture before sending it."
        )
        % {
            "width": width,
            "height": height,
            "found": round(width * height / 1_000_000),
            "megapixels": max_pixels() // 1_000_000,
        },
        code="too_many_pixels",
    )


def clean_image_upload(upload) -> CleanImage:
    """Check an uploaded photo and return a re-encoded copy (see the module docstring)."""
    data = _read(upload)
    with warnings.catch_warnings():
        # Pillow warns (DecompressionBombWarning) before it refuses; both are refusals here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                _(
                    "This picture has far too many pixels to be a photo. Please choose "
                    "another photo."
                ),
                code="too_many_pixels",
            ) from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise _not_a_photo() from error
        # Phones save some photos as MPO (a JPEG with a second picture): keep the first.
        source_format = "JPEG" if image.format == "MPO" else image.format
        if source_format not in FORMATS:
            raise _not_a_photo()
        width, height = image.size
        if width * height > max_pixels():
            raise _too_many_pixels(width, height)
        if source_format == "JPEG":
            # Decode a large JPEG at a reduced scale straight away (less memory, faster).
            image.draft("RGB", (max_side(), max_side()))
        try:
            image.load()
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                _(
                    "This photo is damaged or was not uploaded completely. Please choose it "
                    "again, or take a new photo."
                ),
                code="truncated",
            ) from error
    return _reencode(image, source_format)


def _reencode(image: Image.Image, source_format: str) -> CleanImage:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGB" if source_format == "JPEG" or not has_alpha else "RGBA"
    if image.mode != mode:
        image = image.convert(mode)
    # Shrink first (in place), then turn: every later step works on the small picture, not
    # on up to 25 megapixels. A reducing gap of 1.5 lets Pillow average whole blocks of
    # pixels before the fine filter: a third of the time of its default for a 25 MP photo.
    if max(image.size) > max_side():
        image.thumbnail((max_side(), max_side()), Image.Resampling.LANCZOS, reducing_gap=1.5)
    # Upright as the camera meant it; the orientation tag goes with the rest of the EXIF.
    image = ImageOps.exif_transpose(image)
    suffix, options = FORMATS[source_format]
    # Pillow carries what it read beside the pixels (a JPEG comment, XMP, an ICC profile,
    # PNG text) in ``info`` and writes some of it back on save: a ``<?php ... ?>`` comment
    # would survive. Forget all of it, so the new file holds the pixels only.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format=source_format, **options)
    return CleanImage(
        file=ContentFile(buffer.getvalue(), name=f"photo{suffix}"),
        format=source_format,
        width=image.width,
        height=image.height,
    )


class CleanImageField(forms.FileField):
    """A form field that stores what ``clean_image_upload`` makes of the upload, never the
    upload itself: the admin's photo and logo fields (see ``ADMIN_IMAGE_FIELD``).

    A FileField, not Django's ImageField: that one decodes the upload with its own checks
    (and its own message) before ours run."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and not getattr(value, "_committed", False):
            return clean_image_upload(value).file
        return value


# ``formfield_overrides`` of a ModelAdmin (or inline) with image fields.
ADMIN_IMAGE_FIELD = {"form_class": CleanImageField}


def photo_quota() -> int:
    return getattr(settings, "EXPO_OWNER_PHOTO_QUOTA", 60)


def check_photo_quota(*, used: int, adding: int) -> None:
    """Refuse ``adding`` photos when an owner already keeps ``used`` of the quota."""
    quota = photo_quota()
    if adding <= 0 or used + adding <= quota:
        return
    left = max(quota - used, 0)
    if left:
        message = ngettext(
            "You can keep at most %(quota)s photos in total and can add only %(left)s more. "
            "Remove photos you no longer need, or choose fewer.",
            "You can keep at most %(quota)s photos in total and can add only %(left)s more. "
            "Remove photos you no longer need, or choose fewer.",
            left,
        ) % {"quota": quota, "left": left}
    else:
        message = _(
            "You already keep %(quota)s photos, the most allowed. Remove photos you no "
            "longer need before adding new ones."
        ) % {"quota": quota}
    raise ValidationError(message, code="quota")
