"""`{% measure_rows %}`: every list of measures, written in Python, gives the markup of the template
include it replaced (kept below as the reference), for every kind of row, in both languages."""

import datetime
from unittest import mock

from django.template import Context, Template
from django.test import TestCase, override_settings
from django.utils import translation

from commitments.models import MeasureStatus
from institutions.models import InstitutionName
from portal.templatetags import portal_rows
from tests.factories import make_commitment, make_institution, make_measure, make_plan
from tests.test_portal_base import PortalTestCase

# portal/includes/measure_item.html as it was, in a loop: the reference the rows must match byte for byte.
FORMER_ITEM = (
    "{% load i18n ui_tags portal_tags %}{% for m in measures %}"
    '<li class="measure-item">\n'
    '  <a class="measure-item__title" href="{{ m.get_absolute_url }}">{% if m.number %}<span class="measure-number">'
    '{{ m.number }}</span> {% endif %}{% tr m "title" %}</a>\n'
    '  <p class="measure-item__badges">{% status_badge m.status %}{% if m.is_special_attention %} '
    '{% include "portal/includes/attention_flag.html" %}{% endif %}{% if m|is_overdue %} {% flag_badge "overdue" %}'
    '{% endif %}{% if m.progress_percent is not None %} {% progress_bar m.progress_percent _("Progress") %}'
    "{% endif %}</p>\n"
    '  <dl class="measure-item__meta">\n'
    '    {% if show_plan %}<div><dt>{% translate "Plan" %}</dt><dd>{% tr m.plan "short_name" %}</dd></div>{% endif %}\n'
    '    {% if m.responsible_institution %}<div><dt>{% translate "Responsible" %}</dt><dd>'
    "{% institution_name m.responsible_institution %}</dd></div>{% endif %}\n"
    '    {% if m.due_date %}<div><dt>{% translate "Due" %}</dt><dd>{{ m.due_date|longdate }}</dd></div>{% endif %}\n'
    "  </dl>\n"
    "</li>\n"
    "{% endfor %}"
)
ROWS = "{% load portal_rows %}{% measure_rows measures show_plan=show_plan %}"
TODAY = datetime.date(2025, 6, 1)


class MeasureRowsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ministry = make_institution(name="Ministrija <&>", name_en="")
        InstitutionName.objects.create(institution=ministry, name="Agrāk", valid_until=datetime.date(2024, 1, 1))
        plan = make_plan(short_name='Plāns "5"', short_name_en="Plan 5")
        plain = make_commitment(plan, number=1)
        flagged = make_commitment(plan, number=2, special_attention=True)
        make_measure(plain, title="Vienkāršs", title_en="", status=MeasureStatus.NOT_STARTED)
        make_measure(
            plain,
            title="Ar <b>zīmēm</b> & progresu",
            title_en="With progress",
            progress_percent=45,
            due_date=datetime.date(2025, 1, 31),
            responsible_institution=ministry,
        )
        make_measure(plain, number="", title="Bez numura", special_attention=True, progress_percent=0)
        make_measure(flagged, title="Komitments", status=MeasureStatus.COMPLETE, due_date=datetime.date(2024, 5, 1))
        make_measure(flagged, title="Abi", special_attention=True, progress_percent=100, status="")
        make_measure(plain, title="Same", title_en="Same", due_date=datetime.date(2026, 3, 2))

    def _render(self, source, show_plan):
        from commitments.models import Measure

        measures = list(Measure.objects.select_related("plan", "commitment", "responsible_institution").order_by("pk"))
        return Template(source).render(Context({"measures": measures, "show_plan": show_plan}))

    @mock.patch("django.utils.timezone.localdate", return_value=TODAY)
    def test_it_gives_the_former_include_markup(self, _today):
        for lang in ("lv", "en"):
            for show_plan in (False, True):
                for debug in (False, True):
                    with (
                        self.subTest(lang=lang, show_plan=show_plan, debug=debug),
                        translation.override(lang),
                        override_settings(DEBUG=debug),
                    ):
                        self.assertEqual(self._render(ROWS, show_plan), self._render(FORMER_ITEM, show_plan))

    @mock.patch("django.utils.timezone.localdate", return_value=TODAY)
    def test_it_marks_overdue_attention_and_progress(self, _today):
        with translation.override("en"):
            html = self._render(ROWS, True)
        self.assertEqual(html.count('<li class="measure-item">'), 6)
        self.assertEqual(html.count("badge--overdue"), 1)  # 1.2 is past due and limited; 2.1 is complete
        self.assertIn("commitment 2 as a whole", html)
        with translation.override("lv"):
            html = self._render(ROWS, True)
        self.assertIn("Ar &lt;b&gt;zīmēm&lt;/b&gt; &amp; progresu", html)
        self.assertIn("Ministrija &lt;&amp;&gt;", html)

    def test_it_renders_an_include_once_per_language_and_value(self):
        portal_rows._INCLUDES.clear()
        with translation.override("lv"):
            self._render(ROWS, False)
            self._render(ROWS, False)
        # the progress bars at 45, 0 and 100, the attention flags of three (own, commitment, commitment 2 + own)
        self.assertEqual(len(portal_rows._INCLUDES), 6)


# portal/includes/timeline_kind.html and timeline_title.html as they were (each ended with a newline).
FORMER_TIMELINE = (
    "{% load i18n ui_tags %}{% for event in events %}"
    '{% if event.kind == "phase" %}{{ event.obj.get_kind_display }}{% elif event.kind == "approval" %}'
    '{% translate "Approval" %}{% elif event.kind == "revision" %}{% translate "Plan refresh" %}'
    '{% elif event.kind == "consultation" %}{% translate "Public consultation" %}{% elif event.kind == "round" %}'
    '{% translate "Deadline for progress reports" %}{% elif event.kind == "meeting" %}'
    '{% translate "Supervisory council meeting" %}{% endif %}\n|'
    '{% if event.kind == "phase" %}{% tr event.obj "title" %}{% elif event.kind == "approval" %}'
    '{% if event.obj.approving_act %}{% tr event.obj "approving_act" %}{% else %}{% translate "Plan approved" %}'
    '{% endif %}{% elif event.kind == "revision" %}{% tr event.obj "title" %}'
    '{% with meeting=event.obj.decided_at_meeting %}{% if meeting and meeting.status == "published" %}'
    "{% url 'council:meeting' meeting.pk as meeting_url %} ({% if meeting_url %}<a href=\"{{ meeting_url }}\">"
    '{% endif %}{% blocktranslate with date=meeting.date|longdate:"gen" %}decided at the council meeting of '
    "{{ date }}{% endblocktranslate %}{% if meeting_url %}</a>{% endif %}){% endif %}{% endwith %}"
    '{% elif event.kind == "consultation" %}<a href="{% url \'portal:consultation\' event.obj.pk %}">'
    '{% tr event.obj "title" %}</a>{% elif event.kind == "round" %}{% tr event.obj "title" %}'
    "{% elif event.kind == \"meeting\" %}{% url 'council:meeting' event.obj.pk as meeting_url %}"
    '{% if meeting_url %}<a href="{{ meeting_url }}">{% endif %}{% if event.obj.number %}'
    "{% blocktranslate with number=event.obj.number %}Meeting No. {{ number }}{% endblocktranslate %}"
    '{% else %}{% translate "Meeting" %}{% endif %}{% if meeting_url %}</a>{% endif %}{% endif %}\n|'
    "{% endfor %}"
)
TIMELINE = (
    "{% load portal_rows %}{% for event in events %}{% timeline_kind event %}|{% timeline_title event %}|{% endfor %}"
)


class TimelineTagsTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.build(2)

    def test_they_give_the_former_includes_markup(self):
        from council.models import Meeting
        from plans.models import PlanRevision
        from portal.timeline import TimelineEvent, plan_timeline

        events = plan_timeline(plan=self.plan)
        unpublished = Meeting(pk=999, number=None, date=datetime.date(2024, 1, 2), status="draft")
        events += [
            TimelineEvent(None, None, "meeting", "", Meeting(pk=7, number=None, date=None)),
            TimelineEvent(None, None, "approval", "", make_plan(approving_act="", approving_act_en="")),
            TimelineEvent(
                None, None, "revision", "", PlanRevision(title="<Bez> sēdes", decided_at_meeting=unpublished)
            ),
        ]
        self.assertLessEqual(
            {"phase", "approval", "revision", "consultation", "meeting", "round"}, {e.kind for e in events}
        )
        for lang in ("lv", "en"):
            with self.subTest(lang=lang), translation.override(lang):
                context = Context({"events": events})
                self.assertEqual(Template(TIMELINE).render(context), Template(FORMER_TIMELINE).render(context))
