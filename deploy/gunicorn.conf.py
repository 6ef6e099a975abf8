"""gunicorn settings of one app server: ``gunicorn -c deploy/gunicorn.conf.py``.

Read from the environment so that the same file serves every server (and the two-server
check, tests/stack.py): GUNICORN_BIND, GUNICORN_WORKERS.
"""

import multiprocessing
import os

wsgi_app = "expo_portal.wsgi:application"
# nginx on the same host is the only client; never listen on a public address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: nginx buffers slow clients (phones on the venue's Wi-Fi), so a worker is
# held only while the portal works on a request.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# The portal is loaded (and warmed up, common/warmup.py) once, before the workers start:
# each begins ready to answer, instead of spending its first requests on it. A new
# version needs a restart of the service, not a reload (HUP) of the workers.
preload_app = True
# The longest link the portal makes (200 QR cards chosen in the admin) needs more than
# gunicorn's default of 4,094 bytes; 8,190 is its largest.
limit_request_line = 8190
# A request that holds a worker this long is killed; mail never goes out inside a request.
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, at different moments, so that they never restart together.
max_requests = 5000
max_requests_jitter = 500
# X-Forwarded-* from the local proxy only (Django reads them itself, see DJANGO_PROXY_COUNT).
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
