from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Catalogue")

    def ready(self):
        from booths.models import Booth, BoothPresence, Exhibitor, Expo, SupportProgramme
        from common.cache import content_changed

        from .models import Category, Certification, Product, ProductImage

        # Everything the cached public pages show (see common.cache).
        for model in (
            Product,
            ProductImage,
            Certification,
            Category,
            Exhibitor,
            Expo,
            Booth,
            BoothPresence,
            SupportProgramme,
        ):
            uid = f"content-{model._meta.label}"
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        # A business joining or leaving a programme changes the catalogue's counts.
        m2m_changed.connect(
            content_changed,
            sender=Exhibitor.support_programmes.through,
            dispatch_uid="content-exhibitor-programmes",
        )
