namespace Platform.Contracts.Rollouts;

/// <summary>The canary's share of one ring's traffic, as last written by the Deployer.</summary>
/// <param name="BaselineWeight">
/// The share of the baseline copy of stable beside it (the canary's weight, out of stable's share; 0 when the rollout
/// does not analyse, at weight 0 and 100, and once the rollout has ended).
/// </param>
public sealed record RingWeightDto(string Ring, int Weight, int BaselineWeight = 0);
