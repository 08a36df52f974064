using Platform.Application.Identity;
using Platform.Contracts.Templates;
using Platform.Domain.Templates;

namespace Platform.Api.Features.Templates;

public static class TemplateMapping
{
    /// <summary>The template with the versions <paramref name="actor"/> may see, newest first; needs Versions and OwnerTeam loaded.</summary>
    public static TemplateDto ToDto(this Template template, Actor actor)
    {
        var visible = template.Versions.VisibleTo(actor, template.OwnerTeamId).OrderByDescending(v => v.CreatedAt).ToList();
        var latest = visible.NewestVetted();
        return new TemplateDto(template.Name, template.Title, template.Description, template.OwnerTeam!.Name, template.Language, template.Tags,
            latest?.Version ?? "", latest?.Executor ?? "",
            visible.Select(v => new TemplateVersionSummaryDto(v.Version, v.Status.ToWire(), v.Toolchain, v.Executor, v.CreatedAt)).ToList());
    }

    public static TemplateVersionDto ToDto(this TemplateVersion version, string template) =>
        new(template, version.Version, version.Toolchain, version.Executor, version.Status.ToWire(), version.DeployOnCreate,
            version.Parameters.Select(p => p.ToDto()).ToList(),
            version.Files.Keys.Order(StringComparer.Ordinal).ToList(),
            version.CreatedAt, version.VettedBy, version.VettedAt);

    public static TemplateParameterDto ToDto(this TemplateParameter p) =>
        new(p.Name, p.Title, p.Type.ToString().ToLowerInvariant(), p.Required, p.Pattern, p.PatternHelp, p.Options, p.Default, p.Help, p.MaxLength);

    private static string ToWire(this TemplateVersionStatus status) => status.ToString().ToLowerInvariant();
}
