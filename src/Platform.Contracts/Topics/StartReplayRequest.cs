namespace Platform.Contracts.Topics;

/// <summary>
/// Replay a service's trigger on a topic from <paramref name="FromSequence"/> (a stream sequence, 1 = the first event) or from
/// <paramref name="FromTime"/> (exactly one of the two) into <paramref name="Into"/>: "stable" (the default) or "canary".
/// <paramref name="Filter"/> picks the trigger when the service has several on the topic.
/// </summary>
public sealed record StartReplayRequest(long? FromSequence = null, DateTimeOffset? FromTime = null, string? Into = null, string? Filter = null);
