namespace Platform.Domain.Templates;

/// <summary>One input of a template's form. Values are rendered into files as <c>{{ name }}</c>.</summary>
public sealed record TemplateParameter
{
    public required string Name { get; init; }
    public required string Title { get; init; }
    public ParameterType Type { get; init; } = ParameterType.String;
    public bool Required { get; init; }
    public string? Pattern { get; init; }
    public string? PatternHelp { get; init; }
    public IReadOnlyList<string> Options { get; init; } = [];
    public string? Default { get; init; }
    public string? Help { get; init; }
    public int? MaxLength { get; init; }
}
