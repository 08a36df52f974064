using Platform.Contracts.Nodes;

namespace Platform.EdgeNode.Agent;

/// <summary>
/// Heartbeats as deltas: after a heartbeat the control plane accepted, the next ones carry only what changed since it (the
/// services whose ready or failed versions changed, each with all of its own, as <see cref="NodeHeartbeatRequest.Changed"/>;
/// the metrics of versions whose counters moved), marked
/// <see cref="NodeHeartbeatRequest.Partial"/>; the control plane keeps what is left out as stored. A failed heartbeat
/// changes nothing here: the next still compares with the last accepted. The first heartbeat of a session, one after a
/// version stopped reporting metrics, and every <see cref="FullEvery"/>th are whole, so the stored view heals whatever
/// happened to it.
/// </summary>
public sealed class HeartbeatDeltas
{
    public const int FullEvery = 30;

    /// <summary>When more services than this changed their readiness at once, the ready and failed lists go whole instead.</summary>
    public const int MaxChangedServices = 1_000;

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
        if (Same(report.Ready, last.Report.Ready) && Same(report.Failed, last.Report.Failed))
        {
            return new NodeHeartbeatRequest(report.AppliedRevision, null, null, moved, Partial: true);
        }
        var changed = Changes(last.Report, report);
        return changed.Count <= MaxChangedServices
            ? new NodeHeartbeatRequest(report.AppliedRevision, null, null, moved, Partial: true, Changed: changed)
            : new NodeHeartbeatRequest(report.AppliedRevision, report.Ready, report.Failed, moved, Partial: true);
    }

    private static bool Same<T>(IReadOnlyList<T> now, IReadOnlyList<T> was) => ReferenceEquals(now, was) || now.SequenceEqual(was);

    /// <summary>The services whose ready or failed versions differ between the two reports, each with all of its own now, by name.</summary>
    private static List<ServiceReadinessDto> Changes(NodeReport before, NodeReport now)
    {
        var was = ByService(before);
        var @is = ByService(now);
        var changed = new List<ServiceReadinessDto>();
        foreach (var service in was.Keys.Union(@is.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (readyWas, failedWas) = was.GetValueOrDefault(service, ([], []));
            var (readyNow, failedNow) = @is.GetValueOrDefault(service, ([], []));
            if (!readyWas.SequenceEqual(readyNow) || !failedWas.SequenceEqual(failedNow)) changed.Add(new ServiceReadinessDto(service, readyNow, failedNow));
        }
        return changed;
    }

    private static Dictionary<string, (List<ReadyVersionDto> Ready, List<FailedVersionDto> Failed)> ByService(NodeReport report)
    {
        var services = new Dictionary<string, (List<ReadyVersionDto> Ready, List<FailedVersionDto> Failed)>(StringComparer.Ordinal);
        foreach (var ready in report.Ready)
        {
            if (!services.TryGetValue(ready.Service, out var lists)) services[ready.Service] = lists = ([], []);
            lists.Ready.Add(ready);
        }
        foreach (var failed in report.Failed)
        {
            if (!services.TryGetValue(failed.Service, out var lists)) services[failed.Service] = lists = ([], []);
            lists.Failed.Add(failed);
        }
        return services;
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
