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
    // What each service's entry converged to: the entry itself (a delta keeps the objects of the entries it does not
    // carry), the versions it reports ready (its route's, or nothing) and those that failed, with why.
    private Dictionary<string, Converged> _converged = new(StringComparer.Ordinal);

    private sealed record Converged(ServiceAssignmentDto Entry, IReadOnlyList<ReadyVersionDto> Ready, IReadOnlyList<FailedVersionDto> Failed,
        IReadOnlyDictionary<string, string> Reasons);

    /// <summary>Applies the state; returns true when the routing table or the reported status changed.</summary>
    /// <exception cref="HttpRequestException">A blob download failed; nothing was swapped and nothing loaded in this pass is kept.</exception>
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

    /// <summary>
    /// The convergence itself; also returns the services now served as the state says. Only the entries that are not the
    /// ones converged last time are worked on (with ten thousand services a rollout's step changes one); the others keep
    /// their routes, their readiness and their failures (a failed version is tried again when its entry changes).
    /// </summary>
    private async Task<(bool Changed, HashSet<string> Served)> ConvergeAsync(NodeDesiredStateDto desired, Func<string, CancellationToken, Task<byte[]>> download,
        List<(string Service, Activity Span)> spans, CancellationToken ct)
    {
        outbound.Allow(desired.AllowedOutboundNetworks ?? []);
        schemas.Replace(desired.TopicSchemas);
        var converged = new Dictionary<string, Converged>(_converged, StringComparer.Ordinal);
        var swapped = new List<ServiceRoute>();
        var leaving = new List<ServiceRoute>();
        var loaded = new List<LoadedVersion>();
        var served = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new HashSet<string>(desired.Services.Count, StringComparer.Ordinal);
        var worked = 0;
        try
        {
            foreach (var service in desired.Services)
            {
                wanted.Add(service.Service);
                var previous = converged.GetValueOrDefault(service.Service);
                if (previous is not null && ReferenceEquals(previous.Entry, service)) continue;
                worked++;
                var existing = table.Find(service.Service);
                var (routed, failed, reasons) = await AssignAllAsync(service, existing, previous?.Reasons, loaded, spans, download, ct);
                var route = existing;
                if (routed.Count == service.Versions.Count)
                {
                    route = new ServiceRoute(service.Service, service.Route, routed);
                    swapped.Add(route);
                    served.Add(service.Service);
                    if (existing is not null) leaving.Add(existing);
                }
                converged[service.Service] = new Converged(service, ReadyOf(route), failed, reasons);
            }
        }
        catch
        {
            // Nothing of this pass is swapped in: what it loaded is released.
            foreach (var version in loaded) version.Retire();
            throw;
        }
        var removed = converged.Keys.Where(name => !wanted.Contains(name)).ToList();
        foreach (var name in removed)
        {
            converged.Remove(name);
            if (table.Find(name) is { } gone) leaving.Add(gone);
        }
        table.Apply(swapped, removed);
        _converged = converged;
        Release(loaded, swapped, leaving);

        var before = status.Current;
        // In the state's (name) order; a baseline copy is the version itself as far as readiness goes.
        var reconverged = worked > 0 || removed.Count > 0;
        var ready = reconverged ? desired.Services.SelectMany(s => converged[s.Service].Ready).ToList() : before.Ready;
        var failures = reconverged ? desired.Services.SelectMany(s => converged[s.Service].Failed).ToList() : before.Failed;
        status.Update(failures.Count == 0 ? desired.Revision : before.AppliedRevision, ready, failures);
        return (before.AppliedRevision != status.AppliedRevision || !before.Ready.SequenceEqual(ready) || !before.Failed.SequenceEqual(failures), served);
    }

    /// <summary>
    /// Every version of the entry reused or loaded (those loaded are added to <paramref name="loaded"/>), or why it cannot
    /// be served; a version that failed before with the same assignment (<paramref name="knownReasons"/>) is not tried again.
    /// </summary>
    private async Task<(List<RoutedVersion> Routed, List<FailedVersionDto> Failed, Dictionary<string, string> Reasons)> AssignAllAsync(
        ServiceAssignmentDto service, ServiceRoute? existing, IReadOnlyDictionary<string, string>? knownReasons, List<LoadedVersion> loaded,
        List<(string Service, Activity Span)> spans, Func<string, CancellationToken, Task<byte[]>> download, CancellationToken ct)
    {
        var routed = new List<RoutedVersion>();
        var failed = new List<FailedVersionDto>();
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in service.Versions)
        {
            var outer = Activity.Current;
            var span = trace.Start(service.Service, assignment);
            if (span is not null) spans.Add((service.Service, span));
            try
            {
                var reason = await AssignAsync(service.Service, assignment, existing, knownReasons, routed, loaded, span, download, ct);
                if (reason is null) continue;
                span?.SetStatus(ActivityStatusCode.Error, reason);
                reasons[VersionKey(service.Service, assignment)] = reason;
                failed.Add(new FailedVersionDto(service.Service, assignment.Version, assignment.Digest, reason));
            }
            finally
            {
                // The entry's span is current only while it loads: the next entry's must not become its child.
                Activity.Current = outer;
            }
        }
        return (routed, failed, reasons);
    }

    private static List<ReadyVersionDto> ReadyOf(ServiceRoute? route) =>
        route?.Versions.Select(v => new ReadyVersionDto(route.Service, v.Loaded.Version, v.Loaded.Digest)).Distinct().ToList() ?? [];

    /// <summary>
    /// Releases what this pass no longer serves: versions loaded for nothing (another version of their service failed),
    /// and of the routes <paramref name="leaving"/> (replaced or removed) the versions the new routes do not keep, whose
    /// counts are forgotten too (a rolled-back canary rolled out again later starts from zero, and the node stops
    /// reporting what the control plane would drop). A released version's compiled component goes once its last run ends.
    /// </summary>
    private void Release(List<LoadedVersion> loaded, List<ServiceRoute> swapped, List<ServiceRoute> leaving)
    {
        var serving = swapped.SelectMany(r => r.Versions).Select(v => v.Loaded).ToHashSet(ReferenceEqualityComparer.Instance);
        var placed = swapped.SelectMany(r => r.Versions.Select(v => (r.Service, v.Loaded.Version, v.Loaded.Role))).ToHashSet();
        foreach (var unused in loaded.Where(v => !serving.Contains(v)))
        {
            unused.Retire();
        }
        foreach (var old in leaving.SelectMany(r => r.Versions).Select(v => v.Loaded).Where(v => !serving.Contains(v)))
        {
            if (!placed.Contains((old.Service, old.Version, old.Role))) metrics.Forget(old.Service, old.Version, old.Role);
            old.Retire();
        }
    }

    /// <summary>Adds the entry to <paramref name="routed"/> (reused or loaded); otherwise returns why it cannot be served.</summary>
    private async Task<string?> AssignAsync(string service, VersionAssignmentDto assignment, ServiceRoute? existing,
        IReadOnlyDictionary<string, string>? knownReasons, List<RoutedVersion> routed, List<LoadedVersion> loadedNow, Activity? span,
        Func<string, CancellationToken, Task<byte[]>> download, CancellationToken ct)
    {
        var reused = existing?.Versions.FirstOrDefault(v => v.Loaded.Serves(assignment));
        if (reused is not null)
        {
            span?.SetTag("platform.edge.load", "reused");
            routed.Add(reused with { Weight = assignment.Weight });
            return null;
        }
        if (knownReasons is not null && knownReasons.TryGetValue(VersionKey(service, assignment), out var known)) return known;
        try
        {
            var loaded = await LoadAsync(service, assignment, span, download, ct);
            loadedNow.Add(loaded);
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
