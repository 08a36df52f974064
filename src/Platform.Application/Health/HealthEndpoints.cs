using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data;

namespace Platform.Application.Health;

/// <summary>
/// Liveness and readiness of a host that works on the platform's database (API, Deployer):
/// <c>/livez</c> (and <c>/healthz</c>, its older name) says the process answers; <c>/readyz</c>
/// says it can do its work: PostgreSQL answers a query within two seconds, else 503 with
/// Retry-After and the reason. Load balancers route by readiness; orchestrators restart by
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
        string? reason;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            reason = await db.Database.CanConnectAsync(timeout.Token) ? null : "PostgreSQL does not accept connections";
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            reason = $"PostgreSQL did not answer within {Timeout.TotalSeconds:F0} s";
        }
        if (reason is null)
        {
            return TypedResults.Ok(new { status = "ready", checks = new { postgresql = "ok" } });
        }
        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Json(new { status = "not ready", checks = new { postgresql = reason } }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
