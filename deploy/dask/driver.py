"""Runs a hallsim plan on a Dask cluster, appending each finished run to a results file.

    driver.py PLAN --results FILE (--scheduler ADDR | --local N) [--binary PATH] [--batch K]
              [--retries N] [--failures FILE] [--workdir DIR] [--threads T] [--log FILE]

Each task runs `BINARY sweep --run-plan PLAN --ids ID,… --threads T` on a worker, in WORKDIR,
where the plan and its scenario files are at the same paths as here (a shared folder). Every
finished run's line is appended to the results file as its task completes; a second call runs
only the plan's runs that are not there, so `hallsim merge PLAN FILE` ends with every run once.

A task whose process is killed by a signal (or exits with a runtime failure) is retried by Dask
up to N times; a task lost with its worker is rescheduled by Dask, and a batch still unfinished
after that is resubmitted by the driver up to N times. A run that exits 2 (bad input) is not
retried: it goes to the failures file (default FILE.failures) and is skipped by later calls
until its line is removed there. Exit status: 0 when every planned run is in the results,
1 when some are not (failed or lost), 2 for bad arguments or a cluster that cannot run hallsim.
"""

import argparse
import json
import os
import sys
import time

from ledger import AppendOnlyLines, Ledger, read_plan


class RunInterrupted(Exception):
    """A hallsim process ended without finishing its runs for a reason a retry may cure."""


def run_batch(binary, plan, ids, workdir, threads):
    """The task: runs the given ids of the plan, returns the process's exit and its output lines."""
    import socket
    import subprocess

    command = [binary, "sweep", "--run-plan", plan, "--ids", ",".join(ids), "--threads", str(threads)]
    process = subprocess.run(command, cwd=workdir, capture_output=True, text=True)
    if process.returncode < 0:
        raise RunInterrupted(f"hallsim killed by signal {-process.returncode} running {ids[0]}…")
    if process.returncode not in (0, 2):
        raise RunInterrupted(f"hallsim exited {process.returncode}: {process.stderr.strip()[-500:]}")
    return {"exit": process.returncode, "lines": process.stdout.splitlines(), "error": process.stderr.strip()[-2000:],
            "worker": f"{socket.gethostname()}:{os.getpid()}"}


def check_worker(binary, plan, workdir):
    """Runs on every worker before any task: None when it can run hallsim on the plan, else what is wrong."""
    import subprocess

    if not os.path.isdir(workdir):
        return f"no folder {workdir}"
    if not os.access(plan, os.R_OK):
        return f"cannot read the plan {plan}"
    try:
        subprocess.run([binary, "--version"], cwd=workdir, capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return f"cannot run {binary}: {error}"
    return None


class Driver:
    """Submits batches of a plan's runs, records what comes back, and retries what was lost."""

    def __init__(self, client, options, ledger, log):
        self.client = client
        self.options = options
        self.ledger = ledger
        self.log = log
        self.submissions = {}
        self.pending = {}
        self.lost = set()
        self.tasks = 0

    def event(self, kind, ids, **details):
        if self.log is not None:
            self.log.append(json.dumps({"event": kind, "ids": ids, **details}, sort_keys=True))

    def submit(self, ids, completed):
        """Submits one batch, counting a submission against each id's bound."""
        for run_id in ids:
            self.submissions[run_id] = self.submissions.get(run_id, 0) + 1
        self.tasks += 1
        options = self.options
        future = self.client.submit(
            run_batch, options.binary, options.plan, ids, options.workdir, options.threads,
            key=f"hallsim-{ids[0]}-{self.tasks}", pure=False, retries=options.retries)
        self.pending[future] = ids
        completed.add(future)
        self.event("submit", ids, attempt=max(self.submissions[run_id] for run_id in ids))

    def resubmit(self, ids, completed, reason):
        """Submits unfinished ids again while each is within its bound; the others are lost for this call."""
        again = [run_id for run_id in ids if self.submissions[run_id] <= self.options.retries]
        given_up = [run_id for run_id in ids if run_id not in again]
        if given_up:
            self.lost.update(given_up)
            self.event("lost", given_up, reason=reason)
        if again:
            self.event("retry", again, reason=reason)
            self.submit(again, completed)

    def run(self, ids):
        from distributed import as_completed

        completed = as_completed()
        for start in range(0, len(ids), self.options.batch):
            self.submit(ids[start:start + self.options.batch], completed)
        for future in completed:
            ids = self.pending.pop(future)
            if future.status != "finished":
                self.resubmit(ids, completed, reason=repr(future.exception()) if future.status == "error" else future.status)
                continue
            result = future.result()
            finished = [run_id for run_id in map(self.ledger.record_finished, result["lines"]) if run_id]
            if finished:
                self.event("finished", finished, worker=result["worker"])
            unfinished = [run_id for run_id in ids if run_id not in self.ledger.finished]
            if not unfinished:
                continue
            if result["exit"] == 2 and len(unfinished) == 1:
                self.ledger.record_failed(unfinished[0], 2, result["error"])
                self.event("failed", unfinished, error=result["error"])
            elif result["exit"] == 2:
                for run_id in unfinished:
                    self.submissions[run_id] -= 1
                    self.submit([run_id], completed)
            else:
                self.resubmit(unfinished, completed, reason="runs missing from the output")


def parse(arguments):
    parser = argparse.ArgumentParser(description="Run a hallsim plan on a Dask cluster.")
    parser.add_argument("plan", help="the plan (`hallsim sweep … --plan`), at the same path on the workers")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDR", help="the scheduler's address, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local", metavar="N", type=int, help="start N local workers on 127.0.0.1 instead")
    parser.add_argument("--binary", default=os.environ.get("HALLSIM_BINARY", "hallsim"),
                        help="hallsim on the workers: a shared path, or a name on their PATH (default: $HALLSIM_BINARY or hallsim)")
    parser.add_argument("--results", required=True, metavar="FILE", help="finished runs, appended to")
    parser.add_argument("--failures", metavar="FILE", help="runs that failed on bad input (default: RESULTS.failures)")
    parser.add_argument("--retries", type=int, default=3, metavar="N", help="retries of a killed or lost task (default 3)")
    parser.add_argument("--batch", type=int, default=1, metavar="K", help="runs per task (default 1)")
    parser.add_argument("--threads", type=int, default=1, metavar="T", help="threads of each hallsim process (default 1)")
    parser.add_argument("--workdir", default=os.getcwd(), help="folder the runs start in, where the plan's scenario paths lead (default: here)")
    parser.add_argument("--log", metavar="FILE", help="append a JSON line per submission, retry, finish, failure and loss")
    options = parser.parse_args(arguments)
    if options.local is not None and options.local < 1:
        parser.error("--local needs at least 1 worker")
    if options.batch < 1 or options.threads < 1 or options.retries < 0:
        parser.error("--batch and --threads need at least 1, --retries at least 0")
    options.plan = os.path.abspath(options.plan)
    options.workdir = os.path.abspath(options.workdir)
    options.failures = options.failures or options.results + ".failures"
    return options


def connect(options):
    """A client of the given scheduler, or of a local cluster on loopback with no dashboard.

    The local cluster's processes listen on 127.0.0.1 only: their HTTP endpoints (health,
    metrics), which run even without a dashboard, on free ports there too.
    """
    from distributed import Client, LocalCluster

    if options.local is not None:
        cluster = LocalCluster(n_workers=options.local, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
                               worker_dashboard_address="127.0.0.1:0")
        return Client(cluster), cluster
    return Client(options.scheduler, timeout="60s"), None


def main(arguments):
    options = parse(arguments)
    ledger = Ledger(read_plan(options.plan), options.results, options.failures)
    if ledger.results.cut:
        print(f"driver: cut {ledger.results.cut} bytes of a line left unfinished at the end of {options.results}", file=sys.stderr)
    ids = ledger.to_run()
    print(f"driver: {len(ledger.plan_ids)} runs planned, {len(ledger.finished)} already in {options.results}, "
          f"{len(ledger.failed)} recorded as failed, {len(ids)} to run", file=sys.stderr)
    log = None
    if options.log:
        log = AppendOnlyLines(options.log)
    driver = None
    started = time.monotonic()
    if ids:
        client, cluster = connect(options)
        try:
            client.wait_for_workers(1, timeout=120)
            problems = {worker: problem for worker, problem in
                        client.run(check_worker, options.binary, options.plan, options.workdir).items() if problem}
            if problems:
                for worker, problem in sorted(problems.items()):
                    print(f"driver: worker {worker}: {problem}", file=sys.stderr)
                return 2
            driver = Driver(client, options, ledger, log)
            started = time.monotonic()
            driver.run(ids)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    ledger.close()
    if log is not None:
        log.close()
    return report(options, ledger, driver, ids, time.monotonic() - started)


def report(options, ledger, driver, ids, seconds):
    """Prints what this call did (timed from the first submission) and what is left; returns the exit status."""
    ran = sum(1 for run_id in ids if run_id in ledger.finished)
    if driver is not None:
        per_run = f" ({1000 * seconds / ran:.1f} ms per run)" if ran else ""
        print(f"driver: {ran} runs finished in {driver.tasks} tasks in {seconds:.2f} s{per_run}", file=sys.stderr)
    failed = [run_id for run_id in ledger.plan_ids if run_id in ledger.failed]
    if failed:
        print(f"driver: {len(failed)} runs failed on bad input (not retried; {options.failures}): {', '.join(failed)}", file=sys.stderr)
    lost = sorted(driver.lost) if driver is not None else []
    if lost:
        print(f"driver: {len(lost)} runs lost after {options.retries} retries (a new call runs them): {', '.join(lost)}", file=sys.stderr)
    missing = len(ledger.plan_ids) - len(ledger.finished)
    if missing:
        print(f"driver: {missing} of {len(ledger.plan_ids)} planned runs are not in {options.results}", file=sys.stderr)
        return 1
    print(f"driver: all {len(ledger.plan_ids)} planned runs are in {options.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
