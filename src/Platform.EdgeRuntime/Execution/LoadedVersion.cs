using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// A version that compiled, linked and instantiated once: ready to take traffic. Its executor
/// (component or WAGI) links exactly what the version was granted. A component version may be parked while idle
/// (<see cref="Residency"/>) and is loaded again by its next run; a retired one (<see cref="Retire"/>) is parked once its
/// last run ends.
/// </summary>
public sealed class LoadedVersion
{
    private int _running;

    internal LoadedVersion(string service, VersionAssignmentDto assignment, ResidentExecutor executor)
    {
        Service = service;
        Assignment = assignment;
        Executor = executor;
    }

    /// <summary>Instances of this version running right now on this node.</summary>
    public int RunningInstances => Volatile.Read(ref _running);

    public string Service { get; }

    public VersionAssignmentDto Assignment { get; }

    public string Version => Assignment.Version;

    public string Digest => Assignment.Digest;

    /// <summary>The version itself, or a baseline copy of it (own instances, own instance budget, own metrics; answers as the version).</summary>
    public VersionRole Role => Assignment.Role;

    public LimitsDto Limits => Assignment.Limits;

    internal ResidentExecutor Executor { get; }

    /// <summary>Whether the version's compiled component is in memory (false: parked, loaded again by its next run).</summary>
    public bool IsResident => Executor.IsResident;

    /// <summary>The version left this node: it stops counting as resident and is parked once its last run ends.</summary>
    public void Retire() => Executor.Retire();

    /// <summary>Takes one instance of the version's budget (<see cref="LimitsDto.MaxInstances"/>); false when all are running.</summary>
    internal bool TryStartInstance()
    {
        if (Interlocked.Increment(ref _running) <= Limits.MaxInstances)
        {
            return true;
        }
        Interlocked.Decrement(ref _running);
        return false;
    }

    internal void InstanceFinished() => Interlocked.Decrement(ref _running);

    /// <summary>
    /// True when the assignment can be served by this instance without reloading (same role, digest, executor, grants,
    /// limits, triggers and replays): a baseline copy is never served by the version itself, nor the other way round.
    /// </summary>
    public bool Serves(VersionAssignmentDto assignment) =>
        assignment.Version == Version &&
        assignment.Role == Role &&
        assignment.Digest == Digest &&
        assignment.Executor == Assignment.Executor &&
        assignment.Limits == Limits &&
        assignment.Capabilities.AllowedOutboundHosts.SequenceEqual(Assignment.Capabilities.AllowedOutboundHosts) &&
        assignment.Capabilities.KeyValueStores.SequenceEqual(Assignment.Capabilities.KeyValueStores) &&
        (assignment.Capabilities.PublishTopics ?? []).SequenceEqual(Assignment.Capabilities.PublishTopics ?? []) &&
        (assignment.Triggers ?? []).SequenceEqual(Assignment.Triggers ?? []) &&
        (assignment.Replays ?? []).SequenceEqual(Assignment.Replays ?? []) &&
        assignment.Capabilities.Variables.Count == Assignment.Capabilities.Variables.Count &&
        assignment.Capabilities.Variables.All(v => Assignment.Capabilities.Variables.TryGetValue(v.Key, out var value) && value == v.Value);
}
