"""The "embed this" block of the plan dashboard and the commitment page: the code other sites paste.

Its addresses are absolute, from SITE_URL (the block is part of a cached part, rendered without the
request). The image's alt text names what it shows, not the figures: the alt is pasted once and stays on
the other site, while the image changes with every report; the figures themselves are in the image's
own title and description, and on the page the image links to.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.views.embed import CARD_HEIGHT, CARD_WIDTH, absolute, commitment_heading, plan_heading

register = template.Library()


@register.inclusion_tag("portal/includes/embed_snippets.html")
def embed_snippets(plan, commitment=None):
    if commitment:
        kwargs = {"slug": plan.slug, "number": commitment.number}
        names = ("portal:commitment_card", "portal:commitment_card_svg")
        heading = commitment_heading(commitment)
        page = commitment.get_absolute_url()
    else:
        kwargs = {"slug": plan.slug}
        names = ("portal:plan_card", "portal:plan_card_svg")
        heading = plan_heading(plan)
        page = plan.get_absolute_url()
    card_url, svg_url = (absolute(reverse(name, kwargs=kwargs)) for name in names)
    # The code as the other site pastes it (attributes escaped); the template escapes it once more for the box.
    frame = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
        card_url,
        CARD_WIDTH,
        CARD_HEIGHT,
        _("Progress: %(name)s") % {"name": heading},
    )
    image = format_html(
        '<a href="{}"><img src="{}" alt="{}"></a>',
        absolute(page),
        svg_url,
        _("Progress card: %(name)s (current figures on the linked page)") % {"name": heading},
    )
    return {"card_url": card_url, "svg_url": svg_url, "frame_code": frame, "image_code": image}
