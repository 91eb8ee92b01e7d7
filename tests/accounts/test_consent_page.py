"""Settings → Privacy: the switches with their sentence and default, the history, the visibility
and audit sections, and what happens on wrong input."""

import html

import pytest
from django.urls import reverse

from accounts.models import AIFeature, ConsentEvent, SelfDeclaredAttribute
from accounts.selectors.privacy import FEATURE_DESCRIPTIONS, consent_granted
from tests.factories import EmployerFactory, StaffFactory

PAGE = reverse("accounts:privacy")
ALL_ON = dict.fromkeys(AIFeature.values, "on")

pytestmark = pytest.mark.django_db


def post(client, section: str, **data):
    return client.post(PAGE, {"section": section, **data})


def test_freelancer_sees_four_switches_explained_with_their_defaults(client, freelancer):
    client.force_login(freelancer)
    response = client.get(PAGE)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    for feature in AIFeature:
        assert str(feature.label) in body
        assert FEATURE_DESCRIPTIONS[feature] in body
    assert body.count('role="switch"') == 4
    assert body.count("Default: on") == 4
    assert "No changes yet" in body
    assert "Who sees your profile details" in body
    assert "never used to rank" in body


def test_employer_sees_only_the_two_features_that_concern_them(client):
    employer = EmployerFactory()
    client.force_login(employer)
    body = client.get(PAGE).content.decode()
    assert body.count('role="switch"') == 2
    assert str(AIFeature.SUGGESTED_TO_EMPLOYERS.label) not in body
    assert "Who sees your profile details" not in body
    assert "Help us check fairness" not in body


def test_staff_can_open_it_too(client):
    client.force_login(StaffFactory())
    assert client.get(PAGE).status_code == 200


def test_unticking_a_switch_turns_it_off_and_lists_the_change(client, freelancer):
    client.force_login(freelancer)
    choices = dict(ALL_ON)
    del choices[AIFeature.MATCHED_FEED]  # an unticked box is not sent

    response = post(client, "consents", **choices)

    assert response.status_code == 302
    assert not consent_granted(user=freelancer, feature=AIFeature.MATCHED_FEED)
    (event,) = ConsentEvent.objects.filter(user=freelancer)
    assert event.source == ConsentEvent.Source.PRIVACY_PAGE
    page = client.get(PAGE).content.decode()
    assert "“Match gigs to me” is now off" in page
    assert "<td>Match gigs to me</td>" in page
    assert "<td>Privacy page</td>" in page


def test_saving_unchanged_choices_records_nothing(client, freelancer):
    client.force_login(freelancer)
    post(client, "consents", **ALL_ON)
    assert not ConsentEvent.objects.exists()
    assert "Nothing changed" in client.get(PAGE).content.decode()


def test_visibility_is_saved(client, freelancer):
    client.force_login(freelancer)
    response = post(client, "visibility", rate="clients", country="nobody", photo="everyone")
    assert response.status_code == 302
    profile = freelancer.freelancer_profile
    profile.refresh_from_db()
    assert (profile.rate_visibility, profile.country_visibility, profile.photo_visibility) == (
        "clients",
        "nobody",
        "everyone",
    )


def test_a_wrong_visibility_is_explained_and_the_other_choices_kept(client, freelancer):
    client.force_login(freelancer)
    response = post(client, "visibility", rate="clients", country="martians", photo="nobody")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose who may see it from the list." in body
    form = response.context["visibility_form"]
    assert form.data["rate"] == "clients"
    assert form["rate"].value() == "clients"
    assert form["photo"].value() == "nobody"
    freelancer.freelancer_profile.refresh_from_db()
    assert freelancer.freelancer_profile.rate_visibility == "everyone"  # nothing saved


def test_audit_answers_are_kept_and_prefer_not_to_say_removes_them(client, freelancer):
    client.force_login(freelancer)
    post(client, "attributes", gender="non-binary", age_band="35-44", disability="")
    rows = SelfDeclaredAttribute.objects.filter(user=freelancer)
    assert dict(rows.values_list("attribute", "value")) == {
        "gender": "non-binary",
        "age_band": "35-44",
    }
    assert "used only to check" in client.get(PAGE).content.decode()
    post(client, "attributes", gender="", age_band="", disability="")
    assert not SelfDeclaredAttribute.objects.filter(user=freelancer).exists()


def test_a_made_up_audit_answer_is_refused_and_the_rest_kept(client, freelancer):
    client.force_login(freelancer)
    response = post(client, "attributes", gender="woman", age_band="142")
    assert response.status_code == 200
    assert "Choose one of the listed answers" in response.content.decode()
    assert response.context["attributes_form"]["gender"].value() == "woman"
    assert not SelfDeclaredAttribute.objects.exists()


def test_an_employer_cannot_post_a_freelancer_section(client):
    employer = EmployerFactory()
    client.force_login(employer)
    response = post(client, "visibility", rate="nobody", country="nobody", photo="nobody")
    assert response.status_code == 200
    assert "nothing was saved" in response.content.decode()
