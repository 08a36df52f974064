"""Summarises scripts/bench.sh's events part (g): each side's median over the rounds, ratios edge node / raw JetStream.
burst: events/s from the first publish to the last event handled (latencies there are mostly waiting behind earlier events);
single: one event at a time, end-to-end latency from the publish to the consumer's acknowledgement (p50/p99).
Also the CPU each consumer spent per event and how busy the machine was, which says what bounds the throughput."""
import pathlib
import re
import statistics
import sys

PARTITIONS = 8


def read(path):
    return {k: float(v) for k, v in re.findall(r"^(\w+)=([\d.]+)$", path.read_text(), re.M)}


def runs(out, mode, side):
    return [read(p) for p in sorted(out.glob(f"events-{mode}-{side}-*.txt"))]


def med(rs, key):
    return statistics.median(r[key] for r in rs)


out = pathlib.Path(sys.argv[1])
raw_burst, edge_burst = runs(out, "burst", "raw"), runs(out, "burst", "platform")
raw_single, edge_single = runs(out, "single", "raw"), runs(out, "single", "platform")
if not (raw_burst and edge_burst and raw_single and edge_single):
    sys.exit("events report: runs missing")

print(f"-- events: a burst of {int(raw_burst[0]['events'])} events, then {int(raw_single[0]['events'])} one at a time "
      f"(median of {len(raw_burst)} rounds; edge node / raw JetStream)")
rates = [e["per_second"] / r["per_second"] for e, r in zip(edge_burst, raw_burst)]
print(f"throughput   raw {med(raw_burst, 'per_second'):8.0f} events/s   edge node {med(edge_burst, 'per_second'):8.0f} events/s   "
      f"ratio {med(edge_burst, 'per_second') / med(raw_burst, 'per_second'):.2f} (rounds {', '.join(f'{x:.2f}' for x in rates)})")
for key, name in (("p50_us", "p50"), ("p99_us", "p99")):
    r, e = med(raw_single, key), med(edge_single, key)
    print(f"latency {name}  raw {r / 1000:8.2f} ms       edge node {e / 1000:8.2f} ms       ratio {e / r:.2f} (+{(e - r) / 1000:.2f} ms; one at a time)")
for key, name in (("p50_us", "p50"), ("p99_us", "p99")):
    r, e = med(raw_burst, key), med(edge_burst, key)
    print(f"burst {name}    raw {r / 1000:8.1f} ms       edge node {e / 1000:8.1f} ms       ratio {e / r:.2f} (queueing behind the burst)")

for side, rs in (("raw", raw_burst), ("edge node", edge_burst)):
    per_event = med(rs, "consumer_cpu_seconds") / rs[0]["events"] * 1e6
    nats = med(rs, "nats_cpu_seconds") / rs[0]["events"] * 1e6
    cycle = PARTITIONS / med(rs, "per_second") * 1e6
    print(f"{side + ':':10s} consumer CPU {per_event:6.0f} us/event, nats-server {nats:5.0f} us/event, machine busy "
          f"{med(rs, 'machine_busy'):.0%}, one event per partition every {cycle:5.0f} us")
busy = med(edge_burst, "machine_busy")
print("what bounds the edge node: " + (
    "CPU: both cores are busy (publisher, nats-server and the node share them); the node's CPU per event is the limit"
    if busy >= 0.9 else
    f"the partitions: each of the {PARTITIONS} holds one event unacknowledged (MaxAckPending 1, order per key), so a partition's "
    "next event waits for the previous one's run and acknowledgement round trip; the cores are not saturated"))
negative = sum(r["negative_acks"] for r in edge_burst + edge_single + raw_burst + raw_single)
if negative:
    print(f"negative acknowledgements (retries or dead letters): {int(negative)}")
