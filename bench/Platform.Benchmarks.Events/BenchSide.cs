namespace Platform.Benchmarks.Events;

/// <summary>
/// One side of the comparison: its name in the output ("raw", "platform"), the topic its events go to, the observer of its
/// consumer's acknowledgements and the process that consumes (for its CPU time).
/// </summary>
internal sealed record BenchSide(string Name, OrderEvents Events, AckObserver Acks, int ConsumerPid);
