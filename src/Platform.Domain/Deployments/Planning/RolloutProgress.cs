using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Everything the planner decides from: the strategy (spec), where the rollout stands (status, written by the
/// Deployer) and what people asked for (<see cref="Requests"/>, intent, written by the API).
/// Immutable; <see cref="Apply"/> gives the state after a decision.
/// </summary>
public sealed partial record RolloutProgress
{
    public required RolloutStrategy Strategy { get; init; }

    /// <summary>
    /// Pending until <see cref="BeginRollout"/> (held there while its capabilities await approval), then Progressing until
    /// <see cref="Complete"/> (Succeeded) or <see cref="RollBack"/> (Failed, Aborted); <see cref="Withdraw"/> aborts a pending one.
    /// </summary>
    public RolloutPhase Phase { get; init; } = RolloutPhase.Progressing;

    /// <summary>The current ring (0-based); equal to <see cref="RolloutStrategy.RingCount"/> once every ring is done or promoted.</summary>
    public int Ring { get; init; }

    /// <summary>The current step of the current ring (0-based).</summary>
    public int Step { get; init; }

    /// <summary>When the current step began (or began again after a resume): the start of its pause or analysis window.</summary>
    public DateTimeOffset StepStartedAt { get; init; }

    /// <summary>Set while the rollout waits for a person.</summary>
    public RolloutHold? Hold { get; init; }

    /// <summary>The verdict of the most recent analysis, for the timeline and the portal.</summary>
    public AnalysisVerdict? LastVerdict { get; init; }

    /// <summary>Why the rollout finished, once it has.</summary>
    public string? EndReason { get; init; }

    public RolloutRequests Requests { get; init; } = RolloutRequests.None;

    /// <summary>Names of the nodes seen online during the rollout (that still run the service).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>Names of those that stopped heartbeating during the rollout and have not come back.</summary>
    public IReadOnlyList<string> LostNodes { get; init; } = [];

    /// <summary>Since when the rollout has waited for the online nodes to load the target (null: they have, or it has not had to).</summary>
    public DateTimeOffset? NotReadySince { get; init; }

    /// <summary>A rollout that has begun at <paramref name="now"/> (the domain tests' usual start).</summary>
    public static RolloutProgress Start(RolloutStrategy strategy, DateTimeOffset now) => new() { Strategy = strategy, StepStartedAt = now };

    /// <summary>A rollout as requested, before the Deployer began it (it may have to wait for approval).</summary>
    public static RolloutProgress Requested(RolloutStrategy strategy, DateTimeOffset now) => new() { Strategy = strategy, StepStartedAt = now, Phase = RolloutPhase.Pending };

    public bool IsFinished => Phase is RolloutPhase.Succeeded or RolloutPhase.Failed or RolloutPhase.Aborted;

    /// <summary>True once no step is left: every ring passed, the rollout was promoted, or the strategy has no steps.</summary>
    public bool IsPastLastStep => Strategy.Steps.Count == 0 || Ring >= Strategy.RingCount;

    public RolloutStep? CurrentStep => IsPastLastStep ? null : Strategy.Steps[Step];

    public string RingName => Strategy.RingName(Math.Min(Ring, Strategy.RingCount - 1));

    /// <summary>
    /// The percentage of a ring's traffic the target version should get in this state (absolute, so the job can
    /// write it after every saved transition): 100 for passed rings and after promotion, the last weight set in the
    /// current ring, 0 for rings not reached yet and after a rollback.
    /// </summary>
    public int CanaryWeight(int ring) => Phase switch
    {
        RolloutPhase.Failed or RolloutPhase.Aborted => 0,
        RolloutPhase.Succeeded => 100,
        _ when IsPastLastStep || ring < Ring => 100,
        _ when ring > Ring => 0,
        _ => Strategy.Steps.Take(Step).OfType<SetWeightStep>().LastOrDefault()?.Percent ?? 0,
    };
}
