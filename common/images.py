"""Derived image sizes, made once when a photo is saved and read without I/O afterwards."""

from django.conf import settings
from sorl.thumbnail import get_thumbnail


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
