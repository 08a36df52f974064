using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Templates;

namespace Platform.Application.Templates;

/// <summary>
/// Loads the repository's built-in templates as vetted versions. Idempotent: an unchanged version is
/// left alone; a changed one under the same version number is refused, because versions are immutable.
/// </summary>
public sealed class TemplateSeeder(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<int> SeedAsync(IEnumerable<TemplateDefinition> definitions, CancellationToken ct)
    {
        var added = 0;
        foreach (var definition in definitions)
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == definition.OwnerTeam, ct)
                ?? throw new DomainException($"Template '{definition.Name}' is owned by unknown team '{definition.OwnerTeam}'.");
            var template = await db.Templates.Include(t => t.Versions).FirstOrDefaultAsync(t => t.Name == definition.Name, ct);
            var now = clock.GetUtcNow();
            if (template is null)
            {
                template = new Template { Name = definition.Name, Title = "", Description = "", Language = "", CreatedAt = now };
                db.Templates.Add(template);
            }
            template.Title = definition.Title;
            template.Description = definition.Description;
            template.Language = definition.Language;
            template.Tags = definition.Tags.ToList();
            template.OwnerTeamId = team.Id;

            var existing = template.Versions.FirstOrDefault(v => v.Version == definition.Version);
            if (existing is not null)
            {
                if (!SameContent(existing, definition))
                    throw new DomainException($"Template {definition.Name} {definition.Version} changed but kept its version; bump the version.");
                continue;
            }
            template.Versions.Add(new TemplateVersion
            {
                TemplateId = template.Id,
                Version = definition.Version,
                Toolchain = definition.Toolchain,
                Executor = definition.Executor,
                Parameters = definition.Parameters.ToList(),
                Files = new Dictionary<string, string>(definition.Files, StringComparer.Ordinal),
                DeployOnCreate = definition.DeployOnCreate,
                Status = TemplateVersionStatus.Vetted,
                VettedBy = "system:seed",
                VettedAt = now,
                CreatedAt = now,
            });
            audit.Record("system:seed", "template.version.vet", $"template/{definition.Name}", new() { ["version"] = definition.Version });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static bool SameContent(TemplateVersion existing, TemplateDefinition definition) =>
        existing.Toolchain == definition.Toolchain
        && existing.Executor == definition.Executor
        && existing.Files.Count == definition.Files.Count
        && existing.Files.All(f => definition.Files.TryGetValue(f.Key, out var content) && content == f.Value)
        && existing.Parameters.SequenceEqual(definition.Parameters, ParameterComparer.Instance);

    private sealed class ParameterComparer : IEqualityComparer<TemplateParameter>
    {
        public static ParameterComparer Instance { get; } = new();
        public bool Equals(TemplateParameter? x, TemplateParameter? y) =>
            x is not null && y is not null && x with { Options = [] } == y with { Options = [] } && x.Options.SequenceEqual(y.Options);
        public int GetHashCode(TemplateParameter obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
