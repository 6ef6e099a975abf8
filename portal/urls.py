from django.urls import path

from .views import account, business, dashboard, deals, leads, products, staff

app_name = "portal"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # Accounts
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.LogoutView.as_view(), name="logout"),
    path("password/", account.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", account.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        account.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("welcome/<uidb64>/<token>/", account.InvitationView.as_view(), name="invitation"),
    # The business profile
    path("business/<slug:slug>/", business.business_edit, name="business-edit"),
    path("business/<slug:slug>/review/", business.business_submit, name="business-submit"),
    # Products
    path("products/", products.product_list, name="product-list"),
    path("products/add/", products.product_add, name="product-add"),
    path("products/<int:pk>/", products.product_edit, name="product-edit"),
    path("products/<int:pk>/archive/", products.product_archive, name="product-archive"),
    path("products/<int:pk>/withdraw/", products.product_withdraw, name="product-withdraw"),
    path("products/<int:pk>/delete/", products.product_delete_view, name="product-delete"),
    # Leads
    path("leads/", leads.lead_list, name="lead-list"),
    path("leads/<int:pk>/", leads.lead_detail, name="lead-detail"),
    path("leads/<int:pk>/deals/add/", deals.deal_add, name="deal-add"),
    path("deals/<int:pk>/", deals.deal_edit, name="deal-edit"),
    # Staff: invitations for owner accounts
    path("staff/owners/", staff.owner_accounts, name="staff-owners"),
    path("staff/owners/<int:pk>/invite/", staff.owner_invite_view, name="staff-invite"),
]
