using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Services;

/// <summary>
/// GET /api/v1/services/{name}/metrics: requests, errors and latency per version since each node started, summed over
/// every node that reports the version (whenever it enrolled), from the same cumulative counters and latency sketches
/// the canary analysis subtracts and adds up. The baseline copy of a version (beside an analysed canary) is a row of its own.
/// </summary>
public static class ServiceMetrics
{
    public static async Task<Ok<List<ServiceMetricsDto>>> Handle(string name, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.RevokedAt == null).Select(n => new { n.Name, n.Metrics }).ToListAsync(ct);
        var result = nodes
            .SelectMany(n => n.Metrics.Where(m => m.Service == service.Name).Select(m => (Node: n.Name, Metrics: m)))
            .GroupBy(x => (x.Metrics.Version, x.Metrics.Baseline))
            .OrderBy(g => g.Key.Version, StringComparer.Ordinal).ThenBy(g => g.Key.Baseline)
            .Select(g => Summarise(g.Key.Version, g.Key.Baseline, g.ToList()))
            .ToList();
        return TypedResults.Ok(result);
    }

    private static ServiceMetricsDto Summarise(string version, bool baseline, List<(string Node, VersionMetrics Metrics)> reports)
    {
        var requests = reports.Sum(r => r.Metrics.Requests);
        var errors = reports.Sum(r => r.Metrics.Errors);
        var latency = LatencySketch.Sum(reports.Select(r => r.Metrics.Latency ?? LatencySketch.Empty));
        return new ServiceMetricsDto(version, requests, errors, requests == 0 ? 0 : (double)errors / requests,
            LatencyStatistics.PercentileMs(latency, 0.5), LatencyStatistics.PercentileMs(latency, 0.9), LatencyStatistics.PercentileMs(latency, 0.99),
            reports.Select(r => r.Node).Order(StringComparer.Ordinal).ToList(), baseline);
    }
}
