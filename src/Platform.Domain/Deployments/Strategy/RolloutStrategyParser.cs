using Platform.Contracts.Rollouts;

namespace Platform.Domain.Deployments.Strategy;

/// <summary>
/// Turns a <see cref="RolloutStrategyDto"/> (admin default, service override or rollout override) into a
/// <see cref="RolloutStrategy"/>. Every problem is reported under the field it concerns, e.g.
/// <c>steps[2].setWeight</c>, <c>steps[1].analysis.alpha</c>, <c>rings[0].labelKey</c>.
/// </summary>
public static class RolloutStrategyParser
{
    public const int MaxSteps = 50;
    public const int MaxRings = 20;
    public static TimeSpan MaxPause { get; } = TimeSpan.FromDays(7);

    /// <summary>The strategy, or a <see cref="DomainException"/> naming the first offending field.</summary>
    public static RolloutStrategy Parse(RolloutStrategyDto? document, AnalysisSpec? analysisDefaults = null)
    {
        var errors = new ValidationErrors();
        var strategy = TryParse(document, errors, analysisDefaults);
        if (strategy is not null) return strategy;
        var (field, messages) = errors.ToDictionary().First();
        throw new DomainException(messages[0], field);
    }

    /// <summary>
    /// The strategy, or null with every problem added to <paramref name="errors"/> (for a validation problem response).
    /// Analysis fields left out take <paramref name="analysisDefaults"/> (the platform's <see cref="AnalysisSpec.Default"/> when null).
    /// </summary>
    public static RolloutStrategy? TryParse(RolloutStrategyDto? document, ValidationErrors errors, AnalysisSpec? analysisDefaults = null)
    {
        var defaults = analysisDefaults ?? AnalysisSpec.Default;
        var steps = ReadSteps(document?.Steps, defaults, errors);
        var rings = RingParser.Read(document?.Rings, errors);
        var onNodeLoss = ReadNodeLoss(document?.OnNodeLoss, errors);
        return errors.IsValid ? new RolloutStrategy(steps, rings, onNodeLoss) : null;
    }

    /// <summary>
    /// A strategy saved with a rollout (already validated when it was requested). No steps means the immediate
    /// rollout of an emergency or a fast rollback, which requests cannot ask for by document.
    /// </summary>
    public static RolloutStrategy ParseSaved(RolloutStrategyDto saved) =>
        saved.Steps is null || saved.Steps.Count == 0
            ? RolloutStrategy.Immediate with { Rings = RingParser.Read(saved.Rings, new ValidationErrors()) }
            : Parse(saved);

    private static NodeLossPolicy ReadNodeLoss(string? value, ValidationErrors errors)
    {
        switch (value)
        {
            case null or "continue": return NodeLossPolicy.Continue;
            case "pause": return NodeLossPolicy.Pause;
            default:
                errors.Add("onNodeLoss", "Either 'continue' (leave the silent node out and go on) or 'pause' (wait for a person).");
                return NodeLossPolicy.Continue;
        }
    }

    private static List<RolloutStep> ReadSteps(IReadOnlyList<RolloutStepDto>? documents, AnalysisSpec defaults, ValidationErrors errors)
    {
        var steps = new List<RolloutStep>();
        if (documents is null || documents.Count == 0)
        {
            errors.Add("steps", "A strategy needs at least one step.");
            return steps;
        }
        if (documents.Count > MaxSteps) errors.Add("steps", $"A strategy has at most {MaxSteps} steps.");
        var weight = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var field = $"steps[{i}]";
            var step = ReadStep(documents[i], field, defaults, errors);
            if (step is SetWeightStep w) weight = w.Percent;
            if (documents[i] is { Analysis: not null, SetWeight: null, Pause: null } && weight == 0)
                errors.Add($"{field}.analysis", "An analysis needs canary traffic: put a setWeight above 0 before it.");
            if (step is not null) steps.Add(step);
        }
        return steps;
    }

    private static RolloutStep? ReadStep(RolloutStepDto? document, string field, AnalysisSpec defaults, ValidationErrors errors)
    {
        var kinds = document is null ? 0
            : (document.SetWeight is null ? 0 : 1) + (document.Pause is null ? 0 : 1) + (document.Analysis is null ? 0 : 1);
        if (document is null || kinds != 1)
        {
            errors.Add(field, "A step sets exactly one of 'setWeight', 'pause' or 'analysis'.");
            return null;
        }
        if (document.SetWeight is { } percent)
        {
            if (percent is >= 0 and <= 100) return new SetWeightStep(percent);
            errors.Add($"{field}.setWeight", "The weight is a percentage from 0 to 100.");
            return null;
        }
        if (document.Pause is { } pause)
        {
            if (pause.DurationSeconds is null) return new PauseStep(null);
            var duration = TimeSpan.FromSeconds(pause.DurationSeconds.Value);
            if (duration >= TimeSpan.Zero && duration <= MaxPause) return new PauseStep(duration);
            errors.Add($"{field}.pause.durationSeconds", $"A pause lasts from 0 to {MaxPause.TotalSeconds:0} seconds; leave it out to wait until resumed.");
            return null;
        }
        var spec = AnalysisSpecParser.Read(document.Analysis!, defaults, $"{field}.analysis", errors);
        return spec is null ? null : new AnalysisStep(spec);
    }
}
