namespace Platform.Contracts.Services;

/// <summary>A requirement on one node label: operator In, NotIn (with values), Exists or DoesNotExist (without).</summary>
public sealed record LabelRequirementDto(string Key, string Operator, IReadOnlyList<string>? Values = null);
