"""History in the admin: reason, user, one row per save, comparison and revert."""

import datetime

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_institution, make_measure


def measure_form_data(measure: Measure, **changes) -> dict:
    """The POST of the measure change form with the current values, plus `changes`."""
    data = {
        "plan": measure.plan_id,
        "commitment": measure.commitment_id,
        "number": measure.number,
        "order": measure.order,
        "title_lv": measure.title_lv,
        "title_en": measure.title_en or "",
        "description_lv": measure.description_lv or "",
        "description_en": measure.description_en or "",
        "expected_result_lv": "",
        "expected_result_en": "",
        "indicator_lv": "",
        "indicator_en": "",
        "responsible_institution": measure.responsible_institution_id or "",
        "co_responsible_institutions": [i.pk for i in measure.co_responsible_institutions.all()],
        "other_implementers": [i.pk for i in measure.other_implementers.all()],
        "start_date": "",
        "due_date": measure.due_date.isoformat() if measure.due_date else "",
        "status": measure.status,
        "progress_percent": measure.progress_percent if measure.progress_percent is not None else "",
        "special_attention": "on" if measure.special_attention else "",
        "added_by_revision": "",
        "funding_sources": [],
        "internal_note": measure.internal_note,
        "progress_entries-TOTAL_FORMS": "0",
        "progress_entries-INITIAL_FORMS": "0",
        "progress_entries-MIN_NUM_FORMS": "0",
        "progress_entries-MAX_NUM_FORMS": "1000",
        "change_reason": "",
        "expected_version": measure.version,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def lv(text) -> str:
    """A translatable string as the Latvian admin (the default language) shows it."""
    with translation.override("lv"):
        return str(text)


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def compare_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history_compare", args=[obj.pk])


def revert_url(obj, record):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history", args=[obj.pk, record.pk])


class ChangeReasonTest(BaseTestCase):
    def setUp(self):
        self.login(self.superuser)
        self.measure = make_measure(title="Vecais nosaukums")

    def test_editing_records_user_and_reason(self):
        data = measure_form_data(self.measure, title_lv="Jaunais nosaukums", change_reason="Pēc padomes lēmuma")
        response = self.client.post(change_url(self.measure), data)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and response.context["errors"])
        latest = self.measure.history.latest()
        self.assertEqual(latest.title_lv, "Jaunais nosaukums")
        self.assertEqual(latest.history_user, self.superuser)
        self.assertEqual(latest.history_change_reason, "Pēc padomes lēmuma")
        self.assertEqual(latest.history_type, "~")

    def test_editing_without_a_reason_is_refused(self):
        data = measure_form_data(self.measure, title_lv="Jaunais nosaukums", change_reason="  ")
        response = self.client.post(change_url(self.measure), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("change_reason", response.context["adminform"].form.errors)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.title_lv, "Vecais nosaukums")
        self.assertEqual(self.measure.history.count(), 1)

    def test_adding_needs_no_reason_but_keeps_one_given(self):
        commitment = make_commitment()
        url = reverse("admin:commitments_commitment_add")
        base = {
            "plan": commitment.plan_id,
            "title_lv": "Jauna apņemšanās",
            "title_en": "",
            "description_lv": "",
            "description_en": "",
            "ogp_id": "",
            "measures-TOTAL_FORMS": "0",
            "measures-INITIAL_FORMS": "0",
            "measures-MIN_NUM_FORMS": "0",
            "measures-MAX_NUM_FORMS": "1000",
        }
        self.assertEqual(self.client.post(url, {**base, "number": "7", "change_reason": ""}).status_code, 302)
        self.assertEqual(self.client.post(url, {**base, "number": "8", "change_reason": "Vidusposms"}).status_code, 302)
        first = Commitment.objects.get(plan=commitment.plan, number=7).history.get()
        second = Commitment.objects.get(plan=commitment.plan, number=8).history.get()
        self.assertEqual(
            (first.history_type, first.history_change_reason, first.history_user), ("+", None, self.superuser)
        )
        self.assertEqual(second.history_change_reason, "Vidusposms")

    def test_a_save_with_m2m_changes_leaves_one_history_row(self):
        partner = make_institution()
        other = make_institution()
        data = measure_form_data(
            self.measure,
            status=MeasureStatus.SUBSTANTIAL,
            co_responsible_institutions=[partner.pk],
            other_implementers=[other.pk],
            change_reason="Precizēti līdzatbildīgie",
        )
        self.assertEqual(self.client.post(change_url(self.measure), data).status_code, 302)
        records = list(self.measure.history.all())
        self.assertEqual(len(records), 2)
        latest = records[0]
        self.assertEqual(latest.status, MeasureStatus.SUBSTANTIAL)
        self.assertEqual([row.institution for row in latest.co_responsible_institutions.all()], [partner])
        self.assertEqual([row.institution for row in latest.other_implementers.all()], [other])
        self.assertEqual(latest.history_change_reason, "Precizēti līdzatbildīgie")

    def test_saving_an_untouched_form_adds_no_version(self):
        data = measure_form_data(self.measure, change_reason="Tikai apskatīju")
        self.assertEqual(self.client.post(change_url(self.measure), data).status_code, 302)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.history.count(), 1)
        self.assertEqual(self.measure.version, 1)

    def test_deleting_records_who_and_why(self):
        url = reverse("admin:commitments_measure_delete", args=[self.measure.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 302)
        deleted = Measure.history.filter(id=self.measure.pk, history_type="-").get()
        self.assertEqual(deleted.history_user, self.superuser)
        with translation.override("lv"):
            self.assertEqual(deleted.history_change_reason, translation.gettext("Deleted in the administration"))

    def test_an_admin_save_bumps_the_version(self):
        data = measure_form_data(self.measure, status=MeasureStatus.COMPLETE, change_reason="Pabeigts")
        self.client.post(change_url(self.measure), data)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.version, 2)

    def test_inline_rows_saved_with_the_form_get_the_reason(self):
        commitment = self.measure.commitment
        measure = self.measure
        data = {
            "plan": commitment.plan_id,
            "number": commitment.number,
            "title_lv": commitment.title_lv,
            "title_en": commitment.title_en,
            "description_lv": "",
            "description_en": "",
            "ogp_id": "",
            "change_reason": "Pārnumurēti pasākumi",
            "measures-TOTAL_FORMS": "2",
            "measures-INITIAL_FORMS": "1",
            "measures-MIN_NUM_FORMS": "0",
            "measures-MAX_NUM_FORMS": "1000",
            "measures-0-id": measure.pk,
            "measures-0-commitment": commitment.pk,
            "measures-0-number": "1.9",
            "measures-0-order": "9",
            "measures-0-title_lv": measure.title_lv,
            "measures-0-title_en": measure.title_en,
            "measures-0-status": measure.status,
            "measures-0-expected_version": measure.version,
            "measures-1-commitment": commitment.pk,
            "measures-1-number": "1.10",
            "measures-1-order": "10",
            "measures-1-title_lv": "Jauns pasākums",
            "measures-1-title_en": "",
            "measures-1-status": MeasureStatus.NOT_STARTED,
        }
        response = self.client.post(change_url(commitment), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(measure.history.latest().history_change_reason, "Pārnumurēti pasākumi")
        added = Measure.objects.get(number="1.10")
        self.assertEqual(added.plan, commitment.plan)
        self.assertEqual(added.history.get().history_change_reason, "Pārnumurēti pasākumi")

    def test_inline_measure_numbers_must_be_unique_in_the_plan(self):
        commitment = self.measure.commitment
        data = {
            "plan": commitment.plan_id,
            "number": commitment.number,
            "title_lv": commitment.title_lv,
            "title_en": "",
            "description_lv": "",
            "description_en": "",
            "ogp_id": "",
            "change_reason": "Jauns pasākums",
            "measures-TOTAL_FORMS": "1",
            "measures-INITIAL_FORMS": "0",
            "measures-MIN_NUM_FORMS": "0",
            "measures-MAX_NUM_FORMS": "1000",
            "measures-0-commitment": commitment.pk,
            "measures-0-number": self.measure.number,
            "measures-0-order": "2",
            "measures-0-title_lv": "Dublikāts",
            "measures-0-status": MeasureStatus.NOT_STARTED,
        }
        response = self.client.post(change_url(commitment), data)
        self.assertEqual(response.status_code, 200)
        with translation.override("lv"):
            message = translation.gettext("The plan already has a measure number %(number)s.")
        self.assertContains(response, message % {"number": self.measure.number})
        self.assertEqual(Measure.objects.count(), 1)


class CompareVersionsTest(BaseTestCase):
    def setUp(self):
        self.login(self.superuser)
        self.measure = make_measure(title="Vecais nosaukums", title_en="Old title", status=MeasureStatus.NOT_STARTED)
        self.first = self.measure.history.get()
        self.client.post(
            change_url(self.measure),
            measure_form_data(
                self.measure,
                title_en="New title",
                status=MeasureStatus.SUBSTANTIAL,
                responsible_institution=self.institution.pk,
                change_reason="Atjaunināts",
            ),
        )
        self.second = self.measure.history.latest()

    def test_it_shows_old_and_new_values_with_labels_choice_labels_and_names(self):
        response = self.client.get(compare_url(self.measure), {"old": self.first.pk, "new": self.second.pk})
        self.assertEqual(response.status_code, 200)
        rows = {row["name"]: row for row in response.context["rows"]}
        self.assertEqual(set(rows), {"title_en", "status", "responsible_institution"})
        self.assertEqual(lv(rows["title_en"]["label"]), lv(capfirst(Measure._meta.get_field("title_en").verbose_name)))
        self.assertIn("[en]", lv(rows["title_en"]["label"]))
        self.assertEqual((rows["title_en"]["old"], rows["title_en"]["new"]), ("Old title", "New title"))
        not_started, substantial = lv(MeasureStatus.NOT_STARTED.label), lv(MeasureStatus.SUBSTANTIAL.label)
        self.assertEqual((rows["status"]["old"], rows["status"]["new"]), (not_started, substantial))
        self.assertNotIn("not_started", response.content.decode())
        self.assertIn("—", rows["responsible_institution"]["old"])
        self.assertEqual(rows["responsible_institution"]["new"], "Valsts kanceleja")
        self.assertContains(response, not_started)
        self.assertContains(response, "Valsts kanceleja")

    def test_versions_are_ordered_old_to_new_whatever_the_parameters(self):
        response = self.client.get(compare_url(self.measure), {"old": self.second.pk, "new": self.first.pk})
        self.assertEqual(response.context["old"], self.first)
        self.assertEqual(response.context["new"], self.second)

    def test_without_parameters_it_compares_the_latest_with_the_previous(self):
        response = self.client.get(compare_url(self.measure))
        self.assertEqual((response.context["old"], response.context["new"]), (self.first, self.second))

    def test_long_texts_get_a_word_diff(self):
        text = "Institūcija izstrādās vadlīnijas un apmācīs darbiniekus visās ministrijās līdz gada beigām."
        measure = make_measure(description=text)
        measure.description_lv = text.replace("visās ministrijās", "piecās ministrijās")
        measure.save()
        response = self.client.get(compare_url(measure))
        row = next(r for r in response.context["rows"] if r["name"] == "description_lv")
        self.assertIn("<del>visās</del>", row["old"])
        self.assertIn("<ins>piecās</ins>", row["new"])

    def test_unknown_versions_are_404(self):
        other = make_measure()
        foreign = other.history.get()
        self.assertEqual(self.client.get(compare_url(self.measure), {"old": foreign.pk}).status_code, 404)
        self.assertEqual(self.client.get(compare_url(self.measure), {"old": "x"}).status_code, 404)

    def test_the_history_page_lets_staff_pick_two_versions(self):
        url = reverse("admin:commitments_measure_history", args=[self.measure.pk])
        response = self.client.get(url)
        self.assertContains(response, f'name="old" value="{self.first.pk}"')
        self.assertContains(response, f'name="new" value="{self.second.pk}"')
        self.assertContains(response, f"{compare_url(self.measure)}?new={self.second.pk}")
        self.assertContains(response, "Atjaunināts")
        # The changes column shows labels and names too, not raw values.
        self.assertContains(response, lv(MeasureStatus.NOT_STARTED.label))
        self.assertNotContains(response, "not_started")

    def test_malformed_object_ids_are_404_not_500(self):
        for name in ("history", "history_compare"):
            url = reverse(f"admin:commitments_measure_{name}", args=[f"{self.measure.pk}/change"])
            with self.subTest(view=name):
                self.assertEqual(self.client.get(url).status_code, 404)
        url = reverse("admin:commitments_measure_simple_history", args=["x", self.second.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_comparison_sends_a_non_staff_account_to_the_admin_login(self):
        self.login(self.public_user)
        response = self.client.get(compare_url(self.measure))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.url.startswith(reverse("admin:login")))

    def test_the_comparison_is_refused_to_staff_without_view_permission(self):
        staff = self.coordinator.__class__.objects.create_user("no-permissions", is_staff=True)
        self.login(staff)
        response = self.client.get(compare_url(self.measure), {"old": self.first.pk, "new": self.second.pk})
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("Old title", response.content.decode())


class RevertTest(BaseTestCase):
    def setUp(self):
        self.login(self.superuser)
        self.partner = make_institution(slug="partner")
        self.measure = make_measure(title="Pirmais", status=MeasureStatus.NOT_STARTED)
        self.measure.co_responsible_institutions.add(self.partner)
        self.version_with_partner = self.measure.history.latest()
        self.client.post(
            change_url(self.measure),
            measure_form_data(
                self.measure,
                title_lv="Otrais",
                status=MeasureStatus.COMPLETE,
                co_responsible_institutions=[],
                change_reason="Kļūdains labojums",
            ),
        )
        self.measure.refresh_from_db()

    def test_the_revert_form_shows_the_old_values_including_m2m(self):
        response = self.client.get(revert_url(self.measure, self.version_with_partner))
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(form.initial["title_lv"], "Pirmais")
        self.assertEqual(form.initial["co_responsible_institutions"], [self.partner.pk])
        self.assertFalse(form.fields["change_reason"].required)

    def test_revert_restores_fields_and_m2m_and_is_recorded_with_user_and_reason(self):
        version_before_revert = self.measure.version
        rows_before_revert = self.measure.history.count()
        data = measure_form_data(
            self.measure,
            title_lv="Pirmais",
            status=MeasureStatus.NOT_STARTED,
            co_responsible_institutions=[self.partner.pk],
            change_reason="labojums bija kļūdains",
        )
        data["_save"] = "Revert"
        response = self.client.post(revert_url(self.measure, self.version_with_partner), data)
        self.assertEqual(response.status_code, 302)
        self.measure.refresh_from_db()
        self.assertEqual((self.measure.title_lv, self.measure.status), ("Pirmais", MeasureStatus.NOT_STARTED))
        self.assertEqual(list(self.measure.co_responsible_institutions.all()), [self.partner])
        self.assertEqual(self.measure.version, version_before_revert + 1)
        latest = self.measure.history.latest()
        self.assertEqual(latest.history_user, self.superuser)
        with translation.override("lv"):
            prefix = translation.gettext("Reverted to the version of %(date)s") % {"date": ""}
        self.assertTrue(latest.history_change_reason.startswith(prefix))
        self.assertTrue(latest.history_change_reason.endswith(": labojums bija kļūdains"))
        self.assertEqual([row.institution for row in latest.co_responsible_institutions.all()], [self.partner])
        # One history row for the revert, even though an M2M value changed.
        self.assertEqual(self.measure.history.count(), rows_before_revert + 1)

    def test_staff_who_may_only_view_cannot_revert(self):
        viewer = self.coordinator.__class__.objects.create_user("viewer", is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_measure"))
        self.login(viewer)
        self.assertEqual(self.client.get(revert_url(self.measure, self.version_with_partner)).status_code, 200)
        data = measure_form_data(self.measure, title_lv="Pirmais")
        response = self.client.post(revert_url(self.measure, self.version_with_partner), data)
        self.assertEqual(response.status_code, 403)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.title_lv, "Otrais")


class ProgressEntryHistoryTest(BaseTestCase):
    def test_review_changes_are_recorded_with_reason(self):
        # Review state moves only through the workflow buttons (commitments.services), never by editing the field.
        self.login(self.superuser)
        entry = make_entry(progress_percent=40, reported_on=datetime.date(2024, 1, 5), review_state="submitted")
        data = {
            "measure": entry.measure_id,
            "reporting_round": entry.reporting_round_id,
            "reported_on": "2024-01-05",
            "status": entry.status,
            "progress_percent": "40",
            "narrative_lv": entry.narrative_lv,
            "narrative_en": "",
            "evidence_links": "",
            "challenges_lv": "",
            "challenges_en": "",
            "review_comment": "Trūkst pierādījumu",
            "change_reason": "Atgriezts iestādei",
            "expected_version": entry.version,
            "_wf_return": "1",
            # The evidence files inline, with no rows.
            "evidence_files-TOTAL_FORMS": "0",
            "evidence_files-INITIAL_FORMS": "0",
        }
        response = self.client.post(change_url(entry), data)
        self.assertEqual(response.status_code, 302)
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, "returned")
        latest = ProgressEntry.history.filter(id=entry.pk).latest()
        self.assertEqual(latest.history_user, self.superuser)
        self.assertIn("Trūkst pierādījumu", latest.history_change_reason)
