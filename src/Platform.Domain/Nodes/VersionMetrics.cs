namespace Platform.Domain.Nodes;

/// <summary>
/// The latest cumulative counters one node reported for one service version (since that node started), with the
/// latency sketch of the same requests. Both versions of a service come in the same heartbeat, so any two reports
/// of a node cover the same interval for both. Kept per node so analysis can compare versions on the same traffic.
/// </summary>
public sealed record VersionMetrics
{
    public required string Service { get; init; }
    public required string Version { get; init; }
    /// <summary>
    /// True for the counters of the baseline copy of <see cref="Version"/> (a fresh copy of stable run beside a canary,
    /// see <see cref="Deployments.TrafficSplit"/>), which are kept apart from the version's own.
    /// </summary>
    public bool Baseline { get; init; }
    public long Requests { get; init; }
    public long Errors { get; init; }
    public long Trapped { get; init; }
    public long DeadlineExceeded { get; init; }
    public long Overloaded { get; init; }
    /// <summary>Every latency the node recorded for the version since it started; null from nodes that send no sketch (before 2026-12).</summary>
    public LatencySketch? Latency { get; init; }
    /// <summary>
    /// The control plane's time from which these counters count: the node's previous heartbeat (or its enrolment) when
    /// they first appeared or started again from zero. Null in reports stored before 2026-12.
    /// </summary>
    public DateTimeOffset? CountingSince { get; init; }

    /// <summary>Whether this is the report of that version of that service, as itself or (<paramref name="baseline"/>) as its baseline copy.</summary>
    public bool Is(string service, string version, bool baseline = false) =>
        Service == service && Version == version && Baseline == baseline;

    /// <summary>
    /// <paramref name="report"/> stamped with when its counters began: kept from <paramref name="previous"/> (this node's
    /// last stored report of the version) while they only grow (long ago when that report predates the stamp), else
    /// <paramref name="previousHeartbeat"/>.
    /// </summary>
    public static VersionMetrics Continuing(VersionMetrics report, VersionMetrics? previous, DateTimeOffset previousHeartbeat) =>
        report with
        {
            CountingSince = previous is not null && report.Requests >= previous.Requests && report.Errors >= previous.Errors
                ? previous.CountingSince ?? DateTimeOffset.MinValue
                : previousHeartbeat,
        };
}
