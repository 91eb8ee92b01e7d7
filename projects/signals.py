"""Signals projects sends so that higher apps can react without projects importing them."""

from django.dispatch import Signal

# Sent inside project_publish's transaction with `project`; receivers defer their work to
# transaction.on_commit, so nothing happens for a publish that rolls back.
project_published = Signal()
