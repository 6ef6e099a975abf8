"""The client's address, read the same way django-axes reads it (AXES_IPWARE_* settings)."""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our own proxies put in X-Forwarded-For (DJANGO_PROXY_COUNT).

    Never the left-most X-Forwarded-For entry a client could write itself.
    """
    address, _routable = get_client_ip(
        request,
        proxy_order=getattr(settings, "AXES_IPWARE_PROXY_ORDER", "left-most"),
        proxy_count=getattr(settings, "AXES_IPWARE_PROXY_COUNT", None),
        proxy_trusted_ips=getattr(settings, "AXES_IPWARE_PROXY_TRUSTED_IPS", None),
        request_header_order=getattr(
            settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ("REMOTE_ADDR",)
        ),
    )
    # No usable address (a unix socket without a proxy header): count such posts together.
    return address or "0.0.0.0"  # noqa: S104 - a bucket name, not a bind address
