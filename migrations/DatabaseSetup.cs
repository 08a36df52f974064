using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Application.Templates;
using Platform.Data;

namespace Platform.Migrations;

/// <summary>What the migrator does, callable from tests too: schema, Hangfire's schema, seed data.</summary>
public static class DatabaseSetup
{
    public static async Task MigrateAsync(IServiceProvider services, string connectionString, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.Database.MigrateAsync(ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, "hangfire");
    }

    /// <summary>Seeds teams (and demo people with <paramref name="demo"/>) and the repository's templates; returns new template versions.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, bool demo, string? templatesDir, string? sdkDir, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await DemoSeeder.SeedTeamsAsync(db, demo, ct);
        if (string.IsNullOrEmpty(templatesDir)) return 0;
        var definitions = Directory.EnumerateDirectories(templatesDir)
            .Where(d => File.Exists(Path.Combine(d, "template.toml")))
            .Order(StringComparer.Ordinal)
            .Select(d => TemplateDefinitionReader.Read(d, sdkDir ?? Path.Combine(templatesDir, "..", "sdk")))
            .ToList();
        return await scope.ServiceProvider.GetRequiredService<TemplateSeeder>().SeedAsync(definitions, ct);
    }
}
