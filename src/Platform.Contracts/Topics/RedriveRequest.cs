namespace Platform.Contracts.Topics;

/// <summary>Take the service's dead letters of a topic through its handler again, in <paramref name="Into"/>: "stable" (default) or "canary".</summary>
public sealed record RedriveRequest(string? Into = null);
