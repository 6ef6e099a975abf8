from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_migrations_none_missing():
    output = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{output.getvalue()}")

    assert output.getvalue() == "No changes detected\n"
