"""Forms of the time log and of invoices; the services do the checks that need the database."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator


class TimeEntryForm(forms.Form):
    """A manual entry: a day, a start and an end in the freelancer's own timezone."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="From", widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label="To", widget=forms.TimeInput(attrs={"type": "time"}))
    note = forms.CharField(
        max_length=500, required=False, help_text="What you worked on; the employer sees it."
    )

    def interval(self, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """The entry's start and end as aware datetimes (work past midnight is two entries)."""
        data = self.cleaned_data
        return (
            dt.datetime.combine(data["date"], data["start"], tzinfo=zone),
            dt.datetime.combine(data["date"], data["end"], tzinfo=zone),
        )


class TimerStartForm(forms.Form):
    note = forms.CharField(max_length=500, required=False, label="What are you working on?")


class DisputeForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What is wrong with this week?",
        help_text="The freelancer sees this, corrects the week and submits it again.",
    )


class InvoiceForm(forms.Form):
    milestones = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Released milestones"
    )
    timesheets = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Approved weeks"
    )
    tax_rate = forms.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        label="Tax rate (%)",
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="VAT or sales tax you charge, added to the total. Leave empty for none.",
    )
    tax_id = forms.CharField(max_length=40, required=False, label="Your tax id")
    due_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Default: 14 days from today.",
    )
    notes = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, milestones=(), timesheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestones"].choices = [
            (m.pk, f"{m.title}: {m.amount} {m.contract.currency}") for m in milestones
        ]
        self.fields["timesheets"].choices = [
            (s.pk, f"Week of {s.week_start:%d %b %Y}: {s.hours} h, {s.amount} {s.currency}")
            for s in timesheets
        ]
        if not self.is_bound:
            self.initial.setdefault("milestones", [m.pk for m in milestones])
            self.initial.setdefault("timesheets", [s.pk for s in timesheets])


class CreditNoteForm(forms.Form):
    reason = forms.CharField(
        max_length=300, help_text="What this corrects; it is printed on the credit note."
    )
    amount = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        min_value=Decimal("0.01"),
        help_text="Before tax. Leave empty to credit everything left on the invoice.",
    )


class InvoiceExportForm(forms.Form):
    year = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
