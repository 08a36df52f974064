namespace Platform.Contracts.Services;

/// <summary>What creating the service would produce; nothing is stored.</summary>
public sealed record ServicePreviewDto(string Name, string Route, string Template, string TemplateVersion, IReadOnlyList<FileDto> Files);
