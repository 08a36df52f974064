namespace Platform.Domain.Deployments.Strategy;

/// <summary>
/// The JSON/TOML-friendly shape of a <see cref="RolloutStrategy"/>, as admins (platform default), services
/// and rollout requests write it. Argo-like: each step sets exactly one of <c>setWeight</c>, <c>pause</c>,
/// <c>analysis</c>. Read it with <see cref="RolloutStrategyParser"/>; every error names its field.
/// </summary>
/// <example>
/// <code>
/// { "steps": [ { "setWeight": 10 }, { "analysis": { "durationSeconds": 120 } }, { "pause": {} }, { "setWeight": 100 } ],
///   "rings": [ { "name": "canary-region", "labelKey": "region", "values": ["eu-west"] } ] }
/// </code>
/// </example>
public sealed class RolloutStrategyDocument
{
    public List<RolloutStepDocument>? Steps { get; set; }
    public List<RingDocument>? Rings { get; set; }

    /// <summary>"continue" (default) or "pause": what happens when a node stops heartbeating during a rollout.</summary>
    public string? OnNodeLoss { get; set; }

    /// <summary>The document that parses back to <paramref name="strategy"/> (for showing the effective strategy).</summary>
    public static RolloutStrategyDocument From(RolloutStrategy strategy) => new()
    {
        Steps = strategy.Steps.Select(step => step switch
        {
            SetWeightStep w => new RolloutStepDocument { SetWeight = w.Percent },
            PauseStep p => new RolloutStepDocument { Pause = new PauseDocument { DurationSeconds = p.Duration is { } d ? (int)d.TotalSeconds : null } },
            AnalysisStep a => new RolloutStepDocument { Analysis = AnalysisSpecDocument.From(a.Spec) },
            _ => throw new ArgumentException($"Unknown step {step.GetType().Name}.", nameof(strategy)),
        }).ToList(),
        Rings = strategy.Rings.Select(r => new RingDocument { Name = r.Name, LabelKey = r.LabelKey, Values = [.. r.Values] }).ToList(),
        OnNodeLoss = strategy.OnNodeLoss == NodeLossPolicy.Pause ? "pause" : "continue",
    };
}
