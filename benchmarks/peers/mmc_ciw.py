"""The M/M/c model (c = 10, lambda = 9/min, mu = 1/min) in Ciw, as Ciw's tutorials build a
network: one node with exponential arrivals and services and 10 servers, simulated until
the given number of customers has finished. Time is in minutes; waits are reported in seconds.

Usage: python mmc_ciw.py [cases] [seed]   Prints one JSON line."""
import json
import sys
import time

import ciw


def main():
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    started = time.perf_counter()
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=9.0)],
        service_distributions=[ciw.dists.Exponential(rate=1.0)],
        number_of_servers=[10],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_customers(cases, method="Finish")
    records = simulation.get_all_records()
    wall = time.perf_counter() - started
    waits = [r.waiting_time for r in records]
    print(json.dumps({
        "tool": f"Ciw {ciw.__version__}",
        "cases": len(records),
        "mean_wait_s": 60 * sum(waits) / len(waits),
        "wall_s": wall,
        "cases_per_s": len(records) / wall,
    }))


if __name__ == "__main__":
    main()
