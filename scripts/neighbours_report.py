"""Summarises scripts/bench.sh's neighbours part: the healthy service's throughput alone and beside a
looping neighbour (ratio), and the looping service's latency against its deadline plus one epoch tick: at the client (wrk, which shares the two
cores with the node) and at the node (arrival to answer written, the lateness histogram of /metrics)."""
import json
import pathlib
import re
import sys

UNITS = {"us": 1, "ms": 1000, "s": 1_000_000}


def read(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {pct: float(value) * UNITS[unit]
               for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
    maximum = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", text)
    latency["max"] = float(maximum.group(1)) * UNITS[maximum.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    timeouts = re.search(r"timeout (\d+)", text)
    return rps, latency, requests, int(non2xx.group(1)) if non2xx else 0, int(timeouts.group(1)) if timeouts else 0


out = pathlib.Path(sys.argv[1])
deadline_ms = float(sys.argv[2])
alone, _, _, _, _ = read(out / "neighbours-alone.txt")
beside, beside_lat, _, _, _ = read(out / "neighbours-beside.txt")
loop_rps, loop_lat, loop_requests, loop_errors, loop_timeouts = read(out / "neighbours-loop.txt")
bound_us = (deadline_ms + 1) * 1000
print(f"healthy alone:            {alone:10.0f} req/s")
print(f"healthy beside the loop:  {beside:10.0f} req/s   p50 {beside_lat['50']:8.0f} us   p99 {beside_lat['99']:8.0f} us")
print(f"throughput ratio beside/alone: {beside / alone:.2f} (aim >= 0.50)")
print(f"looping service: {loop_requests} answers ({loop_errors} non-2xx, {loop_timeouts} client timeouts), "
      f"p50 {loop_lat['50'] / 1000:.1f} ms, p99 {loop_lat['99'] / 1000:.1f} ms, max {loop_lat['max'] / 1000:.1f} ms; "
      f"deadline + one tick = {bound_us / 1000:.0f} ms: p99 {'within' if loop_lat['99'] <= bound_us else 'BEYOND'}")
server = out / "neighbours-loop-server.json"
if server.exists() and server.read_text().strip():
    for version in json.loads(server.read_text()):
        p99 = version.get("p99Ms")
        if p99 is not None:
            # The node's latency sketch has 2% buckets: near 200 ms it cannot tell 201 from 204 ms.
            print(f"looping service at the node ({version['requests']} answers, queue time included, latency sketch with 2% buckets): "
                  f"p50 {version['p50Ms']:.1f} ms, p99 {p99:.1f} ms")
metrics = out / "neighbours-metrics.txt"
if metrics.exists():
    text = metrics.read_text()
    buckets = [(float("inf") if le == "+Inf" else float(le), int(count)) for le, count in re.findall(
        r'^platform_edge_deadline_answer_lateness_seconds_bucket\{service="bench-loop",le="([^"]+)"\} (\d+)$', text, re.M)]
    if buckets and buckets[-1][1] > 0:
        total = buckets[-1][1]
        p99_bound = next(le for le, count in buckets if count >= 0.99 * total)
        within_tick = next((count for le, count in buckets if le >= 0.001), total)
        # Measured at the node: from the request's arrival to its 504 written, less the deadline (fine buckets).
        print(f"looping service at the node: {total} deadline answers, {within_tick / total:.1%} written within one epoch tick (1 ms) "
              f"of the deadline; p99 within {p99_bound * 1000:g} ms of it: {'within' if p99_bound <= 0.001 else 'BEYOND'} deadline + one tick")
    print("\n".join(line for line in text.splitlines() if "lateness" not in line))

before, after = out / "neighbours-gc-before.txt", out / "neighbours-gc-after.txt"
if before.exists() and after.exists():
    def counters(path):
        return {name: float(value) for name, value in re.findall(r"^(\S+) ([\d.eE+-]+)$", path.read_text(), re.M)}
    b, a = counters(before), counters(after)
    delta = {name: a[name] - b.get(name, 0) for name in a}
    gen0 = delta.get('platform_edge_gc_collections_total{generation="0"}', 0)
    pause = delta.get("platform_edge_gc_pause_seconds_total", 0)
    allocated = delta.get("platform_edge_allocated_bytes_total", 0)
    # Every managed thread stops during a collection, the deadline watch included.
    print(f"node's collector while the loop ran: {gen0:.0f} gen-0 collections, {pause * 1000:.0f} ms paused in all "
          f"({pause * 1000 / gen0 if gen0 else 0:.2f} ms each), {allocated / 1e6:.0f} MB allocated")
    steal = delta.get("machine_steal_jiffies")
    if steal is not None:
        # USER_HZ is 100 on Linux: a jiffy here is 10 ms of one core given to another guest of the host.
        print(f"machine: {steal * 10:.0f} ms of core time stolen by the virtual machine's host while the loop ran "
              f"(a stall of every thread on the node, the deadline watch too)")
