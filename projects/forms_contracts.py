"""Forms for contracts: milestones, submitting work, asking for changes, cancelling, reviewing.

The forms parse; the services in projects.services.milestones / contracts / reviews decide.
"""

from django import forms

from accounts.forms import money_errors
from projects.services.contracts import REASON_REQUIRED
from projects.services.milestones import (
    FEEDBACK_REQUIRED,
    NOTE_REQUIRED,
    TITLE_REQUIRED,
)
from projects.services.reviews import RATING_RANGE

STARS = [(5, "5 Excellent"), (4, "4 Good"), (3, "3 Fair"), (2, "2 Poor"), (1, "1 Very poor")]


class MilestoneForm(forms.Form):
    title = forms.CharField(
        max_length=140,
        error_messages={
            "required": TITLE_REQUIRED,
            "max_length": "Keep the title under 140 characters.",
        },
    )
    amount = forms.DecimalField(
        max_digits=11,
        decimal_places=2,
        # No min_value: the service's message ("more than zero") shows for 0 and negatives.
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the milestone's amount, for example 500.",
            "invalid": "Enter the amount as a number, for example 500 or 499.50.",
            **money_errors(11),
        },
    )
    due_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Choose the date this milestone is due.",
            "invalid": "Enter the due date as YYYY-MM-DD.",
        },
    )

    def __init__(self, *args, currency: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if currency:
            self.fields["amount"].label = f"Amount ({currency})"
        self.fields["amount"].help_text = "Funded into escrow when you are ready for work to start."


class MilestoneSubmitForm(forms.Form):
    note = forms.CharField(
        label="What you are submitting",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Describe the work and where to find it (a link, a branch, a file name).",
        error_messages={"required": NOTE_REQUIRED},
    )


class MilestoneChangesForm(forms.Form):
    feedback = forms.CharField(
        label="What needs to change",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The escrow stays funded; the freelancer can submit again.",
        error_messages={"required": FEEDBACK_REQUIRED},
    )


class ContractCancelForm(forms.Form):
    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The other party sees this reason.",
        error_messages={
            "required": REASON_REQUIRED,
            "max_length": "Keep the reason under 500 characters.",
        },
    )


def _stars(label: str, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": RATING_RANGE, "invalid_choice": RATING_RANGE},
    )


class ReviewForm(forms.Form):
    rating_quality = _stars("Quality", "")
    rating_communication = _stars("Communication", "")
    rating_timeliness = _stars("Timeliness", "")
    text = forms.CharField(
        label="Your review",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Keep the review under 5,000 characters."},
    )

    def __init__(self, *args, reviews_freelancer: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        if reviews_freelancer:
            fields["rating_quality"].help_text = "How good was the work delivered?"
            fields["rating_timeliness"].help_text = "Were deadlines met?"
        else:
            fields["rating_quality"].label = "Clarity of requirements"
            fields["rating_quality"].help_text = "Did you know what was expected?"
            fields["rating_timeliness"].label = "Prompt payment and answers"
            fields["rating_timeliness"].help_text = "Were milestones funded and approved on time?"
        fields["rating_communication"].help_text = "Were they responsive and clear?"
