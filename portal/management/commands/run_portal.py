"""`manage.py run_portal`: the development portal as three processes, what `make run` starts.

- the web server (`manage.py runserver`),
- a Celery worker (`celery -A u4ssc worker --pool=solo`), which runs the tasks,
- Celery beat (`celery -A u4ssc beat`), which schedules the periodic jobs (closing ballots
  past their deadline, the reminder sweep...); its schedule file is in var/celery/.

With REDIS_URL they use Redis; without it, the broker folder under var/celery/ (settings.py).
The command supervises them: Ctrl-C or SIGTERM stops all three (the worker finishes its task);
if one of them exits, the others are stopped and the command fails. The children receive
SIGTERM if this command dies without stopping them (Linux's parent-death signal), and this
command receives it if its own parent (make) dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent exits (no-op elsewhere)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Command(BaseCommand):
    help = "Run the web server with a Celery worker and beat; stop all three together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true", help="Passed to runserver.")
        parser.add_argument("--loglevel", default="info", help="The worker's and beat's log level.")

    def handle(self, *args, addrport, noreload, loglevel, **options):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError("U4SSC_CELERY_EAGER is on: tasks run in-process, there is nothing to start.")
        _die_with_parent()
        settings.CELERY_DIR.mkdir(parents=True, exist_ok=True)
        python = sys.executable
        celery = [python, "-m", "celery", "-A", "u4ssc"]
        commands = {
            "worker": [*celery, "worker", "--pool=solo", f"--loglevel={loglevel}", "--without-gossip",
                       "--without-mingle", "-n", f"portal-{os.getpid()}@%h"],
            "beat": [*celery, "beat", f"--loglevel={loglevel}",
                     f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}", "--pidfile="],
            "web": [python, "manage.py", "runserver", addrport, *(["--noreload"] if noreload else [])],
        }  # fmt: skip
        broker = settings.CELERY_BROKER_URL.split("@")[-1]
        where = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in", broker)
        self.stdout.write(
            f"run_portal: broker {where}; beat schedule {settings.CELERY_BEAT_SCHEDULE_FILENAME}"
        )

        env = {**os.environ, "U4SSC_CELERY_EAGER": "0"}
        env.setdefault("DJANGO_SETTINGS_MODULE", os.environ.get("DJANGO_SETTINGS_MODULE", "u4ssc.settings"))
        children: dict[str, subprocess.Popen] = {}
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        status = 0
        try:
            for name, command in commands.items():
                children[name] = subprocess.Popen(
                    command, cwd=settings.BASE_DIR, env=env, preexec_fn=_die_with_parent
                )
                self.stdout.write(f"run_portal: {name} started (pid {children[name].pid})")
            self.stdout.flush()
            while not stopping:
                exited = [name for name, child in children.items() if child.poll() is not None]
                if exited:
                    name = exited[0]
                    self.stderr.write(f"run_portal: {name} exited ({children[name].returncode}); stopping")
                    status = 1
                    break
                time.sleep(0.5)
        finally:
            self._stop(children)
        if status:
            raise CommandError("A process of the portal exited.")
        self.stdout.write("run_portal: stopped")

    def _stop(self, children: dict[str, subprocess.Popen]) -> None:
        """SIGTERM to each (the worker finishes its task: warm shutdown), then SIGKILL after 30 s."""
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"run_portal: {name} did not stop; killing it")
                child.kill()
                child.wait()
            self.stdout.write(f"run_portal: {name} stopped (pid {child.pid})")
