"""Email an owner account the link to choose its password: ``manage.py invite_owner sari``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.services import OWNER_LANGUAGE, owner_invite


class Command(BaseCommand):
    help = "Send MSME owner accounts an invitation to choose their password."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", help="Usernames of the owner accounts.")
        parser.add_argument(
            "--language",
            default=OWNER_LANGUAGE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the email and the page it links to (default: id).",
        )
        parser.add_argument(
            "--base-url",
            default=settings.EXPO_PUBLIC_BASE_URL,
            help="The site's address, e.g. https://expo.example.go.id "
            "(default: EXPO_PUBLIC_BASE_URL).",
        )

    def handle(self, *args, usernames, language, base_url, **options):
        if not base_url:
            raise CommandError("Pass --base-url or set EXPO_PUBLIC_BASE_URL.")
        users = get_user_model().objects.filter(username__in=usernames)
        found = {user.username: user for user in users}
        missing = sorted(set(usernames) - set(found))
        if missing:
            raise CommandError(f"No such account: {', '.join(missing)}")
        failed = 0
        for username in usernames:
            user = found[username]
            if user.is_staff:
                self.stderr.write(f"{username}: a staff account, not invited.")
                failed += 1
                continue
            try:
                owner_invite(user=user, base_url=base_url, language=language)
            except ValidationError as error:
                self.stderr.write(f"{username}: {' '.join(error.messages)}")
                failed += 1
            else:
                self.stdout.write(f"{username}: invitation sent to {user.email}")
        if failed:
            raise CommandError(f"{failed} account(s) not invited.")
