"""Writes benchmarks/Thresholds from several `benchmark thresholds update` runs.

Usage: python3 scripts/median-thresholds.py RUNS_DIR THRESHOLDS_DIR

RUNS_DIR holds one folder per run, each with the tool's TARGET.NAME.p90.json files. For each
benchmark, each gated metric's threshold is the median of its runs (malloc counts must agree
across runs, and the script says so when they do not). Metrics that are only reported (wall
clock, the per-second figures) are left out, so a threshold file lists exactly what is gated."""
import json
import os
import statistics
import sys

GATED = ["mallocCountTotal", "peak_resident_bytes", "events_per_calibration_unit", "cases_per_calibration_unit"]


def main():
    runs_dir, out_dir = sys.argv[1], sys.argv[2]
    runs = sorted(os.path.join(runs_dir, d) for d in os.listdir(runs_dir))
    names = sorted({f for run in runs for f in os.listdir(run) if f.endswith(".p90.json")})
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".p90.json") and old not in names:
            os.remove(os.path.join(out_dir, old))
            print(f"removed {old} (no such benchmark any more)")
    for name in names:
        values = {}
        for run in runs:
            path = os.path.join(run, name)
            if not os.path.exists(path):
                continue
            with open(path) as f:
                for key, value in json.load(f).items():
                    values.setdefault(key, []).append(value)
        thresholds = {}
        for key in GATED:
            if key not in values:
                continue
            xs = values[key]
            if key == "mallocCountTotal" and len(set(xs)) > 1:
                print(f"warning: {name}: malloc counts differ between runs: {xs}")
            thresholds[key] = int(statistics.median_low(sorted(xs)))
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(json.dumps(thresholds, indent=2, sort_keys=True, separators=(",", " : ")) + "\n")
        spread = ", ".join(
            f"{k} {v} ({min(values[k]) / v - 1:+.1%} … {max(values[k]) / v - 1:+.1%})" if v else f"{k} {v}"
            for k, v in thresholds.items())
        print(f"{name}: {spread}")


if __name__ == "__main__":
    main()
