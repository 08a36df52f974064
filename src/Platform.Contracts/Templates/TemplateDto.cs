namespace Platform.Contracts.Templates;

public sealed record TemplateDto(
    string Name,
    string Title,
    string Description,
    string OwnerTeam,
    string Language,
    IReadOnlyList<string> Tags,
    string LatestVersion,
    string Executor);
