namespace Platform.Benchmarks.Events;

/// <summary>
/// CPU time over a run: of the consuming process, of nats-server, of this benchmark (publishing and watching acks), and the
/// machine's busy share (all cores).
/// </summary>
internal sealed record CpuFigures(double ConsumerSeconds, double NatsSeconds, double BenchSeconds, double MachineBusy);
