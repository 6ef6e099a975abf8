"""WeasyPrint for the portal's PDFs, imported from here only.

Importing WeasyPrint switches on Pillow's process-wide ``LOAD_TRUNCATED_IMAGES``, after
which every photo check in the process (``common.uploads``) would take a photo that was cut
off during its upload and fill in the missing part. The PDFs draw only pictures the portal
re-encoded itself, so the switch goes back off as soon as WeasyPrint is loaded.

Import this module inside the functions that make PDFs: WeasyPrint loads Pango, which no
page needs.
"""

from PIL import ImageFile
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

ImageFile.LOAD_TRUNCATED_IMAGES = False

__all__ = ["CSS", "HTML", "URLFetcher", "URLFetcherResponse"]
