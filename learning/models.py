"""The course catalogue, and what each freelancer learns from it.

A course comes from a source (the catalogue Gigwise ships, or an imported provider file) and is
keyed there by `external_id`, so importing the same file twice updates rows instead of adding
them. Its skills carry how they were found: set by hand, matched by name or alias in the title,
or inferred from the title's meaning by the sentence encoder, with a confidence.

A freelancer's learning plan (gaps and recommended courses) is computed, stored and replaced
whole; enrolments carry the progress they report and the moment they completed.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import CURRENCIES, FreelancerProfile
from projects.models import Skill


class Level(models.TextChoices):
    ALL = "all", _("All levels")
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    EXPERT = "expert", _("Expert")


class CourseQuerySet(models.QuerySet):
    def listed(self):
        """Courses shown to freelancers: not hidden by staff."""
        return self.filter(is_hidden=False)

    def free(self):
        return self.filter(is_free=True)


class Course(models.Model):
    class Source(models.TextChoices):
        BUILTIN = "builtin", _("Gigwise catalogue")
        UDEMY = "udemy", _("Udemy catalogue file")

    source = models.CharField(max_length=10, choices=Source.choices)
    external_id = models.CharField(
        max_length=64, help_text="The course's key in its source (a slug or the provider's id)."
    )
    provider = models.CharField(max_length=120)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    description = models.TextField(blank=True)
    subject = models.CharField(max_length=120, blank=True, help_text="The source's own subject.")
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.ALL)
    is_free = models.BooleanField(default=False)
    price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    hours = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Length of the course in hours, as the provider states it.",
    )
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
        help_text="Average learner rating out of 5.",
    )
    learners = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(
        max_length=8, blank=True, default="en", help_text="ISO 639-1 code; empty if unknown."
    )
    is_hidden = models.BooleanField(
        default=False, help_text="Hidden by staff: kept, but never recommended."
    )
    skills = models.ManyToManyField(Skill, through="CourseSkill", related_name="courses")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="course_unique_key"),
            models.CheckConstraint(
                condition=models.Q(is_free=False) | models.Q(price=0), name="course_free_is_free"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"


class CourseSkill(models.Model):
    class Method(models.TextChoices):
        HAND = "hand", _("Set by hand")
        NAME = "name", _("Named in the title")
        MEANING = "meaning", _("Inferred from the title's meaning")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="course_skills")
    confidence = models.FloatField(
        default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    method = models.CharField(max_length=8, choices=Method.choices, default=Method.HAND)

    class Meta:
        ordering = ["-confidence", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="course_skill_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.course} teaches {self.skill} ({self.confidence:.2f}, {self.method})"


class LearnerSettings(models.Model):
    """What a freelancer wants from courses: free ones only, and at which level."""

    class WantedLevel(models.TextChoices):
        ANY = "any", _("Any level")
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        EXPERT = "expert", _("Advanced")

    profile = models.OneToOneField(
        FreelancerProfile, on_delete=models.CASCADE, related_name="learning_settings"
    )
    free_only = models.BooleanField(default=False, help_text="Recommend free courses only.")
    level = models.CharField(
        max_length=12,
        choices=WantedLevel.choices,
        default=WantedLevel.ANY,
        help_text="Courses at this level, or for all levels.",
    )

    def __str__(self) -> str:
        return f"{self.profile}: {'free only' if self.free_only else 'any price'}, {self.level}"


class Enrollment(models.Model):
    """A freelancer taking a course: progress as they report it, and when they finished."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("In progress")
        COMPLETED = "completed", _("Completed")

    profile = models.ForeignKey(
        FreelancerProfile, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENROLLED)
    progress = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="Per cent, as reported."
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "course"], name="enrollment_unique"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} in {self.course} ({self.progress}%)"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class LearningPlan(models.Model):
    """A freelancer's computed skill gaps and recommended courses, replaced on each run."""

    profile = models.OneToOneField(
        FreelancerProfile, on_delete=models.CASCADE, related_name="learning_plan"
    )
    computed_at = models.DateTimeField()
    matched_gigs = models.PositiveIntegerField(
        default=0, help_text="Best-matched open gigs the gaps were read from."
    )
    own_growth = models.FloatField(
        null=True, blank=True, help_text="Demand growth of the freelancer's own skills."
    )
    shrinking = models.BooleanField(
        default=False, help_text="Demand for the freelancer's own skills is falling."
    )
    empty_reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"Learning plan of {self.profile} ({self.computed_at:%Y-%m-%d %H:%M})"


class SkillGap(models.Model):
    class Kind(models.TextChoices):
        ASKED = "asked", _("Asked for by gigs you nearly match")
        PATH = "path", _("Growing, next to what you know")

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="gaps")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.ASKED)
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    asked_by = models.PositiveIntegerField(default=0)
    held_level = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The level the freelancer holds it at, if low."
    )
    growth = models.FloatField(null=True, blank=True)
    open_projects = models.PositiveIntegerField(default=0)
    near = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The freelancer's skill it is most often named with.",
    )
    closeness = models.FloatField(default=0)
    reason = models.CharField(max_length=400)

    class Meta:
        ordering = ["plan", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "skill"], name="skill_gap_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.score:.2f})"


class CourseRecommendation(models.Model):
    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="recommendations")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    covers = models.ManyToManyField(Skill, related_name="+", blank=True)
    reason = models.CharField(max_length=400)

    class Meta:
        ordering = ["plan", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "course"], name="recommendation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.course} for {self.plan.profile} (#{self.rank})"
