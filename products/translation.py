from modeltranslation.translator import TranslationOptions, register

from .models import Category, Product, ProductImage


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "description", "materials")


@register(ProductImage)
class ProductImageTranslation(TranslationOptions):
    fields = ("alt_text",)
