from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects and skills"

    def ready(self) -> None:
        from . import (
            money,  # noqa: F401  (connects the receivers that keep rates fresh)
            signals,  # noqa: F401  (connects the admin's changes to the audit log)
        )
