"""Pages of billing: the time log of hourly contracts, timesheets, invoices and credit notes."""

from django.urls import path

from .views import invoices, timelog

app_name = "billing"
urlpatterns = [
    path("contracts/<int:pk>/time/", timelog.time_log, name="time-log"),
    path("contracts/<int:pk>/time/entries/", timelog.time_entry_add, name="time-entry-add"),
    path("contracts/<int:pk>/time/timer/start/", timelog.timer_start_view, name="timer-start"),
    path("contracts/<int:pk>/time/timer/stop/", timelog.timer_stop_view, name="timer-stop"),
    path(
        "time-entries/<int:pk>/delete/",
        timelog.time_entry_delete_view,
        name="time-entry-delete",
    ),
    path("timesheets/<int:pk>/submit/", timelog.timesheet_submit_view, name="timesheet-submit"),
    path("timesheets/<int:pk>/approve/", timelog.timesheet_approve_view, name="timesheet-approve"),
    path("timesheets/<int:pk>/dispute/", timelog.timesheet_dispute_view, name="timesheet-dispute"),
    path("invoices/", invoices.invoice_list, name="invoice-list"),
    path("contracts/<int:contract_pk>/invoice/", invoices.invoice_new, name="invoice-new"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf_view, name="invoice-pdf"),
    path("invoices/<int:pk>/credit/", invoices.credit_note_new, name="credit-note-new"),
    path("invoices/<int:pk>/paid/", invoices.invoice_mark_paid_view, name="invoice-mark-paid"),
    path("invoices/exports/", invoices.invoice_export_start, name="invoice-export"),
    path(
        "invoices/exports/<int:job_pk>/download/",
        invoices.invoice_export_download,
        name="invoice-export-download",
    ),
]
