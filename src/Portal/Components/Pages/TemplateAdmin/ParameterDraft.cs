using Platform.Contracts.Templates;

namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>One editable row of a version's parameter schema; <see cref="Options"/> is comma-separated in the form.</summary>
public sealed class ParameterDraft
{
    public static readonly string[] Types = ["string", "integer", "boolean", "enum", "team"];

    public string Name { get; set; } = "";
    public string Title { get; set; } = "";
    public string Type { get; set; } = "string";
    public bool Required { get; set; }
    public string? Pattern { get; set; }
    public string? PatternHelp { get; set; }
    public string? Options { get; set; }
    public string? Default { get; set; }
    public string? Help { get; set; }
    public int? MaxLength { get; set; }

    public static ParameterDraft From(TemplateParameterDto p) => new()
    {
        Name = p.Name, Title = p.Title, Type = p.Type, Required = p.Required, Pattern = p.Pattern, PatternHelp = p.PatternHelp,
        Options = p.Options.Count == 0 ? null : string.Join(", ", p.Options), Default = p.Default, Help = p.Help, MaxLength = p.MaxLength,
    };

    /// <summary>The row as the API takes it: blank optional texts become null, options are split on commas.</summary>
    public TemplateParameterDto ToDto() => new(
        Name.Trim(), Title.Trim(), Type, Required, Blank(Pattern), Blank(PatternHelp),
        Type == "enum" ? (Options ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
        Blank(Default), Blank(Help), MaxLength);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
