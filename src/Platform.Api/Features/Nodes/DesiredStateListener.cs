using Npgsql;
using Platform.Data;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Listens on PostgreSQL for <see cref="Channel"/>, which triggers on the tables that make up desired state
/// (deployments, services, variables, settings, schemas, rollouts, replays) notify whoever wrote them (the Deployer, the API),
/// tells <see cref="DesiredStateMemory"/> what changed and pulses <see cref="DesiredStateSignal"/>. If the connection drops it pulses (waiters read again) and reconnects.
/// </summary>
public sealed class DesiredStateListener(DesiredStateSignal signal, DesiredStateMemory memory, IConfiguration configuration, ILogger<DesiredStateListener> logger)
    : BackgroundService
{
    public const string Channel = "platform_desired_state";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    memory.Changed(e.Payload);
                    signal.Pulse();
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                // From here nothing is missed: what was read before (or changed while no one listened) is read again.
                memory.Listening(true);
                signal.Pulse();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                memory.Listening(false);
                signal.Pulse();
                logger.LogWarning("Listening for desired-state changes failed ({Error}); nodes fall back to polling until it reconnects", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
