import uuid
from pathlib import PurePath

from django.utils.deconstruct import deconstructible


@deconstructible
class RandomUploadPath:
    """Store uploads under a random name so names reveal nothing and never collide.

    The extension is kept only from a short allow-list; the content is checked
    (and re-encoded) by the form that accepts the upload.
    """

    allowed_suffixes = {".jpg", ".jpeg", ".png", ".webp"}

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        if suffix not in self.allowed_suffixes:
            suffix = ""
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadPath) and other.folder == self.folder
