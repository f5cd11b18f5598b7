"""Runs the M/M/c model in hallsim, SimPy, Ciw and the C loop alternately and writes a
markdown table of medians and ratios. Called by ./run, which builds everything first.

Each round runs every tool once, in an order rotated from round to round, so that slow
and fast moments of a shared machine fall on all tools alike."""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ERLANG_C_WAIT_S = 40.1


def run(command, env=None):
    """Runs `command`; returns its JSON output and the whole process's wall time."""
    started = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    wall = time.perf_counter() - started
    return json.loads(out), wall


def hallsim(binary, scenario, out_dir):
    summary, wall = run([binary, "run", scenario, "--json", "--no-log", "--out", out_dir])
    return {
        "tool": "hallsim",
        "cases": summary["cases"]["completed"],
        "cases_per_s": summary["kernel"]["cases_per_s"],
        "mean_wait_s": summary["wait_s"]["mean"],
        "allocator": summary["kernel"].get("allocator", ""),
        "process_s": wall,
    }


def instructions_per_case(command_for, scratch):
    """Instructions per case counted by callgrind: (I(400,000 cases) − I(200,000)) / 200,000, so the
    start-up and the report, the same in both runs, cancel out. `command_for(cases)` is the run."""
    totals = []
    for cases in (200_000, 400_000):
        out = os.path.join(scratch, f"callgrind-{cases}.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + command_for(cases),
                       check=True, capture_output=True)
        with open(out) as f:
            totals.append(next(int(line.split()[1]) for line in f if line.startswith(("summary:", "totals:"))))
    return (totals[1] - totals[0]) / 200_000


def peer(command):
    figures, wall = run(command)
    figures["process_s"] = wall
    return figures


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hallsim", required=True)
    parser.add_argument("--c-loop", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--ciw-cases", type=int, default=1_000_000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-callgrind", action="store_true")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    python = sys.executable
    tools = {
        "hallsim": lambda d: hallsim(args.hallsim, args.scenario, d),
        "SimPy": lambda d: peer([python, os.path.join(here, "mmc_simpy.py"), str(args.cases), "1"]),
        "Ciw": lambda d: peer([python, os.path.join(here, "mmc_ciw.py"), str(args.ciw_cases), "1"]),
        "C loop": lambda d: peer([args.c_loop, str(args.cases), "1"]),
    }
    names = list(tools)
    results = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="hallsim-peers-") as tmp:
        for r in range(args.rounds):
            order = names[r % len(names):] + names[:r % len(names)]
            for name in order:
                figures = tools[name](os.path.join(tmp, f"run-{r}"))
                results[name].append(figures)
                print(f"round {r + 1}/{args.rounds} {name:8} {figures['cases_per_s']:>14,.0f} cases/s"
                      f"  process {figures['process_s']:7.2f} s  mean wait {figures['mean_wait_s']:6.2f} s",
                      file=sys.stderr, flush=True)

    # Instructions per case of hallsim (a copy stripped of debug information, which valgrind here
    # cannot read) and of the C loop; SimPy and Ciw would take many minutes under callgrind.
    counted = {}
    if not args.no_callgrind and shutil.which("valgrind"):
        with tempfile.TemporaryDirectory(prefix="hallsim-peers-cg-") as tmp:
            stripped = os.path.join(tmp, "hallsim")
            shutil.copy(args.hallsim, stripped)
            subprocess.run(["strip", "--strip-debug", stripped], check=True)
            counted["hallsim"] = instructions_per_case(
                lambda n: [stripped, "run", args.scenario, "--no-log", "--set", f"stop.cases={n}", "--out",
                           os.path.join(tmp, f"out-{n}")], tmp)
            counted["C loop"] = instructions_per_case(lambda n: [args.c_loop, str(n), "1"], tmp)
        print(f"instructions per case: hallsim {counted['hallsim']:,.0f}, C loop {counted['C loop']:,.0f}",
              file=sys.stderr, flush=True)

    def med(name, key):
        return statistics.median(f[key] for f in results[name])

    rows = []
    for name in names:
        cases = results[name][0]["cases"]
        rows.append({
            "name": name,
            "label": results[name][0].get("tool", name),
            "cases": cases,
            "rate": med(name, "cases_per_s"),
            "process": med(name, "process_s"),
            "process_rate": statistics.median(f["cases"] / f["process_s"] for f in results[name]),
            "wait": med(name, "mean_wait_s"),
            "spread": (min(f["cases_per_s"] for f in results[name]), max(f["cases_per_s"] for f in results[name])),
            "instructions": counted.get(name),
        })
    by = {row["name"]: row for row in rows}
    h = by["hallsim"]

    def ratio(other, key):
        return h[key] / by[other][key]

    allocator = results["hallsim"][0].get("allocator") or "unknown allocator"
    commit = command_output(["git", "-C", here, "rev-parse", "--short", "HEAD"])
    root = os.path.dirname(os.path.dirname(here))
    dirty = command_output(["git", "-C", root, "status", "--porcelain", "--", "Sources", "Package.swift"])
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    swift = command_output(["swift", "--version"]).splitlines()[0] if command_output(["swift", "--version"]) != "unknown" else "unknown"
    gcc = command_output(["gcc", "--version"]).splitlines()[0]
    ciw_note = ""
    if args.ciw_cases != args.cases:
        ciw_note = (f" Ciw ran {args.ciw_cases:,} cases per round instead of {args.cases:,} (at 1,000,000 it takes"
                    f" many minutes); its cases/s is measured at that count and compared as a rate, and its process"
                    f" time is scaled to {args.cases:,} cases by that rate (marked *).")
        by["Ciw"]["process"] = by["Ciw"]["process"] * args.cases / args.ciw_cases

    lines = []
    lines.append("# hallsim against SimPy, Ciw and a C event loop")
    lines.append("")
    lines.append(f"Written by `benchmarks/peers/run` (`make peers`) on {when}. Do not edit by hand: run it again.")
    lines.append("")
    lines.append("The same M/M/c model in every tool: c = 10 windows, λ = 9/min, μ = 1/min (mean service 60 s),"
                 f" {args.cases:,} cases, seed 1; one process per run, {args.rounds} rounds, the tools run"
                 " alternately (one of each per round, order rotated), medians reported." + ciw_note)
    lines.append("")
    lines.append("- **cases/s** is each tool's own timing of its simulation loop: hallsim's `kernel.cases_per_s`"
                 " from `hallsim run scenarios/mmc.yaml --json --no-log`, which folds every KPI as it runs; the"
                 " others time from building the model to its last event (SimPy and the C loop keep only the mean"
                 " wait; Ciw keeps a record per customer, as it always does).")
    lines.append("- **process s** is the whole process's wall time, start-up, loading and reporting included"
                 " (hallsim reads the YAML scenario and writes its results folder; Python imports its packages).")
    lines.append(f"- **mean wait** is the sanity check: Erlang C gives {ERLANG_C_WAIT_S} s. Each tool draws its own random"
                 " numbers, and at utilisation 0.9 the mean wait of one million cases still varies by a few percent"
                 " from seed to seed (the C loop gives 39.4–41.6 s for seeds 2 to 7).")
    lines.append("- **instructions per case** are counted by callgrind, (I(400,000 cases) − I(200,000)) / 200,000,"
                 " so start-up and reporting cancel out; exact, whatever the machine's load (hallsim `--no-log`,"
                 " a copy stripped of debug information). SimPy and Ciw are not counted: under callgrind they"
                 " would take many minutes.")
    lines.append("")
    lines.append("| tool | cases | cases/s (median) | cases/s (min – max) | process s (median) | cases per process second | instructions per case | mean wait s |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        star = "*" if row["name"] == "Ciw" and ciw_note else ""
        label = f"hallsim ({allocator})" if row["name"] == "hallsim" else row["label"]
        if row["name"] == "C loop":
            label = "C loop (gcc -O2, `mmc.c`)"
        lines.append(f"| {label} | {row['cases']:,} | {row['rate']:,.0f} | {row['spread'][0]:,.0f} – {row['spread'][1]:,.0f}"
                     f" | {row['process']:.2f}{star} | {row['process_rate']:,.0f}"
                     f" | {'—' if row['instructions'] is None else format(row['instructions'], ',.0f')} | {row['wait']:.2f} |")
    lines.append("")
    lines.append("| ratio | by cases/s | by process time | target | met? |")
    lines.append("|---|---:|---:|---:|---|")
    targets = {"SimPy": 120.0, "Ciw": None, "C loop": 0.8}   # the performance issue's goals
    for other in ["SimPy", "Ciw", "C loop"]:
        r_rate = ratio(other, "rate")
        r_proc = by[other]["process"] / h["process"]
        target = targets[other]
        met = "—" if target is None else ("yes" if r_rate >= target else f"no: {r_rate / target:.0%} of the target")
        target_text = "—" if target is None else f"≥ {target:g}×"
        def times(x):
            return f"{x:,.2f}×" if x < 10 else f"{x:,.1f}×"
        lines.append(f"| hallsim ÷ {other} | {times(r_rate)} | {times(r_proc)} | {target_text} | {met} |")
    lines.append("")
    lines.append("Machine and versions:")
    lines.append("")
    lines.append(f"- {os.cpu_count()} cores (`nproc` {command_output(['nproc'])}), {cpu_model()}, {platform.system()} {platform.release()}")
    lines.append(f"- hallsim commit {commit}{' with local changes to Sources/' if dirty else ''}, built with {swift}, `-c release`")
    lines.append(f"- {by['SimPy']['label']}, {by['Ciw']['label']} on Python {platform.python_version()}; {gcc}")
    lines.append("")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
