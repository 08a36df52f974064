using System.Text.Json.Serialization;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// Where a rollout stands (status, written only by the Deployer), one immutable record: what the pure step
/// (<see cref="RolloutStepper.Step"/>) reads and returns, and what is saved with the rollout. The step owns the
/// position, hold, verdict, nodes and readiness wait; the Deployer's pass adds what it wrote (<see cref="Weights"/>),
/// measured from (<see cref="Baseline"/>) and showed (<see cref="LastAnalysis"/>). The spec (<see cref="RolloutStrategy"/>)
/// and the intent (<see cref="RolloutRequests"/>) are the step's other inputs, never part of the status.
/// <see cref="Phase"/> and <see cref="EndReason"/> are saved in the rollout's own columns, which queries filter on.
/// </summary>
public sealed record RolloutStatus
{
    /// <summary>
    /// Pending until <see cref="BeginRollout"/> (held there while its capabilities await approval), then Progressing until
    /// <see cref="Complete"/> (Succeeded) or <see cref="RollBack"/> (Failed, Aborted); <see cref="Withdraw"/> aborts a pending one.
    /// </summary>
    [JsonIgnore]
    public RolloutPhase Phase { get; init; } = RolloutPhase.Progressing;

    /// <summary>The current ring (0-based); equal to <see cref="RolloutStrategy.RingCount"/> once every ring is done or promoted.</summary>
    public int Ring { get; init; }

    /// <summary>The current step of the current ring (0-based).</summary>
    public int Step { get; init; }

    /// <summary>When the current step began (or began again after a resume): the start of its pause or analysis window.</summary>
    public DateTimeOffset StepStartedAt { get; init; }

    /// <summary>Set while the rollout waits for a person.</summary>
    public RolloutHold? Hold { get; init; }

    /// <summary>The verdict of the most recent analysis decision.</summary>
    public AnalysisVerdict? LastVerdict { get; init; }

    /// <summary>Why the rollout finished, once it has.</summary>
    [JsonIgnore]
    public string? EndReason { get; init; }

    /// <summary>Names of the nodes seen online during the rollout (that still run the service).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>Names of those that stopped heartbeating during the rollout and have not come back.</summary>
    public IReadOnlyList<string> LostNodes { get; init; } = [];

    /// <summary>Since when the rollout has waited for the online nodes to load the target (null: they have, or it has not had to).</summary>
    public DateTimeOffset? NotReadySince { get; init; }

    /// <summary>The last analysis as the timeline and the portal show it (written by the Deployer's pass).</summary>
    public AnalysisRecord? LastAnalysis { get; init; }

    /// <summary>The counters the analysis window being gathered is measured from (written by the Deployer's pass).</summary>
    public AnalysisBaseline? Baseline { get; init; }

    /// <summary>The canary weight last written for each ring, in ring order (written by the Deployer's pass).</summary>
    public IReadOnlyList<int> Weights { get; init; } = [];

    /// <summary>A rollout that has begun at <paramref name="now"/> (the domain tests' usual start).</summary>
    public static RolloutStatus Start(DateTimeOffset now) => new() { StepStartedAt = now };

    /// <summary>A rollout as requested, before the Deployer began it (it may have to wait for approval).</summary>
    public static RolloutStatus Requested(DateTimeOffset now) => new() { StepStartedAt = now, Phase = RolloutPhase.Pending };

    public bool IsFinished => Phase is RolloutPhase.Succeeded or RolloutPhase.Failed or RolloutPhase.Aborted;

    /// <summary>True once no step of <paramref name="spec"/> is left: every ring passed, the rollout was promoted, or the strategy has no steps.</summary>
    public bool IsPastLastStep(RolloutStrategy spec) => spec.Steps.Count == 0 || Ring >= spec.RingCount;

    public RolloutStep? CurrentStep(RolloutStrategy spec) => IsPastLastStep(spec) ? null : spec.Steps[Step];

    public string RingName(RolloutStrategy spec) => spec.RingName(Math.Min(Ring, spec.RingCount - 1));

    /// <summary>
    /// The percentage of a ring's traffic the target version should get in this state (absolute, so the job can
    /// write it after every saved transition): 100 for passed rings and after promotion, the last weight set in the
    /// current ring, 0 for rings not reached yet and after a rollback.
    /// </summary>
    public int CanaryWeight(RolloutStrategy spec, int ring) => Phase switch
    {
        RolloutPhase.Failed or RolloutPhase.Aborted => 0,
        RolloutPhase.Succeeded => 100,
        _ when IsPastLastStep(spec) || ring < Ring => 100,
        _ when ring > Ring => 0,
        _ => spec.Steps.Take(Step).OfType<SetWeightStep>().LastOrDefault()?.Percent ?? 0,
    };

    /// <summary>
    /// The state after <paramref name="decision"/> was carried out at <paramref name="now"/>. A decision made
    /// for another position (already applied, or stale) changes nothing, nor does one that changes no status
    /// (<see cref="Wait"/>, <see cref="RunAnalysis"/>, a repeated <see cref="PauseForHuman"/> or <see cref="AwaitApproval"/>), nor anything
    /// once the rollout has finished, so the result equals this instance exactly when there is nothing to save.
    /// A hold remembers the resume generation of <paramref name="requests"/> it began in.
    /// </summary>
    public RolloutStatus Apply(RolloutStrategy spec, RolloutRequests requests, RolloutDecision decision, DateTimeOffset now)
    {
        if (IsFinished) return this;
        return decision switch
        {
            BeginRollout when Phase == RolloutPhase.Pending => this with
            {
                Phase = RolloutPhase.Progressing, Ring = 0, Step = 0, StepStartedAt = now, Hold = null, NotReadySince = null,
            },
            AwaitApproval d when Phase == RolloutPhase.Pending && Hold is null => this with { Hold = new RolloutHold(d.Reason, now, requests.ResumeGeneration) },
            Withdraw d when Phase == RolloutPhase.Pending => this with { Phase = RolloutPhase.Aborted, EndReason = d.Reason, Hold = null },
            SetCanaryWeight d when IsAt(spec, d.Ring, d.Step) => Next(spec, now, LastVerdict),
            Advance d when IsAt(spec, d.Ring, d.Step) => Next(spec, now, d.Verdict ?? LastVerdict),
            Resume d when IsAt(spec, d.Ring, d.Step) && Hold is not null => this with { Hold = null, StepStartedAt = now },
            Promote when !IsPastLastStep(spec) => this with { Ring = spec.RingCount, Step = 0, StepStartedAt = now, Hold = null },
            PauseForHuman d when Hold is null => this with
            {
                Hold = new RolloutHold(d.Reason, now, requests.ResumeGeneration, d.Verdict),
                LastVerdict = d.Verdict ?? LastVerdict,
            },
            Complete d => this with { Phase = RolloutPhase.Succeeded, EndReason = d.Reason, Hold = null },
            RollBack d => this with
            {
                Phase = d.Cause == RollbackCause.Aborted ? RolloutPhase.Aborted : RolloutPhase.Failed,
                EndReason = d.Reason,
                LastVerdict = d.Verdict ?? LastVerdict,
                Hold = null,
            },
            _ => this,
        };
    }

    private bool IsAt(RolloutStrategy spec, int ring, int step) => !IsPastLastStep(spec) && Ring == ring && Step == step;

    private RolloutStatus Next(RolloutStrategy spec, DateTimeOffset now, AnalysisVerdict? verdict)
    {
        var lastOfRing = Step + 1 >= spec.Steps.Count;
        return this with
        {
            Ring = lastOfRing ? Ring + 1 : Ring,
            Step = lastOfRing ? 0 : Step + 1,
            StepStartedAt = now,
            Hold = null,
            LastVerdict = verdict,
        };
    }

    /// <summary>Records compare their lists by content, so "nothing changed" means equal.</summary>
    public bool Equals(RolloutStatus? other) =>
        other is not null && Phase == other.Phase && Ring == other.Ring && Step == other.Step && StepStartedAt == other.StepStartedAt
        && Equals(Hold, other.Hold) && Equals(LastVerdict, other.LastVerdict) && EndReason == other.EndReason
        && Nodes.SequenceEqual(other.Nodes) && LostNodes.SequenceEqual(other.LostNodes) && NotReadySince == other.NotReadySince
        && Equals(LastAnalysis, other.LastAnalysis) && Equals(Baseline, other.Baseline) && Weights.SequenceEqual(other.Weights);

    public override int GetHashCode() => HashCode.Combine(Phase, Ring, Step, StepStartedAt, Hold, EndReason, Nodes.Count, LostNodes.Count);
}
