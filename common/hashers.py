"""Password hashing: Argon2id at the parameters OWASP's password storage guidance names
as its minimum (19 MiB of memory, 2 passes, 1 lane).

Django's own Argon2 defaults (100 MiB, 8 lanes) take about 270 ms of CPU per check on the
2-core machine and spread over every core while they run; these take about 30 ms on one.
A login holds a web worker for the whole check, so at the booth's peak the difference is
the queue behind it. Hashes made with other parameters (or with PBKDF2) still log in and
are stored again with these at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
