using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Manifests;
using Platform.Domain.Registry;

namespace Platform.Application.Registry;

/// <summary>
/// The one way a version enters the registry, whether uploaded through the API or produced by a build:
/// versions are immutable, blobs are stored once per digest, and nothing is accepted that the edge
/// cannot run or that uses a capability its manifest does not declare.
/// </summary>
public sealed class PublishVersion(PlatformDbContext db, IComponentInspector inspector, AuditLog audit, TimeProvider clock)
{
    public const long MaxBinaryBytes = 64L * 1024 * 1024;

    /// <summary>Adds the version to the unit of work (the caller saves).</summary>
    public async Task<ComponentVersion> PublishAsync(PublishRequest request, Actor actor, CancellationToken ct)
    {
        var service = request.Service;
        var version = Versions.Parse(request.Version).ToString();
        if (request.Binary.Length == 0) throw new DomainException("The component is empty.", "component");
        if (request.Binary.Length > MaxBinaryBytes)
            throw new DomainException($"The component is larger than {MaxBinaryBytes / (1024 * 1024)} MiB.", "component");

        var manifest = ManifestParser.Parse(request.ManifestText);
        if (manifest.Name != service.Name)
            throw new DomainException($"The manifest names '{manifest.Name}', but this is service '{service.Name}'.", "manifest.name");
        // The topics first: a database lookup is cheaper than compiling the binary.
        await ManifestTopics.CheckAsync(db, service, manifest, ct);
        var inspection = inspector.Inspect(request.Binary, manifest.Executor);
        CapabilityPolicy.Check(manifest, inspection);

        if (await db.ComponentVersions.AnyAsync(v => v.ServiceId == service.Id && v.Version == version, ct))
            throw new ConflictException($"Version {version} of '{service.Name}' already exists; versions are immutable.");

        var digest = Digest.Of(request.Binary);
        var now = clock.GetUtcNow();
        if (await db.Blobs.FindAsync([digest], ct) is null && !db.Blobs.Local.Any(b => b.Digest == digest))
            db.Blobs.Add(new Blob { Digest = digest, Size = request.Binary.Length, Content = request.Binary, CreatedAt = now });

        var published = new ComponentVersion
        {
            ServiceId = service.Id,
            Version = version,
            Digest = digest,
            Size = request.Binary.Length,
            Executor = manifest.Executor,
            Imports = inspection.Imports.ToList(),
            Exports = inspection.Exports.ToList(),
            ManifestText = request.ManifestText,
            AllowedOutboundHosts = manifest.AllowedOutboundHosts.ToList(),
            KeyValueStores = manifest.KeyValueStores.ToList(),
            PublishTopics = manifest.PublishTopics.ToList(),
            Triggers = manifest.Triggers.ToList(),
            Variables = manifest.Variables.Where(v => v.Value.Default is not null && !v.Value.Secret).ToDictionary(v => v.Key, v => v.Value.Default!),
            DeclaredVariables = manifest.Variables.Keys.Order(StringComparer.Ordinal).ToList(),
            RequiredVariables = manifest.Variables.Where(v => v.Value.Required).Select(v => v.Key).Order(StringComparer.Ordinal).ToList(),
            SecretVariables = manifest.Variables.Where(v => v.Value.Secret).Select(v => v.Key).Order(StringComparer.Ordinal).ToList(),
            DeadlineMs = manifest.DeadlineMs,
            MemoryMb = manifest.MemoryMb,
            MaxInstances = manifest.MaxInstances,
            SourceRevisionDigest = request.SourceRevisionDigest,
            BuildId = request.BuildId,
            TemplateVersionId = request.TemplateVersionId ?? service.TemplateVersionId,
            PublishedBy = actor.AuditName,
            PublishedAt = now,
        };
        db.ComponentVersions.Add(published);
        audit.Record(actor, "version.publish", $"service/{service.Name}",
            new() { ["version"] = version, ["digest"] = digest, ["size"] = request.Binary.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return published;
    }
}
