using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Application;
using Platform.Application.Jobs;
using Platform.Deployer.Builds;
using Platform.Deployer.Rollouts;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// The Deployer's jobs wired as in the Deployer, on a real database, invoked directly, with a fake clock: a rollout
/// run's waits pass when the test advances the clock, not in real time.
/// </summary>
public sealed class DeployerFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>The clock of everything the fixture runs (jobs, application services, <see cref="Scenario"/>).</summary>
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Platform"] = Database.ConnectionString,
            ["Build:ToolsRoot"] = RepositoryPaths.Tools,
            ["Rollouts:PollInterval"] = "00:00:00.050",
            ["Rollouts:Timeout"] = "00:00:02",
            ["Edge:HeartbeatTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddPlatformApplication(configuration);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.AddSingleton(NpgsqlDataSource.Create(Database.ConnectionString));
        services.Configure<BuildOptions>(configuration.GetSection(BuildOptions.Section));
        services.Configure<RolloutOptions>(configuration.GetSection(RolloutOptions.Section));
        services.AddSingleton<Toolchains>();
        services.AddSingleton<BuildSandbox>();
        services.AddScoped<RunBuildJob>();
        services.AddScoped<RunRolloutJob>();
        services.AddHangfire(h => h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(Database.ConnectionString),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false }));
        Services = services.BuildServiceProvider();
    }

    public async Task RunBuildAsync(Guid buildId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunBuildJob>().RunAsync(buildId, CancellationToken.None);
    }

    /// <summary>
    /// Runs the rollout job until it returns. Whenever it waits on the clock, <paramref name="eachPoll"/> runs (say,
    /// the nodes' heartbeats) and the clock moves on by one poll interval; after <paramref name="cutOffAfterPolls"/>
    /// polls the run is cancelled at its next wait instead, as a stopping Deployer would cancel it.
    /// </summary>
    public async Task RunRolloutAsync(Guid rolloutId, Func<Task>? eachPoll = null, int? cutOffAfterPolls = null)
    {
        var poll = Services.GetRequiredService<IOptions<RolloutOptions>>().Value.PollInterval;
        using var cut = new CancellationTokenSource();
        await using var scope = Services.CreateAsyncScope();
        var run = scope.ServiceProvider.GetRequiredService<RunRolloutJob>().RunAsync(rolloutId, cut.Token);
        for (var polls = 0; ; polls++)
        {
            await Clock.UntilWaitingAsync(run);
            if (run.IsCompleted) break;
            if (polls == cutOffAfterPolls)
            {
                await cut.CancelAsync();
                break;
            }
            if (eachPoll is not null) await eachPoll();
            Clock.Advance(poll);
        }
        await run;
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DeployerCollection : ICollectionFixture<DeployerFixture>
{
    public const string Name = "deployer";
}
