namespace Platform.Domain.Deployments.Strategy;

/// <summary>
/// The spec of a progressive rollout: ordered <see cref="Steps"/>, run once per ring in the order of
/// <see cref="Rings"/> (no rings = one ring of every node). The next ring starts only after the
/// previous one passed; a passed ring serves the new version at 100%. <see cref="OnNodeLoss"/> says what a
/// rollout does when a node stops heartbeating during it (the node is excluded either way).
/// </summary>
public sealed record RolloutStrategy(
    IReadOnlyList<RolloutStep> Steps, IReadOnlyList<RingSpec> Rings, NodeLossPolicy OnNodeLoss = NodeLossPolicy.Continue)
{
    /// <summary>The name of the single ring when no rings are configured.</summary>
    public const string AllNodes = "all";

    /// <summary>10% → analysis → 50% → analysis → 100%, on every node at once.</summary>
    public static RolloutStrategy Default { get; } = new(
    [
        new SetWeightStep(10),
        new AnalysisStep(AnalysisSpec.Default),
        new SetWeightStep(50),
        new AnalysisStep(AnalysisSpec.Default),
        new SetWeightStep(100),
    ], []);

    /// <summary>No canary at all: the emergency full rollout (its mandatory reason belongs in the audit log).</summary>
    public static RolloutStrategy Immediate { get; } = new([], []);

    public int RingCount => Math.Max(1, Rings.Count);

    public string RingName(int ring) => Rings.Count == 0 ? AllNodes : Rings[ring].Name;

    /// <summary>
    /// The ring a node belongs to: the first ring whose selector matches its labels; a node no ring
    /// selects joins the last ring, so it never skips the canary.
    /// </summary>
    public int RingOf(IReadOnlyDictionary<string, string> labels)
    {
        for (var i = 0; i < Rings.Count; i++)
        {
            if (Rings[i].Matches(labels)) return i;
        }
        return RingCount - 1;
    }

    public bool Equals(RolloutStrategy? other) =>
        other is not null && Steps.SequenceEqual(other.Steps) && Rings.SequenceEqual(other.Rings) && OnNodeLoss == other.OnNodeLoss;

    public override int GetHashCode() => HashCode.Combine(Steps.Count, Rings.Count, OnNodeLoss);
}
