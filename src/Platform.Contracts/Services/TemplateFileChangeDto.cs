namespace Platform.Contracts.Services;

/// <summary>One file the template update changes: "added", "removed" or "modified", with its unified diff.</summary>
public sealed record TemplateFileChangeDto(string Path, string Change, string Diff);
