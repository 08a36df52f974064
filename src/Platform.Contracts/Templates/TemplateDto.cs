namespace Platform.Contracts.Templates;

/// <summary>
/// A template and the versions the caller may see (developers: vetted ones; its owners and admins: all).
/// <see cref="LatestVersion"/> is the newest vetted version, empty while none is vetted.
/// </summary>
public sealed record TemplateDto(
    string Name,
    string Title,
    string Description,
    string OwnerTeam,
    string Language,
    IReadOnlyList<string> Tags,
    string LatestVersion,
    string Executor,
    IReadOnlyList<TemplateVersionSummaryDto>? Versions = null);
