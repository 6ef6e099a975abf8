"""How an anonymised contact looks, so every app can recognise one without importing the others.

Buyers and delegates must keep a unique, valid email; an anonymised one gets an
address under the reserved ``.invalid`` domain that names only its row.
"""

ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid"
ANONYMISED_NAME = "(anonymised)"


def anonymised_email(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{ANONYMISED_EMAIL_DOMAIN}"


def is_anonymised_email(email: str) -> bool:
    return email.lower().endswith("@" + ANONYMISED_EMAIL_DOMAIN)
