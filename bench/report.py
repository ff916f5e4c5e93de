#!/usr/bin/env python3
"""Writes bench/results.md from what bench/run.sh measured (its work directory, BENCH_WORK, and
the variables it exports). Not meant to be run by hand."""
import datetime
import json
import math
import os
import platform
import statistics

env = os.environ
work = env["BENCH_WORK"]
rounds, runs, txn_rounds = int(env["ROUNDS"]), int(env["RUNS"]), int(env["TXN_ROUNDS"])
big, reg_seconds = int(env["BIG"]), int(env["REGISTER_SECONDS"])


def load(name):
    with open(os.path.join(work, name)) as f:
        return json.load(f)


def med(xs):
    return statistics.median(xs)


def ratio(g, e):
    if not e or not g:
        return "–"
    r = g / e
    if r >= 1:
        return "%.1f" % r if r < 100 else "%.0f" % r
    return "%.2g (1/%.1f)" % (r, 1 / r)


def ms(xs):
    return "%.0f ms (%.0f–%.0f)" % (med(xs) * 1000, min(xs) * 1000, max(xs) * 1000)


def sec(xs):
    return "%.2f s (%.2f–%.2f)" % (med(xs), min(xs), max(xs))


def mib(kib):
    return "%.0f MiB" % (kib / 1024)


rows = []   # (figure, measure, gooetcd, etcdctl, ratio)
goals = []  # (goal, value, met)


def row(figure, measure, g_text, e_text, g, e):
    rows.append((figure, measure, g_text, e_text, ratio(g, e)))


# --- one-shot -----------------------------------------------------------------------------------
java_default = env.get("JAVA_DEFAULT_VERSION", "")
jdk = "JDK " + (java_default.split('"')[1].split(".")[0] if '"' in java_default else "?")
for verb, args in (("get", "get k"), ("put", "put k v")):
    d = load(verb + ".json")
    e = d["etcdctl"]
    for key, label in (("gooetcd", jdk + ", AppCDS"), ("gooetcd25", "JDK 25, AOT cache")):
        if key not in d:
            continue
        g = d[key]
        fig = "`%s`, one process (%s; %d runs)" % (args, label, runs)
        row(fig, "time", ms(g["wall"]), ms(e["wall"]), med(g["wall"]), med(e["wall"]))
        row("", "CPU", "%.0f ms" % (med(g["cpu"]) * 1000), "%.0f ms" % (med(e["cpu"]) * 1000),
            med(g["cpu"]), med(e["cpu"]))
        row("", "peak RSS", mib(med(g["rss"])), mib(med(e["rss"])), med(g["rss"]), med(e["rss"]))
        if verb == "get":
            limit = 250 if key == "gooetcd25" else 400
            goals.append(("one-shot `get k` on %s ≤ %d ms (median)" % (label.split(",")[0], limit),
                          "%.0f ms" % (med(g["wall"]) * 1000), med(g["wall"]) * 1000 <= limit))

# --- 1,000 commands -----------------------------------------------------------------------------
d = load("batch.json")
g, e = d["gooetcd"], d["etcdctl"]
fig = "1,000 mixed put/get: one `batch` vs 1,000 processes (%d rounds)" % rounds
row(fig, "time", sec(g["wall"]), sec(e["wall"]), med(g["wall"]), med(e["wall"]))
row("", "CPU", "%.2f s" % med(g["cpu"]), "%.2f s" % med(e["cpu"]), med(g["cpu"]), med(e["cpu"]))
row("", "peak RSS", mib(med(g["rss"])), mib(med(e["rss"])) + " (largest process)", med(g["rss"]), med(e["rss"]))
speedup = med(e["wall"]) / med(g["wall"])
goals.append(("1,000 commands: `batch` ≥ 15× faster than etcdctl processes (issue #13)", "%.1f×" % speedup, speedup >= 15))

# --- load ---------------------------------------------------------------------------------------
d = load("load.json")
g, e = d["gooetcd"], d["etcdctl"]
fig = "load 100,000 keys (100 B values) vs etcdctl `txn` processes of 128 puts (%d rounds; etcdctl %d)" % (
    rounds, len(e["wall"]))
row(fig, "time", sec(g["wall"]) + ", %.0f keys/s" % (100000 / med(g["wall"])),
    sec(e["wall"]) + ", %.0f keys/s" % (100000 / med(e["wall"])), med(g["wall"]), med(e["wall"]))
row("", "CPU", "%.2f s" % med(g["cpu"]), "%.2f s" % med(e["cpu"]), med(g["cpu"]), med(e["cpu"]))
row("", "peak RSS", mib(med(g["rss"])), mib(med(e["rss"])) + " (largest process)", med(g["rss"]), med(e["rss"]))

# --- BIG keys -----------------------------------------------------------------------------------
d = load("big.json")
e = d["etcdctl"]
for key, what in (("dump", "`dump`"), ("get", "`get --prefix`")):
    g = d[key]
    fig = "%s of %s keys, `-Xmx64m`, vs `etcdctl get --prefix` (%d rounds)" % (what, format(big, ","), rounds)
    row(fig, "time", sec(g["wall"]) + ", %.0f keys/s" % (big / med(g["wall"])),
        sec(e["wall"]) + ", %.0f keys/s" % (big / med(e["wall"])), med(g["wall"]), med(e["wall"]))
    row("", "CPU", "%.2f s" % med(g["cpu"]), "%.2f s" % med(e["cpu"]), med(g["cpu"]), med(e["cpu"]))
    row("", "peak RSS", mib(med(g["rss"])), mib(med(e["rss"])), med(g["rss"]), med(e["rss"]))

# --- watch replay -------------------------------------------------------------------------------
watch = {"gooetcd": [], "etcdctl": []}
with open(os.path.join(work, "watch.raw")) as f:
    for line in f:
        tool, last, cpu, rss = line.split()
        watch[tool].append((float(last), float(cpu), float(rss)))
g, e = watch["gooetcd"], watch["etcdctl"]
fig = "watch replay of 20,000 events, until the last is written (%d rounds)" % len(g)
gw, ew = [x[0] for x in g], [x[0] for x in e]
row(fig, "time", sec(gw), sec(ew), med(gw), med(ew))
gc, ec = med([x[1] for x in g]), med([x[1] for x in e])
row("", "CPU", "%.2f s" % gc, "%.2f s" % ec, gc, ec)
gr, er = med([x[2] for x in g]), med([x[2] for x in e])
row("", "peak RSS", mib(gr), mib(er), gr, er)
goals.append(("watch replay: CPU ≤ 2 × etcdctl's + 0.3 s (issue #13; %.2f s here)" % (2 * ec + 0.3),
              "%.2f s" % gc, gc <= 2 * ec + 0.3))

# --- register -----------------------------------------------------------------------------------
samples = {"gooetcd": [], "etcdctl": []}   # (elapsed, rss KiB or None, cpu s or None)
with open(os.path.join(work, "register.rss")) as f:
    for line in f:
        t, name, rss, cpu = line.split()
        samples[name].append((float(t), None if rss == "-" else int(rss), None if cpu == "-" else float(cpu)))


def at(name, t):
    """The sample nearest to t seconds."""
    return min(samples[name], key=lambda s: abs(s[0] - t))


marks = [m for m in (60, 300, 600) if m < reg_seconds] + [reg_seconds]
fig = "`register SERVICE ADDR` (TTL 10 s, `--check-http` a local server) vs `etcdctl lease keep-alive` (lease TTL 10 s), while the other figures run"
for i, m in enumerate(marks):
    gs, es = at("gooetcd", m), at("etcdctl", m)
    label = "RSS at %s" % ("%d min" % (m // 60) if m % 60 == 0 else "%d s" % m)
    row(fig if i == 0 else "", label, mib(gs[1]) if gs[1] else "gone", mib(es[1]) if es[1] else "gone",
        gs[1] or 0, es[1] or 0)
gs, es = at("gooetcd", reg_seconds), at("etcdctl", reg_seconds)
# issue #13: at 10 minutes, 48 MiB on JDK 17 and 50 MiB on JDK 25 (the default Java runs it)
reg_limit = 50 if jdk[4:].isdigit() and int(jdk[4:]) >= 25 else 48
goals.append(("`register` with an HTTP check: RSS at %s ≤ %d MiB on %s (issue #13; at 10 min)" % (
    "%d min" % (reg_seconds // 60) if reg_seconds % 60 == 0 else "%d s" % reg_seconds, reg_limit, jdk),
    "%.1f MiB" % (gs[1] / 1024) if gs[1] else "gone", bool(gs[1]) and gs[1] <= reg_limit * 1024))
row("", "CPU over %d s" % reg_seconds, "%.2f s" % (gs[2] or 0), "%.2f s" % (es[2] or 0), gs[2] or 0, es[2] or 0)
if reg_seconds > 120:
    # without the start (the JVM's class loading and compiling): what it costs to keep running
    g0, e0 = at("gooetcd", 60), at("etcdctl", 60)
    if gs[2] is not None and g0[2] is not None and es[2] is not None and e0[2] is not None:
        row("", "CPU from 1 min to the end", "%.2f s" % (gs[2] - g0[2]), "%.2f s" % (es[2] - e0[2]),
            gs[2] - g0[2], es[2] - e0[2])

# --- write --------------------------------------------------------------------------------------


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def mem_gib():
    with open("/proc/meminfo") as f:
        return int(f.readline().split()[1]) / 1024 / 1024


started = datetime.datetime.fromtimestamp(int(env["bench_t0"]), datetime.timezone.utc)
minutes = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() / 60
with open("/proc/loadavg") as f:
    loadavg_end = " ".join(f.read().split()[:3])

out = []
w = out.append
w("# Benchmarks")
w("")
w("Made by `make bench` (`bench/run.sh`) on %s UTC in %.0f minutes; gooetcd %s at %s." % (
    started.strftime("%Y-%m-%d %H:%M"), minutes, env.get("GOOETCD_VERSION", "?"), env.get("GIT_COMMIT", "?")))
w("")
w("- Machine: %s, %d cores, %.0f GiB, %s %s. Load average %s at the start, %s at the end." % (
    cpu_model(), os.cpu_count(), mem_gib(), platform.system(), platform.release(), env["loadavg_start"], loadavg_end))
w("- Java: %s%s." % (java_default, "; " + env["JAVA25_VERSION"] if env.get("JAVA25_VERSION") else ""))
w("- etcd %s, etcdctl %s, on loopback, one member." % (env["ETCD_VERSION"], env["ETCDCTL_VERSION"]))
w("- Knobs: RUNS=%d ROUNDS=%d TXN_ROUNDS=%d BIG=%d REGISTER_SECONDS=%d." % (runs, rounds, txn_rounds, big, reg_seconds))
w("")
w("Every figure runs gooetcd and etcdctl in turns (A B A B …); the numbers are medians, with")
w("(min–max) for times. The last column is gooetcd / etcdctl: above 1 gooetcd takes more, below")
w("1 less (1/N: N times less). Peak RSS is the largest resident set of the process (for a")
w("script of etcdctl processes: of its largest process); CPU is user + system.")
w("")
w("| figure | measure | gooetcd | etcdctl | gooetcd / etcdctl |")
w("|---|---|---|---|---|")
for r in rows:
    w("| %s |" % " | ".join(r))
w("")
w("## Goals")
w("")
w("| goal | measured | met |")
w("|---|---|---|")
for goal, value, met in goals:
    w("| %s | %s | %s |" % (goal, value, "yes" if met else "**no**"))
w("")
w("## `register` resident memory over time")
w("")
w("VmRSS of each process (the launcher execs java, so the JVM's own), sampled every 5 s from")
w("launch; one line a minute (KiB). Both ran from the start of the bench, while the other")
w("figures loaded the machine and the etcd they talk to.")
w("")
w("| minute | gooetcd register | etcdctl lease keep-alive |")
w("|---|---|---|")
for m in range(0, reg_seconds + 1, 60 if reg_seconds >= 300 else 10):
    gs, es = at("gooetcd", m), at("etcdctl", m)
    label = "%d" % (m // 60) if reg_seconds >= 300 else "%d s" % m
    w("| %s | %s | %s |" % (label, gs[1] if gs[1] else "–", es[1] if es[1] else "–"))
w("")
w("## Checks")
w("")
w("- 1,000 commands: `batch` printed the same bytes as the 1,000 etcdctl processes: %s." % env["batch_same"])
w("- load: after the last round, %s keys under bench/load/ (gooetcd) and %s under bench/ctl/ (etcdctl); 100000 expected." % (
    env["load_count"], env["ctl_count"]))
w("- %s keys: loaded once by `gooetcd load` in %s s (not a figure); lines printed by dump / get --prefix / "
  "etcdctl get --prefix: %s / %s / %s (expected %d / %d / %d)." % (
      format(big, ","), env["big_load"], env["big_lines_dump"], env["big_lines_get"], env["big_lines_eget"],
      big, 2 * big, 2 * big))
w("- register after %d s: gooetcd alive %s, etcdctl alive %s; registration keys %s (expected 1); etcdctl's lease "
  "remaining %s s; register logged %s line(s) (1: registered once, never lost)." % (
      reg_seconds, env["reg_alive_g"], env["reg_alive_e"], env["reg_key"], env["reg_ttl"] or "?", env["reg_log_lines"]))
w("- Class archives made before timing: %s (one-shot), %s (watch, lock, ...; register runs without one)%s." % (
    os.path.basename(env["archive_short"]), os.path.basename(env["archive_long"]),
    ", %s (JDK 25)" % os.path.basename(env["archive_25"]) if env.get("JAVA25_VERSION") else ""))
w("")
w("## Every round (seconds)")
w("")
for fname, keys in (("batch.json", ("gooetcd", "etcdctl")), ("load.json", ("gooetcd", "etcdctl")),
                    ("big.json", ("dump", "get", "etcdctl"))):
    d = load(fname)
    w("- %s: %s" % (fname[:-5], "; ".join("%s %s" % (k, " ".join("%.2f" % x for x in d[k]["wall"])) for k in keys)))
w("- watch: gooetcd %s; etcdctl %s" % (" ".join("%.2f" % x for x in gw), " ".join("%.2f" % x for x in ew)))

jmh = env.get("jmh_json")
if jmh == "failed":
    w("")
    w("## JMH micro-benchmarks")
    w("")
    w("JMH=1, but `bench/jmh/run.sh` failed: no table.")
elif jmh and os.path.exists(jmh):
    with open(jmh) as f:
        results = json.load(f)
    w("")
    w("## JMH micro-benchmarks (`bench/jmh`, JMH=1)")
    w("")
    w("| benchmark | params | score | error (99.9%) | unit |")
    w("|---|---|---|---|---|")
    for r in results:
        p = r.get("params") or {}
        m = r["primaryMetric"]
        try:
            error = float(m["scoreError"])
            error = "–" if math.isnan(error) else "± %.1f" % error
        except (TypeError, ValueError):
            error = "–"   # too few iterations for one
        w("| %s | %s | %.1f | %s | %s |" % (".".join(r["benchmark"].split(".")[-2:]),
                                          " ".join("%s=%s" % kv for kv in p.items()) or "–",
                                          m["score"], error, m["scoreUnit"]))
    w("")
    w("NdjsonBench: one line (16-byte key, 100-byte value); PrinterBench: per key of a 1,000-key range.")

with open(env["OUT"], "w") as f:
    f.write("\n".join(out) + "\n")
