namespace Platform.Contracts.Templates;

public sealed record TemplateParameterDto(
    string Name,
    string Title,
    string Type,
    bool Required,
    string? Pattern,
    string? PatternHelp,
    IReadOnlyList<string> Options,
    string? Default,
    string? Help,
    int? MaxLength);
