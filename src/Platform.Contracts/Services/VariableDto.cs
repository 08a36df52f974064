namespace Platform.Contracts.Services;

/// <param name="Value">Null for secrets.</param>
public sealed record VariableDto(string Name, bool Secret, string? Value, string UpdatedBy, DateTimeOffset UpdatedAt);
