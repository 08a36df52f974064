"""Summarises scripts/bench.sh's events part (g): each side's median over the rounds and its ratio to the raw JetStream
baseline ("raw"). Sides: edge (the order-projection service on one edge node: parses the order, writes a key-value entry),
edge-noop (the smallest consumer on the same node: accepts every event, so the event path alone).
burst: events/s from the first publish to the last event handled (latencies there are mostly waiting behind earlier events);
single: one event at a time, end-to-end latency from the publish to the consumer's acknowledgement (p50/p99).
The CPU each consumer spent per event and how busy the machine was say what bounds the throughput."""
import os
import pathlib
import re
import statistics
import sys

PARTITIONS = 8
SIDES = (("raw", "raw JetStream"), ("edge", "edge node, order projection"), ("edge-noop", "edge node, no-op consumer"))


def read(path):
    return {k: float(v) for k, v in re.findall(r"^(\w+)=([\d.]+)$", path.read_text(), re.M)}


def runs(out, mode, side):
    pattern = re.compile(rf"events-{mode}-{re.escape(side)}-\d+\.txt")
    return [read(p) for p in sorted(out.glob(f"events-{mode}-{side}-*.txt")) if pattern.fullmatch(p.name)]


def node_metrics(out):
    """The node's counters per service (whole part: warm-up and every round), from its /metrics."""
    path = out / "events-node-metrics.txt"
    found = {}
    if path.exists():
        for name, service, value in re.findall(r'^platform_edge_(\w+)\{service="([\w-]+)"(?:,version="[^"]*")?\} ([\d.e+-]+)$',
                                               path.read_text(), re.M):
            found.setdefault(service, {})[name] = float(value)
    return found


def bound(side, b, service):
    """What limits the side's burst, from where its time went."""
    rate, busy = med(b, "per_second"), med(b, "machine_busy")
    if service and service.get("runs_total"):
        runs_total = service["runs_total"]
        worker = service["worker_seconds_total"] / runs_total
        cpu = service["cpu_seconds_total"] / runs_total
        workers = os.cpu_count()
        if rate > 0.75 * workers / worker:
            return (f"the guest workers: {workers} workers x {worker * 1e6:.0f} us per run ({cpu * 1e6:.0f} us of it on the CPU, the rest "
                    f"waiting in the guest's host calls) allow {workers / worker:.0f} events/s")
    if busy >= 0.9:
        return "CPU: both cores busy (publisher, nats-server and the consumer share them)"
    return (f"the partitions: each of the {PARTITIONS} holds one event unacknowledged (MaxAckPending 1, order per key), so a "
            "partition's next event waits for the previous one's handling and acknowledgement")


def med(rs, key):
    return statistics.median(r[key] for r in rs)


out = pathlib.Path(sys.argv[1])
services = node_metrics(out)
SERVICES = {"edge": "bench-orders", "edge-noop": "bench-orders-noop"}
burst = {side: runs(out, "burst", side) for side, _ in SIDES}
single = {side: runs(out, "single", side) for side, _ in SIDES}
sides = [(side, title) for side, title in SIDES if burst[side] and single[side]]
if not sides or sides[0][0] != "raw":
    sys.exit("events report: the raw baseline's runs are missing")
raw_b, raw_s = burst["raw"], single["raw"]
print(f"-- events: a burst of {int(raw_b[0]['events'])} events, then {int(raw_s[0]['events'])} one at a time "
      f"(median of {len(raw_b)} rounds; ratios to raw JetStream)")
for side, title in sides:
    b, s = burst[side], single[side]
    rounds = ", ".join(f"{e['per_second'] / r['per_second']:.2f}" for e, r in zip(b, raw_b))
    print(f"{title + ':':30s} {med(b, 'per_second'):7.0f} events/s"
          + ("" if side == "raw" else f" (ratio {med(b, 'per_second') / med(raw_b, 'per_second'):.2f}; rounds {rounds})"))
    print(f"{'':30s} one at a time p50 {med(s, 'p50_us') / 1000:6.2f} ms, p99 {med(s, 'p99_us') / 1000:6.2f} ms"
          + ("" if side == "raw" else f" (ratios {med(s, 'p50_us') / med(raw_s, 'p50_us'):.2f}, {med(s, 'p99_us') / med(raw_s, 'p99_us'):.2f}; "
                                        f"+{(med(s, 'p50_us') - med(raw_s, 'p50_us')) / 1000:.2f} ms at p50)"))
    print(f"{'':30s} in the burst p50 {med(b, 'p50_us') / 1000:7.1f} ms, p99 {med(b, 'p99_us') / 1000:7.1f} ms (waiting behind the burst)")
    print(f"{'':30s} consumer CPU {med(b, 'consumer_cpu_seconds') / b[0]['events'] * 1e6:5.0f} us/event, nats-server "
          f"{med(b, 'nats_cpu_seconds') / b[0]['events'] * 1e6:4.0f} us/event, publisher {med(b, 'bench_cpu_seconds') / b[0]['events'] * 1e6:4.0f} us/event, machine busy {med(b, 'machine_busy'):.0%}, "
          f"one event per partition every {PARTITIONS / med(b, 'per_second') * 1e6:5.0f} us")
    service = services.get(SERVICES.get(side, ""))
    if service and service.get("runs_total"):
        runs_total = service["runs_total"]
        print(f"{'':30s} node, whole part: {int(runs_total)} runs, per run {service['worker_seconds_total'] / runs_total * 1e6:.0f} us on a "
              f"guest worker ({service['cpu_seconds_total'] / runs_total * 1e6:.0f} us CPU), {service['queue_seconds_total'] / runs_total * 1e6:.0f} us "
              f"queued; {int(service.get('deadline_exceeded_total', 0))} past the deadline, {int(service.get('errors_total', 0))} errors")
    print(f"{'':30s} bound: {bound(side, b, service)}")
    negative = sum(r["negative_acks"] for r in b + s)
    if negative:
        print(f"{'':30s} negative acknowledgements (retries, dead letters): {int(negative)}")
