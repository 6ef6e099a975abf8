"""Simultaneous requests from real threads, each with its own database connection."""

import threading

from django.db import connection
from django.test import Client


def post_all_at_once(
    url: str, payloads: list[dict], *, login=None, cookies: dict | None = None
) -> tuple[list[tuple[int, str]], list[BaseException]]:
    """POST every payload from its own thread, released together by a barrier; logged in
    as the user ``login`` if given, with ``cookies`` (a shared session, say) if given.

    Returns (status, body) of each response, in the order they finished, and any
    exception a thread met.
    """
    barrier = threading.Barrier(len(payloads))
    results: list[tuple[int, str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def send(payload):
        try:
            client = Client()
            if login is not None:
                client.force_login(login)
            for name, value in (cookies or {}).items():
                client.cookies[name] = value
            barrier.wait(timeout=30)
            response = client.post(url, payload)
            with lock:
                results.append((response.status_code, response.content.decode()))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(payload,)) for payload in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors
