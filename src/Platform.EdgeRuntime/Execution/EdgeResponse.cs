namespace Platform.EdgeRuntime.Execution;

/// <summary>What the node answers for one request, plus how the component run ended.</summary>
/// <param name="Error">Why the run failed (for logs; never sent to the client), null when it completed.</param>
public sealed record EdgeResponse(
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    ExecutionOutcome Outcome,
    string RequestId,
    string? Error = null)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
