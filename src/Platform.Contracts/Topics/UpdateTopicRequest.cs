namespace Platform.Contracts.Topics;

/// <summary>
/// Changes a topic's settings; a null field keeps its value (the owner team does not change). <see cref="MaxAgeSeconds"/> and
/// <see cref="MaxBytes"/> take <see cref="NoLimit"/> (0) to remove that limit; a topic keeps at least one of the two.
/// </summary>
/// <remarks>
/// Why 0 and not null: null already means "keep" here (and most clients cannot tell a missing field from a JSON null), while
/// 0 was never a valid limit (a stream that keeps nothing for 0 seconds or 0 bytes is not a topic), so giving it the meaning
/// "no limit" breaks no request that was accepted before. It is also what JetStream itself writes for an unlimited max age.
/// </remarks>
public sealed record UpdateTopicRequest(
    string? Description = null,
    long? MaxAgeSeconds = null,
    long? MaxBytes = null,
    TopicAccessDto? Publishers = null,
    TopicAccessDto? Subscribers = null)
{
    /// <summary>The retention value that removes a limit.</summary>
    public const long NoLimit = 0;
}
