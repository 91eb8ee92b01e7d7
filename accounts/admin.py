"""Staff tools for people and their profiles."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from . import admin_privacy  # noqa: F401  (registers the consent and audit-attribute admins)
from .models import EmployerProfile, FreelancerProfile, User
from .services import profile_ensure
from .services.privacy import freelancer_photo_remove


class UserCreationForm(AdminUserCreationForm):
    """Django's admin add form, keyed on e-mail: the User has no username."""

    class Meta:
        model = User
        fields = ("email", "role")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A user is already registered with this e-mail address.")
        return email


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class FreelancerProfileInline(admin.StackedInline):
    model = FreelancerProfile
    can_delete = False
    extra = 0
    fields = ("headline", "hourly_rate", "currency", "country", "availability_hours_per_week")
    show_change_link = True


# Django 6 makes https the default scheme for typed web addresses; do so now.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class EmployerProfileInline(admin.StackedInline):
    model = EmployerProfile
    formfield_overrides = URL_FIELDS_HTTPS
    can_delete = False
    extra = 0
    fields = ("company_name", "company_size", "country", "website")
    show_change_link = True


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "role", "is_staff", "is_active", "date_joined", "onboarded_at")
    list_filter = ("role", "is_staff", "is_active", "is_superuser")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    date_hierarchy = "date_joined"
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal information", {"fields": ("first_name", "last_name", "role", "onboarded_at")}),
        (
            "Permissions",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "usable_password", "password1", "password2"),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A user added (or given a role) here gets the profile for that role, as at sign-up.
        profile_ensure(user=obj)

    def get_inlines(self, request, obj):
        # Only the profile that matches the role: a freelancer has no company.
        if obj is None:
            return []
        if obj.is_freelancer:
            return [FreelancerProfileInline]
        if obj.is_employer:
            return [EmployerProfileInline]
        return []


@admin.register(FreelancerProfile)
class FreelancerProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "headline",
        "country",
        "hourly_rate",
        "currency",
        "availability",
    )
    list_filter = ("country", "currency", "budget_preference", "project_size", "remote_only")
    search_fields = ("user__email", "user__first_name", "user__last_name", "headline")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    # The photo is replaced only by its owner (re-encoded on upload) and shown through the view
    # that applies its visibility, never as a /media/ link; staff may remove it (action).
    exclude = ("photo",)
    readonly_fields = ("photo_preview", "created_at", "updated_at")
    actions = ["photo_remove"]

    @admin.display(description="Photo")
    def photo_preview(self, obj: FreelancerProfile) -> str:
        if not obj.photo:
            return "No photo"
        url = reverse("projects:freelancer-photo", args=[obj.user_id])
        return format_html('<img src="{}" alt="" width="96" height="96">', url)

    @admin.action(description="Remove the photo of the selected profiles")
    def photo_remove(self, request, queryset) -> None:
        removed = 0
        for profile in queryset.exclude(photo=""):
            freelancer_photo_remove(profile=profile)
            removed += 1
        self.message_user(request, f"Removed {removed} photo{'s' if removed != 1 else ''}.")

    @admin.display(description="Availability (h/week)", ordering="availability_hours_per_week")
    def availability(self, obj: FreelancerProfile) -> int:
        return obj.availability_hours_per_week


@admin.register(EmployerProfile)
class EmployerProfileAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ("user", "company_name", "company_size", "country", "currency", "website")
    list_filter = ("country", "company_size", "currency")
    search_fields = ("user__email", "user__first_name", "user__last_name", "company_name")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at")
