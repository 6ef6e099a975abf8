"""The inquiry list: products a buyer collects while browsing, kept in the session (no account)."""

from products.models import Product

SESSION_KEY = "inquiry_list"
MAX_ITEMS = 30


class InquiryListFull(Exception):
    pass


class InquiryList:
    def __init__(self, session):
        self.session = session

    @property
    def ids(self) -> list[int]:
        stored = self.session.get(SESSION_KEY, [])
        if not isinstance(stored, list):
            return []
        return [pk for pk in stored if isinstance(pk, int)]

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, product) -> bool:
        return product.pk in self.ids

    def _save(self, ids: list[int]) -> None:
        self.session[SESSION_KEY] = ids

    def add(self, product: Product) -> bool:
        """Add a product; False when it is on the list already."""
        ids = self.ids
        if product.pk in ids:
            return False
        if len(ids) >= MAX_ITEMS:
            raise InquiryListFull
        self._save([*ids, product.pk])
        return True

    def remove(self, product_id: int) -> bool:
        ids = self.ids
        if product_id not in ids:
            return False
        self._save([pk for pk in ids if pk != product_id])
        return True

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def products(self) -> tuple[list[Product], int]:
        """The published products on the list, in the order added, and how many were
        dropped because they are no longer on show (the list forgets those)."""
        ids = self.ids
        if not ids:
            return [], 0
        found = Product.objects.published().with_card_data().in_bulk(ids)
        products = [found[pk] for pk in ids if pk in found]
        dropped = len(ids) - len(products)
        if dropped:
            self._save([product.pk for product in products])
        return products, dropped
