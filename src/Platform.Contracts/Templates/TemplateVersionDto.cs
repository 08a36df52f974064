namespace Platform.Contracts.Templates;

public sealed record TemplateVersionDto(
    string Template,
    string Version,
    string Toolchain,
    string Executor,
    string Status,
    bool DeployOnCreate,
    IReadOnlyList<TemplateParameterDto> Parameters,
    IReadOnlyList<string> Files,
    DateTimeOffset CreatedAt,
    string? VettedBy = null,
    DateTimeOffset? VettedAt = null);
