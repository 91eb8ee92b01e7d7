"""/api/v1/me/privacy/...: consents with their defaults, field visibility, the history of
changes, and the answers shared for the fairness audit only."""

import pytest
from django.urls import reverse

from accounts.models import AIFeature, ConsentEvent, SelfDeclaredAttribute
from accounts.selectors.privacy import consent_granted
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import EmployerFactory

SIGNED_IN = codes(200, anonymous=401)
FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
PRIVACY = reverse("api:me-privacy")
HISTORY = reverse("api:me-privacy-history")
ATTRIBUTES = reverse("api:me-privacy-audit-attributes")

ROWS = [
    Row("api:me-privacy", "get", expect=SIGNED_IN),
    Row(
        "api:me-privacy",
        "patch",
        body={"consents": {"train_on_activity": False, "market_statistics": True}},
        expect=SIGNED_IN,
    ),
    Row("api:me-privacy-history", "get", expect=SIGNED_IN),
    Row("api:me-privacy-audit-attributes", "get", expect=FREELANCERS),
    Row(
        "api:me-privacy-audit-attributes",
        "put",
        body={"gender": "woman", "age_band": None},
        expect=FREELANCERS,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
def test_defaults_are_stated_for_every_feature(freelancer, client_for):
    shown = client_for(freelancer).get(PRIVACY).json()
    assert [c["feature"] for c in shown["consents"]] == AIFeature.values
    assert all(c["granted"] and c["default"] for c in shown["consents"])
    assert all(c["description"] for c in shown["consents"])
    visibility = {k: v for k, v in shown.items() if k.endswith("_visibility")}
    assert visibility == {
        "rate_visibility": "everyone",
        "country_visibility": "everyone",
        "photo_visibility": "employers",
    }


@pytest.mark.django_db
def test_employers_have_two_features_and_no_visibility(client_for):
    shown = client_for(EmployerFactory()).get(PRIVACY).json()
    assert [c["feature"] for c in shown["consents"]] == ["train_on_activity", "market_statistics"]
    assert shown["rate_visibility"] is None
    assert shown["photo_visibility"] is None


@pytest.mark.django_db
def test_a_change_applies_and_is_in_the_history_with_its_source(freelancer, client_for):
    client = client_for(freelancer)
    response = client.patch(
        PRIVACY,
        {"consents": {"matched_feed": False}, "rate_visibility": "clients"},
        format="json",
    )
    assert response.status_code == 200
    by_feature = {c["feature"]: c["granted"] for c in response.json()["consents"]}
    assert by_feature["matched_feed"] is False
    assert response.json()["rate_visibility"] == "clients"
    assert not consent_granted(user=freelancer, feature=AIFeature.MATCHED_FEED)

    # The same again records nothing new.
    client.patch(PRIVACY, {"consents": {"matched_feed": False}}, format="json")
    (event,) = client.get(HISTORY).json()["results"]
    assert event["feature"] == "matched_feed"
    assert event["label"] == "Match gigs to me"
    assert (event["granted"], event["source"]) == (False, ConsentEvent.Source.API)


@pytest.mark.django_db
def test_wrong_input_names_the_field_and_changes_nothing(freelancer, client_for):
    client = client_for(freelancer)
    response = client.patch(
        PRIVACY,
        {"consents": {"matched_feed": False, "mind_reading": False}, "rate_visibility": "x"},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert "Not an AI feature" in fields["consents.mind_reading"][0]
    assert "Choose one of" in fields["rate_visibility"][0]
    assert consent_granted(user=freelancer, feature=AIFeature.MATCHED_FEED)


@pytest.mark.django_db
def test_employer_cannot_set_freelancer_features_or_visibility(client_for):
    response = client_for(EmployerFactory()).patch(
        PRIVACY,
        {"consents": {"suggested_to_employers": False}, "rate_visibility": "nobody"},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert "concerns freelancers only" in fields["consents.suggested_to_employers"][0]
    assert "Only freelancers" in fields["rate_visibility"][0]


@pytest.mark.django_db
def test_history_is_only_ever_ones_own(freelancer, client_for):
    client_for(freelancer).patch(PRIVACY, {"consents": {"matched_feed": False}}, format="json")
    other = EmployerFactory()
    assert client_for(other).get(HISTORY).json()["count"] == 0


@pytest.mark.django_db
def test_audit_attributes_are_shared_replaced_and_removed(freelancer, client_for):
    client = client_for(freelancer)
    assert client.get(ATTRIBUTES).json() == {"gender": None, "age_band": None, "disability": None}
    shared = client.put(ATTRIBUTES, {"gender": "man", "disability": "yes"}, format="json")
    assert shared.json() == {"gender": "man", "age_band": None, "disability": "yes"}
    # PUT replaces: what is left out is no longer shared.
    client.put(ATTRIBUTES, {"age_band": "45-54"}, format="json")
    rows = SelfDeclaredAttribute.objects.filter(user=freelancer)
    assert dict(rows.values_list("attribute", "value")) == {"age_band": "45-54"}
    client.put(ATTRIBUTES, {"age_band": None}, format="json")
    assert not rows.exists()


@pytest.mark.django_db
def test_a_made_up_audit_answer_is_refused(freelancer, client_for):
    response = client_for(freelancer).put(ATTRIBUTES, {"gender": "robot"}, format="json")
    assert response.status_code == 400
    assert "Choose one of" in response.json()["fields"]["gender"][0]
    assert not SelfDeclaredAttribute.objects.exists()
