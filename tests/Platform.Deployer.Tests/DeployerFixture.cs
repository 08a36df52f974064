using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Application;
using Platform.Application.Jobs;
using Platform.Deployer.Builds;
using Platform.Deployer.Rollouts;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// The Deployer's jobs wired as in the Deployer, on a real database, invoked directly, on one fake clock: every
/// service reads the time from <see cref="Clock"/>, and a rollout run's waits pass only when a test moves it on.
/// </summary>
public sealed class DeployerFixture : IAsyncLifetime
{
    /// <summary>The shortest sleep of a rollout run between passes (Rollouts:PollInterval).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The most the clock moves on at once while a run sleeps longer: how often the simulated nodes heartbeat (in each
    /// wait). Often, so that the tests' one-second analysis windows get many reports, as real windows of a minute do.
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(50);

    public PostgresDatabase Database { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Platform"] = Database.ConnectionString,
            ["Build:ToolsRoot"] = RepositoryPaths.Tools,
            ["Rollouts:PollInterval"] = PollInterval.ToString(),
            ["Rollouts:Timeout"] = "00:00:02",
            ["Edge:HeartbeatTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddPlatformApplication(configuration);
        services.AddSingleton(NpgsqlDataSource.Create(Database.ConnectionString));
        services.AddSingleton<TimeProvider>(Clock);
        services.Configure<BuildOptions>(configuration.GetSection(BuildOptions.Section));
        services.Configure<RolloutOptions>(configuration.GetSection(RolloutOptions.Section));
        services.AddSingleton<Toolchains>();
        services.AddSingleton<BuildSandbox>();
        services.AddScoped<RunBuildJob>();
        services.AddScoped<RunRolloutJob>();
        services.AddMetrics();
        services.AddSingleton<RolloutMetrics>();
        services.AddSingleton<RolloutWakeups>();
        services.AddHangfire(h => h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(Database.ConnectionString),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false }));
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<RolloutWakeups>().StartAsync(CancellationToken.None);
    }

    public async Task RunBuildAsync(Guid buildId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunBuildJob>().RunAsync(buildId, CancellationToken.None);
    }

    /// <summary>
    /// Runs the rollout job to its end, moving the clock on whenever the run waits: to the run's wake-up, but by at most
    /// <see cref="HeartbeatInterval"/> at once; <paramref name="whileWaiting"/> runs in each wait before the clock moves
    /// (e.g. the nodes' heartbeats of that time). Returns how many times the clock moved.
    /// </summary>
    /// <param name="heartbeatEvery">The most the clock moves at once (default <see cref="HeartbeatInterval"/>).</param>
    public async Task<int> RunRolloutAsync(Guid rolloutId, Func<Task>? whileWaiting = null, TimeSpan? heartbeatEvery = null)
    {
        var run = WatchRolloutAsync(rolloutId, CancellationToken.None);
        var steps = await AdvanceUntilAsync(run, whileWaiting, heartbeatEvery);
        await run;
        return steps;
    }

    /// <summary>Moves the clock on as <see cref="RunRolloutAsync"/> does until <paramref name="done"/> completes; returns how many times it moved.</summary>
    public Task<int> AdvanceUntilAsync(Task done, Func<Task>? whileWaiting = null, TimeSpan? heartbeatEvery = null) =>
        Clock.AdvanceUntilAsync(done, () =>
        {
            // To the next due timer, at most a heartbeat interval (simulated heartbeats tick in each wait).
            var most = heartbeatEvery ?? HeartbeatInterval;
            var gap = (Clock.NextDue ?? Clock.GetUtcNow() + PollInterval) - Clock.GetUtcNow();
            return gap <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : gap < most ? gap : most;
        }, whileWaiting, TimeSpan.FromSeconds(60));

    /// <summary>Starts the rollout job and leaves the clock to the test (a Deployer that stops is a cancelled run).</summary>
    public async Task WatchRolloutAsync(Guid rolloutId, CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunRolloutJob>().RunAsync(rolloutId, ct);
    }

    public async Task DisposeAsync()
    {
        await Services.GetRequiredService<RolloutWakeups>().StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DeployerCollection : ICollectionFixture<DeployerFixture>
{
    public const string Name = "deployer";
}
