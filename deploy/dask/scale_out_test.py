"""The scale-out test (run by deploy/dask/test): a plan on a Dask cluster on 127.0.0.1 merges to the sweep's bytes.

    scale_out_test.py HALLSIM WORKDIR PIDFILE

Starts a scheduler and two workers as processes of their own, bound to 127.0.0.1 with no
dashboard (their HTTP endpoints, which run without one, on 127.0.0.1 too), and checks that every socket they listen on is on loopback. Runs the driver on a
plan of 240 short runs and kills one worker with SIGKILL mid-way (a new one takes its place);
the merged sweep.csv and replications.csv must equal a sweep run on this machine byte for
byte. Then deletes 50 result lines (and leaves a line cut short at the end, as a killed driver
would) and checks that a second call runs exactly those 50. Then a run on bad input is recorded
as failed and not retried, and a hallsim process killed by a signal is retried. Every process it
starts is written to PIDFILE, so that the caller stops what is left by id.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SWEEP = ["scenarios/mmc.yaml", "--set", "stop.cases=2000", "--vary", "halls.hall.windows.w.count=9..12", "--replications", "60"]
passed = []


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAIL: {what}")
    passed.append(what)
    print(f"ok: {what}", flush=True)


class Processes:
    """The processes this test starts, each in a session of its own, stopped by id."""

    def __init__(self, pidfile):
        self.pidfile = pidfile
        self.started = []

    def start(self, command, log):
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                   text=True)
        self.started.append(process)
        with open(self.pidfile, "a") as file:
            file.write(f"{process.pid}\n")
        return process

    def stop_all(self):
        """Stops the processes in the reverse order of their start (workers before their scheduler)."""
        for process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"FAIL: {what} within {seconds} s")
        time.sleep(0.1)


def listening(pids):
    """The local addresses that the given processes listen on (TCP), from `ss -ltnpH`."""
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    found = {pid: [] for pid in pids}
    for line in out.splitlines():
        fields = line.split()
        for pid in pids:
            if f"pid={pid}," in line:
                found[pid].append(fields[3])
    return found


def check_loopback(pids, when):
    found = listening(pids)
    check(all(found[pid] for pid in pids), f"{when}: each of the {len(pids)} cluster processes listens on a socket")
    addresses = [address for pid in pids for address in found[pid]]
    outside = [a for a in addresses if not (a.startswith("127.") or a.startswith("[::1]"))]
    check(not outside, f"{when}: all {len(addresses)} listening sockets are on loopback ({', '.join(addresses)}){' not ' + str(outside) if outside else ''}")


def events(log_path):
    with open(log_path) as log:
        return [json.loads(line) for line in log]


def driver_command(results, log, *extra, binary, plan, scheduler):
    return [sys.executable, os.path.join(HERE, "driver.py"), plan, "--scheduler", scheduler,
            "--binary", binary, "--results", results, "--log", log, "--retries", "3", *extra]


def driver(results, log, *extra, **cluster):
    """Runs the driver to its end, with its output captured."""
    return subprocess.run(driver_command(results, log, *extra, **cluster), cwd=ROOT, capture_output=True, text=True,
                          timeout=150)


def main(hallsim, tmp, pidfile):
    processes = Processes(pidfile)
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    plan = os.path.join(tmp, "plan.jsonl")
    with open(plan, "w") as out:
        subprocess.run([hallsim, "sweep", *SWEEP, "--plan"], cwd=ROOT, stdout=out, check=True)
    plan_ids = [json.loads(line)["id"] for line in open(plan)]
    check(len(plan_ids) >= 200, f"the plan has {len(plan_ids)} runs")
    started = time.monotonic()
    subprocess.run([hallsim, "sweep", *SWEEP, "--out", os.path.join(tmp, "single")], cwd=ROOT,
                   stdout=subprocess.DEVNULL, check=True)
    single_seconds = time.monotonic() - started

    from distributed import Client

    client = None
    cluster_log = open(os.path.join(tmp, "cluster.log"), "w")
    scheduler_file = os.path.join(tmp, "scheduler.json")
    try:
        scheduler = processes.start([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                     "--dashboard-address", "127.0.0.1:0",
                                     "--scheduler-file", scheduler_file], cluster_log)
        wait_for(lambda: os.path.exists(scheduler_file) and os.path.getsize(scheduler_file) > 0, 60, "the scheduler starts")
        address = json.load(open(scheduler_file))["address"]

        def worker(name):
            return processes.start([dask, "worker", "--scheduler-file", scheduler_file, "--host", "127.0.0.1",
                                    "--no-dashboard", "--dashboard-address", "127.0.0.1:0", "--no-nanny", "--nthreads", "1", "--name", name], cluster_log)

        client = Client(address, timeout="60s")
        workers = [worker("w1"), worker("w2")]
        client.wait_for_workers(2, timeout=60)
        check_loopback([scheduler.pid] + [w.pid for w in workers], "with two workers")

        results = os.path.join(tmp, "results.jsonl")
        log1 = os.path.join(tmp, "driver1.jsonl")
        common = dict(binary=hallsim, plan=plan, scheduler=address)
        started = time.monotonic()
        first = processes.start(driver_command(results, log1, **common), subprocess.PIPE)
        count = lambda: sum(1 for _ in open(results)) if os.path.exists(results) else 0
        wait_for(lambda: count() >= len(plan_ids) // 4 or first.poll() is not None, 120, "a quarter of the runs finish")
        killed = workers[0]
        killed_at = count()
        check(first.poll() is None and killed.poll() is None, f"the driver and worker 1 still run after {killed_at} runs")
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        workers.append(worker("w3"))
        output, _ = first.communicate(timeout=150)
        driver_seconds = time.monotonic() - started
        print(output, end="")
        check(first.returncode == 0, "the first call of the driver exits 0")
        check(killed_at < len(plan_ids) and count() == len(plan_ids),
              f"worker 1 was killed after {killed_at} of {len(plan_ids)} runs and the results have all {count()}")
        by_worker = {}
        for event in events(log1):
            if event["event"] == "finished":
                by_worker.setdefault(event["worker"].rsplit(":", 1)[1], set()).update(event["ids"])
        check(str(killed.pid) in by_worker and len(by_worker) >= 2,
              f"runs finished on {len(by_worker)} workers, the killed one among them")
        check_loopback([scheduler.pid] + [w.pid for w in workers if w.poll() is None], "after a worker was replaced")

        def merged_equals_single(folder, when):
            merge = subprocess.run([hallsim, "merge", plan, results, "--out", folder], cwd=ROOT, capture_output=True, text=True)
            check(merge.returncode == 0, f"{when}: merge exits 0 {merge.stderr.strip()}")
            for name in ("sweep.csv", "replications.csv"):
                same = open(os.path.join(folder, name), "rb").read() == open(os.path.join(tmp, "single", name), "rb").read()
                check(same, f"{when}: the merged {name} equals the single-machine sweep's byte for byte")

        merged_equals_single(os.path.join(tmp, "merged1"), "after a worker was killed")

        lines = open(results).read().splitlines()
        deleted_lines = set(random.Random(20).sample(range(len(lines)), 50))
        deleted = {json.loads(lines[i])["id"] for i in deleted_lines}
        with open(results, "w") as out:
            out.writelines(line + "\n" for i, line in enumerate(lines) if i not in deleted_lines)
            out.write(lines[sorted(deleted_lines)[0]][:40])
        log2 = os.path.join(tmp, "driver2.jsonl")
        second = driver(results, log2, **common)
        print(second.stderr, end="")
        check(second.returncode == 0 and "cut 40 bytes" in second.stderr,
              "the second call cuts the line left unfinished at the end and exits 0")
        submitted = [run_id for event in events(log2) if event["event"] == "submit" for run_id in event["ids"]]
        finished = [run_id for event in events(log2) if event["event"] == "finished" for run_id in event["ids"]]
        check(sorted(submitted) == sorted(deleted) and sorted(finished) == sorted(deleted),
              f"the second call submitted and finished exactly the {len(deleted)} deleted runs, once each")
        merged_equals_single(os.path.join(tmp, "merged2"), "after the second call")

        check_failures_and_kills(tmp, plan, hallsim, address)
        print(f"timing: {len(plan_ids)} runs in one `hallsim sweep`: {single_seconds:.2f} s "
              f"({1000 * single_seconds / len(plan_ids):.1f} ms per run); through the driver on 2 workers, "
              f"a worker killed: {driver_seconds:.2f} s ({1000 * driver_seconds / len(plan_ids):.1f} ms per run)")
    finally:
        if client is not None:
            client.close()
        processes.stop_all()
        cluster_log.close()
    print(f"{len(passed)} passed, 0 failed")


def check_failures_and_kills(tmp, plan, hallsim, address):
    """A run on bad input is recorded once and not retried; a hallsim killed by a signal is retried."""
    good = [json.loads(line) for line in open(plan)][:3]
    bad = dict(good[1], scenario="scenarios/no-such-file.yaml")
    small = os.path.join(tmp, "bad-plan.jsonl")
    with open(small, "w") as out:
        out.writelines(json.dumps(run) + "\n" for run in (good[0], bad, good[2]))
    results, log = os.path.join(tmp, "bad-results.jsonl"), os.path.join(tmp, "bad-log.jsonl")
    run = driver(results, log, "--batch", "3", binary=hallsim, plan=small, scheduler=address)
    failures = [json.loads(line) for line in open(results + ".failures")]
    check(run.returncode == 1 and [f["id"] for f in failures] == [bad["id"]] and failures[0]["exit"] == 2,
          f"a run on bad input exits the driver 1 and is recorded as failed ({failures[0]['error'][:60]}…)")
    check(sum(1 for _ in open(results)) == 2, "the other two runs of its batch are in the results")
    again = driver(results, os.path.join(tmp, "bad-log2.jsonl"), binary=hallsim, plan=small, scheduler=address)
    check(again.returncode == 1 and "0 to run" in again.stderr, "a second call does not run the failed run again")

    marker, calls = os.path.join(tmp, "killed-once"), os.path.join(tmp, "calls")
    wrapper = os.path.join(tmp, "hallsim-killed-once")
    with open(wrapper, "w") as out:
        out.write(f'#!/bin/sh\nif [ "$1" = sweep ]; then echo >> {calls}\n'
                  f'  if [ ! -e {marker} ]; then : > {marker}; kill -KILL $$; fi\nfi\nexec {hallsim} "$@"\n')
    os.chmod(wrapper, 0o755)
    results, log = os.path.join(tmp, "kill-results.jsonl"), os.path.join(tmp, "kill-log.jsonl")
    two = os.path.join(tmp, "two-plan.jsonl")
    with open(two, "w") as out:
        out.writelines(json.dumps(run) + "\n" for run in good[:2])
    run = driver(results, log, "--batch", "2", binary=wrapper, plan=two, scheduler=address)
    finished = sum(1 for _ in open(results)) if os.path.exists(results) else 0
    tries = sum(1 for _ in open(calls)) if os.path.exists(calls) else 0
    check(run.returncode == 0 and finished == 2 and tries == 2,
          f"a hallsim process killed by a signal is retried and its runs finish "
          f"(exit {run.returncode}, {finished} runs, {tries} processes){'' if run.returncode == 0 else run.stderr}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("FAIL: stopped by SIGTERM (time limit)"))
    main(*sys.argv[1:])
