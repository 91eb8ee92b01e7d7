"""Forms for sign-up and profiles."""

from allauth.account.forms import SignupForm
from django import forms

from .models import User


class RoleSignupForm(SignupForm):
    role = forms.ChoiceField(
        label="I want to",
        choices=[
            (User.Role.FREELANCER, "Find work as a freelancer"),
            (User.Role.EMPLOYER, "Hire freelancers for my projects"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether you are joining as a freelancer or as an employer.",
            "invalid_choice": "Choose whether you are joining as a freelancer or as an employer.",
        },
    )
    field_order = ["role", "email", "password1", "password2"]
