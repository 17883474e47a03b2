from django.urls import path

from journal.cache import public_page
from oai import views

app_name = "oai"

urlpatterns = [
    path("", public_page(views.endpoint), name="endpoint"),
]
