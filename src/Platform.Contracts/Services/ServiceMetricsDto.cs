namespace Platform.Contracts.Services;

/// <summary>Live traffic of one version of a service, summed over the nodes that serve it.</summary>
/// <param name="P50Ms">Percentiles of every latency since each node started (the nodes' sketches added up, within 2%); null before any traffic.</param>
/// <param name="Baseline">
/// True for the baseline copy of <paramref name="Version"/> that runs beside an analysed canary (since each copy
/// started), listed after the version itself; its requests are not in the version's own row.
/// </param>
public sealed record ServiceMetricsDto(
    string Version,
    long Requests,
    long Errors,
    double ErrorRate,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    IReadOnlyList<string> Nodes,
    bool Baseline = false)
{
    /// <summary>How people see the row: "1.0.0", or "baseline (copy of 1.0.0)".</summary>
    public string Label => Baseline ? $"baseline (copy of {Version})" : Version;
}
