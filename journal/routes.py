"""Public journal-level pages: publisher, journal home, about, archive, issue, section."""

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.PublisherView.as_view(), name="publisher"),
    path("<slug:journal>/", views.JournalHomeView.as_view(), name="home"),
    path("<slug:journal>/about/", views.AboutView.as_view(), name="about"),
    path("<slug:journal>/issues/", views.ArchiveView.as_view(), name="archive"),
    # An issue's URL carries its id: any printed number ("1-2", "S1", "增刊1") and any
    # later correction of it leave the URL as it is.
    path("<slug:journal>/issues/<int:issue>/", views.IssueView.as_view(), name="issue"),
    # The URLs of integer volumes and numbers, before #15: a permanent redirect.
    path(
        "<slug:journal>/issues/<int:volume>/<int:number>/",
        views.issue_by_volume_and_number,
        name="issue_by_number",
    ),
    path("<slug:journal>/sections/<slug:section>/", views.SectionView.as_view(), name="section"),
]
