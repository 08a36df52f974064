using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Platform.Data;

namespace Platform.Application.Health;

/// <summary>
/// Liveness and readiness of a host that works on the platform's database (API, Deployer):
/// <c>/livez</c> (and <c>/healthz</c>, its older name) says the process answers; <c>/readyz</c>
/// says it can do its work: PostgreSQL answers a query within two seconds (and, on hosts that work on topics, NATS
/// answers a ping as quickly), else 503 with Retry-After and each reason. Load balancers route by readiness; orchestrators restart by
/// liveness, so an outage of the database never restarts the hosts that wait for it.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/livez", () => TypedResults.Ok(new { status = "live" })).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(HttpContext context, IServiceScopeFactory scopes)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(Timeout);
        var checks = new Dictionary<string, string> { ["postgresql"] = await PostgresAsync(scopes, context, timeout.Token) };
        if (context.RequestServices.GetService<INatsConnection>() is { } nats) checks["nats"] = await NatsAsync(nats, context, timeout.Token);
        if (checks.Values.All(v => v == "ok"))
        {
            return TypedResults.Ok(new { status = "ready", checks });
        }
        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Json(new { status = "not ready", checks }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> PostgresAsync(IServiceScopeFactory scopes, HttpContext context, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            return await db.Database.CanConnectAsync(ct) ? "ok" : "PostgreSQL does not accept connections";
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return $"PostgreSQL did not answer within {Timeout.TotalSeconds:F0} s";
        }
    }

    private static async Task<string> NatsAsync(INatsConnection nats, HttpContext context, CancellationToken ct)
    {
        try
        {
            await nats.PingAsync(ct);
            return "ok";
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return $"NATS did not answer within {Timeout.TotalSeconds:F0} s";
        }
        catch (NatsException e)
        {
            return $"NATS is unreachable: {e.Message}";
        }
    }
}
