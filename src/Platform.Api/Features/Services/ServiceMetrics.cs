using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Services;

/// <summary>GET /api/v1/services/{name}/metrics: requests, errors and latency per version, from the nodes' heartbeats.</summary>
public static class ServiceMetrics
{
    public static async Task<Ok<List<ServiceMetricsDto>>> Handle(string name, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.RevokedAt == null).Select(n => new { n.Name, n.Metrics }).ToListAsync(ct);
        var result = nodes
            .SelectMany(n => n.Metrics.Where(m => m.Service == service.Name).Select(m => (Node: n.Name, Metrics: m)))
            .GroupBy(x => x.Metrics.Version)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, g.ToList()))
            .ToList();
        return TypedResults.Ok(result);
    }

    private static ServiceMetricsDto Summarise(string version, List<(string Node, VersionMetrics Metrics)> reports)
    {
        var requests = reports.Sum(r => r.Metrics.Requests);
        var errors = reports.Sum(r => r.Metrics.Errors);
        var samples = reports.SelectMany(r => r.Metrics.RecentLatencyMicros).ToList();
        return new ServiceMetricsDto(version, requests, errors, requests == 0 ? 0 : (double)errors / requests,
            LatencyStatistics.PercentileMs(samples, 0.5), LatencyStatistics.PercentileMs(samples, 0.9), LatencyStatistics.PercentileMs(samples, 0.99),
            reports.Select(r => r.Node).Order(StringComparer.Ordinal).ToList());
    }
}
