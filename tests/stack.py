"""Two app servers behind nginx on loopback, sharing PostgreSQL, Redis and an object store.

The deployment of ``deploy/`` in miniature: moto's S3 server with a public and a private
bucket, two gunicorn processes with the production settings (``deploy/gunicorn.conf.py``)
on free loopback ports, and nginx with the site of ``deploy/nginx/expo-portal.conf``
rendered into a temporary prefix (checked with ``nginx -t`` first), terminating TLS with
a certificate made for 127.0.0.1. Nothing listens beyond 127.0.0.1.

Used by tests/test_two_servers.py and bench/load.py::

    with Stack(database_url=..., redis_url=...) as stack:
        visitor = Visitor(stack)
        visitor.get(stack.proxy, "/en/")
        visitor.get(stack.servers[1], "/en/portal/")

``stack.servers`` are reached directly with the headers nginx would add, so a request can
be sent to one server on purpose; ``stack.proxy`` balances between them.
"""

import hashlib
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import requests
from moto.server import ThreadedMotoServer

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_TEMPLATE = ROOT / "deploy" / "nginx" / "expo-portal.conf"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
PUBLIC_BUCKET, PRIVATE_BUCKET = "expo-stack-media", "expo-stack-private"
S3_KEYS = {"EXPO_S3_ACCESS_KEY_ID": "testing", "EXPO_S3_SECRET_ACCESS_KEY": "testing"}
# A scratch key for processes that live as long as the stack.
SECRET_KEY = "stack-only-" + "0123456789abcdef" * 4

# As Debian's own nginx.conf: one worker process per core.
NGINX_MAIN = """\
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # What each request took inside the proxy (from its first byte to the answer's last),
    # for the load test to compare with what the load tool measured.
    log_format timed '$msec $request_time $status "$request"';
    access_log {prefix}/nginx-access.log timed;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/expo-portal.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render_site(values: dict[str, str]) -> str:
    """deploy/nginx/expo-portal.conf with its {{PLACEHOLDERS}} filled in; none may be left."""
    lines = []
    for line in SITE_TEMPLATE.read_text().splitlines():
        if not line.lstrip().startswith("#"):
            for name, value in values.items():
                line = line.replace("{{" + name + "}}", value)
            if "{{" in line:
                raise ValueError(f"{SITE_TEMPLATE.name}: a placeholder was left in {line!r}")
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class Target:
    """Where a request goes: the proxy, or one app server with the headers nginx adds."""

    name: str
    base: str
    headers: dict = field(default_factory=dict)

    @property
    def origin(self) -> str:
        """The address the portal believes it was asked on (HTTPS behind the proxy)."""
        return "https://" + self.base.split("://", 1)[1]


class Visitor(requests.Session):
    """One browser: its cookies go to the proxy and to both servers alike (cookies are
    per host, not per port), so a login made through one target is tried on another."""

    def __init__(self, stack: "Stack"):
        super().__init__()
        self.verify = str(stack.certificate)

    def _headers(self, target: Target, extra: dict) -> dict:
        headers = {**target.headers, **extra}
        if target.base.startswith("http:") and self.cookies:
            # An app server reached directly over plain HTTP on loopback gets the portal's
            # Secure cookies too, as nginx forwards them from a browser on HTTPS (requests
            # itself keeps Secure cookies for HTTPS addresses).
            headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        return headers

    def get(self, target: Target, path: str, **kwargs):
        headers = self._headers(target, kwargs.pop("headers", {}))
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        # Per request: REQUESTS_CA_BUNDLE in the environment would win over the session's.
        kwargs.setdefault("verify", self.verify)
        return super().get(target.base + path, headers=headers, **kwargs)

    def post_form(self, target: Target, path: str, data: dict, files=None, **kwargs):
        """Post a form as a browser on that page would: CSRF token, Origin and Referer."""
        if "csrftoken" not in self.cookies:
            self.get(target, path)
        extra = {"Origin": target.origin, "Referer": target.origin + path}
        headers = self._headers(target, {**extra, **kwargs.pop("headers", {})})
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        # Per request: REQUESTS_CA_BUNDLE in the environment would win over the session's.
        kwargs.setdefault("verify", self.verify)
        return self.post(target.base + path, data=data, files=files, headers=headers, **kwargs)

    def log_in(self, target: Target, username: str, password: str):
        return self.post_form(
            target, "/en/portal/login/", {"username": username, "password": password}
        )


class Stack:
    """Start with ``with Stack(...) as stack`` (or start()/stop()); logs stay in stack.prefix
    until stop()."""

    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str,
        email_url: str | None = None,
        workers: int = 2,
        extra_env: dict | None = None,
    ):
        self.database_url = database_url
        self.redis_url = redis_url
        # The mail server: a closed loopback port unless told otherwise (mail waits in the queue).
        self.email_url = email_url or f"smtp://127.0.0.1:{free_port()}"
        self.workers = workers
        self.extra_env = extra_env or {}
        self.processes: list[subprocess.Popen] = []
        self.s3 = None
        self.prefix = None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    # --- starting -----------------------------------------------------------------------

    def start(self):
        self.prefix = Path(tempfile.mkdtemp(prefix="expo-stack-"))
        # nginx's workers (user nobody when started as root) read static files and write
        # request bodies under the prefix.
        self.prefix.chmod(0o755)
        self._start_object_store()
        ports = [free_port(), free_port()]
        self.proxy_port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "expo_portal.settings.production",
            "DJANGO_READ_DOT_ENV_FILE": "false",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "EMAIL_URL": self.email_url,
            "DJANGO_EMAIL_TIMEOUT": "5",
            "DJANGO_PROXY_COUNT": "1",
            "DJANGO_MEDIA_ROOT": str(self.prefix / "media-unused"),
            "EXPO_PRIVATE_MEDIA_ROOT": str(self.prefix / "private-unused"),
            "EXPO_PUBLIC_BASE_URL": f"https://127.0.0.1:{self.proxy_port}",
            "EXPO_S3_BUCKET": PUBLIC_BUCKET,
            "EXPO_S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "EXPO_S3_ENDPOINT_URL": self.s3_endpoint,
            "EXPO_S3_REGION": "us-east-1",
            **S3_KEYS,
            "DJANGO_LOG_LEVEL": "WARNING",
            **self.extra_env,
        }
        self.static_root = self._collected_static()
        # Cached pages of an earlier run of the same database must not be served.
        self.python("from django.core.cache import cache; cache.clear()")
        self._make_certificate()
        self.servers = []
        for number, port in enumerate(ports, start=1):
            self._start_gunicorn(number, port)
            # What nginx adds to every request it forwards from a browser on loopback.
            headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
            self.servers.append(Target(f"server {number}", f"http://127.0.0.1:{port}", headers))
        self._start_nginx(ports)
        self.proxy = Target("proxy", f"https://127.0.0.1:{self.proxy_port}")
        for target in [*self.servers, self.proxy]:
            self._wait_until_healthy(target)

    def _collected_static(self) -> Path:
        """``collectstatic`` as deployed (hashed names, compressed copies), kept between
        runs: compressing every file takes half a minute on a busy machine. The folder is
        named after the static files and the pinned packages, so any change collects anew;
        it lies in the temporary folder, where nginx's workers may read it."""
        digest = hashlib.sha256((ROOT / "constraints.txt").read_bytes())
        sources = [ROOT / "static", *ROOT.glob("*/static")]
        for path in sorted(path for source in sources for path in source.rglob("*")):
            if path.is_file() and ROOT / "var" not in path.parents:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
        folder = Path(tempfile.gettempdir()) / f"expo-stack-static-{digest.hexdigest()[:16]}"
        if not (folder / "staticfiles.json").exists():
            scratch = Path(tempfile.mkdtemp(prefix="expo-stack-static-", suffix=".partial"))
            self.env["DJANGO_STATIC_ROOT"] = str(scratch)
            self.manage("collectstatic", "--noinput", "-v0")
            scratch.chmod(0o755)
            try:
                scratch.rename(folder)
            except OSError:  # collected meanwhile by another run
                shutil.rmtree(scratch, ignore_errors=True)
        self.env["DJANGO_STATIC_ROOT"] = str(folder)
        return folder

    def python(self, code: str, extra_env: dict | None = None) -> str:
        """Run Python with Django set up as the app servers have it; what it printed."""
        script = f"import django; django.setup(); {code}"
        return self._run([str(BIN / "python"), "-c", script], extra_env)

    def manage(self, *args: str, extra_env: dict | None = None, nice: int = 0) -> str:
        """A management command as the servers' timers run it (at ``nice``, as the job's
        unit file says, deploy/systemd/expo-portal-job@.service)."""
        command = [str(BIN / "python"), str(ROOT / "manage.py"), *args]
        return self._run(["nice", "-n", str(nice), *command] if nice else command, extra_env)

    def _run(self, command, extra_env=None):
        env = {**self.env, **(extra_env or {})}
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(command[:3])} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def _start_object_store(self):
        # The object store's access log would fill the output of the load test.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.s3.start()
        host, port = self.s3.get_host_and_port()
        self.s3_endpoint = f"http://{host}:{port}"
        self.s3_client = boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        )
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            self.s3_client.create_bucket(Bucket=bucket)
        anyone_reads = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*",
                }
            ],
        }
        self.s3_client.put_bucket_policy(Bucket=PUBLIC_BUCKET, Policy=json.dumps(anyone_reads))

    def _make_certificate(self):
        self.certificate = self.prefix / "tls.crt"
        self.certificate_key = self.prefix / "tls.key"
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", str(self.certificate_key), "-out", str(self.certificate),
            ],
            check=True, capture_output=True,
        )  # fmt: skip

    def _start_gunicorn(self, number: int, port: int):
        log = (self.prefix / f"gunicorn-{number}.log").open("w")
        env = {
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(self.workers),
            "GUNICORN_ACCESS_LOG": "/dev/null",
        }
        command = [str(BIN / "gunicorn"), "-c", str(GUNICORN_CONFIG), "--name", f"expo-{number}"]
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )

    def _start_nginx(self, ports: list[int]):
        servers = "\n    ".join(
            f"server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in ports
        )
        site = render_site(
            {
                "APP_SERVERS": servers,
                "LISTEN_HTTPS": f"127.0.0.1:{self.proxy_port}",
                "LISTEN_HTTP": f"127.0.0.1:{free_port()}",
                "SERVER_NAME": "127.0.0.1",
                "TLS_CERTIFICATE": str(self.certificate),
                "TLS_KEY": str(self.certificate_key),
                "STATIC_ROOT": str(self.static_root),
                "MEDIA_ROOT": str(self.prefix / "media-unused"),
            }
        )
        (self.prefix / "expo-portal.conf").write_text(site)
        (self.prefix / "temp").mkdir()
        main = self.prefix / "nginx.conf"
        main.write_text(NGINX_MAIN.format(prefix=self.prefix))
        check = subprocess.run(
            [NGINX, "-t", "-q", "-p", str(self.prefix), "-c", str(main)],
            capture_output=True,
            text=True,
        )
        if check.returncode:
            raise RuntimeError(f"nginx -t refused the rendered site:\n{check.stderr}")
        self.processes.append(
            subprocess.Popen(
                [NGINX, "-p", str(self.prefix), "-c", str(main), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=(self.prefix / "nginx-stderr.log").open("w"),
            )
        )

    def _wait_until_healthy(self, target: Target, seconds: float = 60):
        deadline = time.monotonic() + seconds
        while True:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.args[0]} stopped:\n{self.logs()}")
            try:
                answer = requests.get(
                    target.base + "/healthz",
                    headers=target.headers,
                    verify=str(self.certificate),
                    timeout=5,
                    allow_redirects=False,
                )
                if answer.status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or still loading
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{target.name} is not healthy:\n{self.logs()}")
            time.sleep(0.2)

    # --- stopping -----------------------------------------------------------------------

    def logs(self) -> str:
        """The tail of every log of the stack, for a failure message."""
        if self.prefix is None:
            return ""
        tails = []
        for path in sorted(self.prefix.glob("*.log")):
            tails.append(f"--- {path.name}\n" + path.read_text(errors="replace")[-2000:])
        return "\n".join(tails)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []
        if self.s3 is not None:
            self.s3.stop()
            self.s3 = None
        if self.prefix is not None:
            shutil.rmtree(self.prefix, ignore_errors=True)
            self.prefix = None
