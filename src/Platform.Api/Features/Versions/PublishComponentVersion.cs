using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application.Registry;
using Platform.Contracts.Registry;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Manifests;

namespace Platform.Api.Features.Versions;

/// <summary>
/// POST /api/v1/services/{name}/versions as multipart/form-data: <c>version</c>, <c>component</c> (the .wasm file)
/// and <c>manifest</c> (platform.toml as a file or text; without it the platform defaults apply).
/// </summary>
public static class PublishComponentVersion
{
    public static async Task<Results<Created<ComponentVersionDto>, ValidationProblem>> Handle(
        string name, HttpRequest http, ClaimsPrincipal principal, PlatformDbContext db, PublishVersion publisher, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        if (!http.HasFormContentType)
            return Invalid("component", "Send multipart/form-data with fields 'version', 'component' and optionally 'manifest'.");
        var form = await http.ReadFormAsync(ct);
        var version = form["version"].ToString();
        if (!Domain.Versions.TryParse(version, out _)) return Invalid("version", $"'{version}' is not a semantic version such as 1.2.3.");
        var file = form.Files.GetFile("component");
        if (file is null || file.Length == 0) return Invalid("component", "Attach the component's .wasm file as 'component'.");
        if (file.Length > PublishVersion.MaxBinaryBytes) return Invalid("component", "The component is larger than 64 MiB.");

        var manifest = form.Files.GetFile("manifest") is { } manifestFile
            ? await ReadTextAsync(manifestFile, ct)
            : form["manifest"].ToString();
        if (string.IsNullOrWhiteSpace(manifest)) manifest = $"name = \"{service.Name}\"\n";

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var published = await publisher.PublishAsync(new PublishRequest(service, version, buffer.ToArray(), manifest), actor, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/services/{name}/versions/{published.Version}", published.ToDto(name));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The version cannot be published.");

    private static async Task<string> ReadTextAsync(IFormFile file, CancellationToken ct)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(ct);
    }
}
