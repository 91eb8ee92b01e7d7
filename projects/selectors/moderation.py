"""Reads for reporting: what a user may report, and whether they already have."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from projects.models import Message, Project, Report

REPORT_TARGET_KINDS = ("project", "user", "message")


def report_target_get(*, user: User, kind: str, pk: int) -> Model:
    """What `user` asks to report, if they can see it; 404 otherwise (nothing leaks)."""
    if kind == "project":
        # Public projects past draft, and any project the user has dealt with.
        seen = (
            Q(is_hidden=False, visibility=Project.Visibility.PUBLIC)
            & ~Q(status=Project.Status.DRAFT)
            | Q(employer=user)
            | Q(proposals__freelancer=user)
            | Q(invites__freelancer=user)
            | Q(threads__freelancer=user)
        )
        return get_object_or_404(Project.objects.filter(seen).distinct(), pk=pk)
    if kind == "user":
        return get_object_or_404(User.objects.filter(is_active=True).exclude(role=""), pk=pk)
    if kind == "message":
        return get_object_or_404(
            Message.objects.select_related("thread", "sender").filter(
                Q(thread__employer=user) | Q(thread__freelancer=user), is_hidden=False
            ),
            pk=pk,
        )
    raise Http404("Only a project, a profile or a message can be reported.")


def report_open_exists(*, reporter: User, target: Model) -> bool:
    """Whether the user already has an open report about this target."""
    return Report.objects.filter(
        reporter=reporter,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        status=Report.Status.OPEN,
    ).exists()
