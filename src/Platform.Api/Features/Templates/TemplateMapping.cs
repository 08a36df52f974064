using Platform.Contracts.Templates;
using Platform.Domain.Templates;

namespace Platform.Api.Features.Templates;

public static class TemplateMapping
{
    public static TemplateVersionDto ToDto(this TemplateVersion version, string template) =>
        new(template, version.Version, version.Toolchain, version.Executor, version.Status.ToString().ToLowerInvariant(), version.DeployOnCreate,
            version.Parameters.Select(p => p.ToDto()).ToList(),
            version.Files.Keys.Order(StringComparer.Ordinal).ToList(),
            version.CreatedAt);

    public static TemplateParameterDto ToDto(this TemplateParameter p) =>
        new(p.Name, p.Title, p.Type.ToString().ToLowerInvariant(), p.Required, p.Pattern, p.PatternHelp, p.Options, p.Default, p.Help, p.MaxLength);
}
