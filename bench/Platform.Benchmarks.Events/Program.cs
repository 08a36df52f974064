using NATS.Client.Core;
using NATS.Client.JetStream;
using Platform.Benchmarks.Events;

// Events benchmark against a running nats-server (scripts/bench.sh, BENCH_ONLY=events, starts everything):
//   consume <nats-url> <topic>
//       the baseline consumer (RawConsumer): the node's per-event work minus the guest, until stopped
//   run <nats-url> <out-dir> <nats-server-pid> <side>=<topic>:<consumer-pid>... [--events N] [--single M] [--rounds R] [--keys K]
//       publishes order events to each side's topic and measures the sides in turn (EventsBenchmark); the first is the baseline
var mode = args[0];
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

// Stopped by Ctrl-C or SIGTERM (bench.sh ends the baseline consumer so); the token lives as long as the process.
var stop = new CancellationTokenSource();
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
        List<BenchSide> sides = [];
        foreach (var side in args.Skip(4).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)))
        {
            // <name>=<topic>:<consumer pid>
            var (name, rest) = (side[..side.IndexOf('=')], side[(side.IndexOf('=') + 1)..]);
            var topic = rest[..rest.LastIndexOf(':')];
            var acks = await AckObserver.StartAsync(observing, Platform.Contracts.Topics.EventSubjects.Stream(topic), stop.Token);
            sides.Add(new BenchSide(name, new OrderEvents(js, topic, keys), acks, int.Parse(rest[(rest.LastIndexOf(':') + 1)..])));
        }
        var runs = new EventRuns(int.Parse(args[3]), TimeSpan.FromSeconds(Option("--timeout", 300)));
        await new EventsBenchmark(js, runs, args[2]).RunAsync(sides, Option("--events", 20000), Option("--single", 1000), Option("--rounds", 3), stop.Token);
        foreach (var side in sides)
        {
            await side.Acks.DisposeAsync();
        }
        break;
    }
    default:
        Console.Error.WriteLine($"unknown mode {mode}: consume or run");
        return 2;
}
return 0;
