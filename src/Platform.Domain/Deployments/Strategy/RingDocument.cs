namespace Platform.Domain.Deployments.Strategy;

/// <summary>One ring of a <see cref="RolloutStrategyDocument"/>: nodes whose label <c>labelKey</c> is one of <c>values</c>.</summary>
public sealed class RingDocument
{
    public string? Name { get; set; }
    public string? LabelKey { get; set; }
    public List<string>? Values { get; set; }
}
