"""Sign-up, limited per network: allauth's page with a cap on new accounts per IP address."""

from allauth.account.views import SignupView
from django.http import HttpResponse

from marketplace.ratelimits import limit_count, limit_reached


class LimitedSignupView(SignupView):
    """allauth's sign-up; past ABUSE_LIMITS["signup"] the form comes back as typed, with 429."""

    def form_valid(self, form) -> HttpResponse:
        if limit := limit_reached(self.request, "signup"):
            form.add_error(None, limit.message)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        response = super().form_valid(form)
        limit_count(self.request, "signup")
        return response


signup = LimitedSignupView.as_view()
