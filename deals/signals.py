"""A deleted deal takes its signed document with it (a buyer's erasure deletes their leads
and so their deals): no agreement is left behind in the private storage."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Deal


@receiver(post_delete, sender=Deal)
def delete_document(sender, instance, **kwargs):
    if instance.document:
        name, storage = instance.document.name, instance.document.storage
        transaction.on_commit(lambda: storage.delete(name))
