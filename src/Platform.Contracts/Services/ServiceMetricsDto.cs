namespace Platform.Contracts.Services;

/// <summary>Live traffic of one version of a service, summed over the nodes that serve it.</summary>
/// <param name="P50Ms">Percentiles of every latency since each node started (the nodes' sketches added up, within 2%); null before any traffic.</param>
public sealed record ServiceMetricsDto(
    string Version,
    long Requests,
    long Errors,
    double ErrorRate,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    IReadOnlyList<string> Nodes);
