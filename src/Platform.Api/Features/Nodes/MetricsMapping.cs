using Platform.Contracts.Nodes;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>A node's report of one version as the control plane keeps it.</summary>
public static class MetricsMapping
{
    /// <summary>
    /// The counters and the latency sketch. A sketch of another γ or malformed (unordered, out of range, not
    /// positive) is dropped, never stored; a report without one (a node before the sketch) keeps only its counters.
    /// </summary>
    public static VersionMetrics ToDomain(VersionMetricsDto dto) => new()
    {
        Service = dto.Service,
        Version = dto.Version,
        Baseline = dto.Role == VersionRole.Baseline,
        Requests = dto.Requests,
        Errors = dto.Errors,
        Trapped = dto.Trapped,
        DeadlineExceeded = dto.DeadlineExceeded,
        Overloaded = dto.Overloaded,
        Latency = Sketch(dto.Sketch),
    };

    private static LatencySketch? Sketch(LatencySketchDto? dto)
    {
        if (dto?.Indexes is null || dto.Counts is null || Math.Abs(dto.Gamma - LatencySketch.Gamma) > 1e-12) return null;
        var sketch = new LatencySketch { Indexes = [.. dto.Indexes], Counts = [.. dto.Counts] };
        return sketch.IsValid() ? sketch : null;
    }
}
