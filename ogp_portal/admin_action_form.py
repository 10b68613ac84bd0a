"""Admin actions that ask for something first (a status, a reason) on a page of their own.

Django's admin runs an action at once; an action that needs input returns this page, which posts back
to the same changelist with the same selection, the action's name and `apply`.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib.admin import helpers
from django.template.response import TemplateResponse


def form_action(modeladmin, request, queryset, *, form_class: type[forms.Form], apply: Callable, **page):
    """Show the action's page until its form is submitted (`apply`) and valid; then `apply(cleaned_data)`."""
    form = form_class(request.POST) if "apply" in request.POST else form_class()
    if form.is_bound and form.is_valid():
        apply(form.cleaned_data)
        return None
    return action_form_page(modeladmin, request, queryset, form=form, **page)


def action_form_page(modeladmin, request, queryset, *, form: forms.Form, title: str, action: str, intro: str = ""):
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "form": form,
        "objects": list(queryset),
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": opts,
        "app_label": opts.app_label,
    }
    return TemplateResponse(request, "admin/action_form.html", context)
