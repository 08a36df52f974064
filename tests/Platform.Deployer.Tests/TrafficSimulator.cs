using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Application.Deployments;
using Platform.Data;
using Platform.Domain.Nodes;

namespace Platform.Deployer.Tests;

/// <summary>
/// Plays edge nodes' heartbeats: each tick, every node serves requests for the stable and canary versions
/// (errors and latencies drawn from each version's profile, seeded) and reports cumulative counters with the
/// cumulative latency sketch, as a real node does, stamped with the services' clock. A test ticks it while the
/// rollout run waits (see <see cref="DeployerFixture.RunRolloutAsync"/>), so every pass sees one more heartbeat.
/// </summary>
public sealed class TrafficSimulator(IServiceProvider services, string service, string[] nodes)
{
    private readonly Random _random = new(42);
    private readonly Dictionary<(string Node, string Version), VersionMetrics> _reported = [];
    private readonly TimeProvider _clock = services.GetRequiredService<TimeProvider>();

    /// <summary>Per version: requests per tick, the chance that one fails, and its median latency in microseconds.</summary>
    public Dictionary<string, (int PerTick, double ErrorRate, int MedianMicros)> Profiles { get; } = [];

    public async Task TickAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        foreach (var name in nodes)
        {
            var node = await db.Nodes.SingleAsync(n => n.Name == name);
            // Versions with the same profile get the same draws, so "as good as stable" is exactly that.
            var draws = new Dictionary<(int, double, int), (int Errors, long[] Latencies)>();
            foreach (var (version, profile) in Profiles)
            {
                var before = _reported.GetValueOrDefault((name, version)) ?? new VersionMetrics { Service = service, Version = version };
                if (!draws.TryGetValue(profile, out var draw))
                {
                    draw = (Enumerable.Range(0, profile.PerTick).Count(_ => _random.NextDouble() < profile.ErrorRate),
                        Enumerable.Range(0, profile.PerTick).Select(_ => (long)(profile.MedianMicros * (0.8 + 0.4 * _random.NextDouble()))).ToArray());
                    draws[profile] = draw;
                }
                var (errors, latencies) = draw;
                _reported[(name, version)] = before with
                {
                    Requests = before.Requests + profile.PerTick,
                    Errors = before.Errors + errors,
                    Latency = (before.Latency ?? LatencySketch.Empty).Plus(LatencySketch.Of(latencies)),
                };
            }
            node.Metrics = _reported.Where(r => r.Key.Node == name).Select(r => r.Value).ToList();
            node.LastHeartbeatAt = _clock.GetUtcNow();
        }
        await db.SaveChangesAsync();
        // As the API does after a heartbeat: the run watching the service's rollout looks now.
        await RolloutNudges.ServicesReportedAsync(db, await db.Services.Select(s => s.Id).ToListAsync(), CancellationToken.None);
    }
}
