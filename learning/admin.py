"""Staff views of the course catalogue: courses, the skills each teaches, hiding a course."""

from django.contrib import admin, messages

from .models import (
    Course,
    CourseRecommendation,
    CourseSkill,
    Enrollment,
    LearnerSettings,
    LearningPlan,
    SkillGap,
)
from .services.catalogue import courses_visibility_set


class CourseSkillInline(admin.TabularInline):
    model = CourseSkill
    autocomplete_fields = ["skill"]
    extra = 0
    fields = ["skill", "confidence", "method"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "provider",
        "source",
        "level",
        "is_free",
        "hours",
        "rating",
        "learners",
        "is_hidden",
    ]
    list_filter = ["source", "level", "is_free", "is_hidden", "subject"]
    search_fields = ["title", "provider", "subject", "course_skills__skill__name"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CourseSkillInline]
    actions = ["hide", "show"]

    @admin.action(description="Hide the selected courses from recommendations")
    def hide(self, request, queryset) -> None:
        changed = courses_visibility_set(
            course_ids=list(queryset.values_list("pk", flat=True)), hidden=True
        )
        self.message_user(request, f"{changed} course(s) hidden.", messages.SUCCESS)

    @admin.action(description="List the selected courses again")
    def show(self, request, queryset) -> None:
        changed = courses_visibility_set(
            course_ids=list(queryset.values_list("pk", flat=True)), hidden=False
        )
        self.message_user(request, f"{changed} course(s) listed again.", messages.SUCCESS)


@admin.register(CourseSkill)
class CourseSkillAdmin(admin.ModelAdmin):
    list_display = ["course", "skill", "confidence", "method"]
    list_filter = ["method"]
    search_fields = ["course__title", "skill__name"]
    autocomplete_fields = ["course", "skill"]
    list_select_related = ["course", "skill"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["profile", "course", "status", "progress", "started_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["profile__user__email", "course__title"]
    list_select_related = ["profile__user", "course"]
    readonly_fields = ["profile", "course", "status", "progress", "started_at", "completed_at"]

    def has_add_permission(self, request) -> bool:
        return False  # freelancers enrol themselves


class SkillGapInline(admin.TabularInline):
    model = SkillGap
    fields = ["rank", "skill", "kind", "score", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class CourseRecommendationInline(admin.TabularInline):
    model = CourseRecommendation
    fields = ["rank", "course", "score", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(LearningPlan)
class LearningPlanAdmin(admin.ModelAdmin):
    """Computed plans: staff read them (a recompute replaces them), they do not edit them."""

    list_display = ["profile", "computed_at", "matched_gigs", "shrinking"]
    list_filter = ["shrinking"]
    search_fields = ["profile__user__email"]
    list_select_related = ["profile__user"]
    inlines = [SkillGapInline, CourseRecommendationInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LearnerSettings)
class LearnerSettingsAdmin(admin.ModelAdmin):
    list_display = ["profile", "free_only", "level"]
    list_filter = ["free_only", "level"]
    search_fields = ["profile__user__email"]
    list_select_related = ["profile__user"]
