using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Application;
using Platform.Data;

// The only process that changes the schema: applies EF Core migrations, installs Hangfire's schema,
// then seeds the platform team, the built-in templates (--templates DIR --sdk DIR) and, with
// --demo true, demo people and teams. Then exits.
namespace Platform.Migrations;

public static class Migrator
{
    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:Platform is not configured.");
        await using var services = new ServiceCollection()
            // EF logs the probe for a missing history table on a fresh database as a failed command; a real
            // failure surfaces as the migrator's own error and exit code.
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical))
            .AddPlatformApplication(configuration)
            .BuildServiceProvider();

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await DatabaseSetup.MigrateAsync(services, connectionString, cts.Token);
        var added = await DatabaseSetup.SeedAsync(services, configuration.GetValue("demo", false), configuration["templates"], configuration["sdk"], cts.Token);
        Console.WriteLine($"Database is migrated; {added} new template versions vetted.");
    }
}
