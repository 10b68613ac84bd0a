"""Form widgets of the public filter forms, rendered in Python.

Django renders a select through a template per option (and another for its attributes): for the
measure search's plan and institution lists that was a third of the page's uncached CPU. This one
writes the same markup in Python: labels escaped, attributes in their order, the first option with
the chosen value selected, as Django does it (tests/test_ui_widgets.py).
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """Attributes in their order, as django/forms/widgets/attrs.html writes them (True: the name alone)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        choices = list(iter(self.choices))  # not list(choices): its len() would count the rows in a query
        if self.allow_multiple_selected or any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # groups or several values: Django's templates
        chosen = self.format_value(value)
        options, has_selected = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else option_value
            selected = not has_selected and str(option_value) in chosen  # the first match only, as Django
            has_selected |= selected
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>', option_value, mark_safe(" selected" if selected else ""), label
                )
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            _attrs(self.build_attrs(self.attrs, attrs)),
            mark_safe("\n".join(options)),
        )
