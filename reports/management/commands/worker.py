"""`manage.py worker`: django-tasks-db's `db_worker` plus a heartbeat, so the admin can tell a stopped worker."""

import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from reports.worker import heartbeat_loop, heartbeat_record


class Command(DbWorkerCommand):
    help = "Run the background worker (builds reports) and record its heartbeat every half minute."

    def handle(self, *args, **options):
        heartbeat_record(worker_id=options["worker_id"])
        stop = threading.Event()
        beat = threading.Thread(target=heartbeat_loop, args=(options["worker_id"], stop), daemon=True)
        beat.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            beat.join(timeout=5)
