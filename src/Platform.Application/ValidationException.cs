namespace Platform.Application;

/// <summary>Input that cannot be read, field by field (mapped to a 400 validation problem naming each field).</summary>
public sealed class ValidationException(IDictionary<string, string[]> errors)
    : Exception($"The request is not valid: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
