"""Form widgets of the public filter forms, rendered in Python.

Django renders a select through a template per option (and another for its attributes): for the
measure search's plan and institution lists that was a third of the page's uncached CPU. These give
the same markup straight from the widget's context, so labels are escaped and the chosen value is
marked exactly as Django does it.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        if any(group_name for group_name, _options, _index in groups):
            return super().render(name, value, attrs, renderer)  # optgroups: Django's own templates
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"]) for _g, group, _i in groups for option in group),
        )
        return format_html('<select name="{}"{}>\n{}\n</select>', widget["name"], flatatt(widget["attrs"]), options)
