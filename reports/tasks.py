"""Background jobs run by the worker (`python manage.py db_worker`)."""

from django_tasks import task

from .build import report_build


@task()
def build_report_task(report_id: int) -> str:
    return report_build(report_id=report_id).sha256
