using System.Collections.Concurrent;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>All version metrics of the node, keyed by service and version, and each service's share of the guest workers.</summary>
public sealed class EdgeMetrics
{
    private readonly ConcurrentDictionary<(string Service, string Version), VersionMetrics> _versions = new();
    private readonly ConcurrentDictionary<string, ServiceMetrics> _services = new(StringComparer.Ordinal);

    public VersionMetrics For(string service, string version) =>
        _versions.GetOrAdd((service, version), key => new VersionMetrics(key.Service, key.Version));

    public ServiceMetrics ForService(string service) =>
        _services.GetOrAdd(service, name => new ServiceMetrics(name));

    public void Record(string service, string version, int status, ExecutionOutcome outcome, TimeSpan elapsed) =>
        For(service, version).Record(status, outcome, elapsed);

    public IReadOnlyList<VersionMetricsDto> Snapshot() =>
        _versions.Values.Select(v => v.Snapshot()).OrderBy(v => v.Service, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ServiceMetricsSnapshot> ServiceSnapshot() =>
        _services.Values.Select(s => s.Snapshot()).OrderBy(s => s.Service, StringComparer.Ordinal).ToList();
}
