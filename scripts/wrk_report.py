"""Summarises scripts/bench.sh's wrk runs: best of each side, ratios edge / plain Kestrel."""
import pathlib
import re
import sys

UNITS = {"us": 1, "ms": 1000, "s": 1_000_000}


def read(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {}
    for pct, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        latency[pct] = float(value) * UNITS[unit]
    return rps, latency


def best(out, side):
    runs = [read(p) for p in sorted(out.glob(f"wrk-{side}-*.txt"))]
    return max(runs, key=lambda r: r[0])


out = pathlib.Path(sys.argv[1])
for mode, title in (("load", "under load"), ("single", "one connection")):
    kestrel_rps, kestrel_lat = best(out, f"{mode}-kestrel")
    edge_rps, edge_lat = best(out, f"{mode}-edge")
    print(f"-- {title}")
    print(f"plain Kestrel: {kestrel_rps:10.0f} req/s   p50 {kestrel_lat['50']:8.0f} us   p99 {kestrel_lat['99']:8.0f} us")
    print(f"edge node:     {edge_rps:10.0f} req/s   p50 {edge_lat['50']:8.0f} us   p99 {edge_lat['99']:8.0f} us")
    print(f"throughput ratio edge/Kestrel: {edge_rps / kestrel_rps:.2f}")
    print(f"p50 overhead: {edge_lat['50'] - kestrel_lat['50']:.0f} us (ratio {edge_lat['50'] / kestrel_lat['50']:.2f})")
