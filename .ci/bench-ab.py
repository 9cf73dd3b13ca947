#!/usr/bin/env python3
"""Two builds of the model side by side, as BENCHMARKS.md reports them.

    .ci/bench-ab.py OLD NEW [--rounds 6] [--only continent|planet]
    .ci/bench-ab.py OLD NEW --instructions

OLD and NEW are `mutualism` binaries built with
`cargo build --release --no-default-features` (copy one aside before
building the other). Wall time: each round runs `bench` on the planet world
(10,000 regions, 24 months) and the continent (300 regions, 600 months) with
one thread and two, old then new, alternating; the table gives the best
round of each (noise on a shared machine only ever slows a run), every
round, and two threads over one. Instructions: valgrind's callgrind counts
the instructions of months 3 to 14 of a 2,000-region world on one thread
(a 14-month run less a 2-month run, so that spawning cancels), per region
and month: a figure the machine's noise cannot move.
"""

import argparse
import re
import subprocess
import sys

WORLDS = {
    "planet": ["--regions", "10000", "--ticks", "24"],
    "continent": ["--regions", "300", "--ticks", "600"],
}


def ticks_per_second(binary, world, threads):
    args = [binary, "bench", *WORLDS[world], "--threads", str(threads)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return float(re.search(r" ticks/s ([0-9.]+)", out).group(1))


def instructions(binary, ticks):
    args = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            binary, "bench", "--regions", "2000", "--ticks", str(ticks), "--threads", "1"]
    err = subprocess.run(args, capture_output=True, text=True, check=True).stderr
    return int(re.search(r"refs:\s+([0-9,]+)", err).group(1).replace(",", ""))


def every(rates):
    return " ".join(f"{x:.1f}" for x in rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--only", choices=sorted(WORLDS))
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    builds = {"old": args.old, "new": args.new}

    if args.instructions:
        for name, binary in builds.items():
            per = (instructions(binary, 14) - instructions(binary, 2)) / 12 / 2000
            print(f"{name}: {per:,.0f} instructions per region-month ({binary})")
        return

    worlds = [args.only] if args.only else list(WORLDS)
    rounds = {}
    for _ in range(args.rounds):
        for world in worlds:
            for threads in (1, 2):
                for name, binary in builds.items():
                    rate = ticks_per_second(binary, world, threads)
                    rounds.setdefault((world, threads, name), []).append(rate)
    print("| world | threads | old, best | new, best | new / old | old, rounds | new, rounds |")
    print("|---|---:|---:|---:|---:|---|---|")
    for world in worlds:
        for threads in (1, 2):
            old, new = (rounds[(world, threads, n)] for n in ("old", "new"))
            print(f"| {world} | {threads} | {max(old):.1f} | {max(new):.1f} | "
                  f"{max(new) / max(old):.2f} | {every(old)} | {every(new)} |")
    for world in worlds:
        ratio = {n: max(rounds[(world, 2, n)]) / max(rounds[(world, 1, n)]) for n in builds}
        print(f"{world}: two threads over one, old {ratio['old']:.2f}, new {ratio['new']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
