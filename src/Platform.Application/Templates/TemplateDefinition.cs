using Platform.Domain.Templates;

namespace Platform.Application.Templates;

/// <summary>A template as it is kept in the repository: <c>template.toml</c> plus a <c>files/</c> tree.</summary>
public sealed record TemplateDefinition(
    string Name,
    string Title,
    string Description,
    string OwnerTeam,
    string Language,
    IReadOnlyList<string> Tags,
    string Version,
    string Toolchain,
    string Executor,
    bool DeployOnCreate,
    IReadOnlyList<TemplateParameter> Parameters,
    IReadOnlyDictionary<string, string> Files);
