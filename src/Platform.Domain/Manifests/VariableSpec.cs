namespace Platform.Domain.Manifests;

/// <summary>A config variable a service reads; secrets are never shown back to people.</summary>
public sealed record VariableSpec(string? Default, bool Secret, bool Required);
