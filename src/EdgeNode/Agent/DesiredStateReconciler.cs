using System.Diagnostics;
using Platform.Contracts.Nodes;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;

namespace Platform.EdgeNode.Agent;

/// <summary>
/// Converges the routing table to a desired state. Versions already loaded with the same digest,
/// grants and limits are reused; new ones are taken from the compiled cache or downloaded,
/// loaded parkable (idle ones leave memory, see <see cref="Residency"/>; replaced and removed ones are retired),
/// verified and compiled (components and WAGI modules each by their own cache). A service is swapped in only when all of its versions are ready;
/// otherwise it keeps serving what it served before and the failures are reported.
/// A baseline copy of stable (<see cref="VersionRole.Baseline"/>) is loaded as a version of its own from the same
/// compiled artefact (own instances, instance budget and metrics, which start from zero when it is started). Every
/// version the desired state no longer has is forgotten, its metrics included. An entry that brings a trace context new to
/// the node is applied inside an "edge.apply" span under it (<see cref="PlacementTrace"/>), ended once the entry is served.
/// </summary>
public sealed class DesiredStateReconciler(
    RoutingTable table, ComponentCache components, ModuleCache modules, VersionLoader loader, NodeStatus status, OutboundNetworkPolicy outbound,
    TopicSchemaBook schemas, EdgeMetrics metrics, PlacementTrace trace, ILogger<DesiredStateReconciler> logger)
{
    private Dictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <summary>Applies the state; returns true when the routing table or the reported status changed.</summary>
    /// <exception cref="HttpRequestException">A blob download failed; nothing was swapped for that service.</exception>
    public async Task<bool> ApplyAsync(NodeDesiredStateDto desired, Func<string, CancellationToken, Task<byte[]>> download, CancellationToken ct)
    {
        var spans = new List<(string Service, Activity Span)>();
        trace.Begin();
        try
        {
            var (changed, served) = await ConvergeAsync(desired, download, spans, ct);
            foreach (var (service, span) in spans)
            {
                span.SetTag("platform.edge.serving", served.Contains(service));
                if (!served.Contains(service) && span.Status != ActivityStatusCode.Error)
                    span.SetStatus(ActivityStatusCode.Error, $"Another version of {service} could not be loaded; the node keeps serving what it served before.");
            }
            trace.End();
            return changed;
        }
        catch (Exception ex)
        {
            foreach (var (_, span) in spans) span.SetStatus(ActivityStatusCode.Error, ex.GetBaseException().Message);
            throw;
        }
        finally
        {
            foreach (var (_, span) in spans) span.Dispose();
        }
    }

    /// <summary>The convergence itself; also returns the services now served as the state says.</summary>
    private async Task<(bool Changed, HashSet<string> Served)> ConvergeAsync(NodeDesiredStateDto desired, Func<string, CancellationToken, Task<byte[]>> download,
        List<(string Service, Activity Span)> spans, CancellationToken ct)
    {
        outbound.Allow(desired.AllowedOutboundNetworks ?? []);
        schemas.Replace(desired.TopicSchemas);
        var current = table.Routes.ToDictionary(r => r.Service, StringComparer.Ordinal);
        var next = new List<ServiceRoute>();
        var failed = new List<FailedVersionDto>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var served = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in desired.Services)
        {
            current.TryGetValue(service.Service, out var existing);
            var routed = new List<RoutedVersion>();
            foreach (var assignment in service.Versions)
            {
                var outer = Activity.Current;
                var span = trace.Start(service.Service, assignment);
                if (span is not null) spans.Add((service.Service, span));
                try
                {
                    var reason = await AssignAsync(service.Service, assignment, existing, routed, span, download, ct);
                    if (reason is null) continue;
                    span?.SetStatus(ActivityStatusCode.Error, reason);
                    failures[VersionKey(service.Service, assignment)] = reason;
                    failed.Add(new FailedVersionDto(service.Service, assignment.Version, assignment.Digest, reason));
                }
                finally
                {
                    // The entry's span is current only while it loads: the next entry's must not become its child.
                    Activity.Current = outer;
                }
            }
            if (routed.Count == service.Versions.Count)
            {
                next.Add(new ServiceRoute(service.Service, service.Route, routed));
                served.Add(service.Service);
            }
            else
            {
                if (existing is not null)
                {
                    next.Add(existing);
                }
                // Loaded for nothing this time (another version of the service failed): released at once.
                var kept = existing?.Versions.Select(v => v.Loaded).ToHashSet(ReferenceEqualityComparer.Instance) ?? [];
                foreach (var unused in routed.Select(v => v.Loaded).Where(v => !kept.Contains(v)))
                {
                    unused.Retire();
                }
            }
        }
        _failures = failures;
        var before = status.Current;
        table.Replace(next);
        // A version no longer placed here takes its counts with it: a rolled-back canary rolled out again later starts from
        // zero (its old errors are not a new window's), and the node stops reporting what the control plane would drop.
        var placed = next.SelectMany(r => r.Versions.Select(v => (r.Service, v.Loaded.Version, v.Loaded.Role))).ToHashSet();
        foreach (var retired in current.Values.SelectMany(r => r.Versions).Select(v => v.Loaded)
                     .Where(v => !placed.Contains((v.Service, v.Version, v.Role))))
        {
            metrics.Forget(retired.Service, retired.Version, retired.Role);
        }
        // A version replaced (new grants, limits or digest) or gone releases its compiled component once its last run ends.
        var serving = next.SelectMany(r => r.Versions).Select(v => v.Loaded).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var replaced in current.Values.SelectMany(r => r.Versions).Select(v => v.Loaded).Where(v => !serving.Contains(v)))
        {
            replaced.Retire();
        }
        // A baseline copy is the version itself as far as readiness goes.
        var ready = next.SelectMany(r => r.Versions.Select(v => new ReadyVersionDto(r.Service, v.Loaded.Version, v.Loaded.Digest))).Distinct().ToList();
        status.Update(failed.Count == 0 ? desired.Revision : before.AppliedRevision, ready, failed);
        return (before.AppliedRevision != status.AppliedRevision || !before.Ready.SequenceEqual(ready) || !before.Failed.SequenceEqual(failed), served);
    }

    /// <summary>Adds the entry to <paramref name="routed"/> (reused or loaded); otherwise returns why it cannot be served.</summary>
    private async Task<string?> AssignAsync(string service, VersionAssignmentDto assignment, ServiceRoute? existing, List<RoutedVersion> routed,
        Activity? span, Func<string, CancellationToken, Task<byte[]>> download, CancellationToken ct)
    {
        var reused = existing?.Versions.FirstOrDefault(v => v.Loaded.Serves(assignment));
        if (reused is not null)
        {
            span?.SetTag("platform.edge.load", "reused");
            routed.Add(reused with { Weight = assignment.Weight });
            return null;
        }
        if (_failures.TryGetValue(VersionKey(service, assignment), out var known)) return known;
        try
        {
            var loaded = await LoadAsync(service, assignment, span, download, ct);
            if (loaded.Role == VersionRole.Baseline) metrics.Restart(loaded);
            routed.Add(new RoutedVersion(loaded, assignment.Weight));
            return null;
        }
        catch (Exception ex) when (ex is VersionLoadException or DigestMismatchException or Wasmtime.WasmtimeException or InvalidDataException or FormatException)
        {
            logger.LogError("Version {Service} {Version} ({Digest}) cannot be served: {Reason}", service, assignment.Version, assignment.Digest, ex.Message);
            return ex.Message;
        }
    }

    private static string VersionKey(string service, VersionAssignmentDto assignment) =>
        $"{service}|{assignment.Version}|{assignment.Digest}|{assignment.Executor}|{assignment.Role}";

    private async Task<LoadedVersion> LoadAsync(string service, VersionAssignmentDto assignment, Activity? span, Func<string, CancellationToken, Task<byte[]>> download, CancellationToken ct)
    {
        ExecutorNames.RequireKnown(assignment.Executor);
        var digest = ComponentDigest.Prefix + ComponentDigest.Hex(assignment.Digest);
        LoadedVersion loaded;
        bool fromDisk;
        TimeSpan loadTime;
        if (ExecutorNames.IsWagi(assignment.Executor))
        {
            var module = modules.TryLoad(digest, out var cached) ? cached : modules.Load(digest, await download(digest, ct));
            (loaded, fromDisk, loadTime) = (loader.Load(service, assignment, module), module.LoadedFromDiskCache, module.LoadTime);
        }
        else
        {
            var component = components.TryLoad(digest, out var cached) ? cached : components.Load(digest, await download(digest, ct));
            // The version runs on copies it reads from the disk cache (and releases when parked): the cache keeps none in memory.
            (loaded, fromDisk, loadTime) = (loader.Load(service, assignment, component, () => components.Open(digest)), component.LoadedFromDiskCache, component.LoadTime);
            components.Evict(digest);
        }
        span?.SetTag("platform.edge.load", fromDisk ? "disk cache" : "compiled");
        logger.LogInformation("Version {Service} {Version}{Role} ready ({Executor} {Digest}, {Source} in {Ms:F1} ms)", service, assignment.Version,
            assignment.Role == VersionRole.Baseline ? " (baseline copy)" : "", assignment.Executor, assignment.Digest, fromDisk ? "disk cache" : "compiled",
            loadTime.TotalMilliseconds);
        return loaded;
    }
}
