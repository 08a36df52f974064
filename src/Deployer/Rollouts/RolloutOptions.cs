namespace Platform.Deployer.Rollouts;

/// <summary>Settings of rollouts (section "Rollouts").</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollouts";

    /// <summary>
    /// The shortest sleep between passes, and how long a new run waits before it asks the run holding a rollout's lock
    /// to look again. Between passes a run sleeps until its step's wake-up or a nudge (see <see cref="RolloutWakeups"/>).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// While the nodes' reports can change a rollout's decision (the target loading, an analysis window gathering), every
    /// heartbeat of a node serving the service wakes its run; the run also looks this often on its own, in case a nudge
    /// was missed (the Deployer's listener reconnecting).
    /// </summary>
    public TimeSpan FleetLookInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A rollout whose nodes are not all ready after this long fails and puts the previous version back.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>One job run watches a rollout at most this long, then hands over to a fresh run.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(1);
}
