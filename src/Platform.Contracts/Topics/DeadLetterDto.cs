namespace Platform.Contracts.Topics;

/// <summary>
/// One event every attempt of a consumer failed on, as kept in the dead letters: where it came from, the last error, and its
/// body (as text, cut at 4 KiB; <paramref name="Truncated"/> then).
/// </summary>
public sealed record DeadLetterDto(
    ulong Sequence, string? EventId, string? Key, string Subject, ulong OriginalSequence, int Attempts, string Error,
    DateTimeOffset StoredAt, string Data, bool Truncated);
