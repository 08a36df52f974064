namespace Platform.Application.Registry;

/// <summary>What a binary says about itself: its top-level import and export names.</summary>
public sealed record ComponentInspection(IReadOnlyList<string> Imports, IReadOnlyList<string> Exports);
