"""Public journal-level pages: publisher, journal home, about, archive, issue, section."""

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.PublisherView.as_view(), name="publisher"),
    path("<slug:journal>/", views.JournalHomeView.as_view(), name="home"),
    path("<slug:journal>/about/", views.AboutView.as_view(), name="about"),
    path("<slug:journal>/issues/", views.ArchiveView.as_view(), name="archive"),
    path(
        "<slug:journal>/issues/<int:volume>/<int:number>/",
        views.IssueView.as_view(),
        name="issue",
    ),
    path("<slug:journal>/sections/<slug:section>/", views.SectionView.as_view(), name="section"),
]
