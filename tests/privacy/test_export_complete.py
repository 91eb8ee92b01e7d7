"""The export covers every model with a relation to the person, and holds every row of theirs.

The walk: every installed model's forward relations (foreign keys, one-to-ones, many-to-manys)
that point at the user or at one of their profiles. A relation no export section follows, and
that privacy.sections.NOT_EXPORTED does not explain, fails the first test by name; the second
builds a person with rows in every app, downloads their ZIP and finds each of those rows in it.
"""

import datetime as dt
import io
import json
import zipfile
from collections import defaultdict

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, EmployerProfile, FreelancerProfile, User
from privacy.sections import NOT_EXPORTED, SECTIONS
from projects.models import Contract
from tests.factories import ContractFactory, ProposalFactory, ReviewFactory
from tests.privacy.people import employer_person, freelancer_person

PERSON_MODELS = (User, FreelancerProfile, EmployerProfile)
# Followed by a query of its own, tested below: reviews about the person show once published.
FILTERED = {"projects.Review.subject"}


def person_relations() -> list[tuple[type, object]]:
    """(model, field) for every relation, on any model, to the user or one of their profiles."""
    found = []
    for model in apps.get_models():
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if field.is_relation and field.related_model in PERSON_MODELS:
                found.append((model, field))
    return found


def _label(model, field) -> str:
    return f"{model._meta.label}.{field.name}"


def test_every_relation_to_the_person_is_followed_by_an_export_section():
    relations = person_relations()
    by_model = defaultdict(list)
    for section in SECTIONS:
        if section.model is not None:
            by_model[section.model].extend(section.paths)
    missing = [
        _label(model, field)
        for model, field in relations
        if _label(model, field) not in NOT_EXPORTED
        and not any(path.split("__")[0] == field.name for path in by_model[model])
    ]
    assert not missing, (
        "Relations to the user that the data export does not follow (add a Section in "
        f"privacy/sections.py, or a reason in NOT_EXPORTED): {sorted(missing)}"
    )
    labels = {_label(model, field) for model, field in relations}
    assert not set(NOT_EXPORTED) - labels, "NOT_EXPORTED names relations that no longer exist"
    assert len(relations) > 40  # the walk found the marketplace, not an empty list


def test_every_section_has_a_unique_file_and_says_what_it_is():
    names = [section.name for section in SECTIONS]
    assert len(names) == len(set(names))
    assert all(section.title and section.about for section in SECTIONS)


def _download(client, user, capture) -> zipfile.ZipFile:
    client.force_login(user)
    with capture(execute=True):
        client.post(reverse("privacy:export"))
    job = user.jobs.get(kind="privacy.data_export")
    assert job.state == "succeeded", job.error
    response = client.get(reverse("privacy:export-download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _rows_missing(archive: zipfile.ZipFile, user: User) -> tuple[list[str], set[str]]:
    """Rows related to `user` (or their profile) absent from their ZIP, and the relations that
    had rows at all."""
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["user_id"] == user.pk
    exported: dict[str, set] = defaultdict(set)
    for entry in manifest["sections"]:
        data = json.loads(archive.read(entry["file"]))
        assert data["count"] == entry["rows"] == len(data["rows"])
        if entry["model"]:
            exported[entry["model"]] |= {row["id"] for row in data["rows"]}
    owners = {User: user, **{m: m.objects.filter(user=user).first() for m in PERSON_MODELS[1:]}}
    missing, used = [], set()
    for model, field in person_relations():
        label = _label(model, field)
        owner = owners[field.related_model]
        if label in NOT_EXPORTED or label in FILTERED or owner is None:
            continue
        theirs = set(model._base_manager.filter(**{field.name: owner}).values_list("pk", flat=True))
        if theirs:
            used.add(label)
        if not theirs <= exported[model._meta.label]:
            missing.append(f"{label}: {sorted(theirs - exported[model._meta.label])}")
    return missing, used


@pytest.mark.django_db
def test_the_zip_holds_every_row_of_the_person_in_every_related_model(
    client, django_capture_on_commit_callbacks
):
    freelancer, employer = freelancer_person(), employer_person()
    used: set[str] = set()
    # Between them, a freelancer, an employer and a staff member have rows in every relation.
    for user in (freelancer.user, employer.user, freelancer.staff):
        archive = _download(client, user, django_capture_on_commit_callbacks)
        assert {"manifest.json", "index.html"} <= set(archive.namelist())
        missing, found = _rows_missing(archive, user)
        assert not missing, f"rows of user {user.pk} missing from their export: {missing}"
        used |= found
    every = {_label(model, field) for model, field in person_relations()}
    untested = every - used - set(NOT_EXPORTED) - FILTERED
    assert not untested, f"give the test people rows in: {sorted(untested)}"


@pytest.mark.django_db
def test_the_zip_holds_no_secret_and_nobody_elses_private_text(
    client, django_capture_on_commit_callbacks
):
    person = freelancer_person()
    rival = ProposalFactory(
        project=person.rows["open_project"], cover_letter="Rival's pitch: I undercut everyone"
    )
    archive = _download(client, person.user, django_capture_on_commit_callbacks)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode(
        "utf-8", "replace"
    )
    token = ApiToken.objects.get(user=person.user)
    assert token.name in everything
    assert token.digest not in everything
    assert person.planted["mfa.secret"] not in everything
    assert person.user.password not in everything
    assert rival.cover_letter not in everything
    # The employer's private note on their shortlist is theirs, not the freelancer's.
    assert "Strong on Django" not in everything
    assert person.planted["proposal.cover"] in everything
    assert any(name.startswith("files/profile-photo") for name in archive.namelist())


@pytest.mark.django_db
def test_a_review_about_the_person_joins_the_export_only_once_published(
    client, django_capture_on_commit_callbacks
):
    person = freelancer_person()
    recent = ContractFactory(
        freelancer=person.user, status=Contract.Status.COMPLETED, ended_at=timezone.now()
    )
    blind = ReviewFactory(contract=recent, text="Blind: the person has not reviewed yet")

    archive = _download(client, person.user, django_capture_on_commit_callbacks)
    ids = {row["id"] for row in json.loads(archive.read("reviews.json"))["rows"]}
    assert blind.pk not in ids  # double-blind: only its author may read it yet
    assert person.rows["review_received"].pk in ids  # both sides wrote: published

    Contract.objects.filter(pk=recent.pk).update(ended_at=timezone.now() - dt.timedelta(days=15))
    person.user.jobs.all().delete()
    archive = _download(client, person.user, django_capture_on_commit_callbacks)
    ids = {row["id"] for row in json.loads(archive.read("reviews.json"))["rows"]}
    assert blind.pk in ids  # the blind period is over: published, so exported
