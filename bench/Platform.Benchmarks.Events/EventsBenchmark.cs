using NATS.Client.JetStream;
using Platform.Contracts.Topics;

namespace Platform.Benchmarks.Events;

/// <summary>
/// The comparison, in one run: rounds that measure the sides in turn (the baseline, the edge node's services; the order is
/// reversed every other round), each a burst
/// of <c>events</c> events and then <c>single</c> events one at a time. Every run's figures go to
/// <c>events-&lt;burst|single&gt;-&lt;side&gt;-&lt;round&gt;.txt</c> in the output folder (scripts/events_report.py takes each side's
/// median and the ratios). Before the rounds, every side's consumers must exist on its stream and a warm-up must come
/// through (200 events one at a time, then a burst of 2,000: the first large burst ran half as fast, code still being compiled).
/// </summary>
internal sealed class EventsBenchmark(NatsJSContext js, EventRuns runs, string outDir)
{
    private const int WarmUpSingle = 200;
    private const int WarmUpBurst = 2000;

    public async Task RunAsync(IReadOnlyList<BenchSide> sides, int burst, int single, int rounds, CancellationToken ct)
    {
        for (var i = 0; i < sides.Count; i++)
        {
            await WaitForConsumersAsync(sides[i], ct);
            await runs.OneAtATimeAsync(sides[i], RunName('w', 0, i), WarmUpSingle, ct);
            await runs.BurstAsync(sides[i], RunName('v', 0, i), Math.Min(burst, WarmUpBurst), ct);
        }
        for (var round = 1; round <= rounds; round++)
        {
            var order = Enumerable.Range(0, sides.Count).ToList();
            if (round % 2 == 0)
            {
                order.Reverse();
            }
            foreach (var i in order)
            {
                Write("burst", sides[i], round, await runs.BurstAsync(sides[i], RunName('b', round, i), burst, ct));
            }
            foreach (var i in order)
            {
                Write("single", sides[i], round, await runs.OneAtATimeAsync(sides[i], RunName('s', round, i), single, ct));
            }
        }
    }

    /// <summary>
    /// A run's part of the order ids: mode letter, round, side's index ("b10": burst, round 1, the baseline), the same length
    /// for every side, so every side's payloads are the same size.
    /// </summary>
    public static string RunName(char mode, int round, int side) => $"{mode}{round}{side}";

    private void Write(string mode, BenchSide side, int round, RunFigures figures)
    {
        File.WriteAllText(Path.Combine(outDir, $"events-{mode}-{side.Name}-{round}.txt"), figures.ToText());
        Console.WriteLine($"round {round} {mode,-6} {side.Name,-10}: {figures.Events} events in {figures.Seconds:F2} s = {figures.PerSecond,7:F0}/s, " +
            $"p50 {figures.P50Us / 1000,7:F2} ms, p99 {figures.P99Us / 1000,7:F2} ms, consumer CPU {figures.Cpu.ConsumerSeconds:F2} s, " +
            $"nats-server CPU {figures.Cpu.NatsSeconds:F2} s, bench CPU {figures.Cpu.BenchSeconds:F2} s, machine busy {figures.Cpu.MachineBusy:P0}, negative acks {figures.Negative}");
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
