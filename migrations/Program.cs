using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.Application;
using Platform.Data;
using Platform.Telemetry;

// The only process that changes the schema: applies EF Core migrations, installs Hangfire's schema,
// then seeds the platform team, the built-in templates (--templates DIR --sdk DIR) and, with
// --demo true, demo people and teams. Then exits. With OTEL_EXPORTER_OTLP_ENDPOINT set, its run is a
// "migrate" trace (the schema changes' SQL as Npgsql spans under it) and its log lines go there too.
namespace Platform.Migrations;

public static class Migrator
{
    private static readonly ActivitySource Source = new("Platform.Migrations");

    public static async Task Main(string[] args)
    {
        // Configuration from the environment and the command line only, as before the host: no appsettings files.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        var connectionString = builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:Platform is not configured.");
        // EF logs the probe for a missing history table on a fresh database as a failed command; a real
        // failure surfaces as the migrator's own error and exit code.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Services.AddPlatformApplication(builder.Configuration);
        builder.AddPlatformTelemetry("platform-migrator", scrape: false);
        using var host = builder.Build();
        // The telemetry providers come to life when resolved, and disposing the host flushes them. The host is not
        // started: that would also run data protection's key-ring loader, which reads a table the migration creates.
        _ = host.Services.GetService<TracerProvider>();
        _ = host.Services.GetService<MeterProvider>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        int added;
        using (var run = Source.StartActivity("migrate"))
        {
            await DatabaseSetup.MigrateAsync(host.Services, connectionString, cts.Token);
            added = await DatabaseSetup.SeedAsync(host.Services, builder.Configuration.GetValue("demo", false), builder.Configuration["templates"], builder.Configuration["sdk"], cts.Token);
            run?.SetTag("platform.templates.added", added);
        }
        Console.WriteLine($"Database is migrated; {added} new template versions vetted.");
    }
}
