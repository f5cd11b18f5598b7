"""The M/M/c model (c = 10, lambda = 9/min, mu = 1/min) in SimPy, written the way SimPy's
own examples write a bank or a car wash: a source process creating customer processes,
each requesting a Resource with c units. Time is in seconds.

Usage: python mmc_simpy.py [cases] [seed]   Prints one JSON line."""
import json
import random
import sys
import time

import simpy

SERVERS = 10
ARRIVAL_RATE = 9 / 60  # per second
MEAN_SERVICE = 60.0  # seconds


class Stats:
    def __init__(self):
        self.completed = 0
        self.wait_sum = 0.0


def customer(env, windows, rng, stats):
    arrived = env.now
    with windows.request() as request:
        yield request
        stats.wait_sum += env.now - arrived
        yield env.timeout(rng.expovariate(1 / MEAN_SERVICE))
    stats.completed += 1


def source(env, cases, windows, rng, stats):
    for _ in range(cases):
        env.process(customer(env, windows, rng, stats))
        yield env.timeout(rng.expovariate(ARRIVAL_RATE))


def main():
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    started = time.perf_counter()
    env = simpy.Environment()
    windows = simpy.Resource(env, capacity=SERVERS)
    stats = Stats()
    env.process(source(env, cases, windows, rng, stats))
    env.run()
    wall = time.perf_counter() - started
    print(json.dumps({
        "tool": f"SimPy {simpy.__version__}",
        "cases": stats.completed,
        "mean_wait_s": stats.wait_sum / stats.completed,
        "wall_s": wall,
        "cases_per_s": stats.completed / wall,
    }))


if __name__ == "__main__":
    main()
