"""Public pages. Paths are Latvian and the same in both languages (English under /en/)."""

from django.urls import path

from portal.views import consultations, embed, evidence, institutions, measures, pages, plans

app_name = "portal"
urlpatterns = [
    path("", plans.home, name="home"),
    path("plani/", plans.plan_list, name="plans"),
    path("plani/<slug:slug>/", plans.plan_detail, name="plan"),
    path("plani/<slug:slug>/apnemsanas/<int:number>/", measures.commitment_detail, name="commitment"),
    # Progress cards other sites embed (a page they may frame, an image): portal/views/embed.py.
    path("plani/<slug:slug>/karte/", embed.plan_card, name="plan_card"),
    path("plani/<slug:slug>/karte.svg", embed.plan_card_svg, name="plan_card_svg"),
    path("plani/<slug:slug>/apnemsanas/<int:number>/karte/", embed.commitment_card, name="commitment_card"),
    path("plani/<slug:slug>/apnemsanas/<int:number>/karte.svg", embed.commitment_card_svg, name="commitment_card_svg"),
    path("plani/<slug:slug>/pasakumi/<int:pk>/", measures.measure_detail, name="measure"),
    path("pasakumi/", measures.measure_list, name="measures"),
    path("pieradijumi/<int:pk>/", evidence.evidence_file, name="evidence_file"),
    path("iestades/", institutions.institution_list, name="institutions"),
    path("iestades/<slug:slug>/", institutions.institution_detail, name="institution"),
    path("apspriesanas/", consultations.consultation_list, name="consultations"),
    path("apspriesanas/<int:pk>/", consultations.consultation_detail, name="consultation"),
    path("pieklustamiba/", pages.accessibility, name="accessibility"),
]
