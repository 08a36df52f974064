using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments;

/// <summary>
/// What the fleet should serve for one service (status, written by the Deployer): the stable version and,
/// while a canary runs, the canary version with its weight per ring (the rings of the running rollout).
/// Absolute, so applying it twice changes nothing. A rollout whose strategy analyses the canary also places a
/// baseline beside it wherever the canary takes traffic (see <see cref="TrafficSplit"/>).
/// </summary>
public sealed class ServiceDeployment
{
    public Guid ServiceId { get; set; }
    public Guid StableVersionId { get; set; }
    public Guid? CanaryVersionId { get; set; }
    /// <summary>The canary's percentage of traffic on each ring, in the order of <see cref="Rings"/> (one entry without rings).</summary>
    public List<int> CanaryWeights { get; set; } = [];
    public List<RingDto> Rings { get; set; } = [];
    /// <summary>Whether the canary is compared with a baseline copy of stable, given the canary's weight on each node that serves it.</summary>
    public bool WithBaseline { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// The W3C trace context (<c>traceparent</c>) of the change that last wrote this deployment (a rollout's pass), handed to
    /// the nodes with their desired state so that what they do for it joins the rollout's trace; null when none was traced.
    /// </summary>
    public string? TraceParent { get; set; }
    /// <summary>The <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; set; }
    public uint RowVersion { get; set; }

    /// <summary>The canary's weight on a node with these labels (0 without a canary).</summary>
    public int CanaryWeightOn(IReadOnlyDictionary<string, string> labels)
    {
        if (CanaryVersionId is null || CanaryWeights.Count == 0) return 0;
        var ring = RingsAsStrategy().RingOf(labels);
        return CanaryWeights[Math.Min(ring, CanaryWeights.Count - 1)];
    }

    /// <summary>The weights of stable, canary and baseline on a node with these labels (stable alone without a canary).</summary>
    public TrafficSplit SplitOn(IReadOnlyDictionary<string, string> labels) =>
        CanaryVersionId is null ? TrafficSplit.StableOnly : TrafficSplit.Of(CanaryWeightOn(labels), WithBaseline);

    /// <summary>Everything to <paramref name="versionId"/>, no canary.</summary>
    public void ServeOnly(Guid versionId, DateTimeOffset now)
    {
        StableVersionId = versionId;
        CanaryVersionId = null;
        CanaryWeights = [];
        Rings = [];
        WithBaseline = false;
        UpdatedAt = now;
    }

    /// <summary>
    /// Stable keeps what the canary (and, when <paramref name="strategy"/> has an analysis step, the baseline) does
    /// not get; <paramref name="weights"/> holds one percentage per ring of <paramref name="strategy"/>.
    /// </summary>
    public void SplitWith(Guid canaryVersionId, RolloutStrategy strategy, IReadOnlyList<int> weights, DateTimeOffset now)
    {
        CanaryVersionId = canaryVersionId;
        WithBaseline = strategy.Steps.Any(s => s is AnalysisStep);
        CanaryWeights = [.. weights];
        Rings = strategy.Rings.Select(r => r.ToDto()).ToList();
        UpdatedAt = now;
    }

    private RolloutStrategy RingsAsStrategy() =>
        new([], Rings.Where(r => r.Name is not null && r.LabelKey is not null && r.Values is not null)
            .Select(r => new RingSpec(r.Name!, r.LabelKey!, [.. r.Values!])).ToList());
}
