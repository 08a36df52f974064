using NATS.Client.JetStream;
using Platform.Contracts.Topics;

namespace Platform.Benchmarks.Events;

/// <summary>
/// The comparison, in one run: rounds that alternate the baseline and the edge node (the order flips every round), each a burst
/// of <c>events</c> events and then <c>single</c> events one at a time. Every run's figures go to
/// <c>events-&lt;burst|single&gt;-&lt;side&gt;-&lt;round&gt;.txt</c> in the output folder (scripts/events_report.py takes each side's
/// median and the ratios). Before the rounds, both sides' consumers must exist on their streams and a warm-up of 200 events
/// each must come through.
/// </summary>
internal sealed class EventsBenchmark(NatsJSContext js, EventRuns runs, string outDir)
{
    private const int WarmUpEvents = 200;

    public async Task RunAsync(BenchSide raw, BenchSide platform, int burst, int single, int rounds, CancellationToken ct)
    {
        foreach (var side in new[] { raw, platform })
        {
            await WaitForConsumersAsync(side, ct);
            await runs.OneAtATimeAsync(side, $"warm{side.Name[0]}", WarmUpEvents, ct);
        }
        for (var round = 1; round <= rounds; round++)
        {
            var order = round % 2 == 1 ? new[] { raw, platform } : [platform, raw];
            foreach (var side in order)
            {
                Write("burst", side, round, await runs.BurstAsync(side, $"b{round}{side.Name[0]}", burst, ct));
            }
            foreach (var side in order)
            {
                Write("single", side, round, await runs.OneAtATimeAsync(side, $"s{round}{side.Name[0]}", single, ct));
            }
        }
    }

    private void Write(string mode, BenchSide side, int round, RunFigures figures)
    {
        File.WriteAllText(Path.Combine(outDir, $"events-{mode}-{side.Name}-{round}.txt"), figures.ToText());
        Console.WriteLine($"round {round} {mode,-6} {side.Name,-8}: {figures.Events} events in {figures.Seconds:F2} s = {figures.PerSecond,7:F0}/s, " +
            $"p50 {figures.P50Us / 1000,7:F2} ms, p99 {figures.P99Us / 1000,7:F2} ms, consumer CPU {figures.Cpu.ConsumerSeconds:F2} s, " +
            $"nats-server CPU {figures.Cpu.NatsSeconds:F2} s, machine busy {figures.Cpu.MachineBusy:P0}, negative acks {figures.Negative}");
    }

    /// <summary>Every partition's durable consumer exists on the side's stream (the edge node creates its own once it runs the version).</summary>
    private async Task WaitForConsumersAsync(BenchSide side, CancellationToken ct)
    {
        var stream = EventSubjects.Stream(side.Events.Topic);
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var count = 0;
            await foreach (var _ in js.ListConsumerNamesAsync(stream, ct))
            {
                count++;
            }
            if (count >= EventSubjects.Partitions)
            {
                return;
            }
            await Task.Delay(500, ct);
        }
        throw new TimeoutException($"{side.Name}: the consumers of {stream} never appeared");
    }
}
