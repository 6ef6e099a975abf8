from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingMode(models.TextChoices):
    ONLINE = "online", _("Online")
    CLASSROOM = "classroom", _("Classroom")
    PRACTICAL = "practical", _("Practical (workshop or workplace)")
