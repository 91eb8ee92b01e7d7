"""billing: the time log of hourly contracts, timesheets, invoices and their exports."""

from ..matrix import (
    A_ACTS_ON_CONTRACT,
    DASHBOARD,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    PARTIES,
    PARTIES_AND_STAFF,
    REDIRECT,
    X_ACTS_ON_CONTRACT,
    X_ON_CONTRACT,
    Case,
    pk,
    roles,
)
from ..world import (
    TIME_NOTE,
)

CASES: list[Case] = [
    Case(
        "billing:time-log",
        "hourly A-X",
        PARTIES_AND_STAFF,
        args=pk("hourly"),
        query="week={time_entry_week}",
        secrets=(TIME_NOTE,),
    ),
    Case(
        "billing:time-entry-add",
        "a week long closed",
        roles(LOGIN, 400, 404, 404, 404, 404),
        args=pk("hourly"),
        method="post",
        data={"date": "2000-01-03", "start": "09:00", "end": "10:00"},
    ),
    Case("billing:timer-start", "hourly A-X", X_ACTS_ON_CONTRACT, pk("hourly"), "post"),
    Case("billing:timer-stop", "hourly A-X", X_ACTS_ON_CONTRACT, pk("hourly"), "post"),
    Case("billing:time-entry-delete", "X's entry", X_ACTS_ON_CONTRACT, pk("time_entry"), "post"),
    Case("billing:timesheet-submit", "submitted", X_ACTS_ON_CONTRACT, pk("timesheet"), "post"),
    Case("billing:timesheet-approve", "submitted", A_ACTS_ON_CONTRACT, pk("timesheet"), "post"),
    Case(
        "billing:timesheet-dispute",
        "submitted",
        A_ACTS_ON_CONTRACT,
        args=pk("timesheet"),
        method="post",
        data={"reason": "Too many hours"},
    ),
    Case("billing:invoice-list", "own invoices", LOGGED_IN),
    # role_required sends staff to their dashboard; the employer does not invoice.
    Case(
        "billing:invoice-new",
        "fixed A-X",
        roles(LOGIN, 200, 404, 404, 404, DASHBOARD),
        args=pk("fixed"),
    ),
    Case("billing:invoice-detail", "A-X", PARTIES, args=pk("invoice")),
    Case("billing:invoice-pdf", "A-X", PARTIES, args=pk("invoice")),
    Case("billing:credit-note-new", "A-X", X_ON_CONTRACT, args=pk("invoice")),
    Case("billing:invoice-mark-paid", "A-X", X_ACTS_ON_CONTRACT, pk("invoice"), "post"),
    Case(
        "billing:invoice-export",
        "a year without invoices",
        roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
        method="post",
        data={"year": "1999"},
    ),
    # The job has no file yet: "not ready, or expired", even for X.
    Case(
        "billing:invoice-export-download",
        "X's job",
        NOT_FOUND | {"anonymous": LOGIN},
        args=pk("invoice_job"),
    ),
]
