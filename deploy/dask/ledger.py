"""The driver's files: the plan it reads, the results and failures it appends to.

A results file holds one finished run per line, exactly as `hallsim sweep --run-plan` prints
it, so `hallsim merge PLAN RESULTS` reads it as it reads a shard's output. Each line is
appended with one write and made durable (fsync) before the next, so a killed driver leaves
every line whole except, at worst, the last, which the next call cuts off before it appends.
"""

import json
import os
import sys


def read_plan(path):
    """Returns the ids of a plan's runs in plan order; exits 2 on a plan that cannot be read."""
    try:
        with open(path, encoding="utf-8") as plan:
            lines = plan.read().splitlines()
    except OSError as error:
        sys.exit(f"driver: cannot read the plan {path}: {error.strerror}")
    ids = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            run = json.loads(line)
            ids.append(run["id"])
        except (ValueError, KeyError, TypeError):
            sys.exit(f"driver: {path}:{number}: not a planned run; expected a line of `hallsim sweep … --plan`")
    if not ids:
        sys.exit(f"driver: {path} has no runs")
    if len(set(ids)) != len(ids):
        sys.exit(f"driver: {path} names a run twice")
    return ids


def finished_id(line):
    """The id of a finished run's line, or None when the line is not one (cut short, or other output)."""
    try:
        run = json.loads(line)
    except ValueError:
        return None
    if isinstance(run, dict) and isinstance(run.get("id"), str) and isinstance(run.get("figures"), list):
        return run["id"]
    return None


class AppendOnlyLines:
    """A file of JSON lines appended one whole line at a time, each made durable before the next."""

    def __init__(self, path):
        self.path = path
        self.cut = self._cut_partial_tail()
        self.fd = None

    def _cut_partial_tail(self):
        """Cuts a last line left without its newline by a killed writer; returns the bytes cut."""
        try:
            with open(self.path, "rb+") as file:
                data = file.read()
                if not data or data.endswith(b"\n"):
                    return 0
                keep = data.rfind(b"\n") + 1
                file.truncate(keep)
                file.flush()
                os.fsync(file.fileno())
                return len(data) - keep
        except FileNotFoundError:
            return 0

    def lines(self):
        """The file's lines (none when it does not exist yet)."""
        try:
            with open(self.path, encoding="utf-8") as file:
                return file.read().splitlines()
        except FileNotFoundError:
            return []

    def append(self, line):
        """Appends one line with a single write and fsyncs it."""
        if self.fd is None:
            self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        written = os.write(self.fd, data)
        if written != len(data):
            raise OSError(f"short write to {self.path}: {written} of {len(data)} bytes")
        os.fsync(self.fd)

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class Ledger:
    """What is known of a plan's runs: finished (in the results), failed on bad input, or still to run."""

    def __init__(self, plan_ids, results_path, failures_path):
        self.plan_ids = plan_ids
        self.planned = set(plan_ids)
        self.results = AppendOnlyLines(results_path)
        self.failures = AppendOnlyLines(failures_path)
        self.finished = set()
        for line in self.results.lines():
            run_id = finished_id(line)
            if run_id in self.planned:
                self.finished.add(run_id)
        self.failed = {}
        for line in self.failures.lines():
            try:
                failure = json.loads(line)
                self.failed[failure["id"]] = failure
            except (ValueError, KeyError, TypeError):
                continue

    def to_run(self):
        """The plan's ids neither finished nor recorded as failed, in plan order."""
        return [run_id for run_id in self.plan_ids if run_id not in self.finished and run_id not in self.failed]

    def record_finished(self, line):
        """Appends a finished run's line once; returns its id, or None for a line already recorded or not planned."""
        run_id = finished_id(line)
        if run_id is None or run_id not in self.planned or run_id in self.finished:
            return None
        self.results.append(line)
        self.finished.add(run_id)
        return run_id

    def record_failed(self, run_id, exit_code, message):
        """Records a run that failed on bad input, so that it is not run again until its line is removed."""
        if run_id in self.failed or run_id in self.finished:
            return
        failure = {"id": run_id, "exit": exit_code, "error": message}
        self.failures.append(json.dumps(failure, sort_keys=True))
        self.failed[run_id] = failure

    def close(self):
        self.results.close()
        self.failures.close()
