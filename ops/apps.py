from django.apps import AppConfig


class OpsConfig(AppConfig):
    """The plumbing every app leans on: the task outbox, and dead letters of tasks that gave up."""

    name = "ops"
    verbose_name = "Operations"
