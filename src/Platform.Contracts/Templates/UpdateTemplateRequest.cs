namespace Platform.Contracts.Templates;

/// <summary>
/// Changes a template's description in the catalog; absent fields stay as they are. The owning team (or an
/// admin) edits title, description, language and tags; only a platform admin hands it to another team.
/// </summary>
public sealed record UpdateTemplateRequest(
    string? Title = null,
    string? Description = null,
    string? Language = null,
    IReadOnlyList<string>? Tags = null,
    string? OwnerTeam = null);
