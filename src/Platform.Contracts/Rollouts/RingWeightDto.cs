namespace Platform.Contracts.Rollouts;

/// <summary>The canary's share of one ring's traffic, as last written by the Deployer.</summary>
public sealed record RingWeightDto(string Ring, int Weight);
