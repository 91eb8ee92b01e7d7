"""The learning path page as a freelancer uses it, and what employers then see."""

import pytest
from django.urls import reverse

from learning.models import Enrollment, LearningPlan
from learning.services.plans import learning_plan_compute
from projects.models import FreelancerSkill

pytestmark = pytest.mark.django_db
PATH = reverse("learning:path")


@pytest.fixture
def developer_client(client, planted_market):
    client.force_login(planted_market["developer"].user)
    return client


def test_the_page_shows_gaps_and_courses_with_their_reasons(developer_client, planted_market):
    page = developer_client.get(PATH).content.decode()
    assert "Skill gaps" in page
    assert "Asked for by 4 of your 7 best-matched open gigs" in page
    assert "Recommended courses" in page
    assert "of your top" in page  # a course's reason
    assert "Computed " in page  # when the plan was last computed
    assert LearningPlan.objects.filter(profile=planted_market["developer"]).exists()


def test_only_freelancers_have_a_learning_path(client, planted_market):
    assert client.get(PATH).status_code == 302  # to the login
    client.force_login(planted_market["employer"])
    assert client.get(PATH).status_code == 404


def test_enrol_report_progress_and_complete(developer_client, planted_market):
    profile = planted_market["developer"]
    plan = learning_plan_compute(profile=profile)
    rec = plan.recommendations.select_related("course").first()
    response = developer_client.post(reverse("learning:enrol", args=[rec.course.pk]))
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(profile=profile)
    page = developer_client.get(PATH).content.decode()
    assert "My courses" in page
    assert rec.course.title in page
    prefix = f"e{enrollment.pk}-progress"
    developer_client.post(reverse("learning:progress", args=[enrollment.pk]), {prefix: "35"})
    enrollment.refresh_from_db()
    assert enrollment.progress == 35
    response = developer_client.post(
        reverse("learning:complete", args=[enrollment.pk]), follow=True
    )
    taught = list(rec.course.skills.values_list("name", flat=True))
    assert f"Completed “{rec.course.title}”" in response.content.decode()
    learned = FreelancerSkill.objects.filter(profile=profile, source="learned")
    assert set(learned.values_list("skill__name", flat=True)) <= set(taught)
    assert learned.exists()


@pytest.mark.parametrize(
    ("typed", "said"),
    [("abc", "whole number from 0 to 100"), ("140", "100 completes the course"), ("", "whole")],
)
def test_bad_progress_says_why_and_keeps_what_was_typed(
    developer_client, planted_market, typed, said
):
    profile = planted_market["developer"]
    plan = learning_plan_compute(profile=profile)
    course = plan.recommendations.first().course
    developer_client.post(reverse("learning:enrol", args=[course.pk]))
    enrollment = Enrollment.objects.get(profile=profile)
    response = developer_client.post(
        reverse("learning:progress", args=[enrollment.pk]), {f"e{enrollment.pk}-progress": typed}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert said in page
    assert f"Your progress in “{course.title}” was not saved" in page  # at the top, with a link
    if typed:
        assert f'value="{typed}"' in page
    enrollment.refresh_from_db()
    assert enrollment.progress == 0


def test_another_freelancers_enrolment_answers_404(client, planted_market):
    from tests.matching.helpers import freelancer_with

    profile = planted_market["developer"]
    plan = learning_plan_compute(profile=profile)
    other = freelancer_with(headline="Designer", skills=["Figma"], email="other@example.com")
    client.force_login(profile.user)
    client.post(reverse("learning:enrol", args=[plan.recommendations.first().course.pk]))
    enrollment = Enrollment.objects.get(profile=profile)
    client.force_login(other.user)
    url = reverse("learning:complete", args=[enrollment.pk])
    assert client.post(url).status_code == 404
    enrollment.refresh_from_db()
    assert not enrollment.is_completed


def test_free_only_preference_changes_the_courses(developer_client, planted_market):
    response = developer_client.post(
        reverse("learning:settings"), {"free_only": "on", "level": "any"}, follow=True
    )
    assert "Saved." in response.content.decode()
    plan = LearningPlan.objects.get(profile=planted_market["developer"])
    assert all(r.course.is_free for r in plan.recommendations.select_related("course"))
    bad = developer_client.post(reverse("learning:settings"), {"level": "wizard"})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()


def test_employers_see_a_learned_skill_marked_as_learned(client, planted_market):
    profile = planted_market["developer"]
    FreelancerSkill.objects.filter(profile=profile).update(source="learned")
    client.force_login(planted_market["employer"])
    page = client.get(
        reverse("projects:freelancer-profile", args=[profile.user_id])
    ).content.decode()
    assert "· learned" in page
    assert "learned through a course on Gigwise" in page


def test_the_page_costs_the_same_queries_with_more_courses(developer_client, planted_market):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from learning.models import Course
    from learning.services.enrollments import enrollment_start

    profile = planted_market["developer"]
    learning_plan_compute(profile=profile)
    courses = list(Course.objects.order_by("pk")[:4])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert developer_client.get(PATH).status_code == 200
        return len(captured)

    enrollment_start(profile=profile, course=courses[0])
    one = queries()
    for course in courses[1:]:
        enrollment_start(profile=profile, course=course)
    assert queries() == one
