from django.urls import path

from stats import views

app_name = "stats"

urlpatterns = [
    path("view/<int:article>/", views.view_beacon, name="view"),
]
