using System.Text.Json.Serialization;
using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// The canary's latencies against the control's, compared like for like: within strata (a node over the interval between
/// two looks of an analysis) where both sides ran under the same conditions, accumulated with Cochran–Mantel–Haenszel
/// weights (w = n_c·n_s / (n_c + n_s)). A window pooled over nodes and time would judge the mix: a slow node or a slow
/// moment (the first seconds after the versions load) that happened to serve more of one side's requests (an event
/// consumer's partitions stick to the node that takes them, a baseline copy starts after the canary) reads as that side
/// being slower. Each stratum contributes the difference of the fractions above its own pooled quantile (tested with
/// <see cref="ProportionMixtureTest.OfEstimate"/>), its latencies to both sides' mixtures at the same weight (the
/// quantiles the margins are judged on: robust where a mean of the strata's quantiles is not, a few cold seconds with
/// both sides slow and apart would move it by tens of milliseconds) and its probability of superiority; strata with
/// one side only are kept as two sketches and compared with each other as one more stratum (<see cref="Completed"/>).
/// Kept on the rollout's cursor between looks, so its fields are plain sums.
/// </summary>
public sealed record LatencyComparison
{
    /// <summary>The quantile compared (0.5: the median).</summary>
    public double Quantile { get; init; } = 0.5;

    /// <summary>Strata that had both sides.</summary>
    public int Strata { get; init; }

    public long CanaryCount { get; init; }

    public long ControlCount { get; init; }

    /// <summary>Σ w over the strata.</summary>
    public double Weight { get; init; }

    /// <summary>Σ w·(canary's fraction above the stratum's pooled quantile − control's).</summary>
    public double WeightedDifference { get; init; }

    /// <summary>Σ w·p(1 − p), p the stratum's pooled fraction above its quantile: the difference's variance is this / (Σ w)².</summary>
    public double WeightedVariance { get; init; }

    public double WeightedCanaryAbove { get; init; }

    public double WeightedControlAbove { get; init; }

    /// <summary>The canary's latencies, each stratum's weighing w in all: its quantile over the same mix as the control's.</summary>
    public WeightedLatencies Canary { get; init; } = WeightedLatencies.Empty;

    /// <summary>The control's latencies, each stratum's weighing w in all.</summary>
    public WeightedLatencies Control { get; init; } = WeightedLatencies.Empty;

    /// <summary>Σ w·P(canary latency &gt; control latency).</summary>
    public double WeightedSuperiority { get; init; }

    /// <summary>The pooled quantile in µs when there is one stratum (the threshold the fractions were counted above).</summary>
    public double? ThresholdMicros { get; init; }

    /// <summary>Latencies of strata where the control had none.</summary>
    public LatencySketch UnmatchedCanary { get; init; } = LatencySketch.Empty;

    /// <summary>Latencies of strata where the canary had none.</summary>
    public LatencySketch UnmatchedControl { get; init; } = LatencySketch.Empty;

    /// <summary>Latencies left out as warm-up (<see cref="Warming"/>): reported, never judged.</summary>
    public long WarmupCanaryCount { get; init; }

    public long WarmupControlCount { get; init; }

    /// <summary>Gathered look by look (<see cref="Looked"/>): a failure must hold at the previous look too.</summary>
    public bool ByLook { get; init; }

    /// <summary>This comparison as it stood at the previous look that added to it (without its own previous look).</summary>
    public LatencyComparison? PreviousLook { get; init; }

    public static LatencyComparison Start(double quantile) => new() { Quantile = quantile };

    /// <summary>
    /// This comparison after a look that may have added strata to <paramref name="before"/> (this one as the look began): when
    /// it did, <paramref name="before"/> becomes the previous look; a look that added nothing (another pass at the same
    /// reports) keeps the previous look as it was.
    /// </summary>
    public LatencyComparison Looked(LatencyComparison before) =>
        Strata == before.Strata && UnmatchedCanary.Count == before.UnmatchedCanary.Count && UnmatchedControl.Count == before.UnmatchedControl.Count
            ? this with { ByLook = true }
            : this with { ByLook = true, PreviousLook = before with { PreviousLook = null } };

    /// <summary>This comparison with a stratum of the warm-up counted but left out.</summary>
    public LatencyComparison Warming(LatencyStratum stratum) =>
        this with { WarmupCanaryCount = WarmupCanaryCount + stratum.Canary.Count, WarmupControlCount = WarmupControlCount + stratum.Control.Count };

    /// <summary>Node by node over one window (no time strata): tests, and windows without looks in between.</summary>
    public static LatencyComparison Of(IEnumerable<LatencyStratum> strata, double quantile) =>
        strata.Aggregate(Start(quantile), (comparison, stratum) => comparison.Add(stratum));

    /// <summary>This comparison with one more stratum.</summary>
    public LatencyComparison Add(LatencyStratum stratum)
    {
        if (!stratum.Comparable)
            return this with { UnmatchedCanary = UnmatchedCanary.Plus(stratum.Canary), UnmatchedControl = UnmatchedControl.Plus(stratum.Control) };
        long nc = stratum.Canary.Count, ns = stratum.Control.Count;
        var threshold = stratum.Control.Plus(stratum.Canary).QuantileIndex(Quantile)!.Value;
        long canaryAbove = stratum.Canary.CountAbove(threshold), controlAbove = stratum.Control.CountAbove(threshold);
        var w = (double)nc * ns / (nc + ns);
        var pooled = (double)(canaryAbove + controlAbove) / (nc + ns);
        return this with
        {
            Strata = Strata + 1,
            CanaryCount = CanaryCount + nc,
            ControlCount = ControlCount + ns,
            Weight = Weight + w,
            WeightedDifference = WeightedDifference + w * ((double)canaryAbove / nc - (double)controlAbove / ns),
            WeightedVariance = WeightedVariance + w * pooled * (1 - pooled),
            WeightedCanaryAbove = WeightedCanaryAbove + w * canaryAbove / nc,
            WeightedControlAbove = WeightedControlAbove + w * controlAbove / ns,
            Canary = Canary.Plus(stratum.Canary, w / nc),
            Control = Control.Plus(stratum.Control, w / ns),
            WeightedSuperiority = WeightedSuperiority + w * stratum.Canary.ProbabilityOfSuperiority(stratum.Control),
            ThresholdMicros = Strata == 0 ? LatencySketch.ValueOf(threshold) : null,
        };
    }

    /// <summary>
    /// Ready to judge: the unmatched latencies compared with each other as one more stratum when both sides have some
    /// (nothing the canary served goes unjudged when it can be compared at all), or as the only one when no stratum had both.
    /// </summary>
    public LatencyComparison Completed()
    {
        var rest = new LatencyStratum(UnmatchedControl, UnmatchedCanary);
        var completed = rest.Comparable ? Add(rest) : this;
        return completed with { UnmatchedCanary = LatencySketch.Empty, UnmatchedControl = LatencySketch.Empty };
    }

    /// <summary>The canary's quantile over the strata mixed alike (one stratum: its sketch's quantile).</summary>
    [JsonIgnore]
    public double CanaryMs => (Canary.Quantile(Quantile) ?? 0) / 1000;

    [JsonIgnore]
    public double ControlMs => (Control.Quantile(Quantile) ?? 0) / 1000;

    [JsonIgnore]
    public double Superiority => WeightedSuperiority / Weight;

    [JsonIgnore]
    public double CanaryAbove => WeightedCanaryAbove / Weight;

    [JsonIgnore]
    public double ControlAbove => WeightedControlAbove / Weight;

    /// <summary>The anytime-valid test on the strata's weighted difference.</summary>
    public ProportionMixtureTest.Result Test() => ProportionMixtureTest.OfEstimate(WeightedDifference / Weight, WeightedVariance / (Weight * Weight));
}
