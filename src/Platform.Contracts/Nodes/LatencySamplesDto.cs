namespace Platform.Contracts.Nodes;

/// <summary>A bounded reservoir of the most recent raw latencies of one version.</summary>
/// <param name="Recorded">
/// Samples ever recorded. Between two heartbeats, the newest <c>Recorded - previous Recorded</c>
/// entries of <paramref name="RecentMicros"/> are new (all of them when that exceeds its length).
/// </param>
/// <param name="RecentMicros">The last min(Recorded, capacity) latencies in microseconds, oldest first.</param>
public sealed record LatencySamplesDto(long Recorded, IReadOnlyList<long> RecentMicros)
{
    public static LatencySamplesDto Empty { get; } = new(0, []);
}
