"""Forms for proposals, hiring, invitations and talent search."""

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.forms import money_errors
from accounts.models import CURRENCIES
from projects.models import Project, Proposal
from projects.selectors.proposals import PROPOSAL_SORTS
from projects.services.proposals import (
    COVER_LETTER_REQUIRED,
    DURATION_OUT_OF_RANGE,
    bid_not_positive,
)


class ProposalForm(forms.Form):
    """Cover letter, bid and one required answer per screening question of the project."""

    cover_letter = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text="Why you fit, what you would do first, and work of yours that is like it.",
        error_messages={"required": COVER_LETTER_REQUIRED},
    )
    bid_amount = forms.DecimalField(
        max_digits=11,
        decimal_places=2,
        error_messages={
            "required": "Enter your bid.",
            "invalid": "Enter an amount, for example 45 or 1500.50.",
            **money_errors(11),
        },
    )
    currency = forms.ChoiceField(
        choices=CURRENCIES, error_messages={"invalid_choice": "Choose a currency from the list."}
    )
    estimated_duration_weeks = forms.IntegerField(
        label="Estimated duration (weeks)",
        error_messages={
            "required": "Estimate the duration in weeks, from 1 to 104.",
            "invalid": "Estimate the duration in whole weeks, from 1 to 104.",
        },
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        hourly = project.budget_type == "hourly"
        self.fields["bid_amount"].label = "Your hourly rate" if hourly else "Your fixed price"
        # As the project page writes it: "50 USD an hour" or a range with an en dash.
        budget = " ".join(
            render_to_string("projects/_project_budget.html", {"project": project}).split()
        )
        self.fields["bid_amount"].help_text = f"The client's budget: {budget}."
        self.fields["currency"].initial = project.currency
        self.fields["estimated_duration_weeks"].initial = project.duration_weeks
        for index, question in enumerate(project.screening_questions or []):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
                error_messages={
                    "required": "Answer this question; the client asks every applicant."
                },
            )

    def clean_bid_amount(self):
        # The same words as the service, so the message shows even when other fields fail too.
        bid = self.cleaned_data["bid_amount"]
        if bid <= 0:
            raise forms.ValidationError(bid_not_positive(self.project))
        return bid

    def clean_estimated_duration_weeks(self):
        weeks = self.cleaned_data["estimated_duration_weeks"]
        if not 1 <= weeks <= 104:
            raise forms.ValidationError(DURATION_OUT_OF_RANGE)
        return weeks

    @classmethod
    def initial_for(cls, proposal: Proposal) -> dict:
        initial = {
            "cover_letter": proposal.cover_letter,
            "bid_amount": proposal.bid_amount,
            "currency": proposal.currency,
            "estimated_duration_weeks": proposal.estimated_duration_weeks,
        }
        initial.update({f"answer_{i}": a for i, a in enumerate(proposal.answers or [])})
        return initial

    def answer_fields(self):
        return [self[name] for name in self.fields if name.startswith("answer_")]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "cover_letter": data["cover_letter"],
            "bid_amount": data["bid_amount"],
            "currency": data["currency"],
            "estimated_duration_weeks": data["estimated_duration_weeks"],
            "answers": [data[name] for name in self.fields if name.startswith("answer_")],
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The freelancer sees it; a sentence is enough.",
        error_messages={"max_length": "Keep the reason under 500 characters."},
    )


class HireForm(forms.Form):
    start_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Choose a start date.",
            "invalid": "Enter a date, for example 2026-05-04.",
        },
    )
    terms = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you agreed: deliverables, working hours, how you review work.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()


class InviteForm(forms.Form):
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        error_messages={
            "required": "Choose one of your open projects.",
            "invalid_choice": "Choose one of your open projects.",
        },
    )
    message = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why you think they fit.",
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class ProposalListFilterForm(forms.Form):
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("newest", "Newest"),
            ("match", "Best match"),
            ("lowest", "Lowest bid"),
            ("highest", "Highest bid"),
        ],
    )
    status = forms.ChoiceField(
        required=False, choices=[("", "Active and decided"), *Proposal.Status.choices]
    )
    shortlisted = forms.BooleanField(required=False, label="Shortlisted only")

    def filters(self) -> dict:
        if not self.is_valid():
            return {"sort": "newest", "status": "", "shortlisted": False}
        data = self.cleaned_data
        sort = data["sort"] if data["sort"] in PROPOSAL_SORTS else "newest"
        return {"sort": sort, "status": data["status"], "shortlisted": data["shortlisted"]}


class TalentSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Words")
    skill = forms.CharField(
        required=False, max_length=100, help_text="One skill; aliases count (k8s = Kubernetes)."
    )
