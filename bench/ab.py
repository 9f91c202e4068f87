#!/usr/bin/env python3
"""Times commands in turn (A, B, A, B, ...) so that a machine that drifts drifts under all alike.

    bench/ab.py N "command A" "command B" [...]

Each command runs through the shell, its stdout on /dev/null; three rounds warm up first (class-data
archives written, images unpacked). Prints each command's median and mean over N rounds, in ms.
Used to measure one change at a time: two checkouts, or one with a setting (FOXBOX_HANDOVER=0).
"""
import statistics
import subprocess
import sys
import time


def ms(command):
    start = time.perf_counter()
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    for _ in range(3):
        for c in commands:
            ms(c)
    times = [[] for _ in commands]
    for _ in range(rounds):
        for i, c in enumerate(commands):
            times[i].append(ms(c))
    for c, t in zip(commands, times):
        print(f"median {statistics.median(t):6.1f}  mean {statistics.mean(t):6.1f}  {c}")


if __name__ == "__main__":
    main()
