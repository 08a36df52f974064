using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using Platform.Api.Features.Audit;
using Platform.Api.Features.Auth;
using Platform.Api.Features.Builds;
using Platform.Api.Features.Nodes;
using Platform.Api.Features.Rollouts;
using Platform.Api.Features.Services;
using Platform.Api.Features.Teams;
using Platform.Api.Features.Templates;
using Platform.Api.Features.Versions;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Data;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPlatformApplication(builder.Configuration);
builder.Services.AddScoped<ServiceReadModel>();
builder.Services.AddHangfire(hangfire => hangfire
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(
        storage => storage.UseNpgsqlConnection(builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)),
        new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false }));

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
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();

var api = app.MapGroup("/api/v1");
api.MapAuthEndpoints()
    .MapTeamsEndpoints()
    .MapTemplatesEndpoints()
    .MapServicesEndpoints()
    .MapVariablesEndpoints()
    .MapVersionsEndpoints()
    .MapBuildsEndpoints()
    .MapRolloutsEndpoints()
    .MapNodesEndpoints()
    .MapAuditEndpoints();

app.Run();

/// <summary>Entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
