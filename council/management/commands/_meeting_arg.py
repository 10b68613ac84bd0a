from django.core.management.base import CommandError

from council.models import Meeting


def resolve_meeting(value: str) -> Meeting:
    """MEETING as the commands take it: a meeting number ("5"), COUNCIL_ID-NUMBER ("1-5") when several
    councils have that number, or "id:PK" for a primary key."""
    value = value.strip()
    try:
        if value.lower().startswith("id:"):
            return Meeting.objects.get(pk=int(value[3:]))
        if "-" in value:
            council_id, number = value.split("-", 1)
            return Meeting.objects.get(council_id=int(council_id), number=int(number))
        matches = list(Meeting.objects.filter(number=int(value))[:2])
    except ValueError as error:
        raise CommandError(f"MEETING must be a number (5), COUNCIL_ID-NUMBER (1-5) or id:PK, not {value!r}.") from error
    except Meeting.DoesNotExist as error:
        raise CommandError(f"No meeting {value!r}.") from error
    if not matches:
        raise CommandError(f"No meeting has number {value}; use id:PK for a meeting without a number.")
    if len(matches) > 1:
        councils = ", ".join(f"{m.council_id}-{m.number}" for m in Meeting.objects.filter(number=int(value)))
        raise CommandError(f"Several councils have a meeting No. {value}: use one of {councils}.")
    return matches[0]
