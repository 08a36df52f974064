namespace Platform.Contracts.Rollouts;

/// <summary>
/// Put an earlier version back on every node at once, without a canary. Without <paramref name="Version"/>, the
/// version that was stable before the current one.
/// </summary>
public sealed record RollbackRequest(string? Version = null, string? Reason = null);
