"""Each AI switch of the privacy page, flipped there, changes what matching does next:
suggestions to employers, the matched feed and its notifications, and the training run."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AIFeature
from accounts.selectors.privacy import features_for
from automation.models import AlertDelivery
from automation.services.alerts import FILTER_REASON, search_alerts_send
from matching.models import MatchEvent
from matching.selectors import (
    FEED_SWITCHED_OFF,
    gig_feed,
    project_match_for_freelancer,
    suggested_talent,
)
from matching.services import match_event_record, project_matches_notify
from matching.training import training_events, weights_train
from projects.models import Notification, NotificationKind
from projects.selectors.proposals import talent_search
from tests.automation.conftest import ago, publish, saved
from tests.factories import EmployerFactory, ProposalFactory
from tests.matching.helpers import booking_market, freelancer_with, open_project
from tests.projects.factories import small_taxonomy

pytestmark = pytest.mark.django_db


def switch_off(client, user, feature: str) -> None:
    """Untick one switch on the privacy page and save, as the person would."""
    client.force_login(user)
    ticked = {f: "on" for f in features_for(user) if f != feature}
    response = client.post(reverse("accounts:privacy"), {"section": "consents", **ticked})
    assert response.status_code == 302
    client.logout()


def suggested_ids(project) -> set[int]:
    return {m.talent_id for m in suggested_talent(project=project).matches}


# --- Suggest me to employers -------------------------------------------------------------------


def test_suggest_me_off_leaves_suggestions_but_not_search(client):
    market = booking_market()
    backend, owner, project = market["backend"], market["owner"], market["project"]
    page = reverse("matching:suggested-talent", args=[project.pk])
    api_matches = reverse("api:project-matches", args=[project.pk])
    client.force_login(owner)
    assert backend.pk in suggested_ids(project)
    assert backend.user.display_name in client.get(page).content.decode()
    assert client.get(api_matches).json()["count"] == 1

    switch_off(client, backend.user, AIFeature.SUGGESTED_TO_EMPLOYERS)

    assert backend.pk not in suggested_ids(project)
    client.force_login(owner)
    assert backend.user.display_name not in client.get(page).content.decode()
    assert client.get(api_matches).json()["count"] == 0
    # Plain search still finds them, on the page and in the function.
    assert backend in talent_search(skill="Django")
    search = client.get(reverse("projects:talent-search"), {"skill": "Django"})
    assert backend.user.display_name in search.content.decode()


def test_suggest_me_off_still_hears_of_matching_projects_with_the_feed_on(client):
    """Being told about a project is the freelancer's own feed, not a suggestion to anyone."""
    market = booking_market()
    switch_off(client, market["backend"].user, AIFeature.SUGGESTED_TO_EMPLOYERS)
    project = open_project(
        title="Clinic API",
        description="Django endpoints on Postgres.",
        skills=["Django", "PostgreSQL"],
        budget=(30, 50),
    )
    assert project_matches_notify(project=project) == 1


# --- Match gigs to me --------------------------------------------------------------------------


def test_feed_off_empties_the_feed_and_says_why_with_somewhere_to_go(client):
    market = booking_market()
    backend = market["backend"].user
    assert [m.gig_id for m in gig_feed(user=backend).matches] == [market["project"].pk]
    assert project_match_for_freelancer(user=backend, project=market["project"]) is not None

    switch_off(client, backend, AIFeature.MATCHED_FEED)

    feed = gig_feed(user=backend)
    assert feed.matches == []
    assert feed.empty_reason == FEED_SWITCHED_OFF
    assert project_match_for_freelancer(user=backend, project=market["project"]) is None
    client.force_login(backend)
    body = client.get(reverse("matching:gig-feed")).content.decode()
    assert "You switched off “Match gigs to me”" in body
    assert reverse("projects:project-list") in body
    assert reverse("accounts:privacy") in body
    api = client.get(reverse("api:matches-projects")).json()
    assert api["count"] == 0
    assert api["empty_reason"] == FEED_SWITCHED_OFF
    fragment = client.get(reverse("matching:project-match", args=[market["project"].pk]))
    assert "% match" not in fragment.content.decode()


def test_feed_off_means_no_match_notifications(client, django_capture_on_commit_callbacks):
    market = booking_market()
    switch_off(client, market["backend"].user, AIFeature.MATCHED_FEED)
    project = open_project(
        title="Clinic API",
        description="Django endpoints on Postgres.",
        skills=["Django", "PostgreSQL"],
        budget=(30, 50),
    )
    assert project_matches_notify(project=project) == 0
    assert not Notification.objects.filter(kind=NotificationKind.PROJECT_MATCHED).exists()
    # Employers still see them suggested: that is the other switch.
    assert market["backend"].pk in suggested_ids(project)


def test_feed_off_digests_fall_back_to_newest_first_on_the_saved_filters(client):
    small_taxonomy()
    developer = freelancer_with(
        headline="Django developer", skills=["Django", "postgres"], rate=45
    ).user
    saved(developer, query="skills=Django", last_sent_at=ago(minutes=30))
    switch_off(client, developer, AIFeature.MATCHED_FEED)
    older = publish("Django booking API", skills=["Django", "PostgreSQL"], at=ago(minutes=20))
    newer = publish("Django admin theme", skills=["Django"], at=ago(minutes=10))
    mail.outbox.clear()

    assert search_alerts_send(now=timezone.now()) == 2

    sent = list(AlertDelivery.objects.filter(user=developer).order_by("position"))
    assert [d.project for d in sent] == [newer, older]
    assert all(d.percent is None and d.reasons == FILTER_REASON for d in sent)
    assert "% match" not in mail.outbox[0].body


# --- Learn ranking from my activity ------------------------------------------------------------


@pytest.fixture
def feedback():
    """Django people propose on Django projects; copywriters say "not interested" to them."""
    small_taxonomy()
    owner = EmployerFactory()
    projects = [
        open_project(
            title=f"API {i}", description="Django work.", skills=["Django"], employer=owner
        )
        for i in range(2)
    ]
    writers = []
    for i in range(14):
        developer = freelancer_with(headline="Django developer", skills=["Django"], rate=30 + i)
        writer = freelancer_with(headline="Copywriter", skills=["Copywriting"], rate=30 + i)
        writers.append(writer.user)
        for project in projects:
            ProposalFactory(project=project, freelancer=developer.user)
            match_event_record(
                actor=writer.user,
                kind=MatchEvent.Kind.NOT_INTERESTED,
                freelancer=writer.user,
                project=project,
            )
    return writers


def test_training_off_leaves_the_persons_events_out_of_the_next_run(client, feedback):
    writer = feedback[0]
    before = weights_train(adopt=False)
    assert training_events().filter(actor=writer).count() == 2

    switch_off(client, writer, AIFeature.TRAIN_ON_ACTIVITY)

    assert not training_events().filter(actor=writer).exists()
    after = weights_train(adopt=False)
    assert after.events == before.events - 2
    assert after.pairs < before.pairs


def test_with_every_negative_opted_out_the_next_run_learns_nothing(client, feedback):
    assert weights_train(adopt=False).candidate is not None
    for writer in feedback:
        switch_off(client, writer, AIFeature.TRAIN_ON_ACTIVITY)
    report = weights_train(adopt=False)
    assert report.candidate is None
    assert report.events == 28  # the proposals only: below what training needs
    assert "training needs at least" in report.reason
    assert not MatchEvent.objects.filter(
        pk__in=training_events(), kind=MatchEvent.Kind.NOT_INTERESTED
    ).exists()
