using System.Collections.Concurrent;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>
/// All version metrics of the node, keyed by service, version and role (a baseline copy of a version counts apart
/// from the version itself), and each service's share of the guest workers.
/// </summary>
public sealed class EdgeMetrics
{
    private readonly ConcurrentDictionary<(string Service, string Version, VersionRole Role), VersionMetrics> _versions = new();
    private readonly ConcurrentDictionary<string, ServiceMetrics> _services = new(StringComparer.Ordinal);

    /// <summary>The entry each loaded instance records into, kept from its first record (see <see cref="For(LoadedVersion)"/>).</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<LoadedVersion, VersionMetrics> _instances = new();

    public VersionMetrics For(string service, string version, VersionRole role = VersionRole.Serving) =>
        _versions.GetOrAdd((service, version, role), key => new VersionMetrics(key.Service, key.Version, key.Role));

    /// <summary>
    /// The instance's counters: the entry of its service, version and role when it first records, kept by the instance
    /// after that. A request still running when its version left the node (a baseline copy dropped at promotion) ends
    /// after <see cref="Forget"/>: it must not bring the entry back, or the node would report the copy for ever.
    /// </summary>
    public VersionMetrics For(LoadedVersion version) =>
        _instances.GetValue(version, v => For(v.Service, v.Version, v.Role));

    public ServiceMetrics ForService(string service) =>
        _services.GetOrAdd(service, name => new ServiceMetrics(name));

    public void Record(string service, string version, int status, ExecutionOutcome outcome, TimeSpan elapsed) =>
        For(service, version).Record(status, outcome, elapsed);

    public void Record(LoadedVersion version, int status, ExecutionOutcome outcome, TimeSpan elapsed) =>
        For(version).Record(status, outcome, elapsed);

    /// <summary>Counters of <paramref name="version"/> from zero: a freshly started baseline copy counts only what it serves itself.</summary>
    public void Restart(LoadedVersion version)
    {
        var fresh = new VersionMetrics(version.Service, version.Version, version.Role);
        _versions[(version.Service, version.Version, version.Role)] = fresh;
        _instances.AddOrUpdate(version, fresh);
    }

    /// <summary>Stops reporting a retired copy (a baseline whose canary ended or went back to weight 0).</summary>
    public void Forget(string service, string version, VersionRole role) => _versions.TryRemove((service, version, role), out _);

    public IReadOnlyList<VersionMetricsDto> Snapshot() =>
        _versions.Values.Select(v => v.Snapshot()).OrderBy(v => v.Service, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal)
            .ThenBy(v => v.Role).ToList();

    public IReadOnlyList<ServiceMetricsSnapshot> ServiceSnapshot() =>
        _services.Values.Select(s => s.Snapshot()).OrderBy(s => s.Service, StringComparer.Ordinal).ToList();
}
