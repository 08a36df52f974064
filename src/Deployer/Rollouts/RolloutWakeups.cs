using System.Collections.Concurrent;
using Npgsql;
using Platform.Application.Deployments;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Wakes a waiting rollout run when something was asked of its rollout or a node reported on it. Every operation on a
/// rollout (promote, pause, resume, abort, approve) enqueues a run, and a run that finds the rollout's lock held by
/// another run says so on the PostgreSQL channel <see cref="Channel"/> (<see cref="NudgeAsync"/>); the API says so for
/// every progressing rollout of the services a heartbeat reports on (<see cref="RolloutNudges"/>): the run that holds
/// it, in whichever Deployer, looks again at once instead of at its next wake-up. If listening fails every waiter is woken (it reads again) and
/// the listener reconnects; a missed nudge costs only time, as every run still wakes when its step asks.
/// </summary>
public sealed class RolloutWakeups(NpgsqlDataSource dataSource, ILogger<RolloutWakeups> logger) : BackgroundService
{
    public const string Channel = RolloutNudges.Channel;

    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Waiter> _waiting = new();
    private long _received;

    /// <summary>Nudges received on the channel since the Deployer started (each handled before it is counted).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>True while a run of <paramref name="rolloutId"/> waits for a nudge that has not come.</summary>
    public bool IsWaiting(Guid rolloutId) => _waiting.ContainsKey(rolloutId);

    /// <summary>Completes at the next nudge for <paramref name="rolloutId"/>; take it before reading the rollout, so a nudge during the pass counts.</summary>
    public Task Next(Guid rolloutId) => _waiting.GetOrAdd(rolloutId, _ => new Waiter()).Done.Task;

    /// <summary>
    /// Says whether the run (after its pass) watches the fleet: only then does a heartbeat's nudge wake it, including one
    /// that came during the pass. A run waiting for a pause's end wakes only for what people ask.
    /// </summary>
    public void Watching(Guid rolloutId, bool fleet)
    {
        if (!_waiting.TryGetValue(rolloutId, out var waiter)) return;
        lock (waiter)
        {
            waiter.WatchesFleet = fleet;
            if (!fleet || !waiter.FleetNudged) return;
        }
        Wake(rolloutId, fleet: false);
    }

    /// <summary>Asks the run that watches <paramref name="rolloutId"/> (in any Deployer) to look again now.</summary>
    public async Task NudgeAsync(Guid rolloutId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @rollout)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("rollout", rolloutId.ToString());
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    var fleet = e.Payload.EndsWith(RolloutNudges.FleetSuffix, StringComparison.Ordinal);
                    if (Guid.TryParse(fleet ? e.Payload[..^RolloutNudges.FleetSuffix.Length] : e.Payload, out var id)) Wake(id, fleet);
                    Interlocked.Increment(ref _received);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                WakeAll();
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Quiet for a while: make sure the connection still works (a dead one would never deliver a nudge).
                    if (!await connection.WaitAsync(Ping, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                WakeAll();
                logger.LogWarning("Listening for rollout wake-ups failed ({Error}); runs wake at their own time until it reconnects", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Drops the waiter of a rollout whose run ends.</summary>
    public void Forget(Guid rolloutId) => _waiting.TryRemove(rolloutId, out _);

    private void Wake(Guid rolloutId, bool fleet)
    {
        if (!_waiting.TryGetValue(rolloutId, out var waiter)) return;
        if (fleet)
        {
            lock (waiter)
            {
                waiter.FleetNudged = true;
                if (!waiter.WatchesFleet) return;
            }
        }
        if (_waiting.TryRemove(new KeyValuePair<Guid, Waiter>(rolloutId, waiter))) waiter.Done.TrySetResult();
    }

    private void WakeAll()
    {
        foreach (var id in _waiting.Keys) Wake(id, fleet: false);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool WatchesFleet { get; set; }

        public bool FleetNudged { get; set; }
    }
}
