using Platform.Contracts.Nodes;

namespace Platform.EdgeNode.Agent;

/// <summary>
/// Heartbeats as deltas: after a heartbeat the control plane accepted, the next ones carry only what changed since it (the
/// ready and failed versions when they changed, the metrics of versions whose counters moved), marked
/// <see cref="NodeHeartbeatRequest.Partial"/>; the control plane keeps what is left out as stored. A failed heartbeat
/// changes nothing here: the next still compares with the last accepted. The first heartbeat of a session, one after a
/// version stopped reporting metrics, and every <see cref="FullEvery"/>th are whole, so the stored view heals whatever
/// happened to it.
/// </summary>
public sealed class HeartbeatDeltas
{
    public const int FullEvery = 30;

    private Accepted? _accepted;
    private int _partials;

    /// <summary>The heartbeat to send for this report and these metrics (whole or partial).</summary>
    public NodeHeartbeatRequest Next(NodeReport report, IReadOnlyList<VersionMetricsDto> metrics)
    {
        var keys = metrics.Select(Key).ToHashSet();
        // A version that stopped reporting (retired, or a baseline copy ended) is said by a whole heartbeat: rare, and
        // then nothing stale stays behind wherever the heartbeat is kept.
        if (_accepted is not { } last || _partials >= FullEvery - 1 || last.Counters.Keys.Any(k => !keys.Contains(k)))
        {
            return new NodeHeartbeatRequest(report.AppliedRevision, report.Ready, report.Failed, metrics);
        }
        var moved = metrics.Where(m => !last.Counters.TryGetValue(Key(m), out var was) || was != Counters.Of(m)).ToList();
        return new NodeHeartbeatRequest(report.AppliedRevision,
            report.Ready.SequenceEqual(last.Report.Ready) ? null : report.Ready,
            report.Failed.SequenceEqual(last.Report.Failed) ? null : report.Failed,
            moved, Partial: true);
    }

    /// <summary>The control plane accepted <paramref name="sent"/>, made by <see cref="Next"/> from this report and these metrics.</summary>
    public void Accept(NodeHeartbeatRequest sent, NodeReport report, IReadOnlyList<VersionMetricsDto> metrics)
    {
        _partials = sent.Partial ? _partials + 1 : 0;
        _accepted = new Accepted(report, metrics.ToDictionary(Key, Counters.Of));
    }

    /// <summary>A new session (enrolled again): the next heartbeat is whole.</summary>
    public void Reset()
    {
        _accepted = null;
        _partials = 0;
    }

    private static (string, string, VersionRole) Key(VersionMetricsDto m) => (m.Service, m.Version, m.Role);

    private sealed record Accepted(NodeReport Report, Dictionary<(string, string, VersionRole), Counters> Counters);

    // Latencies are recorded with requests: equal counters mean an unchanged sketch.
    private readonly record struct Counters(long Requests, long Errors, long Trapped, long DeadlineExceeded, long Overloaded)
    {
        public static Counters Of(VersionMetricsDto m) => new(m.Requests, m.Errors, m.Trapped, m.DeadlineExceeded, m.Overloaded);
    }
}
