"""Log in, log out, change, reset and choose a password: Django's views, our templates.

The language is the one of the page: an owner who opens /id/portal/login/ lands on
/id/portal/ (Indonesian), one who switched to English stays in English. Invitations
and the short address /portal/ send owners to Indonesian unless they chose English.
A ``next`` address is followed only when it stays on this site (Django's
url_has_allowed_host_and_scheme); anything else goes to the dashboard.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from common.ratelimits import CannotCount, password_reset_rate_limited

from ..forms import LoginForm, PasswordResetForm
from ..services import OWNER_LANGUAGE

# The backend that logs an owner in right after they chose a password.
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        user = self.request.user
        if user.is_staff and not user.exhibitors.exists():
            return reverse("admin:index")
        return reverse("portal:dashboard")


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("home")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are logged out. See you soon!"))
        return response


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("portal:dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your new password is saved."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    form_class = PasswordResetForm
    # The stem of the queued mail's templates (see PasswordResetForm).
    email_template_name = "portal/emails/password_reset"
    success_url = reverse_lazy("portal:password-reset-done")

    def form_valid(self, form):
        try:
            limited = password_reset_rate_limited(self.request, email=form.cleaned_data["email"])
        except CannotCount:
            form.add_error(
                None,
                _(
                    "Password-reset links cannot be sent at the moment. Please try again in a "
                    "few minutes."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=503)
        if limited:
            form.add_error(
                None,
                _(
                    "A new password was asked for this address several times in the last "
                    "hour. Look for the links in your inbox and spam folder, or try again in "
                    "an hour."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        base = settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
        if base:
            self.extra_email_context = {"base_url": base}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    post_reset_login = True
    post_reset_login_backend = LOGIN_BACKEND
    success_url = reverse_lazy("portal:dashboard")
    invitation = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.invitation:
            messages.success(
                self.request,
                _("Welcome! Your password is saved and you are logged in."),
            )
        else:
            messages.success(self.request, _("Your new password is saved and you are logged in."))
        return response


class InvitationView(PasswordResetConfirmView):
    """The link in an invitation: the owner chooses their first password."""

    invitation = True


@require_GET
def entry(request):
    """/portal/ without a language: Indonesian for owners, unless they chose English."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language not in dict(settings.LANGUAGES):
        language = OWNER_LANGUAGE
    with translation.override(language):
        return redirect(reverse("portal:dashboard"))
