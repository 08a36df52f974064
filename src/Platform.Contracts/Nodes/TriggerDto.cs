namespace Platform.Contracts.Nodes;

/// <summary>
/// One topic trigger of a version (its manifest's <c>[[triggers]]</c>): the node consumes the topic's events that match
/// <paramref name="Filter"/> through the service's durable consumers (<see cref="Topics.EventSubjects.Durable"/>) and hands
/// each to the component's <c>events.handle</c>.
/// </summary>
/// <param name="Filter">Subject filter within the topic ("eu.*", "orders.>"); null for every event.</param>
/// <param name="MaxInFlight">Events of this trigger handled at once on one node (1..<see cref="Topics.EventSubjects.Partitions"/>; at most one per partition).</param>
/// <param name="MaxAttempts">Deliveries before the event goes to the dead letters with the last error.</param>
/// <param name="BackoffMs">Wait before the second attempt; doubled for each further one, up to <paramref name="MaxBackoffMs"/>.</param>
public sealed record TriggerDto(string Topic, string? Filter, int MaxInFlight, int MaxAttempts, int BackoffMs, int MaxBackoffMs)
{
    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 = the first delivery).</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoffMs, BackoffMs * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30))));
}
