"""Role checks for endpoints only one side of the marketplace uses (403, with the reason)."""

from rest_framework.permissions import BasePermission


class IsFreelancer(BasePermission):
    message = "Only freelancer accounts can do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_freelancer)


class IsEmployer(BasePermission):
    message = "Only employer accounts can do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_employer)


class HasMarketplaceRole(BasePermission):
    message = "Only freelancer and employer accounts can do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_freelancer or user.is_employer))
