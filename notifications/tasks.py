"""The outbox's sender as a background job (the worker: `manage.py worker`)."""

from django_tasks import task

from .services import messages_send_due


@task()
def send_due_messages() -> int:
    return messages_send_due()
