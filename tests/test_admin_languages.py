"""Both languages in the admin: a switch on every page, third-party apps named in Latvian, distinct terms."""

from django.urls import reverse
from django.utils import translation

from commitments.scales import MeasureStatus, PotentialForResults
from tests.base import BaseTestCase


class LanguageSwitchTests(BaseTestCase):
    def test_every_admin_page_offers_the_other_language(self):
        self.login(self.coordinator)
        for url in (reverse("admin:index"), reverse("admin:commitments_measure_changelist")):
            response = self.client.get(url)
            self.assertContains(response, 'name="language" value="en"')
            self.assertContains(response, f'name="next" value="{url}"')

    def test_the_login_page_has_it_too(self):
        response = self.client.get(reverse("admin:login"))
        self.assertContains(response, 'name="language" value="en"')

    def test_switching_keeps_the_page(self):
        self.login(self.coordinator)
        url = reverse("admin:commitments_measure_changelist")
        response = self.client.post(reverse("set_language"), {"language": "en", "next": url})
        self.assertRedirects(response, "/en" + url, fetch_redirect_response=False)
        english = self.client.get("/en" + url)
        self.assertContains(english, 'name="language" value="lv"')
        self.assertContains(english, "Measures")


class ThirdPartyNamesTests(BaseTestCase):
    def test_the_superuser_sees_third_party_apps_in_latvian(self):
        self.login(self.superuser)
        response = self.client.get(reverse("admin:index"))
        for latvian in ("Pieteikšanās mēģinājumi", "Fona uzdevumi", "Divpakāpju pieteikšanās: rezerves kodi"):
            self.assertContains(response, latvian)
        for english in ("Access attempts", "Task Results", "TOTP devices", "Otp_Static"):
            self.assertNotContains(response, english)

    def test_task_states_are_translated(self):
        from django_tasks.base import TaskResultStatus

        with translation.override("lv"):
            self.assertEqual(str(TaskResultStatus.SUCCESSFUL.label), "Izdevās")


class DistinctTermsTests(BaseTestCase):
    def test_the_irm_potential_is_not_the_completion_status(self):
        with translation.override("lv"):
            self.assertNotEqual(str(PotentialForResults.SUBSTANTIAL.label), str(MeasureStatus.SUBSTANTIAL.label))
            self.assertEqual(str(MeasureStatus.SUBSTANTIAL.label), "Lielā mērā īstenots")
