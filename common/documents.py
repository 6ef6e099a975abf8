"""Documents that owners and staff attach (a signed agreement): a PDF or a photo of it.

``clean_document_upload`` looks at the *content*, never the name or the browser's content
type: a PDF must start with the PDF header and end with its end-of-file marker, anything
else must be a photo that ``common.uploads.clean_image_upload`` accepts (and re-encodes,
so no EXIF or GPS data is kept). A PDF is at most ``EXPO_DOCUMENT_MAX_BYTES`` bytes.
Documents are stored under a random name in the ``private`` storage, which no URL serves:
a view that checks who asks sends them.
"""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

from .files import RandomUploadPath
from .uploads import clean_image_upload

PDF_HEADER = b"%PDF-"
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


def max_document_bytes() -> int:
    return settings.EXPO_DOCUMENT_MAX_BYTES


class PrivateStorage(LazyObject):
    """The ``private`` storage of STORAGES, looked up on first use (and again when the
    setting changes), as Django's ``default_storage`` is."""

    def _setup(self):
        self._wrapped = storages["private"]


private_documents = PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_documents._wrapped = empty


def private_storage():
    """Where documents live: never under MEDIA_ROOT, never served by a public URL."""
    return private_documents


class RandomDocumentPath(RandomUploadPath):
    allowed_suffixes = set(CONTENT_TYPES)


def _too_big(size: int | None = None) -> ValidationError:
    limit = filesizeformat(max_document_bytes())
    if size is None:
        message = _("This document is too big. Please choose a file of at most %(limit)s.") % {
            "limit": limit
        }
    else:
        message = _(
            "This document is too big (%(size)s). Please choose a file of at most %(limit)s, "
            "or send a photo of the signed page instead."
        ) % {"size": filesizeformat(size), "limit": limit}
    return ValidationError(message, code="too_big")


def _not_a_document() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a PDF or a photo. Please choose the signed agreement as a PDF, "
            "or a JPEG, PNG or WebP photo of it."
        ),
        code="not_a_document",
    )


def clean_document_upload(upload) -> ContentFile:
    """Check an uploaded document and return what to store (see the module docstring)."""
    if upload.size is not None and upload.size > max_document_bytes():
        raise _too_big(upload.size)
    upload.seek(0)
    head = upload.read(len(PDF_HEADER))
    if head != PDF_HEADER:
        upload.seek(0)
        try:
            photo = clean_image_upload(upload)
        except ValidationError as error:
            if error.code == "not_an_image":
                raise _not_a_document() from error
            raise
        suffix = PurePath(photo.file.name).suffix
        return ContentFile(photo.file.read(), name=f"document{suffix}")
    upload.seek(0)
    data = upload.read(max_document_bytes() + 1)
    if len(data) > max_document_bytes():
        raise _too_big()
    # A PDF ends with %%EOF (a few bytes of whitespace may follow): anything else was cut off
    # in transit, or only pretends to be a PDF.
    if b"%%EOF" not in data[-1024:]:
        raise ValidationError(
            _(
                "This PDF is damaged or was not uploaded completely. Please choose it again, "
                "or send a photo of the signed page."
            ),
            code="truncated",
        )
    return ContentFile(data, name="document.pdf")


class DocumentField(forms.FileField):
    """A form field that stores what ``clean_document_upload`` makes of the upload (the
    admin's document fields). The plain file input shows no link: the storage has none."""

    widget = forms.FileInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("accept", "application/pdf,image/jpeg,image/png,image/webp")
        return attrs

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and not getattr(value, "_committed", False):
            return clean_document_upload(value)
        return value
