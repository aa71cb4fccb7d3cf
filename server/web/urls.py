from django.urls import path

from server.web import views

urlpatterns = [
    path("", views.overview_page, name="overview"),
    path("login/", views.login_page, name="login"),
    path("logout/", views.logout_page, name="logout"),
    path("township/<str:code>/", views.township_page, name="township"),
    path("site/<str:site_id>/", views.site_page, name="site"),
    path("grid/<str:grid_id>/", views.grid_page, name="grid"),
    path("household/<str:household_id>/", views.household_page, name="household"),
    path("ledgers/", views.ledgers_page, name="ledgers"),
    path("hotline/", views.hotline_page, name="hotline"),
    path("devices/", views.devices_page, name="devices"),
    path("devices/<str:device_id>/revoke/", views.revoke_page, name="revoke"),
    path("publish/", views.publish_page, name="publish"),
    path("conflicts/", views.conflicts_page, name="conflicts"),
]
