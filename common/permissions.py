"""Who may open which page: the one set of guards every app's views use.

The policy for owners' objects (an MSME's business, products, leads and meetings):

- An owner page answers with the owner's own objects only. Ownership is part of the query
  (``queryset.owned_by(user)``), so another owner's object is a 404, never a 403 that
  would confirm it exists. Anonymous visitors go to the owner login.
- Staff act for owners with the model permission of what they change, in the tool made
  for staff: the admin for businesses, products and leads (where approving, rejecting and
  the lead pipeline run through the services and are recorded as staff's work), the staff
  pages under ``/staff/``, and the meetings desk.
- The owner portal's forms stay the owner's: an edit there becomes the owner's proposal
  for staff review, counts against the owner's photo quota and is recorded as the owner's
  side, so staff get the same 404 there as any other account and use the admin instead.
- A meeting is the one owner's object whose actions (confirm, decline, another time,
  cancel) are the same for host and staff: the desk's buttons post to them. Staff holding
  ``meetings.change_meeting`` act there for any host, recorded as the staff side, because
  meetings happen at the booth tables in real time, an owner is often away from the
  phone, and the agency's own meetings have no owner account at all.
- A deal's signed document opens for its business's owners and for staff holding
  ``deals.view_deal`` (the admin links it): staff verify deals against it.
- A staff page sends everyone who is not staff to the admin login and answers 403 to
  staff without its permission. The admin checks its own permissions per model.

tests/test_permission_matrix.py holds every URL against every role.
"""

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache


def owner_view(view):
    """An owner page: anonymous visitors go to the login, nothing is cached anywhere.

    The view fetches each object with ``owned_object`` (or another query filtered by
    ``owned_by``), so the login alone never opens anyone's object.
    """
    return wraps(view)(never_cache(login_required(view)))


def staff_permission(perm: str):
    """A staff page: everyone who is not staff goes to the admin login, staff without
    ``perm`` get 403, and nothing is cached."""

    def decorator(view):
        guarded = staff_member_required(permission_required(perm, raise_exception=True)(view))
        return wraps(view)(never_cache(guarded))

    return decorator


def acts_for_owners(user, perm: str) -> bool:
    """Whether ``user`` is staff holding ``perm``, and so acts for every owner where the
    policy above lets staff act."""
    return user.is_active and user.is_staff and user.has_perm(perm)


def owned_object(queryset, user, *, staff_perm: str | None = None, **lookup):
    """The one object of ``queryset`` that ``lookup`` names among those ``user`` may act on.

    Its owners may; staff holding ``staff_perm`` may too, where the view gives one. Anyone
    else gets a 404. ``queryset`` needs an ``owned_by(user)`` method.
    """
    if staff_perm is None or not acts_for_owners(user, staff_perm):
        queryset = queryset.owned_by(user)
    return get_object_or_404(queryset, **lookup)
