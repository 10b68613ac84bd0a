"""Base test case with the portal's personas (healthchecks style).

Personas and their roles (see accounts/policy.py):
- superuser: Django superuser (counts as a coordinator);
- coordinator: staff, in the coordinator group (State Chancellery);
- editor: staff, institution editor for `institution`;
- other_editor: staff, institution editor for `other_institution`;
- council_member: not staff, in the council-member group (reads council drafts; needs a second factor);
- public_user: a plain account, sees published data only.

The suite runs the production defaults: staff and council members need a second factor
(OTP_REQUIRED_FOR_STAFF) and the page
and part caches are on (tests/conftest.py empties them between tests). `self.login(user)` (or
`login(client, user)` outside BaseTestCase) logs a persona in the way a real session would be after the
second factor; a bare `client.force_login(staff or council member)` is sent to the two-factor pages. A test that counts
queries or compares responses across writes switches the caches off itself, by name:
`@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)`.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase

from accounts import services as account_services
from tests.factories import make_institution

User = get_user_model()


def verify_second_factor(client, user):
    """Mark the client's session as having passed two-factor authentication for `user`."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def login(client, user):
    """force_login plus, for staff and council members, a verified second factor: as after a real login."""
    from accounts.middleware import second_factor_applies

    client.force_login(user)
    if second_factor_applies(user):
        verify_second_factor(client, user)
    return client


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institution = make_institution(name="Valsts kanceleja", abbreviation="VK", slug="vk-test")
        cls.other_institution = make_institution(name="Cita ministrija", abbreviation="CM", slug="cm-test")

        cls.superuser = User.objects.create_superuser("root", "root@example.invalid", "password")
        cls.coordinator = User.objects.create_user("coordinator", "c@example.invalid", "password", is_staff=True)
        cls.editor = User.objects.create_user("editor", "e@example.invalid", "password", is_staff=True)
        cls.other_editor = User.objects.create_user("other", "o@example.invalid", "password", is_staff=True)
        cls.council_member = User.objects.create_user("council", "m@example.invalid", "password")
        cls.public_user = User.objects.create_user("public", "p@example.invalid", "password")

        account_services.coordinator_grant(user=cls.coordinator)
        account_services.institution_editor_grant(user=cls.editor, institution=cls.institution)
        account_services.institution_editor_grant(user=cls.other_editor, institution=cls.other_institution)
        account_services.council_member_grant(user=cls.council_member)

    def login(self, user, client=None):
        """force_login plus a verified second factor where one is needed, as after a real login."""
        return login(client or self.client, user)
