using Platform.Telemetry;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;
using Platform.Application;
using Platform.Application.Health;
using Platform.Application.Jobs;
using Platform.Data;
using Platform.Application.Topics;
using Platform.Deployer.Builds;
using Platform.Deployer.Events;
using Platform.Deployer.Infrastructure;
using Platform.Deployer.Rollouts;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatformTelemetry("platform-deployer");
var connectionString = builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)
    ?? throw new InvalidOperationException("ConnectionStrings:Platform is not configured.");

builder.Services.AddPlatformApplication(builder.Configuration);
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.Configure<BuildOptions>(builder.Configuration.GetSection(BuildOptions.Section));
builder.Services.Configure<RolloutOptions>(builder.Configuration.GetSection(RolloutOptions.Section));
builder.Services.AddSingleton<Toolchains>();
builder.Services.AddSingleton<BuildSandbox>();
builder.Services.AddScoped<IRunBuildJob, RunBuildJob>();
builder.Services.AddScoped<IRunRolloutJob, RunRolloutJob>();
builder.Services.AddSingleton<RolloutMetrics>();
builder.Services.AddSingleton<RolloutWakeups>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RolloutWakeups>());
builder.Services.AddHostedService<PendingWorkSweeper>();
builder.Services.AddPlatformEvents(builder.Configuration, "platform-deployer");
builder.Services.AddSingleton<ReplayWatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplayWatcher>());

var pollInterval = builder.Configuration.GetValue("Hangfire:QueuePollInterval", TimeSpan.FromSeconds(1));
builder.Services.AddHangfire(hangfire => hangfire
    .UseFilter(new JobTraceContext())
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(
        storage => storage.UseNpgsqlConnection(connectionString),
        new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = pollInterval,
            EnableLongPolling = true,
            InvisibilityTimeout = builder.Configuration.GetValue("Hangfire:InvisibilityTimeout", TimeSpan.FromMinutes(10)),
        }));
builder.Services.AddHangfireServer(server =>
{
    server.Queues = JobQueues.All;
    server.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", Math.Max(4, Environment.ProcessorCount * 2));
    server.SchedulePollingInterval = pollInterval;
});

var app = builder.Build();
app.MapPlatformHealth();
app.MapPlatformMetrics();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    AsyncAuthorization = [new DashboardAuthorization()],
    DashboardTitle = "Platform Deployer",
});
app.Run();
