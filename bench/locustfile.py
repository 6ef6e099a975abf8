"""The booth's peak for locust: buyers, owners and staff tablets through the proxy.

Started by bench/load.py (``locust --headless``), which prepares the database and writes
what the simulated people need to the JSON file named by EXPO_LOAD_SETUP; every inquiry
and capture the portal accepted, and every answer of 500 or more, go to EXPO_LOAD_RESULTS
when the run stops, for load.py to compare with the database.

- Buyers browse the home page and the catalogue, search with new combinations of words
  and filters (never served from the page cache), open products and send inquiries.
- Owners log in once and change a product's description, sent for review.
- Staff tablets log in once and sync captures to the booth's endpoint.
"""

import json
import os
import random
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

from gevent import ssl
from locust import FastHttpUser, between, events, task

SETUP = json.loads(open(os.environ["EXPO_LOAD_SETUP"]).read())  # noqa: SIM115
RESULTS = {"inquiries": [], "captures": [], "server_errors": []}


@events.request.add_listener
def count_server_errors(name, response, exception, **kwargs):
    if response is not None and response.status_code >= 500:
        RESULTS["server_errors"].append(f"{response.status_code} {name}")


@events.quitting.add_listener
def write_results(environment, **kwargs):
    with open(os.environ["EXPO_LOAD_RESULTS"], "w") as out:
        json.dump(RESULTS, out)


class FormValues(HTMLParser):
    """The values a browser would post for the forms that post to ``action`` (a form without
    an action posts to its own page)."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.values = action, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action", self.action).endswith(self.action)
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value") or "on"))
                return
            self.values.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.values.append((self.select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            self.values.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_values(html: str, action: str) -> list[tuple[str, str]]:
    parser = FormValues(action)
    parser.feed(html)
    return parser.values


# TLS that trusts the stack's own certificate for the proxy, and only it: one context for
# every user (reading certificates is the costly part of making one).
TRUSTING_THE_STACK = ssl.create_default_context(cafile=os.environ["EXPO_LOAD_CA"])


def trusting_the_stack(cafile=None):
    """The shared context, whatever bundle geventhttpclient would otherwise read."""
    return TRUSTING_THE_STACK


class Visitor(FastHttpUser):
    """A person with a phone or tablet, on locust's lighter client (geventhttpclient).

    The load tool shares the two cores with the servers it measures, and what it spends
    there 200 real phones would spend on their own. With this client it takes about half
    the CPU that ``requests`` sessions took (a 30-second run: 2.0 against 3.8 s of CPU; in
    the ramp's first second 0.37 against 0.55 of a core)."""

    abstract = True
    insecure = False
    ssl_context_factory = staticmethod(trusting_the_stack)

    def csrf_token(self) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def expect(self, response, *statuses):
        if response.status_code in statuses:
            response.success()
        else:
            response.failure(f"answered {response.status_code}")
        return response.status_code in statuses

    def get_page(self, path, name, *statuses):
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as page:
            self.expect(page, *(statuses or (200,)))
        return page

    def post_form(self, path, data, name, referer):
        """Post ``data`` (a dict, or a list of pairs for repeated names) as a browser would."""
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        return self.client.post(
            path,
            data=urlencode([("csrfmiddlewaretoken", self.csrf_token()), *pairs]),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.host + referer,
                "Origin": self.host,
            },
            name=name,
            catch_response=True,
            allow_redirects=False,
        )

    def log_in(self, username):
        self.get_page("/en/portal/login/", "log in: form")
        with self.post_form(
            "/en/portal/login/",
            {"username": username, "password": SETUP["password"]},
            "log in",
            "/en/portal/login/",
        ) as answer:
            self.expect(answer, 302)


class Buyer(Visitor):
    """A buyer on a phone at the booth."""

    weight = 20
    # Reading a page on a phone at the stand: 3 to 10 s before the next tap.
    wait_time = between(3, 10)

    def product(self):
        # Most product pages are opened from the QR codes on the stand: the products of the
        # businesses at the booth; the rest from anywhere in the catalogue.
        if random.random() < 0.7:
            return random.choice(SETUP["booth_slugs"])
        return random.choice(SETUP["products"])

    @task(2)
    def home(self):
        self.get_page("/en/", "home")

    @task(3)
    def browse(self):
        # The first pages most often; few buyers page far.
        page = min(SETUP["catalogue_pages"], 1 + int(random.expovariate(0.3)))
        self.get_page(f"/en/catalogue/?page={page}", "catalogue")

    @task(3)
    def search(self):
        words = " ".join(random.sample(SETUP["words"], k=random.randint(1, 2)))
        query = {"q": words}
        for name in random.sample(["category", "province", "sort", "export_ready"], k=2):
            query[name] = random.choice(SETUP["filters"][name])
        self.client.get(f"/en/catalogue/?{urlencode(query)}", name="search")

    @task(4)
    def product_page(self):
        self.get_page(f"/en/products/{self.product()}/", "product")

    @task(1)
    def inquiry(self):
        slug = self.product()
        self.get_page(f"/en/products/{slug}/", "product")
        key = str(uuid.uuid4())
        email = f"buyer-{key[:13]}@load.example"
        post = {
            "idempotency_key": key,
            "quantity": str(random.randint(10, 5000)),
            "unit": "kg",
            "message": "Please send your export price list and a sample.",
            "name": "Aiko Tanaka",
            "email": email,
            "company": "Tanaka Trading K.K.",
            "country": random.choice(["JP", "NL", "AE", "US", "KR"]),
            "buyer_type": "importer",
            "phone": "",
            "target_price": "",
            "currency": "USD",
            "incoterm": "FOB",
            "destination_country": "JP",
            "timeline": "1_3_months",
            "consent": "on",
            "leave_empty": "",
        }
        path = f"/en/interest/product/{slug}/"
        with self.post_form(path, post, "inquiry", f"/en/products/{slug}/") as answer:
            accepted = answer.status_code == 302 and "/interest/sent/" in answer.headers.get(
                "Location", ""
            )
            if accepted:
                answer.success()
                RESULTS["inquiries"].append({"key": key, "email": email})
            else:
                answer.failure(f"answered {answer.status_code}")


class Owner(Visitor):
    """An MSME owner keeping a product's description up to date."""

    fixed_count = 10
    wait_time = between(5, 15)

    def on_start(self):
        self.account = SETUP["owners"].pop()
        self.log_in(self.account["username"])

    @task
    def edit_product(self):
        self.get_page("/en/portal/products/", "owner: products")
        pk = random.choice(self.account["products"])
        path = f"/en/portal/products/{pk}/"
        form = self.get_page(path, "owner: product form")
        if form.status_code != 200:
            return
        values = [
            (name, value)
            for name, value in form_values(form.text, path)
            if name not in ("csrfmiddlewaretoken", "description_en")
        ]
        values += [
            ("description_en", f"Single-origin beans, harvest {random.randint(1, 99999)}."),
            ("action", "submit"),
        ]
        with self.post_form(path, values, "owner: save product", path) as answer:
            self.expect(answer, 302)


class Tablet(Visitor):
    """A staff tablet at the stand syncing the visitors it captured."""

    fixed_count = 4
    wait_time = between(2, 6)

    def on_start(self):
        self.log_in(SETUP["staff"])
        session = self.get_page("/en/booth/session.json", "tablet: session")
        self.token = session.json()["csrf"]

    @task
    def sync(self):
        key = str(uuid.uuid4())
        capture = {
            "idempotency_key": key,
            "name": "Walk-in visitor",
            "company": "Trading Co.",
            "email": f"visitor-{key[:13]}@load.example",
            "phone": "",
            "country": "JP",
            "visitor_kind": "buyer:importer",
            "language": "en",
            "products": random.sample(SETUP["booth_products"], k=random.randint(1, 2)),
            "exhibitors": [],
            "currency": "USD",
            "rating": "warm",
            "notes": "Met at the stand.",
            "consent": True,
            "captured_at": SETUP["captured_at"],
        }
        with self.client.post(
            "/en/booth/captures/",
            data=json.dumps(capture),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.token,
                "Referer": self.host + "/en/booth/",
                "Origin": self.host,
            },
            name="tablet: sync",
            catch_response=True,
        ) as answer:
            if self.expect(answer, 201):
                RESULTS["captures"].append({"key": key, "email": capture["email"]})
