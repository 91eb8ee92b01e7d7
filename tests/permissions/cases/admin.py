"""The Django admin: every registered model's list and add form, as every role.

Staff open it only after their second factor (marketplace/admin_access.py): here they sign in
as after password and code (tests/conftest.py `staff_mfa_login`), and one case shows a staff
session without the code sent to give it. Nobody else gets in: anonymous visitors and signed-in
freelancers and employers are sent to the admin's log-in, which sends them on to allauth's (a
signed-in non-staff person gets a 403 there).

The rows are generated from the admin's registry, so a newly registered model is checked without
anyone writing its row. The change, delete and history pages of each object go through the same
`admin_view` guard; the User's are checked here, as the one every deployment has.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from accounts.models import User

from ..matrix import ADMIN_LOGIN, LOGIN, REDIRECT, Case, roles

# The parts of an object's admin URL: "admin:<app>_<model>_<suffix>", checked once on the User.
OBJECT_SUFFIXES = ("change", "delete", "history")


# Models whose admin is read-only: records written by the site itself (consent history, ledger,
# audit log, invoices, matching's figures...), so staff get a 403 on the add form. A newly
# registered model that refuses adding must be named here, on purpose.
NO_ADD_FORM = {
    "accounts.consent", "accounts.consentevent", "accounts.selfdeclaredattribute",
    "automation.alertdelivery", "axes.accessattempt", "axes.accessfailurelog", "axes.accesslog",
    "billing.invoice", "billing.invoiceline", "billing.invoicesequence", "billing.timeentry",
    "billing.timesheet", "drafting.proposaldraft", "insights.ratestat", "insights.skilldemandweek",
    "insights.skillmarket", "insights.taskrun", "insights.trainedestimator", "learning.enrollment",
    "learning.learningplan", "matching.embedding", "matching.fairnessaudit", "matching.matchevent",
    "matching.scorerweights", "matching.skillrelation", "mfa.authenticator", "ops.deadletter",
    "ops.outboxmessage", "privacy.accountdeletion", "projects.auditlogentry", "projects.contract",
    "projects.exchangerate", "projects.job", "projects.ledgerentry", "projects.message",
    "projects.milestone", "projects.notification", "projects.report", "projects.review",
    "projects.taxonomyimport", "projects.thread",
}  # fmt: skip


def staff_gets(staff) -> dict:
    """Staff (after the code) get `staff`; everybody else is sent to the admin's log-in."""
    return roles(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, staff)


def _model_cases() -> list[Case]:
    cases = []
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label_lower):
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        added = 403 if model._meta.label_lower in NO_ADD_FORM else 200
        cases += [
            Case(f"{prefix}_changelist", "list", staff_gets(200), staff_mfa=True),
            Case(f"{prefix}_add", "add form", staff_gets(added), staff_mfa=True),
        ]
    return cases


def object_url_names() -> set[str]:
    """Each registered model's change, delete and history pages (one object's): the User's are
    checked below, and the rest go through the same `admin_view` guard."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{suffix}"
        for model in admin.site._registry
        for suffix in OBJECT_SUFFIXES
    }


def _apps() -> list[str]:
    return sorted({model._meta.app_label for model in admin.site._registry})


def _user(w):
    return [w.X.pk]


SITE: list[Case] = [
    Case("admin:index", "after the code", staff_gets(200), staff_mfa=True),
    # A staff session that never gave its code is asked for it first (allauth reauthenticate).
    Case("admin:index", "staff without the code", staff_gets(REDIRECT), cast_only=True),
    Case(
        "admin:login",
        "allauth's instead",
        roles(LOGIN, 403, 403, 403, 403, REDIRECT),
        staff_mfa=True,
    ),
    # Log-out is a POST; a GET sends everyone else back to the admin, which asks them to log in.
    Case("admin:logout", "GET", roles(*[REDIRECT] * 5, 405), staff_mfa=True),
    Case("admin:password_change", "form", staff_gets(200), staff_mfa=True),
    Case("admin:password_change_done", "page", staff_gets(200), staff_mfa=True),
    Case("admin:jsi18n", "catalogue", staff_gets(200), staff_mfa=True),
    Case("admin:autocomplete", "no field named", staff_gets(403), staff_mfa=True),
    Case(
        "admin:view_on_site",
        "a freelancer",
        staff_gets(404),
        args=lambda w: [ContentType.objects.get_for_model(User).pk, w.X.pk],
        staff_mfa=True,
    ),
    *(
        Case(
            "admin:app_list",
            app,
            staff_gets(200),
            args=lambda w, app=app: [app],
            staff_mfa=True,
        )
        for app in _apps()
    ),
    Case("admin:accounts_user_change", "X", staff_gets(200), _user, staff_mfa=True),
    Case("admin:accounts_user_delete", "X", staff_gets(200), _user, staff_mfa=True),
    Case("admin:accounts_user_history", "X", staff_gets(200), _user, staff_mfa=True),
    Case(
        "admin:auth_user_password_change",
        "X",
        staff_gets(200),
        _user,
        staff_mfa=True,
    ),
    Case(
        "admin:matching_fairnessaudit_run",
        "run now",
        staff_gets(REDIRECT),
        method="post",
        staff_mfa=True,
    ),
    Case("admin:matching_fairnessaudit_run", "GET", staff_gets(405), staff_mfa=True),
]

CASES = SITE + _model_cases()
