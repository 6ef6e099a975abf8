"""The QR cards staff print for the stand: one per published product or approved exhibitor."""

from dataclasses import dataclass

from booths.models import Exhibitor
from common.qr import qr_svg
from products.models import Product

from .qr import public_url

CARDS_PER_SHEET = 8
MAX_CARDS = 400


@dataclass
class Card:
    kind: str  # "product" or "exhibitor"
    obj: object
    url: str
    qr: str

    @property
    def exhibitor(self):
        return self.obj.exhibitor if self.kind == "product" else self.obj


def _ids(values) -> list[int]:
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


@dataclass
class CardSelection:
    cards: list[Card]
    requested: int
    skipped: int

    @property
    def sheets(self) -> list[list[Card]]:
        return [
            self.cards[start : start + CARDS_PER_SHEET]
            for start in range(0, len(self.cards), CARDS_PER_SHEET)
        ]


def select_cards(*, product_ids=(), exhibitor_ids=(), everything=False, request=None):
    """Cards for the chosen products and exhibitors; unpublished ones are skipped.

    Two queries, however many cards. An exhibitor's card comes first, followed by
    the cards of its products.
    """
    product_ids, exhibitor_ids = _ids(product_ids), _ids(exhibitor_ids)
    products = Product.objects.published().select_related("exhibitor", "category")
    exhibitors = Exhibitor.objects.approved()
    if everything:
        requested = None
    else:
        products = products.filter(pk__in=product_ids)
        exhibitors = exhibitors.filter(pk__in=exhibitor_ids)
        requested = len(set(product_ids)) + len(set(exhibitor_ids))
    products = list(products[:MAX_CARDS])
    exhibitors = list(exhibitors[:MAX_CARDS])

    def sort_key(card):
        exhibitor = card.exhibitor
        return (
            exhibitor.name.lower(),
            exhibitor.pk,
            card.kind != "exhibitor",
            str(card.obj).lower(),
        )

    cards = [
        Card(
            kind="exhibitor",
            obj=exhibitor,
            url=(url := public_url(exhibitor, request)),
            qr=qr_svg(url, title=exhibitor.name),
        )
        for exhibitor in exhibitors
    ] + [
        Card(
            kind="product",
            obj=product,
            url=(url := public_url(product, request)),
            qr=qr_svg(url, title=str(product.name)),
        )
        for product in products
    ]
    cards.sort(key=sort_key)
    cards = cards[:MAX_CARDS]
    if requested is None:
        requested = len(cards)
    return CardSelection(cards=cards, requested=requested, skipped=max(requested - len(cards), 0))
