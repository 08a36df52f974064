using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Contracts.Registry;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Features.Versions;

public static class VersionsEndpoints
{
    public static RouteGroupBuilder MapVersionsEndpoints(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/services/{name}/versions").WithTags("Registry").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        versions.MapGet("/", List);
        versions.MapPost("/", PublishComponentVersion.Handle).RequireAuthorization(PlatformClaims.WriterPolicy).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        versions.MapGet("/{version}", Get);
        versions.MapGet("/{version}/component", Download);
        api.MapGet("/blobs/{digest}", Blob).WithTags("Registry")
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .WithSummary("Download a blob by digest (sha256:<hex>); for people and edge nodes.");
        return api;
    }

    private static async Task<Ok<List<ComponentVersionDto>>> List(string name, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var versions = await db.ComponentVersions.AsNoTracking().Where(v => v.ServiceId == service.Id).OrderByDescending(v => v.PublishedAt).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => v.ToDto(name)).ToList());
    }

    private static async Task<Ok<ComponentVersionDto>> Get(string name, string version, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var found = await db.ComponentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ServiceId == service.Id && v.Version == version, ct)
            ?? throw new NotFoundException("Version", $"{name}@{version}");
        return TypedResults.Ok(found.ToDto(name));
    }

    private static async Task<FileContentHttpResult> Download(string name, string version, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var digest = await db.ComponentVersions.AsNoTracking().Where(v => v.ServiceId == service.Id && v.Version == version)
            .Select(v => v.Digest).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Version", $"{name}@{version}");
        return await SendBlobAsync(db, digest, $"{name}-{version}.wasm", ct);
    }

    private static Task<FileContentHttpResult> Blob(string digest, PlatformDbContext db, CancellationToken ct)
    {
        if (!Digest.IsValid(digest)) throw new DomainException("A digest looks like sha256:<64 hex digits>.", "digest");
        return SendBlobAsync(db, digest, null, ct);
    }

    private static async Task<FileContentHttpResult> SendBlobAsync(PlatformDbContext db, string digest, string? fileName, CancellationToken ct)
    {
        var blob = await db.Blobs.AsNoTracking().FirstOrDefaultAsync(b => b.Digest == digest, ct) ?? throw new NotFoundException("Blob", digest);
        return TypedResults.File(blob.Content, "application/wasm", fileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{digest}\""));
    }
}
