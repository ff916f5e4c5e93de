#!/usr/bin/env python3
"""Runs commands in turns (A B A B ..., or A B C A B C ...) and records each run.

    abab.py OUT.json [--warmup W] [--rounds N] [--prepare SHELL] \
        --cmd NAME 'COMMAND' [--rounds-of NAME=K] [--prepare-of NAME SHELL] ...

Each round runs every command once, in the order given; a command with --rounds-of NAME=K
stops after K runs (the others go on alternating among themselves). W warm-up rounds, in
turns as well, are run first and not recorded. --prepare runs a shell command (untimed)
before every run, warm-up or not; --prepare-of NAME before NAME's runs only, instead.

COMMAND is split like a shell line (no shell runs it: `env VAR=x cmd ...` for variables;
`bash FILE` for a script); stdout goes to /dev/null, stderr to OUT.NAME.err. A run that
exits non-zero stops the benchmark with its stderr. For every run it records:
    wall  seconds from spawn to exit (time.perf_counter around spawn and wait4)
    cpu   user + system seconds of the process and the children it waited for (wait4)
    rss   peak resident set size in KiB of the process, or of its largest waited-for
          child (wait4's ru_maxrss; the gooetcd launcher execs java, so that is java's)
OUT.json: {"NAME": {"command": ..., "wall": [...], "cpu": [...], "rss": [...]}, ...}.
"""
import json
import os
import shlex
import subprocess
import sys
import time


def main(argv):
    out = argv[0]
    warmup, rounds, prepare = 0, 5, None
    cmds, limits, prepares = [], {}, {}
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--warmup":
            warmup = int(argv[i + 1]); i += 2
        elif a == "--rounds":
            rounds = int(argv[i + 1]); i += 2
        elif a == "--prepare":
            prepare = argv[i + 1]; i += 2
        elif a == "--cmd":
            cmds.append((argv[i + 1], argv[i + 2])); i += 3
        elif a == "--prepare-of":
            prepares[argv[i + 1]] = argv[i + 2]; i += 3
        elif a == "--rounds-of":
            name, k = argv[i + 1].split("="); limits[name] = int(k); i += 2
        else:
            sys.exit("abab.py: unknown argument " + a)
    if not cmds:
        sys.exit("abab.py: no --cmd")

    results = {name: {"command": cmd, "wall": [], "cpu": [], "rss": []} for name, cmd in cmds}

    def run(name, cmd, record):
        setup = prepares.get(name, prepare)
        if setup:
            subprocess.run(setup, shell=True, check=True, stdout=subprocess.DEVNULL)
        err_path = out + "." + name + ".err"
        with open(os.devnull, "wb") as devnull, open(err_path, "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(shlex.split(cmd), stdin=subprocess.DEVNULL, stdout=devnull, stderr=err)
            _, status, ru = os.wait4(p.pid, 0)
            t1 = time.perf_counter()
            p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            with open(err_path, errors="replace") as f:
                sys.stderr.write(f.read()[-4000:])
            sys.exit("abab.py: %s exited %d: %s" % (name, p.returncode, cmd))
        if record:
            r = results[name]
            r["wall"].append(t1 - t0)
            r["cpu"].append(ru.ru_utime + ru.ru_stime)
            r["rss"].append(ru.ru_maxrss)

    for _ in range(warmup):
        for name, cmd in cmds:
            run(name, cmd, False)
    for r in range(rounds):
        for name, cmd in cmds:
            if r < limits.get(name, rounds):
                run(name, cmd, True)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
