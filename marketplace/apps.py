from django.contrib.admin.apps import AdminConfig


class GigwiseAdminConfig(AdminConfig):
    """django.contrib.admin, with Gigwise's site as the default `admin.site`."""

    default_site = "marketplace.admin_site.GigwiseAdminSite"
