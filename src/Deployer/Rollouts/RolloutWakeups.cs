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

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiting = new();

    /// <summary>Completes at the next nudge for <paramref name="rolloutId"/>; take it before reading the rollout, so a nudge during the pass counts.</summary>
    public Task Next(Guid rolloutId) =>
        _waiting.GetOrAdd(rolloutId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

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
                    if (Guid.TryParse(e.Payload, out var id)) Wake(id);
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

    private void Wake(Guid rolloutId)
    {
        if (_waiting.TryRemove(rolloutId, out var waiter)) waiter.TrySetResult();
    }

    private void WakeAll()
    {
        foreach (var id in _waiting.Keys) Wake(id);
    }
}
