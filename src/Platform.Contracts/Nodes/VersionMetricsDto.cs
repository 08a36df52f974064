using System.Text.Json.Serialization;

namespace Platform.Contracts.Nodes;

/// <summary>
/// Cumulative counters of one service version on one node since the node started. Counters only
/// grow, so the control plane takes differences between heartbeats (a restarted node starts again
/// from zero: a smaller <paramref name="Requests"/> than last time means a reset).
/// </summary>
/// <param name="Requests">Requests the version handled (any status).</param>
/// <param name="Errors">Responses with status 500 or above (component-chosen or produced by the node).</param>
/// <param name="Trapped">Requests whose guest trapped.</param>
/// <param name="DeadlineExceeded">Requests interrupted at their deadline (answered 504).</param>
/// <param name="Latency">Histogram of the time from instantiation to response.</param>
/// <param name="Samples">
/// Raw recent latencies, as nodes before the latency sketch sent them (their newest 512, which covered different
/// intervals for versions with different traffic); the control plane no longer uses them, and current nodes send
/// none (an empty list, so older control planes still read the heartbeat).
/// </param>
/// <param name="Overloaded">Requests refused (503) because the version's instance budget was in use; no latency is recorded for them.</param>
/// <param name="Sketch">Every latency since the node started (cumulative); null from nodes before the sketch, whose reports then count for requests and errors only.</param>
/// <param name="Role">
/// <see cref="VersionRole.Baseline"/>: the counters of the baseline copy of <paramref name="Version"/> (since that copy
/// was started), kept apart from the version's own; left out of the JSON for the version itself.
/// </param>
public sealed record VersionMetricsDto(
    string Service,
    string Version,
    long Requests,
    long Errors,
    long Trapped,
    long DeadlineExceeded,
    LatencyHistogramDto Latency,
    LatencySamplesDto Samples,
    long Overloaded = 0,
    LatencySketchDto? Sketch = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] VersionRole Role = VersionRole.Serving);
