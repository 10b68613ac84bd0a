"""Base test case with the portal's personas (healthchecks style).

Roles (groups, institution links) are attached by `accounts` once it exists;
until then the personas are plain users with the right staff flags.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase

from tests.factories import make_institution

User = get_user_model()


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
