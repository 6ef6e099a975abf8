"""Log lines carry no email address (UU PDP 27/2022): an address becomes a short keyed hash.

Access and error logs are kept and shipped where personal data must not go. Our own
code logs ids, not addresses; this filter, on every handler of ``LOGGING``, catches
what libraries write: django-post-office logs a failed delivery with the SMTP
server's refusal, which names the recipient. The same address always gives the same
hash, so the lines about one recipient can still be followed.
"""

import logging
import re

from django.utils.crypto import salted_hmac

# Loose on purpose: anything shaped like an address is hidden, valid or not.
ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def address_hash(address: str) -> str:
    digest = salted_hmac("common.logfilters", address.strip().lower(), algorithm="sha256")
    return f"<address {digest.hexdigest()[:12]}>"


def redact(text: str) -> str:
    return ADDRESS.sub(lambda match: address_hash(match.group(0)), text)


class RedactAddresses(logging.Filter):
    """Replace every address in a record's message, traceback and stack by its hash."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
