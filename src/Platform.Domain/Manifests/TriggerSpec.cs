namespace Platform.Domain.Manifests;

/// <summary>
/// One <c>[[triggers]]</c> entry of a manifest: the component's <c>events.handle</c> gets the events of <paramref name="Topic"/>
/// whose subject matches <paramref name="Filter"/> (null: every event), at most <paramref name="MaxInFlight"/> at once per node,
/// each tried up to <paramref name="MaxAttempts"/> times with a doubling backoff before it goes to the dead letters.
/// </summary>
public sealed record TriggerSpec(string Topic, string? Filter, int MaxInFlight, int MaxAttempts, int BackoffMs, int MaxBackoffMs)
{
    public const int DefaultMaxInFlight = 1;
    public const int DefaultMaxAttempts = 5;
    public const int DefaultBackoffMs = 1000;
    public const int DefaultMaxBackoffMs = 60_000;
}
