from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("keywords/<str:slug>/", views.KeywordView.as_view(), name="keyword"),
    path("<slug:journal>/article/<int:article>/", views.LandingView.as_view(), name="landing"),
    # Galleys sit under the landing page's own path, as Google Scholar requires (GS-10).
    path(
        "<slug:journal>/article/<int:article>/galley/<int:galley>/",
        views.galley_download,
        name="galley",
    ),
    path("<slug:journal>/article/<int:article>/cite.json", views.csl_json, name="csl_json"),
]
