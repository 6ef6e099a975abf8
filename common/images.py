"""Derived image sizes, made once when a photo is saved and read without I/O afterwards."""

from io import BytesIO

from django.conf import settings
from sorl.thumbnail import get_thumbnail
from sorl.thumbnail.engines import pil_engine

# Pillow's WebP effort (0 fastest to 6 smallest). Its default, 4, made the derived sizes
# of one photo cost half a second of the request; 2 writes files a few per cent larger in
# a third of the time.
WEBP_METHOD = 2


def derive_widths(field_file, source_width: int) -> dict[str, list]:
    """Make WebP copies of a photo at the widths pages ask for, never wider than the source.

    Returns ``{"400": [name, width, height], ...}`` for storing beside the photo, so
    pages can build ``srcset`` from the stored names alone. The copies carry no EXIF
    data and have the camera's orientation applied.
    """
    widths = [w for w in settings.EXPO_IMAGE_WIDTHS if w < source_width]
    widths.append(min(source_width, max(settings.EXPO_IMAGE_WIDTHS)))
    derived = {}
    for width in sorted(set(widths)):
        thumb = get_thumbnail(field_file, str(width), format="WEBP", upscale=False)
        derived[str(width)] = [thumb.name, thumb.width, thumb.height]
    return derived


class ThumbnailEngine(pil_engine.Engine):
    """sorl-thumbnail's Pillow engine (settings.THUMBNAIL_ENGINE), writing WebP with
    ``WEBP_METHOD``; every other format as sorl writes it."""

    def _get_raw_data(self, image, format_, quality, image_info=None, progressive=False):
        if format_ != "WEBP":
            return super()._get_raw_data(image, format_, quality, image_info, progressive)
        buffer = BytesIO()
        # No icc_profile= or exif=: the derived copies hold pixels only.
        image.save(buffer, format="WEBP", quality=quality, method=WEBP_METHOD)
        return buffer.getvalue()
