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

    private static readonly string[] Sorts = ["-published", "published"];

    /// <summary>
    /// One page of a service's versions, newest first unless <c>sort=published</c>; <c>search</c>: the version contains it.
    /// Pages as every list does (<see cref="Paging"/>).
    /// </summary>
    private static async Task<Results<Ok<List<ComponentVersionDto>>, ValidationProblem>> List(string name, string? search, string? sort, int? limit,
        string? after, HttpContext http, PlatformDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (search?.Length > 100) errors.Add("search", "At most 100 characters.");
        sort = Paging.Sort(sort, Sorts, errors);
        var pageLimit = Paging.Limit(limit, errors);
        var cursor = Paging.After(after, sort, 2, (i, part) => i == 0 ? Paging.TryTimestamp(part, out _) : Platform.Domain.Versions.TryParse(part, out _), errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The list query is not valid.");
        var service = await db.FindAsync(name, ct);
        var versions = db.ComponentVersions.AsNoTracking().Where(v => v.ServiceId == service.Id);
        if (search is not null) versions = versions.Where(v => EF.Functions.ILike(v.Version, Like.Contains(search), Like.Escape));
        var total = await versions.CountAsync(ct);
        if (cursor is not null && Paging.TryTimestamp(cursor[0], out var at))
        {
            var version = cursor[1];
            versions = sort == "published"
                ? versions.Where(v => v.PublishedAt > at || (v.PublishedAt == at && string.Compare(v.Version, version) > 0))
                : versions.Where(v => v.PublishedAt < at || (v.PublishedAt == at && string.Compare(v.Version, version) < 0));
        }
        versions = sort == "published"
            ? versions.OrderBy(v => v.PublishedAt).ThenBy(v => v.Version)
            : versions.OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Version);
        var (page, more) = Paging.Split(await versions.Take(pageLimit + 1).ToListAsync(ct), pageLimit);
        Paging.WriteHeaders(http, total, more ? Paging.Cursor(sort, Paging.Ticks(page[^1].PublishedAt), page[^1].Version) : null);
        return TypedResults.Ok(page.Select(v => v.ToDto(name)).ToList());
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
