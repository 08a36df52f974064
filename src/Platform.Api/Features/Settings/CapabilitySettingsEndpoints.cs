using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure;
using Platform.Application.Settings;
using Platform.Contracts.Settings;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Settings;

namespace Platform.Api.Features.Settings;

/// <summary>
/// The capability policy: whether first versions that declare capabilities need an admin's approval, and the networks
/// outbound HTTP may reach although special. Everyone signed in reads it; platform admins change it (audited); the
/// nodes receive the networks with their desired state.
/// </summary>
public static class CapabilitySettingsEndpoints
{
    public static RouteGroupBuilder MapCapabilitySettingsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/capabilities", Get).WithTags("Settings").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapPut("/settings/capabilities", Set).WithTags("Settings").RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: approval of first versions that declare capabilities, and networks outbound HTTP may reach although special.");
        return api;
    }

    private static async Task<Ok<CapabilitySettingsDto>> Get(CapabilitySettingsStore store, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await store.GetAsync(ct)));

    private static async Task<Results<Ok<CapabilitySettingsDto>, ValidationProblem>> Set(
        SetCapabilitySettingsRequest request, ClaimsPrincipal principal, CapabilitySettingsStore store, PlatformDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var settings = CapabilitySettings.TryCreate(request.ApproveFirstVersions, request.AllowedOutboundNetworks, errors);
        if (settings is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        await store.SetAsync(settings, principal.ToActor(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(await store.GetAsync(ct)));
    }

    private static CapabilitySettingsDto ToDto((CapabilitySettings Settings, PlatformSetting? Row) current) =>
        new(current.Settings.ApproveFirstVersions, current.Settings.AllowedOutboundNetworks, current.Row?.UpdatedBy, current.Row?.UpdatedAt);
}
