namespace Platform.Domain.Topics;

/// <summary>Where a <see cref="EventReplay"/> takes its events from.</summary>
public enum ReplaySource
{
    /// <summary>The topic's stream, from a sequence or a time.</summary>
    Topic,

    /// <summary>The service's dead letters of the topic (a re-drive): handled ones leave the dead letters.</summary>
    DeadLetters,
}
