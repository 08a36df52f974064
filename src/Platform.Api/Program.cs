using Platform.Telemetry;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using Platform.Api.Features.Audit;
using Platform.Api.Features.Auth;
using Platform.Api.Features.Builds;
using Platform.Api.Features.Consumers;
using Platform.Api.Features.Nodes;
using Platform.Api.Features.Repositories;
using Platform.Api.Features.Rollouts;
using Platform.Api.Features.Services;
using Platform.Api.Features.Settings;
using Platform.Api.Features.Teams;
using Platform.Api.Features.TemplateUpdates;
using Platform.Api.Features.Templates;
using Platform.Api.Features.Topics;
using Platform.Api.Features.Versions;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Jobs;
using Platform.Application.Health;
using Platform.Application.Sources;
using Platform.Application.Topics;
using Platform.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatformTelemetry("platform-api");
builder.Services.AddPlatformApplication(builder.Configuration);
builder.Services.AddPlatformEvents(builder.Configuration, "platform-api");
builder.Services.AddScoped<ServiceReadModel>();
builder.Services.AddSingleton<DesiredStateSignal>();
builder.Services.AddSingleton<DesiredStateDeltas>();
builder.Services.AddSingleton<PublishedVersions>();
builder.Services.AddSingleton<DesiredEntries>();
builder.Services.AddSingleton<FleetDeployments>();
builder.Services.AddSingleton<DesiredStateMemory>();
builder.Services.AddHostedService<DesiredStateListener>();
// Repositories live below the content root unless Git:RepositoriesPath is absolute.
builder.Services.PostConfigure<GitOptions>(git => git.RepositoriesPath = Path.GetFullPath(git.RepositoriesPath, builder.Environment.ContentRootPath));
builder.Services.AddSingleton<GitHttpBackend>();
builder.Services.AddHostedService<RepositoryReconciler>();
builder.Services.AddHangfire(hangfire => hangfire
    .UseFilter(new JobTraceContext())
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(
        storage => storage.UseNpgsqlConnection(builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)),
        // Long polling: LISTEN/NOTIFY wakes the Deployer's workers the moment the API enqueues (an abort, a promote).
        new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false, EnableLongPolling = true }));

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddAuthentication(PlatformClaims.Scheme)
    .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(PlatformClaims.Scheme, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(PlatformClaims.DeveloperPolicy, policy => policy.RequireClaim(PlatformClaims.UserId))
    .AddPolicy(PlatformClaims.WriterPolicy, policy => policy.RequireClaim(PlatformClaims.UserId).RequireClaim(PlatformClaims.Scope, "write"))
    .AddPolicy(PlatformClaims.AdminPolicy, policy => policy.RequireClaim(PlatformClaims.UserId).RequireClaim(PlatformClaims.Admin, "true"))
    .AddPolicy(PlatformClaims.NodePolicy, policy => policy.RequireClaim(PlatformClaims.NodeId));
builder.Services.AddOpenApi();
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddOptions<Platform.Api.Features.Auth.Oidc.OidcOptions>().BindConfiguration(Platform.Api.Features.Auth.Oidc.OidcOptions.Section);
builder.Services.AddSingleton<Platform.Api.Features.Auth.Oidc.OidcTokenValidator>();
builder.Services.AddRateLimiter(limiter =>
{
    // Password guessing: sign-in attempts per client address and minute.
    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    limiter.AddPolicy(SignIn.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = builder.Configuration.GetValue("Auth:SignInAttemptsPerMinute", 30),
            Window = TimeSpan.FromMinutes(1),
        }));
    limiter.OnRejected = (context, ct) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return new ValueTask(TypedResults.Problem(statusCode: 429, title: "Too many sign-in attempts",
            detail: "Wait a minute before trying again.").ExecuteAsync(context.HttpContext));
    };
});
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();

app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapPlatformHealth();
app.MapPlatformMetrics();

var api = app.MapGroup("/api/v1");
api.MapAuthEndpoints()
    .MapTeamsEndpoints()
    .MapTemplatesEndpoints()
    .MapServicesEndpoints()
    .MapRepositoryEndpoints()
    .MapTemplateUpdateEndpoints()
    .MapVariablesEndpoints()
    .MapVersionsEndpoints()
    .MapBuildsEndpoints()
    .MapRolloutsEndpoints()
    .MapStrategyEndpoints()
    .MapCapabilitySettingsEndpoints()
    .MapPlacementEndpoints()
    .MapNodesEndpoints()
    .MapTopicsEndpoints()
    .MapConsumersEndpoints()
    .MapAuditEndpoints();
app.MapGitEndpoints();

app.Run();

/// <summary>Entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
