namespace Platform.Contracts.Templates;

/// <summary>A new template (platform admins); its content arrives as versions.</summary>
public sealed record CreateTemplateRequest(string Name, string Title, string Description, string OwnerTeam, string Language, IReadOnlyList<string>? Tags = null);
