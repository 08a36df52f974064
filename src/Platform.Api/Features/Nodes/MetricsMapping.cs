using Platform.Contracts.Nodes;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

public static class MetricsMapping
{
    private const int MaxSamples = 4096;

    public static VersionMetrics ToDomain(VersionMetricsDto dto) => new()
    {
        Service = dto.Service,
        Version = dto.Version,
        Requests = dto.Requests,
        Errors = dto.Errors,
        Trapped = dto.Trapped,
        DeadlineExceeded = dto.DeadlineExceeded,
        Overloaded = dto.Overloaded,
        LatencyBoundsMs = dto.Latency.BoundsMs.ToList(),
        LatencyCumulativeCounts = dto.Latency.CumulativeCounts.ToList(),
        LatencySumMs = dto.Latency.SumMs,
        SamplesRecorded = dto.Samples.Recorded,
        RecentLatencyMicros = dto.Samples.RecentMicros.TakeLast(MaxSamples).ToList(),
    };
}
