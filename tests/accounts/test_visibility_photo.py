"""The profile photo: checked by Pillow, re-encoded without metadata, served only to those its
visibility allows, as a JPEG, never from a public /media/ URL."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import FieldVisibility
from accounts.photos import PHOTO_MAX_SIDE
from accounts.services.privacy import freelancer_photo_set
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    ProjectFactory,
    StaffFactory,
)

PHOTO_PAGE = reverse("accounts:profile-photo")
SECRET_MAKE = "SecretCam 3000"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(kind="JPEG", size=(800, 400), mode="RGB", exif=True, name=None) -> SimpleUploadedFile:
    image = Image.new(mode, size, "red" if mode != "1" else 1)
    out = io.BytesIO()
    options = {}
    if exif and kind == "JPEG":
        tags = Image.Exif()
        tags[0x010F] = SECRET_MAKE  # camera make
        tags[0x0112] = 6  # orientation: taken sideways, to be turned 90° clockwise
        options["exif"] = tags.tobytes()
    image.save(out, format=kind, **options)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[kind]
    return SimpleUploadedFile(
        name or f"me.{extension}", out.getvalue(), content_type=f"image/{extension}"
    )


def stored(profile) -> Image.Image:
    profile.refresh_from_db()
    with profile.photo.open("rb") as handle:
        data = handle.read()
    assert SECRET_MAKE.encode() not in data
    return Image.open(io.BytesIO(data))


def test_upload_is_reencoded_upright_small_and_without_metadata(client, freelancer, media_root):
    client.force_login(freelancer)
    response = client.post(PHOTO_PAGE, {"photo": picture()})
    assert response.status_code == 302
    saved = stored(freelancer.freelancer_profile)
    assert saved.format == "JPEG"
    assert not saved.getexif()
    # 800 by 400 taken sideways is 400 by 800 upright, shrunk to fit 512 pixels.
    assert saved.size == (256, PHOTO_MAX_SIDE)
    name = freelancer.freelancer_profile.photo.name
    assert name.startswith("profile-photos/")
    assert name.endswith(".jpg")
    assert "me" not in Path(name).stem  # the uploaded name is not kept


@pytest.mark.parametrize(("kind", "mode"), [("PNG", "RGBA"), ("WEBP", "RGB"), ("PNG", "P")])
def test_png_and_webp_are_accepted_as_jpeg(client, freelancer, kind, mode):
    client.force_login(freelancer)
    assert client.post(PHOTO_PAGE, {"photo": picture(kind, (300, 200), mode)}).status_code == 302
    saved = stored(freelancer.freelancer_profile)
    assert (saved.format, saved.mode, saved.size) == ("JPEG", "RGB", (300, 200))


def test_replacing_the_photo_deletes_the_old_file(client, freelancer, media_root):
    client.force_login(freelancer)
    client.post(PHOTO_PAGE, {"photo": picture()})
    first = freelancer.freelancer_profile
    first.refresh_from_db()
    old = media_root / first.photo.name
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
        freelancer_photo_set(profile=first, upload=picture("PNG", exif=False))
    assert not old.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("me.jpg", b"#!/bin/sh\necho not a photo\n", "image/jpeg"),
            "This file is not a JPEG, PNG or WebP picture",
        ),
        (picture("GIF", exif=False), "This file is not a JPEG, PNG or WebP picture"),
        (
            SimpleUploadedFile("me.jpg", b"\xff" * (5 * 1024 * 1024 + 1), "image/jpeg"),
            "The photo is 5.0 MB; choose one of at most 5 MB.",
        ),
        (picture("PNG", (10_000, 6_000), "1", exif=False), "too large to process"),
        (
            SimpleUploadedFile("me.png", picture("PNG", exif=False).read()[:60], "image/png"),
            "",
        ),
    ],
    ids=["script named jpg", "gif", "over 5 MB", "too many pixels", "truncated"],
)
def test_wrong_files_are_refused_with_a_reason(client, freelancer, upload, message):
    client.force_login(freelancer)
    response = client.post(PHOTO_PAGE, {"photo": upload})
    assert response.status_code == 200
    errors = response.context["form"].errors["photo"]
    assert errors
    assert message in " ".join(errors)
    freelancer.freelancer_profile.refresh_from_db()
    assert not freelancer.freelancer_profile.photo


def test_no_file_is_asked_for(client, freelancer):
    client.force_login(freelancer)
    response = client.post(PHOTO_PAGE, {})
    assert "Choose a photo to upload" in response.content.decode()


def test_photo_can_be_removed(client, freelancer):
    client.force_login(freelancer)
    client.post(PHOTO_PAGE, {"photo": picture()})
    response = client.post(reverse("accounts:profile-photo-remove"))
    assert response.status_code == 302
    freelancer.freelancer_profile.refresh_from_db()
    assert not freelancer.freelancer_profile.photo


# --- who gets the photo ------------------------------------------------------------------------


@pytest.fixture
def cast(db):
    """A freelancer with a photo; an employer who invited them (a client), another employer,
    another freelancer, staff."""
    person = FreelancerFactory()
    freelancer_photo_set(profile=person.freelancer_profile, upload=picture())
    client_employer = EmployerFactory()
    InviteFactory(project=ProjectFactory(employer=client_employer), freelancer=person)
    return {
        "owner": person,
        "client": client_employer,
        "employer": EmployerFactory(),
        "freelancer": FreelancerFactory(),
        "staff": StaffFactory(),
        "anonymous": None,
    }


WHO_SEES = {
    FieldVisibility.EVERYONE: {"owner", "client", "employer", "freelancer", "staff", "anonymous"},
    FieldVisibility.EMPLOYERS: {"owner", "client", "employer", "staff"},
    FieldVisibility.CLIENTS: {"owner", "client", "staff"},
    FieldVisibility.NOBODY: {"owner", "staff"},
}


@pytest.mark.parametrize("visibility", list(WHO_SEES))
def test_photo_is_served_only_to_whom_its_visibility_allows(client, cast, visibility):
    owner = cast["owner"]
    owner.freelancer_profile.photo_visibility = visibility
    owner.freelancer_profile.save()
    url = reverse("projects:freelancer-photo", args=[owner.pk])
    for role, user in cast.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        if role in WHO_SEES[visibility]:
            assert response.status_code == 200, role
            assert response["Content-Type"] == "image/jpeg"
            assert "private" in response["Cache-Control"]
            assert response["X-Content-Type-Options"] == "nosniff"
            assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"
        else:
            assert response.status_code == 404, role


def test_no_photo_answers_404_like_a_hidden_one(client, freelancer):
    client.force_login(EmployerFactory())
    response = client.get(reverse("projects:freelancer-photo", args=[freelancer.pk]))
    assert response.status_code == 404


def test_pages_never_link_the_media_folder(client, cast):
    owner = cast["owner"]
    client.force_login(owner)
    page = client.get(PHOTO_PAGE).content.decode()
    assert reverse("projects:freelancer-photo", args=[owner.pk]) in page
    assert "/media/" not in page
    assert owner.freelancer_profile.photo.name not in page
