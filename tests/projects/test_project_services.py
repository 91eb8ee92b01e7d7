"""Posting and editing projects: every service's happy path and each refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from projects.models import Project, ProjectSkill
from projects.services.projects import (
    AMOUNT_POSITIVE,
    BUDGET_MAX_BELOW_MIN,
    DESCRIPTION_REQUIRED,
    EMPLOYERS_ONLY,
    SKILL_REQUIRED_TO_PUBLISH,
    TITLE_REQUIRED,
    ProjectDetails,
    project_create,
    project_publish,
    project_update,
)
from tests.factories import ProjectFactory, ProjectSkillFactory


def details(**overrides) -> ProjectDetails:
    values = {
        "title": "Booking site for a dental clinic",
        "description": "Online booking with reminders, in Django.",
        "budget_type": "fixed",
        "budget_min": Decimal("1000"),
        "budget_max": Decimal("2500"),
        "duration_weeks": 6,
        "required_skills": ["postgres", "Django"],
        "nice_skills": ["k8s", "Rust on the moon"],
        "languages": ["en", "de"],
        "screening_questions": ["Which booking systems have you built?"],
    }
    return ProjectDetails(**{**values, **overrides})


def test_create_saves_a_draft_with_resolved_and_free_text_skills(employer, taxonomy):
    project = project_create(employer=employer, details=details())

    assert project.status == Project.Status.DRAFT
    assert project.employer == employer
    assert project.published_at is None
    assert project.languages == ["en", "de"]
    skills = {(s.name, s.required, s.skill_id is None) for s in project.skills.all()}
    assert skills == {
        ("PostgreSQL", True, False),
        ("Django", True, False),
        ("Kubernetes", False, False),
        ("Rust on the moon", False, True),
    }


def test_a_skill_listed_as_required_and_nice_stays_required(employer, taxonomy):
    project = project_create(
        employer=employer, details=details(required_skills=["Django"], nice_skills=["django"])
    )
    assert [(s.name, s.required) for s in project.skills.all()] == [("Django", True)]


def test_freelancer_cannot_post(freelancer, taxonomy):
    with pytest.raises(ValidationError) as error:
        project_create(employer=freelancer, details=details())
    assert EMPLOYERS_ONLY in error.value.messages
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", TITLE_REQUIRED),
        ({"description": ""}, "description", DESCRIPTION_REQUIRED),
        ({"budget_min": Decimal("0")}, "budget_min", AMOUNT_POSITIVE),
        ({"budget_max": Decimal("-5")}, "budget_max", AMOUNT_POSITIVE),
        (
            {"budget_min": Decimal("900"), "budget_max": Decimal("800")},
            "budget_max",
            BUDGET_MAX_BELOW_MIN,
        ),
        (
            {"screening_questions": [f"Question {n}?" for n in range(6)]},
            "screening_questions",
            "Ask at most 5 screening questions; you wrote 6.",
        ),
        (
            {"required_skills": [f"Skill {n}" for n in range(21)]},
            "required_skills",
            "List at most 20 skills in all; you listed 23.",
        ),
        ({"languages": ["xx"]}, "languages", "Choose languages from the list."),
    ],
)
def test_create_refuses_bad_input_by_field_and_writes_nothing(
    employer, taxonomy, overrides, field, message
):
    with pytest.raises(ValidationError) as error:
        project_create(employer=employer, details=details(**overrides))
    assert error.value.message_dict[field] == [message]
    assert not Project.objects.exists()
    assert not ProjectSkill.objects.exists()


def test_update_changes_text_and_replaces_skills(employer, taxonomy):
    project = project_create(employer=employer, details=details())
    project_update(
        project=project,
        details=details(
            title="Clinic booking, phase two", required_skills=["React"], nice_skills=[]
        ),
    )
    project.refresh_from_db()
    assert project.title == "Clinic booking, phase two"
    assert [s.name for s in project.skills.all()] == ["React"]


def test_update_refused_after_the_project_left_open(employer, taxonomy):
    project = ProjectFactory(employer=employer, status=Project.Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as error:
        project_update(project=project, details=details(title="Changed"))
    assert error.value.messages == [
        "Only a draft or open project can be edited; this one is in progress."
    ]
    project.refresh_from_db()
    assert project.title != "Changed"


def test_update_of_an_open_project_keeps_a_required_skill(employer, taxonomy):
    project = ProjectFactory(employer=employer)
    ProjectSkillFactory(project=project, free_text="Django")
    with pytest.raises(ValidationError) as error:
        project_update(project=project, details=details(required_skills=[], title="Changed"))
    assert error.value.message_dict["required_skills"] == [SKILL_REQUIRED_TO_PUBLISH]
    project.refresh_from_db()
    assert project.title != "Changed"
    assert project.skills.count() == 1


def test_update_with_bad_input_changes_nothing(employer, taxonomy):
    project = project_create(employer=employer, details=details())
    with pytest.raises(ValidationError):
        project_update(
            project=project,
            details=details(budget_min=Decimal(10), budget_max=Decimal(5), required_skills=[]),
        )
    project.refresh_from_db()
    assert project.budget_min == Decimal("1000")
    assert project.skills.count() == 4


def test_publish_opens_a_draft(employer, taxonomy):
    project = project_create(employer=employer, details=details())
    project_publish(project=project)
    assert project.status == Project.Status.OPEN
    assert project.published_at is not None
    assert Project.objects.visible().filter(pk=project.pk).exists()


def test_publish_needs_a_required_skill(employer, taxonomy):
    project = project_create(
        employer=employer, details=details(required_skills=[], nice_skills=["Django"])
    )
    with pytest.raises(ValidationError) as error:
        project_publish(project=project)
    assert error.value.message_dict == {"required_skills": [SKILL_REQUIRED_TO_PUBLISH]}
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    assert project.published_at is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search_vector is PostgreSQL-only")
def test_search_vector_follows_title_description_and_skills(employer, taxonomy):
    project = project_create(employer=employer, details=details())
    project.refresh_from_db()
    assert "kubernet" in project.search_vector
    assert "dental" in project.search_vector
    project_update(project=project, details=details(title="Veterinary portal", nice_skills=[]))
    project.refresh_from_db()
    assert "veterinari" in project.search_vector
    assert "kubernet" not in project.search_vector
