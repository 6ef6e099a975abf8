from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from booths.models import Exhibitor
from products.models import Product
from workforce.models import Occupation, TrainingProgramme


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["home", "products:catalogue", "booths:exhibitor-list", "workforce:index"]

    def location(self, item):
        return reverse(item)


class ProductSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def items(self):
        return Product.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at


class ExhibitorSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Exhibitor.objects.approved().only("slug", "updated_at").order_by("pk")

    def lastmod(self, exhibitor):
        return exhibitor.updated_at


class WorkforceSitemap(Sitemap):
    """The sector pages that have occupations, and the training programmes."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        sectors = Occupation.objects.published().values_list("sector", flat=True).distinct()
        programmes = TrainingProgramme.objects.published().values_list("slug", flat=True)
        return [("workforce:sector", {"sector": sector}) for sector in sorted(sectors)] + [
            ("workforce:programme", {"slug": slug}) for slug in programmes
        ]

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


SITEMAPS = {
    "pages": PagesSitemap,
    "products": ProductSitemap,
    "exhibitors": ExhibitorSitemap,
    "workforce": WorkforceSitemap,
}
