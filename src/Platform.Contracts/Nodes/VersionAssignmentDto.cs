using System.Text.Json.Serialization;

namespace Platform.Contracts.Nodes;

/// <summary>A component version placed on a node with its share of traffic.</summary>
/// <param name="Digest">"sha256:&lt;hex&gt;" of the blob; the node verifies it before compiling.</param>
/// <param name="Executor">"component" or "wagi".</param>
/// <param name="Weight">Percentage of the service's traffic, 0..100.</param>
/// <param name="Role">
/// <see cref="VersionRole.Baseline"/> for the baseline copy of stable during a canary analysis (listed after the
/// versions themselves); left out of the JSON for the version itself, so nodes of an older release read the state
/// as before (they treat a baseline as one more copy of stable).
/// </param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the change that placed this entry as it is (a rollout's pass); the node starts its span
/// for loading and serving the entry as a child of it, so the rollout's trace reaches the node. Left out of the JSON
/// when nothing was traced; nodes of an older release ignore it.
/// </param>
/// <param name="TraceState">The <c>tracestate</c> that goes with <paramref name="TraceParent"/>.</param>
/// <param name="Triggers">The version's topic triggers (component executor only); left out of the JSON when it has none.</param>
/// <param name="Replays">Replays and re-drives into this version now (see <see cref="ReplayAssignmentDto"/>); left out when none.</param>
public sealed record VersionAssignmentDto(
    string Version,
    string Digest,
    string Executor,
    int Weight,
    CapabilitiesDto Capabilities,
    LimitsDto Limits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] VersionRole Role = VersionRole.Serving,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TriggerDto>? Triggers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReplayAssignmentDto>? Replays = null);
