namespace Platform.Contracts.Topics;

/// <summary>
/// One trigger of a service as JetStream sees it (its durable consumers, one per partition, taken together).
/// </summary>
/// <param name="Versions">The deployed versions (stable, canary) declaring the trigger.</param>
/// <param name="Pending">Lag: events on the topic the consumer has not been given yet.</param>
/// <param name="InFlight">Events given to a node and not yet acknowledged.</param>
/// <param name="Redelivered">Events given more than once and not yet acknowledged (retries in progress).</param>
/// <param name="DeadLetters">The service's dead letters of this topic, waiting for a re-drive (or to expire).</param>
/// <param name="Delivered">Events acknowledged so far (the sum of the partitions' acknowledgement floors' consumer sequences).</param>
/// <param name="LastActive">When a node last took an event of it; null before the first.</param>
/// <param name="Problem">Why the figures are missing (no consumer yet: no node consumed it; NATS unreachable); null when they are there.</param>
public sealed record ConsumerDto(
    string Topic, string? Filter, IReadOnlyList<string> Versions, long Pending, long InFlight, long Redelivered, long DeadLetters,
    long Delivered, DateTimeOffset? LastActive, string? Problem);
