from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects and skills"

    def ready(self) -> None:
        from . import money  # noqa: F401  (connects the receivers that keep rates fresh)
