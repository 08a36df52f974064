using System.Collections.Concurrent;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>All version metrics of the node, keyed by service and version.</summary>
public sealed class EdgeMetrics
{
    private readonly ConcurrentDictionary<(string Service, string Version), VersionMetrics> _versions = new();

    public VersionMetrics For(string service, string version) =>
        _versions.GetOrAdd((service, version), key => new VersionMetrics(key.Service, key.Version));

    public void Record(string service, string version, int status, ExecutionOutcome outcome, TimeSpan elapsed) =>
        For(service, version).Record(status, outcome, elapsed);

    public IReadOnlyList<VersionMetricsDto> Snapshot() =>
        _versions.Values.Select(v => v.Snapshot()).OrderBy(v => v.Service, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
}
