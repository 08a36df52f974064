namespace Platform.Contracts.Templates;

/// <summary>One version of a template in a listing: its state (draft, vetted, deprecated) and how it builds.</summary>
public sealed record TemplateVersionSummaryDto(
    string Version,
    string Status,
    string Toolchain,
    string Executor,
    DateTimeOffset CreatedAt);
