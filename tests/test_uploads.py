"""common.uploads: only real photos pass, and they are re-encoded before they are stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from common.uploads import check_photo_quota, clean_image_upload

from . import upload_files as files


def _open(clean):
    return Image.open(io.BytesIO(clean.file.read()))


def test_clean_image_upload_accepts_jpeg_png_and_webp():
    results = [clean_image_upload(upload) for upload in (files.jpeg(), files.png(), files.webp())]

    assert [(r.format, r.file.name, r.width, r.height) for r in results] == [
        ("JPEG", "photo.jpg", 640, 480),
        ("PNG", "photo.png", 640, 480),
        ("WEBP", "photo.webp", 640, 480),
    ]


def test_clean_image_upload_strips_exif_and_gps_and_applies_the_orientation():
    """A phone photo with GPS EXIF and "rotate 90°" comes out upright with no metadata."""
    clean = clean_image_upload(files.jpeg(size=(640, 480), exif=files.camera_exif(orientation=6)))
    picture = _open(clean)

    assert picture.size == (480, 640)
    assert dict(picture.getexif()) == {}
    assert "exif" not in picture.info
    assert b"PhoneMaker" not in clean.file.file.getvalue()
    # Rotated 90° clockwise: the blue left half is now on top.
    blue, orange = picture.convert("RGB").getpixel((240, 10)), picture.getpixel((240, 630))
    assert blue[2] > 150 and orange[0] > 150


def test_clean_image_upload_keeps_transparency_of_a_png():
    clean = clean_image_upload(files.png(color=(0, 0, 0, 0)))

    assert _open(clean).mode == "RGBA"


def test_clean_image_upload_shrinks_very_large_photos(settings):
    settings.EXPO_UPLOAD_MAX_SIDE = 1000

    clean = clean_image_upload(files.jpeg(size=(3000, 2000)))

    assert (clean.width, clean.height) == (1000, 667)


@pytest.mark.parametrize(
    ("attack", "builder"),
    [
        ("svg renamed .jpg", files.svg_renamed),
        ("html renamed .jpg", files.html_renamed),
        ("gif renamed .jpg", files.gif_renamed),
    ],
)
def test_clean_image_upload_refuses_files_that_are_not_jpeg_png_or_webp(attack, builder):
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(builder())

    assert refused.value.code == "not_an_image", attack
    assert "JPEG, PNG or WebP" in refused.value.messages[0]


def test_clean_image_upload_png_with_html_appended_is_reencoded_without_it():
    """A PNG with HTML after its end passes as a picture; the stored bytes lose the HTML."""
    clean = clean_image_upload(files.png_with_html())
    data = clean.file.file.getvalue()

    assert files.HTML_TAIL not in data
    assert b"<script" not in data and b"<html" not in data
    assert _open(clean).size == (320, 240)


def test_clean_image_upload_refuses_a_20000_by_20000_png_bomb():
    """400 megapixels in 47 KB: refused from the header with a message, never decoded."""
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.png_bomb(20_000, 20_000))

    assert refused.value.code == "too_many_pixels"
    assert "pixels" in refused.value.messages[0]


def test_clean_image_upload_refuses_more_pixels_than_the_setting(settings):
    settings.EXPO_UPLOAD_MAX_PIXELS = 100_000

    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.png(size=(400, 300)))

    assert refused.value.code == "too_many_pixels"
    assert "400 × 300" in refused.value.messages[0]


def test_clean_image_upload_refuses_a_30_mb_file():
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.huge_file(30))

    assert refused.value.code == "too_big"
    assert "at most 5.0\xa0MB" in refused.value.messages[0]


def test_clean_image_upload_refuses_a_truncated_jpeg():
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.truncated_jpeg())

    assert refused.value.code == "truncated"


def test_a_truncated_jpeg_is_refused_in_a_process_that_made_a_pdf():
    """Loading WeasyPrint turns on Pillow's filling-in of cut-off images for the whole
    process; the portal loads it through common.pdf, which turns that off again."""
    from common.pdf import HTML

    HTML(string="<p>Laporan</p>").write_pdf()

    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.truncated_jpeg())

    assert refused.value.code == "truncated"


def test_clean_image_upload_refuses_an_empty_file():
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.upload(b""))

    assert refused.value.code == "empty"


def test_clean_image_upload_never_uses_the_uploaded_name():
    """Tried: a name with ../ and a .php extension; the clean file is named by its format."""
    clean = clean_image_upload(files.jpeg(name="../../etc/passwd.php"))

    assert clean.file.name == "photo.jpg"


@pytest.mark.parametrize(("used", "adding"), [(0, 60), (59, 1), (60, 0)])
def test_check_photo_quota_allows_up_to_the_quota(used, adding):
    assert check_photo_quota(used=used, adding=adding) is None


def test_check_photo_quota_refuses_beyond_it_and_says_how_many_are_left(settings):
    settings.EXPO_OWNER_PHOTO_QUOTA = 10

    with pytest.raises(ValidationError) as some_left:
        check_photo_quota(used=8, adding=3)
    with pytest.raises(ValidationError) as none_left:
        check_photo_quota(used=10, adding=1)

    assert "only 2 more" in some_left.value.messages[0]
    assert "already keep 10 photos" in none_left.value.messages[0]


def test_clean_image_upload_jpeg_keeps_no_comment_or_application_segment():
    """Tried: PHP in the JPEG comment, in XMP (APP1) and in a Photoshop block (APP13)."""
    clean = clean_image_upload(files.jpeg_with_php())
    data = clean.file.file.getvalue()

    assert files.PHP not in data and b"<?php" not in data
    # Start of image, then only the JFIF header (APP0), tables, frame and the scan.
    markers = files.jpeg_segments(data)
    assert 0xFE not in markers, "a comment segment"
    assert [m for m in markers if 0xE0 <= m <= 0xEF] == [0xE0]
    assert _open(clean).size == (320, 240)


def test_clean_image_upload_png_keeps_no_text_or_icc_chunk():
    clean = clean_image_upload(files.png_with_php())
    data = clean.file.file.getvalue()

    assert b"<?php" not in data
    assert b"tEXt" not in data and b"iCCP" not in data and b"zTXt" not in data


def test_clean_image_upload_refuses_one_row_over_25_megapixels_with_a_clear_message():
    """The default limit: a phone camera's high-resolution modes (48, 50 MP) are refused
    from the header, with the picture's size and what to do."""
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(files.png(size=(5000, 5001)))

    assert refused.value.code == "too_many_pixels"
    assert refused.value.messages == [
        "This picture is too large (5000 × 5001 pixels, 25 megapixels). Please choose a "
        "photo of at most 25 megapixels: a phone camera in its normal mode takes 12, or "
        "shrink the picture before sending it."
    ]


def test_clean_image_upload_accepts_the_largest_allowed_picture_and_stores_it_smaller():
    """25,000,000 pixels exactly; its upload time is in bench/uploads.py, not here."""
    clean = clean_image_upload(files.jpeg(size=(5000, 5000)))

    assert (clean.format, clean.width, clean.height) == ("JPEG", 1600, 1600)
    assert _open(clean).size == (1600, 1600)
