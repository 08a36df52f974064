using Microsoft.EntityFrameworkCore;
using NATS.Client.Core;
using Platform.Application.Topics;
using Platform.Data;
using Platform.Domain.Topics;

namespace Platform.Deployer.Events;

/// <summary>
/// Ends replays (<see cref="EventReplay"/>): every <see cref="Interval"/> it looks at the active ones and marks a replay
/// "completed" once every one of its consumers has passed the replay's end with nothing in flight, or stopped when its target
/// version is neither the service's stable version nor its canary any more (rolled back, replaced) or its consumers are gone;
/// then it deletes the consumers. Nodes stop taking part when the replay leaves their desired state. Safe to run on several
/// Deployers at once (finishing is idempotent; a lost update answers 409 and is tried again next time).
/// </summary>
public sealed partial class ReplayWatcher(IServiceScopeFactory scopes, ConsumerStreams streams, TimeProvider clock, ILogger<ReplayWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NatsException or DbUpdateException or Npgsql.NpgsqlException)
            {
                LogCheckFailed(logger, ex.Message);
            }
            await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One look at every active replay (public for tests).</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var active = await db.EventReplays.Where(r => r.FinishedAt == null).ToListAsync(ct);
        if (active.Count == 0) return;
        var serviceIds = active.Select(r => r.ServiceId).Distinct().ToList();
        var deployed = await db.ServiceDeployments.AsNoTracking().Where(d => serviceIds.Contains(d.ServiceId))
            .ToDictionaryAsync(d => d.ServiceId, d => (d.StableVersionId, d.CanaryVersionId), ct);
        var ended = new List<EventReplay>();
        foreach (var replay in active)
        {
            var running = deployed.TryGetValue(replay.ServiceId, out var d) && (d.StableVersionId == replay.TargetVersionId || d.CanaryVersionId == replay.TargetVersionId);
            if (!running)
            {
                replay.Finish($"stopped: version {replay.TargetVersion} is no longer deployed", clock.GetUtcNow());
            }
            else if (await streams.RemainingAsync(replay, ct) is not { } remaining)
            {
                replay.Finish("stopped: its consumers are gone", clock.GetUtcNow());
            }
            else if (remaining == 0)
            {
                replay.Finish("completed", clock.GetUtcNow());
            }
            if (!replay.IsActive) ended.Add(replay);
        }
        if (ended.Count == 0) return;
        await db.SaveChangesAsync(ct);
        foreach (var replay in ended)
        {
            await streams.EndReplayAsync(replay, ct);
            LogEnded(logger, replay.Id, replay.Topic, replay.Outcome ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {Replay} on {Topic} ended: {Outcome}")]
    private static partial void LogEnded(ILogger logger, Guid replay, string topic, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the active replays failed (tried again shortly): {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
