"""Consent per AI feature: defaults, changes recorded once, the one place pipelines read it."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import AIFeature, Consent, ConsentEvent, SelfDeclaredAttribute, User
from accounts.selectors.privacy import (
    FEATURE_DEFAULTS,
    consent_granted,
    consent_history,
    consents_for_user,
    declared_attributes,
    features_for,
    users_opted_out,
)
from accounts.services.privacy import (
    consent_set,
    consents_set,
    declared_attributes_set,
    privacy_settings_update,
    profile_visibility_set,
)
from tests.factories import EmployerFactory, FreelancerFactory

PAGE = ConsentEvent.Source.PRIVACY_PAGE
FEED = AIFeature.MATCHED_FEED

pytestmark = pytest.mark.django_db


def test_every_feature_is_on_by_default_without_a_row(freelancer):
    assert all(FEATURE_DEFAULTS.values())
    assert all(consent_granted(user=freelancer, feature=f) for f in AIFeature.values)
    assert not Consent.objects.exists()
    states = consents_for_user(user=freelancer)
    assert [s.feature for s in states] == AIFeature.values
    assert all(s.granted and s.is_default for s in states)


def test_switching_off_records_what_when_and_where_once(freelancer):
    event = consent_set(user=freelancer, feature=FEED, granted=False, source=PAGE)
    again = consent_set(user=freelancer, feature=FEED, granted=False, source=PAGE)

    assert event is not None
    assert again is None  # the same value twice records nothing new
    assert not consent_granted(user=freelancer, feature=FEED)
    (recorded,) = consent_history(user=freelancer)
    assert (recorded.feature, recorded.granted, recorded.source) == (FEED, False, PAGE)
    assert recorded.created_at is not None


def test_setting_the_default_value_records_nothing(freelancer):
    assert consent_set(user=freelancer, feature=FEED, granted=True, source=PAGE) is None
    assert not ConsentEvent.objects.exists()


def test_off_then_on_is_two_events_newest_first(freelancer):
    consent_set(user=freelancer, feature=FEED, granted=False, source=PAGE)
    consent_set(user=freelancer, feature=FEED, granted=True, source=ConsentEvent.Source.API)
    history = list(consent_history(user=freelancer))
    assert [(e.granted, e.source) for e in history] == [(True, "api"), (False, "privacy_page")]
    assert consent_granted(user=freelancer, feature=FEED)
    assert Consent.objects.get(user=freelancer, feature=FEED).granted


def test_history_holds_only_the_persons_own_changes(freelancer):
    other = FreelancerFactory()
    consent_set(user=other, feature=FEED, granted=False, source=PAGE)
    assert not consent_history(user=freelancer).exists()


def test_users_opted_out_is_a_subquery_of_those_who_switched_off(freelancer):
    on, off = FreelancerFactory(), FreelancerFactory()
    consent_set(user=on, feature=FEED, granted=False, source=PAGE)
    consent_set(user=on, feature=FEED, granted=True, source=PAGE)
    consent_set(user=off, feature=FEED, granted=False, source=PAGE)
    consent_set(user=freelancer, feature=AIFeature.TRAIN_ON_ACTIVITY, granted=False, source=PAGE)

    left = User.objects.exclude(pk__in=users_opted_out(feature=FEED))

    assert set(left.values_list("pk", flat=True)) == {freelancer.pk, on.pk}


def test_a_default_off_would_exclude_everyone_who_did_not_switch_on(freelancer, monkeypatch):
    employer = EmployerFactory()
    monkeypatch.setitem(FEATURE_DEFAULTS, FEED, False)
    consent_set(user=freelancer, feature=FEED, granted=True, source=PAGE)
    opted_out = set(
        User.objects.filter(pk__in=users_opted_out(feature=FEED)).values_list("pk", flat=True)
    )
    assert opted_out == {employer.pk}


def test_employers_have_only_the_features_that_concern_them():
    employer = EmployerFactory()
    assert features_for(employer) == [AIFeature.TRAIN_ON_ACTIVITY, AIFeature.MARKET_STATISTICS]
    with pytest.raises(ValidationError) as refused:
        consent_set(user=employer, feature=FEED, granted=False, source=PAGE)
    assert "concerns freelancers only" in str(refused.value)
    assert not ConsentEvent.objects.exists()


def test_unknown_feature_is_refused_by_name(freelancer):
    with pytest.raises(ValidationError) as refused:
        consent_set(user=freelancer, feature="telepathy", granted=False, source=PAGE)
    assert "“telepathy” is not an AI feature" in str(refused.value)


def test_several_at_once_are_all_or_nothing(freelancer):
    employer = EmployerFactory()
    with pytest.raises(ValidationError):
        consents_set(
            user=employer,
            choices={AIFeature.MARKET_STATISTICS: False, FEED: False},
            source=PAGE,
        )
    assert not ConsentEvent.objects.exists()
    events = consents_set(
        user=freelancer,
        choices={FEED: False, AIFeature.MARKET_STATISTICS: True},
        source=PAGE,
    )
    assert [e.feature for e in events] == [FEED]


def test_visibility_and_consents_together_roll_back_on_a_bad_value(freelancer):
    with pytest.raises(ValidationError):
        privacy_settings_update(
            user=freelancer,
            consents={FEED: False},
            visibility={"rate": "my-friends"},
            source=PAGE,
        )
    assert consent_granted(user=freelancer, feature=FEED)


def test_visibility_is_saved_and_an_unknown_audience_refused(freelancer):
    profile = freelancer.freelancer_profile
    profile_visibility_set(profile=profile, choices={"rate": "clients", "photo": "nobody"})
    profile.refresh_from_db()
    assert (profile.rate_visibility, profile.country_visibility, profile.photo_visibility) == (
        "clients",
        "everyone",
        "nobody",
    )
    with pytest.raises(ValidationError) as refused:
        profile_visibility_set(profile=profile, choices={"country": "aliens"})
    assert "country" in refused.value.message_dict


def test_employers_have_no_profile_fields_to_hide():
    with pytest.raises(ValidationError) as refused:
        privacy_settings_update(
            user=EmployerFactory(), consents={}, visibility={"rate": "nobody"}, source=PAGE
        )
    assert "Only freelancers" in str(refused.value)


def test_declared_attributes_are_kept_replaced_and_removed(freelancer):
    declared_attributes_set(user=freelancer, values={"gender": "woman", "age_band": "25-34"})
    assert declared_attributes(user=freelancer) == {
        "gender": "woman",
        "age_band": "25-34",
        "disability": "",
    }
    # "Prefer not to say" (empty, or left out) keeps no row at all.
    declared_attributes_set(user=freelancer, values={"gender": "", "disability": "no"})
    rows = SelfDeclaredAttribute.objects.filter(user=freelancer)
    assert dict(rows.values_list("attribute", "value")) == {"disability": "no"}


def test_a_declared_value_not_offered_is_refused(freelancer):
    with pytest.raises(ValidationError) as refused:
        declared_attributes_set(user=freelancer, values={"age_band": "ancient"})
    assert "age_band" in refused.value.message_dict
    assert not SelfDeclaredAttribute.objects.exists()
