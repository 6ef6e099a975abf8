"""Real servers for the cache tests, on free loopback ports: a private redis-server
(never the shared one) and a second app process (gunicorn) that shares the test
database and that Redis, as a second app server behind the load balancer would."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def redis_server(tmp_path, *, maxmemory: str = "0", policy: str = "allkeys-lru"):
    """A redis-server of our own, keeping nothing on disk; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
            "--maxmemory",
            maxmemory,
            "--maxmemory-policy",
            policy,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def stop(url: str) -> None:
    """Stop that redis-server at once (as a crash would)."""
    with contextlib.suppress(redis.ConnectionError):
        redis.Redis.from_url(url).shutdown(nosave=True)


@contextlib.contextmanager
def app_server(database_url: str, redis_url: str):
    """gunicorn serving the portal on the test database and ``redis_url``; yields a
    function that GETs a path from it: (status, text)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.peer_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "expo_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )

    def get(path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    try:
        for _ in range(150):
            try:
                get("/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the second app process did not start")
        yield get
    finally:
        process.terminate()
        process.wait(timeout=20)
