import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.core.cache import cache
from django.test import RequestFactory

from insights.models import SkillMarket
from learning.services.catalogue import courses_import
from projects.models import Skill, SkillAlias, SkillCategory, TaxonomyImport
from projects.services.taxonomy import ImportReport, taxonomy_import
from tests.celery_worker import celery_worker_thread  # noqa: F401 (a fixture for every test)
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory
from tests.matching.helpers import freelancer_with, open_project


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories hash a real password per user; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def freelancer(db):
    return FreelancerFactory()


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


# --- Staff and the admin: a second factor (allauth MFA, TOTP) is required -------------------
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, for test staff only


def staff_mfa_login(client, user):
    """Log `user` in as after password and authenticator code: what the admin asks of staff.

    The user gets a TOTP authenticator (STAFF_TOTP_SECRET), and the session records both steps
    the way allauth's login flow records them. tests/marketplace/test_admin_access.py signs in
    through the real pages, with a computed code.
    """
    authenticator, _ = Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(STAFF_TOTP_SECRET)}},
    )
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return client


@pytest.fixture
def staff_login():
    """staff_mfa_login, for a test that signs in someone other than the `staff` fixture."""
    return staff_mfa_login


@pytest.fixture
def staff_client(client, staff):
    """The test client, logged in as staff with their second factor: the admin opens."""
    return staff_mfa_login(client, staff)


@pytest.fixture(autouse=True, scope="session")
def sqlite_flush_empties_the_audit_log():
    """Let Django's test flush empty the append-only audit log on SQLite, as it does elsewhere.

    Transactional tests (live_server, real workers) end with a flush: TRUNCATE on PostgreSQL,
    which row triggers never see, but DELETE on SQLite, which the audit log's trigger refuses
    (projects migration 0009). Around SQLite's flush the table's triggers are dropped and then
    created again from their own stored SQL, so the next test meets them as migrated.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    operations = type(connection.ops)
    table = "projects_auditlogentry"
    original = operations.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        if not any(self.quote_name(table) in statement for statement in statements):
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
            triggers = cursor.fetchall()
        drops = [f"DROP TRIGGER {self.quote_name(name)};" for name, _sql in triggers]
        return [*drops, *statements, *(f"{sql};" for _name, sql in triggers)]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "sql_flush", sql_flush)
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache. In CI the cache is a Redis that outlives each
    test's transaction: without this, the failed log-ins, sign-ups and limit counters of one
    test (allauth's, axes' and ours, keyed by the same factory e-mails and 127.0.0.1) lock out
    the next test within the same window, depending on the order and speed of the run."""
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_exchange_rates():
    """A rate a test edits is rolled back with its transaction; the process copy must go too."""
    from projects.money import exchange_rates_changed

    yield
    exchange_rates_changed()


# --- The skill taxonomy as `import_skills` builds it ------------------------------------
@pytest.fixture
def builtin_taxonomy(db) -> ImportReport:
    """The curated taxonomy imported as `import_skills --builtin-only` does."""
    return taxonomy_import(builtin_only=True, force=True)


@pytest.fixture(scope="module")
def builtin_taxonomy_module(django_db_setup, django_db_blocker):
    """The curated taxonomy imported once, for a module of tests that only read it."""
    with django_db_blocker.unblock():
        taxonomy_import(builtin_only=True, force=True)
    yield
    with django_db_blocker.unblock():
        for model in (SkillAlias, Skill, SkillCategory, TaxonomyImport):
            model.objects.all().delete()


# --- Learning: the course catalogue and a planted market (tests/learning, tests/browser) --
@pytest.fixture
def catalogue(builtin_taxonomy):
    """The built-in taxonomy and the built-in course catalogue, as `make run` imports them."""
    courses_import(builtin_only=True)


@pytest.fixture
def planted_market(catalogue) -> dict:
    """A Django developer; open gigs that also want Docker (most), Kubernetes, or React."""
    developer = freelancer_with(
        headline="Django developer", bio="I build web backends in Django.", skills=["Django"],
        rate=50, email="dev@example.com",
    )  # fmt: skip
    developer.skills.update(level=4)
    employer = EmployerFactory()
    wanted = [["Django", "Docker"]] * 4 + [["Django", "Kubernetes"]] * 2 + [["Django", "React"]]
    for n, skills in enumerate(wanted):
        open_project(
            title=f"Django backend {n}",
            description=f"A Django service with {', '.join(skills[1:])}.",
            skills=skills,
            employer=employer,
            budget=(30, 60),
        )
    growth = {"Docker": 0.3, "Kubernetes": 0.1, "React": 0.0, "Django": 0.0}
    for name, value in growth.items():
        SkillMarket.objects.create(
            skill=Skill.objects.get(name=name), growth=value, projects_year=20, open_projects=5
        )
    return {"developer": developer, "employer": employer}


@pytest.fixture
def abuse_limits(settings):
    """The abuse limits on (the suite turns them off), small and counted from zero; a test
    lowers the one it tries by editing the dict this returns."""
    settings.RATELIMIT_ENABLE = True
    settings.ABUSE_LIMITS = {
        "proposal": {"user": "2/h", "ip": "100/h"},
        "message": {"user": "2/10m", "ip": "100/10m"},
        "report": {"user": "1/h", "ip": "100/h"},
        "signup": {"ip": "100/h"},
    }
    cache.clear()
    yield settings.ABUSE_LIMITS
    cache.clear()
