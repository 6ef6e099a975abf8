"""The site's named URLs, and the address of each in the ``world`` fixture (conftest.py):
shared by the permission matrix and the bad-query-string walk."""

from django.urls import URLPattern, URLResolver, reverse


def named_urls(resolver, namespace=""):
    """Every named URL under ``resolver``, with its namespaces (``"portal:product-edit"``)."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def world_url(world, name: str, query: str = "") -> str:
    """The address of ``name`` for the objects of ``world``; ``query`` (``"a=1&b=2"``) goes
    after the query the page needs, if any."""
    url = reverse(name, kwargs=world["urls"].get(name)) + world["queries"].get(name, "")
    if query:
        url += ("&" if "?" in url else "?") + query
    return url
