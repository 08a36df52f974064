using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Application;
using Platform.Application.Templates;
using Platform.Data;
using Platform.Migrations;

// The only process that changes the schema: applies EF Core migrations, installs Hangfire's schema,
// then seeds the platform team, the built-in templates and (with --demo) demo people. Then exits.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
var services = new ServiceCollection()
    .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
    .AddPlatformApplication(configuration)
    .BuildServiceProvider();

using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
    await db.Database.MigrateAsync(cts.Token);
    Console.WriteLine($"Schema is at migration {(await db.Database.GetAppliedMigrationsAsync(cts.Token)).LastOrDefault()}.");

    await using (var connection = new NpgsqlConnection(configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)))
    {
        await connection.OpenAsync(cts.Token);
        PostgreSqlObjectsInstaller.Install(connection, "hangfire");
    }

    await DemoSeeder.SeedTeamsAsync(db, demo: configuration.GetValue("demo", false), cts.Token);
    if (configuration["templates"] is { Length: > 0 } templatesDir)
    {
        var sdkDir = configuration["sdk"] ?? Path.Combine(templatesDir, "..", "sdk");
        var definitions = Directory.EnumerateDirectories(templatesDir)
            .Where(d => File.Exists(Path.Combine(d, "template.toml")))
            .Order(StringComparer.Ordinal)
            .Select(d => TemplateDefinitionReader.Read(d, sdkDir))
            .ToList();
        var added = await scope.ServiceProvider.GetRequiredService<TemplateSeeder>().SeedAsync(definitions, cts.Token);
        Console.WriteLine($"Templates: {definitions.Count} in the repository, {added} new versions vetted.");
    }
}
