namespace Platform.Client;

/// <summary>An RFC 9457 problem details body as the API sends it.</summary>
public sealed record ApiProblem(
    string? Title,
    string? Detail,
    int? Status,
    string? TraceId,
    IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>One readable sentence: the detail, or the field errors, or the title.</summary>
    public string Describe() =>
        Errors is { Count: > 0 }
            ? string.Join(" ", Errors.SelectMany(e => e.Value))
            : Detail ?? Title ?? $"HTTP {Status}";
}
