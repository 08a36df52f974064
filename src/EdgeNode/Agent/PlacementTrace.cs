using System.Diagnostics;
using Platform.Contracts.Nodes;

namespace Platform.EdgeNode.Agent;

/// <summary>
/// The node's part of a rollout's trace. A desired-state entry carries the W3C trace context of the change that placed it
/// (<see cref="VersionAssignmentDto.TraceParent"/>, a rollout's pass); the first time the node applies an entry with a
/// given context it starts an "edge.apply" span of "Platform.Edge" as that context's child, tagged with service, version,
/// role and weight, which ends once the entry is served (how it was loaded: reused, disk cache or compiled) or could not
/// be (an error with the reason). An entry applied again with the same context (a later revision for another service)
/// starts nothing, so one change is one span per entry and node.
/// </summary>
public sealed class PlacementTrace
{
    public const string ApplyName = "edge.apply";

    private static readonly ActivitySource Source = new("Platform.Edge");

    private Dictionary<string, string> _applied = new(StringComparer.Ordinal);
    private Dictionary<string, string> _next = new(StringComparer.Ordinal);

    /// <summary>Begins one application of the desired state.</summary>
    public void Begin() => _next = new(StringComparer.Ordinal);

    /// <summary>Ends it: only the entries of this state are remembered.</summary>
    public void End() => _applied = _next;

    /// <summary>
    /// The span for this entry when its trace context is new to the node; null otherwise (or when nobody listens). It is
    /// made current (the blob download and the load's log lines belong to it): restore the previous current activity
    /// once the entry is loaded, and end the span when the entry is served.
    /// </summary>
    public Activity? Start(string service, VersionAssignmentDto assignment)
    {
        if (assignment.TraceParent is not { } parent) return null;
        var key = $"{service}|{assignment.Version}|{assignment.Role}";
        _next[key] = parent;
        if (_applied.TryGetValue(key, out var applied) && applied == parent) return null;
        if (!ActivityContext.TryParse(parent, assignment.TraceState, out var context)) return null;
        var activity = Source.StartActivity(ApplyName, ActivityKind.Consumer, context);
        if (activity is null) return null;
        activity.SetTag("platform.service", service);
        activity.SetTag("platform.version", assignment.Version);
        activity.SetTag("platform.version.role", assignment.Role.ToString());
        activity.SetTag("platform.edge.weight", assignment.Weight);
        activity.SetTag("platform.digest", assignment.Digest);
        return activity;
    }
}
