"""/api/v1/courses/ and /api/v1/learning/: the catalogue, a freelancer's plan, settings, courses."""

from decimal import Decimal
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    Course,
    CourseRecommendation,
    CourseSkill,
    Enrollment,
    LearnerSettings,
    LearningPlan,
    SkillGap,
)
from learning.services.catalogue import courses_import
from learning.services.enrollments import HIDDEN_COURSE
from projects.models import FreelancerSkill, Skill
from tests.api import matrix
from tests.api.matrix import ROLES, Row, codes, matrix_check, matrix_params
from tests.factories import FreelancerFactory
from tests.projects.factories import SkillFactory

pytestmark = pytest.mark.django_db

_keys = count(1)


def course_make(*skills: Skill, **fields) -> Course:
    """A listed course teaching `skills` (by hand, fully confident) unless told otherwise."""
    key = next(_keys)
    defaults = {
        "source": Course.Source.BUILTIN,
        "external_id": f"test-course-{key}",
        "provider": "Test Academy",
        "title": f"Test course {key}",
        "url": f"https://courses.example.com/{key}/",
        "is_free": True,
        "hours": Decimal("4.5"),
        "rating": Decimal("4.60"),
        "learners": 1200,
    }
    course = Course.objects.create(**(defaults | fields))
    for skill in skills:
        CourseSkill.objects.create(course=course, skill=skill, confidence=0.9)
    return course


# --- Who gets what ---------------------------------------------------------------------------

_world_build = matrix.world_build


def learning_world() -> matrix.World:
    """The matrix's world, plus a course to enrol in and one the freelancer already takes."""
    world = _world_build()
    world.course = course_make(world.skill, title="Django for beginners")
    world.enrollment = Enrollment.objects.create(
        profile=world.freelancer.freelancer_profile,
        course=course_make(SkillFactory(name="Docker"), title="Docker in a day"),
    )
    return world


FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
OWN_ONLY = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
ROWS = [
    Row("api:course-list", "get", query={"q": "django"}, expect=dict.fromkeys(ROLES, 200)),
    Row("api:learning-gaps", "get", expect=FREELANCERS),
    Row("api:learning-recommendations", "get", expect=FREELANCERS),
    Row("api:learning-settings", "get", expect=FREELANCERS),
    Row(
        "api:learning-settings",
        "put",
        expect=FREELANCERS,
        body={"free_only": True, "level": "beginner"},
    ),
    Row("api:learning-enrollment-list", "get", expect=FREELANCERS),
    Row(
        "api:learning-enrollment-list",
        "post",
        expect=codes(403, anonymous=401, freelancer=201, other_freelancer=201),
        body=lambda world: {"course": world.course.pk},
    ),
    Row("api:learning-enrollment-detail", "get", {"pk": "enrollment"}, expect=OWN_ONLY),
    Row(
        "api:learning-enrollment-detail",
        "patch",
        {"pk": "enrollment"},
        expect=OWN_ONLY,
        body={"progress": 40},
    ),
    Row("api:learning-enrollment-complete", "post", {"pk": "enrollment"}, expect=OWN_ONLY),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_learning_matrix(row, role, client_for, anon_client, monkeypatch):
    monkeypatch.setattr(matrix, "world_build", learning_world)
    matrix_check(row, role, client_for, anon_client)


def test_an_employer_is_told_these_are_for_freelancers(employer, client_for):
    client = client_for(employer)
    for name in ("api:learning-gaps", "api:learning-recommendations", "api:learning-settings"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert response.json()["detail"] == "Only freelancer accounts can do this."


# --- The catalogue ---------------------------------------------------------------------------


def test_anyone_can_list_the_builtin_catalogue_page_by_page(builtin_taxonomy, anon_client):
    courses_import(builtin_only=True)
    hidden = Course.objects.order_by("pk").first()
    hidden.is_hidden = True
    hidden.save()
    body = anon_client.get(reverse("api:course-list")).json()
    assert body["count"] == Course.objects.count() - 1 == 212
    assert len(body["results"]) == 20
    assert hidden.pk not in {c["id"] for c in body["results"]}
    first = body["results"][0]
    assert set(first) == {
        "id", "provider", "title", "url", "level", "is_free", "price", "currency", "hours",
        "rating", "learners", "language", "skills",
    }  # fmt: skip
    assert first["skills"]
    assert set(first["skills"][0]) == {"id", "name", "confidence", "method"}
    django = Skill.objects.get(name="Django")
    found = anon_client.get(reverse("api:course-list"), {"skill": django.pk}).json()
    assert found["count"] > 0
    assert all("Django" in {s["name"] for s in c["skills"]} for c in found["results"])


def test_the_catalogue_filters_by_title_price_level_and_provider(anon_client):
    python = SkillFactory(name="Python")
    free = course_make(python, title="Python for data", level="beginner", provider="Learnly")
    paid = course_make(
        python,
        title="Advanced Python",
        level="expert",
        is_free=False,
        price=Decimal("19.99"),
        provider="Udemy",
    )
    course_make(SkillFactory(name="Figma"), title="Figma basics", level="beginner")

    def titles(**query) -> list[str]:
        response = anon_client.get(reverse("api:course-list"), query)
        assert response.status_code == 200, response.content
        return [c["title"] for c in response.json()["results"]]

    assert titles(q="python") == ["Advanced Python", "Python for data"]
    assert titles(skill=python.pk) == ["Advanced Python", "Python for data"]
    assert titles(free="false") == [paid.title]
    assert titles(free="true", skill=python.pk) == [free.title]
    assert titles(level="beginner", q="python") == [free.title]
    assert titles(provider="udemy") == [paid.title]
    assert titles(skill=987654) == []
    body = anon_client.get(reverse("api:course-list"), {"provider": "Udemy"}).json()
    assert body["results"][0]["price"] == "19.99"
    assert body["results"][0]["is_free"] is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("skill", "django"),
        ("skill", "99999999999999999999"),
        ("skill", "0"),
        ("free", "maybe"),
        ("level", "guru"),
        ("q", "py\x00thon"),
        ("q", "x" * 201),
    ],
)
def test_a_bad_filter_is_a_field_error(anon_client, field, value):
    response = anon_client.get(reverse("api:course-list"), {field: value})
    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == [field]
    assert body["detail"].startswith(f"{field}: ")


# --- Gaps and recommendations ----------------------------------------------------------------


@pytest.fixture
def planned(freelancer):
    """A freelancer with a stored plan: two gaps and a recommended course covering both."""
    profile = freelancer.freelancer_profile
    django, docker, python = (SkillFactory(name=n) for n in ("Django", "Docker", "Python"))
    FreelancerSkill.objects.create(profile=profile, skill=python, level=4)
    plan = LearningPlan.objects.create(
        profile=profile, computed_at=timezone.now(), matched_gigs=12, own_growth=0.1
    )
    SkillGap.objects.create(
        plan=plan,
        skill=django,
        rank=1,
        score=0.8,
        asked_by=7,
        growth=0.25,
        open_projects=30,
        near=python,
        closeness=0.6,
        reason="Asked for by 7 of your 12 best-matched open gigs.",
    )
    SkillGap.objects.create(
        plan=plan,
        skill=docker,
        kind=SkillGap.Kind.PATH,
        rank=2,
        score=0.4,
        held_level=1,
        reason="Demand +40% this quarter against the last.",
    )
    course = course_make(django, docker, title="Shipping Django with Docker")
    recommendation = CourseRecommendation.objects.create(
        plan=plan, course=course, rank=1, score=0.9, reason="Covers Django and Docker."
    )
    recommendation.covers.set([django, docker])
    return {"user": freelancer, "plan": plan, "course": course, "django": django}


def test_the_gaps_are_the_plans_rows_best_first(planned, client_for):
    body = client_for(planned["user"]).get(reverse("api:learning-gaps")).json()
    assert body["matched_gigs"] == 12
    assert body["own_growth"] == 0.1
    assert body["empty_reason"] == ""
    first, second = body["gaps"]
    assert first["skill"] == {"id": planned["django"].pk, "name": "Django"}
    assert (first["kind"], first["rank"], first["asked_by"]) == ("asked", 1, 7)
    assert first["near"]["name"] == "Python"
    assert first["reason"].startswith("Asked for by 7")
    assert (second["skill"]["name"], second["kind"], second["held_level"]) == ("Docker", "path", 1)
    assert second["near"] is None
    assert LearningPlan.objects.get().computed_at == planned["plan"].computed_at  # not recomputed


def test_the_recommendations_are_the_plans_courses_and_leave_once_enrolled(planned, client_for):
    client = client_for(planned["user"])
    body = client.get(reverse("api:learning-recommendations")).json()
    assert body["count"] == 1
    (recommendation,) = body["results"]
    assert recommendation["rank"] == 1
    assert recommendation["reason"] == "Covers Django and Docker."
    assert {s["name"] for s in recommendation["covers"]} == {"Django", "Docker"}
    assert recommendation["course"]["title"] == "Shipping Django with Docker"
    assert {s["name"] for s in recommendation["course"]["skills"]} == {"Django", "Docker"}
    client.post(reverse("api:learning-enrollment-list"), {"course": planned["course"].pk})
    assert client.get(reverse("api:learning-recommendations")).json()["count"] == 0


def test_a_first_visit_computes_the_plan(freelancer, client_for):
    client = client_for(freelancer)
    assert not LearningPlan.objects.exists()
    response = client.get(reverse("api:learning-gaps"))
    assert response.status_code == 200
    assert LearningPlan.objects.filter(profile=freelancer.freelancer_profile).exists()
    body = response.json()
    assert body["gaps"] == []
    assert body["empty_reason"]  # nothing to read gaps from, and it says so
    assert client.get(reverse("api:learning-recommendations")).json()["results"] == []


# --- Settings --------------------------------------------------------------------------------


def test_settings_start_at_any_and_change_through_put(freelancer, client_for):
    client = client_for(freelancer)
    url = reverse("api:learning-settings")
    assert client.get(url).json() == {"free_only": False, "level": "any"}
    response = client.put(url, {"free_only": True, "level": "beginner"})
    assert response.status_code == 200
    assert response.json() == {"free_only": True, "level": "beginner"}
    stored = LearnerSettings.objects.get(profile=freelancer.freelancer_profile)
    assert (stored.free_only, stored.level) == (True, "beginner")
    assert LearningPlan.objects.filter(profile=freelancer.freelancer_profile).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"free_only": True, "level": "guru"}, "level"),
        ({"free_only": "sometimes", "level": "any"}, "free_only"),
        ({"level": "any"}, "free_only"),
        ({"free_only": False}, "level"),
    ],
)
def test_bad_settings_are_field_errors(freelancer, client_for, body, field):
    response = client_for(freelancer).put(reverse("api:learning-settings"), body)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert not LearnerSettings.objects.exists()


# --- Taking a course -------------------------------------------------------------------------


def test_enrol_report_progress_and_complete_adds_the_skills_as_learned(freelancer, client_for):
    client = client_for(freelancer)
    django, docker = SkillFactory(name="Django"), SkillFactory(name="Docker")
    course = course_make(django, docker, title="Shipping Django with Docker")
    enrolled = client.post(reverse("api:learning-enrollment-list"), {"course": course.pk})
    assert enrolled.status_code == 201
    enrollment = enrolled.json()
    assert (enrollment["status"], enrollment["progress"]) == ("enrolled", 0)
    assert enrollment["course"]["title"] == course.title
    assert enrollment["learned_skills"] == []

    listed = client.get(reverse("api:learning-enrollment-list")).json()
    assert [e["id"] for e in listed["results"]] == [enrollment["id"]]

    url = reverse("api:learning-enrollment-detail", args=[enrollment["id"]])
    patched = client.patch(url, {"progress": 40})
    assert patched.status_code == 200
    assert patched.json()["progress"] == 40
    assert client.get(url).json()["progress"] == 40

    done = client.post(reverse("api:learning-enrollment-complete", args=[enrollment["id"]]))
    assert done.status_code == 200
    body = done.json()
    assert (body["status"], body["progress"]) == ("completed", 100)
    assert body["completed_at"]
    assert sorted(body["learned_skills"]) == ["Django", "Docker"]
    learned = FreelancerSkill.objects.filter(
        profile=freelancer.freelancer_profile, source=FreelancerSkill.Source.LEARNED
    )
    assert {s.skill.name for s in learned} == {"Django", "Docker"}
    again = client.post(reverse("api:learning-enrollment-complete", args=[enrollment["id"]]))
    assert again.status_code == 200
    assert learned.count() == 2  # twice is once


def test_enrolling_twice_gives_the_same_enrolment(freelancer, client_for):
    client = client_for(freelancer)
    course = course_make(SkillFactory(name="Django"))
    first = client.post(reverse("api:learning-enrollment-list"), {"course": course.pk})
    second = client.post(reverse("api:learning-enrollment-list"), {"course": course.pk})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Enrollment.objects.filter(profile=freelancer.freelancer_profile).count() == 1


def test_progress_of_100_completes_the_course(freelancer, client_for):
    client = client_for(freelancer)
    course = course_make(SkillFactory(name="Django"))
    enrollment = Enrollment.objects.create(profile=freelancer.freelancer_profile, course=course)
    response = client.patch(
        reverse("api:learning-enrollment-detail", args=[enrollment.pk]), {"progress": 100}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    assert response.json()["learned_skills"] == ["Django"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"progress": 140}, "from 0 to 100"),
        ({"progress": -1}, "from 0 to 100"),
        ({"progress": "abc"}, "whole number"),
        ({"progress": 40.5}, "whole number"),
        ({"progress": None}, "whole number"),
        ({}, "whole number"),
    ],
)
def test_bad_progress_is_a_field_error(freelancer, client_for, body, says):
    enrollment = Enrollment.objects.create(
        profile=freelancer.freelancer_profile, course=course_make(SkillFactory())
    )
    response = client_for(freelancer).patch(
        reverse("api:learning-enrollment-detail", args=[enrollment.pk]), body, format="json"
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert list(fields) == ["progress"]
    assert says in fields["progress"][0]
    enrollment.refresh_from_db()
    assert enrollment.progress == 0


def test_a_completed_course_takes_no_more_progress(freelancer, client_for):
    enrollment = Enrollment.objects.create(
        profile=freelancer.freelancer_profile,
        course=course_make(SkillFactory()),
        status=Enrollment.Status.COMPLETED,
        progress=100,
    )
    response = client_for(freelancer).patch(
        reverse("api:learning-enrollment-detail", args=[enrollment.pk]), {"progress": 50}
    )
    assert response.status_code == 400
    assert response.json()["fields"]["progress"] == ["This course is already completed."]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (lambda course: {"course": course.pk}, HIDDEN_COURSE),
        (lambda course: {"course": 987654}, "no course with this id"),
        (lambda course: {"course": "python"}, "by its id"),
        (lambda course: {"course": 0}, "by its id"),
        (lambda course: {"course": 2**40}, "by its id"),
        (lambda course: {}, "by its id"),
    ],
)
def test_a_hidden_or_unknown_course_is_a_field_error(freelancer, client_for, body, says):
    hidden = course_make(SkillFactory(), is_hidden=True)
    response = client_for(freelancer).post(
        reverse("api:learning-enrollment-list"), body(hidden), format="json"
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert list(fields) == ["course"]
    assert says in fields["course"][0]
    assert not Enrollment.objects.exists()


def test_a_body_that_is_not_an_object_is_a_400(freelancer, client_for):
    response = client_for(freelancer).post(
        reverse("api:learning-enrollment-list"), [1, 2], format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_another_freelancers_enrolment_is_404_and_stays_as_it_was(freelancer, client_for):
    theirs = Enrollment.objects.create(
        profile=FreelancerFactory().freelancer_profile, course=course_make(SkillFactory())
    )
    client = client_for(freelancer)
    detail = reverse("api:learning-enrollment-detail", args=[theirs.pk])
    assert client.get(detail).status_code == 404
    assert client.patch(detail, {"progress": 40}).status_code == 404
    complete = reverse("api:learning-enrollment-complete", args=[theirs.pk])
    assert client.post(complete).status_code == 404
    assert client.get(reverse("api:learning-enrollment-list")).json()["count"] == 0
    theirs.refresh_from_db()
    assert (theirs.status, theirs.progress) == ("enrolled", 0)
    huge = reverse("api:learning-enrollment-detail", args=[2**63])
    assert client.get(huge).status_code == 404
