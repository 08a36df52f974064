namespace Platform.Contracts.Nodes;

/// <summary>
/// A replay (or a re-drive of dead letters) a node takes part in for the version it is listed under: the node consumes the
/// replay's consumers (<see cref="Topics.EventSubjects.ReplayDurable"/>, made by the control plane with the starting point)
/// and hands every event up to <paramref name="UntilSequence"/> to that version, whatever the weights say.
/// </summary>
/// <param name="Topic">The trigger's topic; the trigger (retries, dead letters) is the version's trigger on it.</param>
/// <param name="Filter">The trigger's filter the replay follows (null: every event).</param>
/// <param name="Source"><see cref="Topics.EventSubjects.ReplayFromTopic"/> or <see cref="Topics.EventSubjects.ReplayFromDeadLetters"/>.</param>
/// <param name="UntilSequence">The source stream's last sequence when the replay was asked; later events are not the replay's.</param>
public sealed record ReplayAssignmentDto(Guid Id, string Topic, string? Filter, string Source, ulong UntilSequence);
