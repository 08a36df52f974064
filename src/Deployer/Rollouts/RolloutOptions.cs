namespace Platform.Deployer.Rollouts;

/// <summary>Settings of rollouts (section "Rollouts").</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollouts";

    /// <summary>
    /// How often an active rollout looks at the nodes' reports while they can change its decision (the target loading, an
    /// analysis window gathering); otherwise it sleeps until its step's wake-up or a nudge. Also the shortest sleep between passes.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A rollout whose nodes are not all ready after this long fails and puts the previous version back.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>One job run watches a rollout at most this long, then hands over to a fresh run.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(1);
}
