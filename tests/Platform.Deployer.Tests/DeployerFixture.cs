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

/// <summary>The Deployer's jobs wired as in the Deployer, on a real database, invoked directly.</summary>
public sealed class DeployerFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

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
        services.AddSingleton(NpgsqlDataSource.Create(Database.ConnectionString));
        services.Configure<BuildOptions>(configuration.GetSection(BuildOptions.Section));
        services.Configure<RolloutOptions>(configuration.GetSection(RolloutOptions.Section));
        services.AddSingleton<Toolchains>();
        services.AddSingleton<BuildSandbox>();
        services.AddScoped<RunBuildJob>();
        services.AddScoped<RunRolloutJob>();
        services.AddMetrics();
        services.AddSingleton<RolloutMetrics>();
        services.AddHangfire(h => h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(Database.ConnectionString),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false }));
        Services = services.BuildServiceProvider();
    }

    public async Task RunBuildAsync(Guid buildId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunBuildJob>().RunAsync(buildId, CancellationToken.None);
    }

    public async Task RunRolloutAsync(Guid rolloutId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunRolloutJob>().RunAsync(rolloutId, CancellationToken.None);
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
