using Xunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Application;
using Platform.Migrations;
using Respawn;

namespace Platform.Testing;

/// <summary>
/// A fresh database on the project's PostgreSQL cluster (scripts/pg.sh), migrated once; <see cref="ResetAsync"/>
/// empties it between tests and seeds the demo teams, people and built-in templates again.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private Respawner? _respawner;
    private ServiceProvider? _services;

    public string Name { get; } = $"platform_test_{Guid.NewGuid():N}"[..30];
    public string ConnectionString => PostgresServer.ConnectionString(Name);

    public async Task InitializeAsync()
    {
        await PostgresServer.ExecuteAsync($"CREATE DATABASE {Name}");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Platform"] = ConnectionString })
            .Build();
        _services = new ServiceCollection().AddLogging().AddPlatformApplication(configuration).BuildServiceProvider();
        await DatabaseSetup.MigrateAsync(_services, ConnectionString, CancellationToken.None);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public", "hangfire"],
            TablesToIgnore = ["__EFMigrationsHistory", new Respawn.Graph.Table("hangfire", "schema"), new Respawn.Graph.Table("hangfire", "lock")],
        });
        await SeedAsync();
    }

    /// <summary>Empties every table and seeds the demo data again.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }
        await SeedAsync();
    }

    private Task<int> SeedAsync() => DatabaseSetup.SeedAsync(_services!, demo: true, RepositoryPaths.Templates, RepositoryPaths.Sdk, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
