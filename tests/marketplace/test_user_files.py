"""Files people send: limited in size, number and type, re-encoded, and never served from the
site's origin except by a view that knows what the bytes are and who may have them.

The photo's own checks (type allow-list, EXIF, re-encoding, who sees it) are in
tests/accounts/test_visibility_photo.py; the exports' (owner only, expiry) in tests/privacy/ and
tests/billing/. This file checks what holds for every upload and every stored file.
"""

import io
import secrets
import zipfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve
from PIL import Image

from accounts.photos import PHOTO_MAX_BYTES
from accounts.services.privacy import freelancer_photo_set
from marketplace.uploads import upload_max_bytes
from privacy.services.exports import data_export_create
from tests.factories import EmployerFactory, FreelancerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg(size=(64, 64), gps=False) -> SimpleUploadedFile:
    out = io.BytesIO()
    tags = Image.Exif()
    tags[0x010F] = "SecretCam"
    if gps:
        tags[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}
    Image.new("RGB", size, "blue").save(out, format="JPEG", exif=tags.tobytes())
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


# --- limits on what a request may carry ------------------------------------------------------


def test_upload_limits_are_set():
    assert settings.FILE_UPLOAD_HANDLERS[0] == "marketplace.uploads.LimitedUploadHandler"
    assert upload_max_bytes() == PHOTO_MAX_BYTES  # the largest file any form takes
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 10
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o640  # stored files are not world-readable


def test_an_oversized_file_is_cut_at_the_limit_but_reports_its_real_size():
    sent = b"\xff" * (upload_max_bytes() + 3 * 1024 * 1024)
    request = RequestFactory().post(
        "/", {"photo": SimpleUploadedFile("big.jpg", sent, content_type="image/jpeg")}
    )
    upload = request.FILES["photo"]
    assert upload.size == len(sent)  # the form can say how large it was
    assert len(upload.read()) == upload_max_bytes() + 1  # but no more of it was kept


@pytest.mark.parametrize(
    "size", [10, 3 * 1024 * 1024, PHOTO_MAX_BYTES], ids=["memory", "disk", "limit"]
)
def test_a_file_within_the_limit_arrives_whole(size):
    data = secrets.token_bytes(size)
    request = RequestFactory().post("/", {"photo": SimpleUploadedFile("me.jpg", data)})
    upload = request.FILES["photo"]
    assert (upload.size, upload.read()) == (size, data)


def test_an_oversized_photo_is_refused_with_its_size(client):
    freelancer = FreelancerFactory()
    client.force_login(freelancer)
    big = SimpleUploadedFile("big.jpg", b"\xff" * (7 * 1024 * 1024), content_type="image/jpeg")
    response = client.post(reverse("accounts:profile-photo"), {"photo": big})
    assert "The photo is 7.0 MB; choose one of at most 5 MB." in response.content.decode()
    freelancer.freelancer_profile.refresh_from_db()
    assert not freelancer.freelancer_profile.photo


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client):
    """A small file that would decode to 200 million pixels (over Pillow's own bomb limit)."""
    out = io.BytesIO()
    Image.new("1", (20_000, 10_000), 0).save(out, format="PNG", optimize=True)
    assert out.tell() < PHOTO_MAX_BYTES
    freelancer = FreelancerFactory()
    client.force_login(freelancer)
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    response = client.post(reverse("accounts:profile-photo"), {"photo": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    freelancer.freelancer_profile.refresh_from_db()
    assert not freelancer.freelancer_profile.photo


def test_the_stored_photo_has_no_gps_position_and_is_a_new_jpeg(media_root):
    freelancer = FreelancerFactory()
    profile = freelancer_photo_set(profile=freelancer.freelancer_profile, upload=jpeg(gps=True))
    data = (media_root / profile.photo.name).read_bytes()
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "JPEG"
    assert not picture.getexif()
    assert b"SecretCam" not in data
    assert b"Exif" not in data


# --- how stored files leave ------------------------------------------------------------------


def every_pattern(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_pattern(entry)
        elif isinstance(entry, URLPattern):
            yield entry


def test_no_url_serves_the_media_folder(client, media_root):
    assert not [p for p in every_pattern() if p.callback is serve]
    profile = freelancer_photo_set(profile=FreelancerFactory().freelancer_profile, upload=jpeg())
    client.force_login(EmployerFactory())
    assert client.get(f"/{settings.MEDIA_URL}{profile.photo.name}").status_code == 404


def test_the_photo_view_sends_only_jpeg_bytes_with_safe_headers(client):
    freelancer = FreelancerFactory()
    freelancer_photo_set(profile=freelancer.freelancer_profile, upload=jpeg())
    client.force_login(EmployerFactory())
    response = client.get(reverse("projects:freelancer-photo", args=[freelancer.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="photo.jpg"'
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")


def test_a_file_that_is_not_a_jpeg_is_never_sent_as_the_photo(client):
    """Put in the folder by something other than the re-encoding (a restore, a mistake)."""
    freelancer = FreelancerFactory()
    profile = freelancer.freelancer_profile
    planted = b"<html><script>alert(document.cookie)</script></html>"
    profile.photo.save(f"{secrets.token_urlsafe(8)}.jpg", ContentFile(planted))
    client.force_login(EmployerFactory())
    response = client.get(reverse("projects:freelancer-photo", args=[freelancer.pk]))
    assert response.status_code == 404
    assert b"<script>" not in response.content


def test_a_data_export_is_an_attachment_with_a_zip_type_for_its_owner_only(
    client, django_capture_on_commit_callbacks
):
    freelancer = FreelancerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        job = data_export_create(user=freelancer)
    url = reverse("privacy:export-download", args=[job.pk])
    client.force_login(FreelancerFactory())
    assert client.get(url).status_code == 404
    client.force_login(freelancer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None
