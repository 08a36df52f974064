using System.Globalization;

namespace Platform.Benchmarks.Events;

/// <summary>
/// One measured run of one side: events handled, the time from the first publish to the last acknowledgement, end-to-end
/// latencies (publish sent → acknowledgement seen) and the CPU the consumer (the edge node or the baseline), nats-server, the
/// benchmark itself and the whole machine spent meanwhile.
/// </summary>
internal sealed record RunFigures(int Events, double Seconds, double P50Us, double P99Us, double MaxUs, int Negative, CpuFigures Cpu)
{
    public double PerSecond => Events / Seconds;

    public static double Percentile(long[] sortedTicks, double fraction) =>
        sortedTicks[Math.Clamp((int)Math.Ceiling(fraction * sortedTicks.Length) - 1, 0, sortedTicks.Length - 1)] * 1e6 / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>key=value lines (scripts/events_report.py reads them).</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"""
        events={Events}
        seconds={Seconds:F4}
        per_second={PerSecond:F1}
        p50_us={P50Us:F1}
        p99_us={P99Us:F1}
        max_us={MaxUs:F1}
        negative_acks={Negative}
        consumer_cpu_seconds={Cpu.ConsumerSeconds:F3}
        nats_cpu_seconds={Cpu.NatsSeconds:F3}
        bench_cpu_seconds={Cpu.BenchSeconds:F3}
        machine_busy={Cpu.MachineBusy:F3}

        """);
}
