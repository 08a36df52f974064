"""Summarises scripts/bench.sh's wrk runs, per service (the http-json-c template service, the hello component):
each side's median over the rounds, ratios edge / plain Kestrel
(and, when a baseline edge node ran beside, baseline / plain Kestrel from the same rounds)."""
import pathlib
import re
import statistics
import sys

UNITS = {"us": 1, "ms": 1000, "s": 1_000_000}


def read(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {}
    for pct, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        latency[pct] = float(value) * UNITS[unit]
    return rps, latency


def median(out, side):
    runs = [read(p) for p in sorted(out.glob(f"wrk-{side}-*.txt"))]
    if not runs:
        return None
    return (statistics.median(r[0] for r in runs),
            {pct: statistics.median(r[1][pct] for r in runs) for pct in ("50", "99")},
            [r[0] for r in runs])


out = pathlib.Path(sys.argv[1])
for case, subject in (("json", "the http-json-c template service"), ("", "the hello component")):
    for mode, title in (("load", "under load"), ("single", "one connection")):
        kestrel = median(out, f"{mode}-{case}kestrel")
        if kestrel is None:
            continue
        print(f"-- {subject}, {title} (median of {len(kestrel[2])} rounds)")
        print(f"plain Kestrel:  {kestrel[0]:10.0f} req/s   p50 {kestrel[1]['50']:8.0f} us   p99 {kestrel[1]['99']:8.0f} us")
        for side, name in ((f"{case}edge", "edge node"), (f"{case}base", "baseline edge")):
            edge = median(out, f"{mode}-{side}")
            if edge is None:
                continue
            ratios = [e / k for e, k in zip(edge[2], kestrel[2])]
            rounds = ", ".join(f"{r:.2f}" for r in ratios)
            # Each round's ratio pairs the two sides measured minutes apart at most, so a machine that drifts (a
            # virtual machine's stolen time) moves both; the median of those pairs is the steadier figure.
            print(f"{name + ':':15s} {edge[0]:10.0f} req/s   p50 {edge[1]['50']:8.0f} us   p99 {edge[1]['99']:8.0f} us   "
                  f"ratio to Kestrel {edge[0] / kestrel[0]:.2f} (rounds {rounds}; paired median {statistics.median(ratios):.2f}), "
                  f"p50 overhead {edge[1]['50'] - kestrel[1]['50']:.0f} us")
