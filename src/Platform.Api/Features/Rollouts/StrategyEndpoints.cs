using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Api.Features.Rollouts;

/// <summary>The platform's default rollout strategy (admins) and each service's own (its owners).</summary>
public static class StrategyEndpoints
{
    private const string BuiltIn = "built-in";

    public static RouteGroupBuilder MapStrategyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/rollout-strategy", GetPlatform).WithTags("Rollouts").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapPut("/settings/rollout-strategy", SetPlatform).WithTags("Rollouts").RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: the strategy every rollout follows unless its service or request says otherwise.");
        api.MapDelete("/settings/rollout-strategy", ResetPlatform).WithTags("Rollouts").RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy);
        api.MapGet("/services/{name}/rollout-strategy", GetService).WithTags("Rollouts").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapPut("/services/{name}/rollout-strategy", SetService).WithTags("Rollouts").RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("The service's own rollout strategy, overriding the platform default.");
        api.MapDelete("/services/{name}/rollout-strategy", ResetService).WithTags("Rollouts").RequireAuthorization(PlatformClaims.WriterPolicy);
        return api;
    }

    private static async Task<Ok<EffectiveStrategyDto>> GetPlatform(RolloutStrategies strategies, CancellationToken ct) =>
        TypedResults.Ok(await PlatformAsync(strategies, ct));

    private static async Task<Results<Ok<EffectiveStrategyDto>, ValidationProblem>> SetPlatform(
        RolloutStrategyDto request, ClaimsPrincipal principal, RolloutStrategies strategies, PlatformDbContext db, CancellationToken ct)
    {
        if (Invalid(request) is { } problem) return problem;
        await strategies.SetPlatformDefaultAsync(request, principal.ToActor(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await PlatformAsync(strategies, ct));
    }

    private static async Task<Ok<EffectiveStrategyDto>> ResetPlatform(ClaimsPrincipal principal, RolloutStrategies strategies, PlatformDbContext db, CancellationToken ct)
    {
        await strategies.SetPlatformDefaultAsync(null, principal.ToActor(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await PlatformAsync(strategies, ct));
    }

    private static async Task<Ok<EffectiveStrategyDto>> GetService(string name, PlatformDbContext db, RolloutStrategies strategies, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        return TypedResults.Ok(await EffectiveAsync(service, strategies, ct));
    }

    private static async Task<Results<Ok<EffectiveStrategyDto>, ValidationProblem>> SetService(
        string name, RolloutStrategyDto request, ClaimsPrincipal principal, PlatformDbContext db, RolloutStrategies strategies, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        if (Invalid(request) is { } problem) return problem;
        strategies.SetForService(service, request, actor);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await EffectiveAsync(service, strategies, ct));
    }

    private static async Task<Ok<EffectiveStrategyDto>> ResetService(string name, ClaimsPrincipal principal, PlatformDbContext db, RolloutStrategies strategies, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        strategies.SetForService(service, null, actor);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await EffectiveAsync(service, strategies, ct));
    }

    private static ValidationProblem? Invalid(RolloutStrategyDto request)
    {
        var errors = new ValidationErrors();
        return RolloutStrategyParser.TryParse(request, errors) is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : null;
    }

    private static async Task<EffectiveStrategyDto> PlatformAsync(RolloutStrategies strategies, CancellationToken ct) =>
        await strategies.PlatformDefaultAsync(ct) is { } set
            ? new EffectiveStrategyDto(set, StrategySources.Platform)
            : new EffectiveStrategyDto(RolloutStrategy.Default.ToDto(), BuiltIn);

    private static async Task<EffectiveStrategyDto> EffectiveAsync(Domain.Services.Service service, RolloutStrategies strategies, CancellationToken ct)
    {
        if (service.RolloutStrategy is { } own) return new EffectiveStrategyDto(own, StrategySources.Service);
        return await PlatformAsync(strategies, ct);
    }
}
