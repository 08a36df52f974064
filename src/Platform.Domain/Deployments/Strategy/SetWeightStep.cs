namespace Platform.Domain.Deployments.Strategy;

/// <summary>Send <paramref name="Percent"/> % of the current ring's traffic to the canary (absolute, 0..100).</summary>
public sealed record SetWeightStep : RolloutStep
{
    public SetWeightStep(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        Percent = percent;
    }

    public int Percent { get; }

    public override string Describe() => $"set canary weight to {Percent}%";
}
