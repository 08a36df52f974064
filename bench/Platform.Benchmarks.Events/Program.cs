using NATS.Client.Core;
using NATS.Client.JetStream;
using Platform.Benchmarks.Events;

// Events benchmark against a running nats-server (scripts/bench.sh, BENCH_ONLY=events, starts everything):
//   consume <nats-url> <topic>
//       the baseline consumer (RawConsumer): the node's per-event work minus the guest, until stopped
//   run <nats-url> <out-dir> <raw-topic> <raw-consumer-pid> <platform-topic> <edge-node-pid> <nats-server-pid>
//       [--events N] [--single M] [--rounds R] [--keys K]
//       publishes order events to both topics and measures each side (EventsBenchmark)
var mode = args[0];
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
NatsConnection Connect(string name) => new(NatsOpts.Default with
{
    Url = args[1],
    Name = $"bench-events-{name}",
    // The ack observers must see every acknowledgement: a subscription waits rather than dropping when it falls behind.
    SubPendingChannelCapacity = 1 << 20,
    SubPendingChannelFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait,
});
await using var nats = Connect(mode);
await nats.ConnectAsync();
switch (mode)
{
    case "consume":
        await RawConsumer.RunAsync(nats, args[2], stop.Token);
        break;
    case "run":
    {
        var js = new NatsJSContext(nats);
        var keys = Option("--keys", 1000);
        // Acknowledgements are seen on a connection of their own, apart from the publisher's.
        await using var observing = Connect("acks");
        await observing.ConnectAsync();
        await using var rawAcks = await AckObserver.StartAsync(observing, Platform.Contracts.Topics.EventSubjects.Stream(args[3]), stop.Token);
        await using var platformAcks = await AckObserver.StartAsync(observing, Platform.Contracts.Topics.EventSubjects.Stream(args[5]), stop.Token);
        var raw = new BenchSide("raw", new OrderEvents(js, args[3], keys), rawAcks, int.Parse(args[4]));
        var platform = new BenchSide("platform", new OrderEvents(js, args[5], keys), platformAcks, int.Parse(args[6]));
        var runs = new EventRuns(int.Parse(args[7]), TimeSpan.FromSeconds(Option("--timeout", 300)));
        await new EventsBenchmark(js, runs, args[2]).RunAsync(raw, platform, Option("--events", 20000), Option("--single", 1000), Option("--rounds", 3), stop.Token);
        break;
    }
    default:
        Console.Error.WriteLine($"unknown mode {mode}: consume or run");
        return 2;
}
return 0;
