#!/usr/bin/env python3
"""Samples processes' resident memory and CPU time until it is killed.

    sample-rss.py OUT INTERVAL_S T0 NAME=PID ...

Every INTERVAL_S seconds after T0 (a time.time() value: the processes' launch), appends to
OUT one line per process: `ELAPSED_S NAME VMRSS_KIB CPU_S` (VmRSS from /proc/PID/status:
the process itself, not its children; CPU: utime + stime from /proc/PID/stat). A process
that is gone is written with `- -`. The samples sit on the grid T0 + k * INTERVAL_S, so the
ones at 60, 300 and 600 s are taken at those times (give or take the scheduler).
"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def sample(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK   # utime, stime (fields 14, 15)
        return "%d %.2f" % (rss, cpu)
    except (OSError, StopIteration, IndexError, ValueError):
        return "- -"


def main(argv):
    out, interval, t0 = argv[0], float(argv[1]), float(argv[2])
    procs = [(n, int(p)) for n, p in (a.split("=") for a in argv[3:])]
    k = max(0, int((time.time() - t0) // interval))
    with open(out, "a", buffering=1) as f:
        while True:
            target = t0 + k * interval
            delay = target - time.time()
            if delay > 0:
                time.sleep(delay)
            elapsed = time.time() - t0
            for name, pid in procs:
                f.write("%.1f %s %s\n" % (elapsed, name, sample(pid)))
            k += 1


if __name__ == "__main__":
    main(sys.argv[1:])
