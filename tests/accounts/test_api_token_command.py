"""`manage.py api_token_create`: a token a script can capture, and clear refusals."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = StringIO()
    call_command("api_token_create", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def signed_in_as(raw: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client.get(reverse("api:me"))


def test_prints_only_the_token_and_it_signs_in_its_owner(freelancer):
    out = run(email=freelancer.email, name="CI contract run")
    raw = out.strip()
    assert out == raw + "\n"  # one line, nothing else, so $(...) captures exactly the token
    assert raw.startswith("gw_")
    response = signed_in_as(raw)
    assert response.status_code == 200
    assert response.json()["email"] == freelancer.email
    token = ApiToken.objects.get(user=freelancer)
    assert token.name == "CI contract run"
    assert raw not in {token.digest, token.prefix}


def test_the_email_is_matched_without_regard_to_case(employer):
    raw = run(email=f"  {employer.email.upper()} ", name="script").strip()
    assert signed_in_as(raw).json()["email"] == employer.email


def test_an_unknown_email_is_refused_by_name():
    with pytest.raises(
        CommandError, match=re.escape("No account has the e-mail address “nobody@x.test”")
    ):
        run(email="nobody@x.test", name="script")
    assert not ApiToken.objects.exists()


def test_a_duplicate_name_is_refused_and_suggests_replace(freelancer):
    first = run(email=freelancer.email, name="ci").strip()
    with pytest.raises(CommandError, match=r"already have a token called “ci”.*--replace"):
        run(email=freelancer.email, name=" ci ")
    assert ApiToken.objects.filter(user=freelancer).count() == 1
    assert signed_in_as(first).status_code == 200


@pytest.mark.parametrize(("name", "says"), [("   ", "Name the token"), ("x" * 61, "at most 60")])
def test_a_bad_name_is_refused_with_the_reason(freelancer, name, says):
    with pytest.raises(CommandError, match=says):
        run(email=freelancer.email, name=name)
    assert not ApiToken.objects.exists()


def test_replace_revokes_the_old_token_so_running_twice_is_safe(freelancer):
    keep = run(email=freelancer.email, name="laptop").strip()
    old = run(email=freelancer.email, name="ci", replace=True).strip()
    new = run(email=freelancer.email, name="ci", replace=True).strip()
    assert new != old
    assert signed_in_as(old).status_code == 401
    assert signed_in_as(new).status_code == 200
    assert signed_in_as(keep).status_code == 200  # other names are left alone
    names = sorted(ApiToken.objects.filter(user=freelancer).values_list("name", flat=True))
    assert names == ["ci", "laptop"]
