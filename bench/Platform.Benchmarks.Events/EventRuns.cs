using System.Diagnostics;

namespace Platform.Benchmarks.Events;

/// <summary>
/// The two ways a side is measured. <see cref="BurstAsync"/>: N events published as fast as the publisher gets JetStream's
/// acknowledgements (<see cref="PublishersInFlight"/> at once), throughput from the first publish to the last event handled;
/// its latencies are mostly time spent waiting behind earlier events. <see cref="OneAtATimeAsync"/>: the next event is published
/// once the previous one was handled, so its latencies are one event's way through an idle system.
/// </summary>
internal sealed class EventRuns(int natsPid, TimeSpan timeout)
{
    public const int PublishersInFlight = 64;

    public async Task<RunFigures> BurstAsync(BenchSide side, string run, int count, CancellationToken ct)
    {
        var sequences = new ulong[count];
        var sent = new long[count];
        var negativeBefore = side.Acks.Negative;
        var cpu = new CpuSampler(side.ConsumerPid, natsPid);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, PublishersInFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                (sequences[i], sent[i]) = await side.Events.PublishAsync(run, i, ct);
            }
        }, ct)));
        var handled = await WaitAsync(side, sequences, ct);
        return Figures(sent, handled, handled.Max() - sent.Min(), side.Acks.Negative - negativeBefore, cpu.Stop());
    }

    public async Task<RunFigures> OneAtATimeAsync(BenchSide side, string run, int count, CancellationToken ct)
    {
        var sent = new long[count];
        var handled = new long[count];
        var negativeBefore = side.Acks.Negative;
        var cpu = new CpuSampler(side.ConsumerPid, natsPid);
        for (var i = 0; i < count; i++)
        {
            var (sequence, at) = await side.Events.PublishAsync(run, i, ct);
            sent[i] = at;
            handled[i] = (await WaitAsync(side, [sequence], ct))[0];
        }
        return Figures(sent, handled, handled[^1] - sent[0], side.Acks.Negative - negativeBefore, cpu.Stop());
    }

    private async Task<long[]> WaitAsync(BenchSide side, ulong[] sequences, CancellationToken ct)
    {
        var waits = sequences.Select(side.Acks.HandledAt).ToArray();
        try
        {
            return await Task.WhenAll(waits).WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            var missing = waits.Count(w => !w.IsCompleted);
            throw new TimeoutException($"{side.Name}: {missing} of {sequences.Length} events not handled within {timeout.TotalSeconds:0} s " +
                $"({side.Acks.Negative} negative acknowledgements so far)");
        }
    }

    private static RunFigures Figures(long[] sent, long[] handled, long elapsed, int negative, CpuFigures cpu)
    {
        var latencies = sent.Select((s, i) => handled[i] - s).Order().ToArray();
        return new RunFigures(sent.Length, (double)elapsed / Stopwatch.Frequency, RunFigures.Percentile(latencies, 0.50), RunFigures.Percentile(latencies, 0.99),
            RunFigures.Percentile(latencies, 1.0), negative, cpu);
    }
}
