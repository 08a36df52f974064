namespace Platform.Contracts.Rollouts;

/// <summary>Why a rollout is aborted (optional; shown on the timeline and in the audit log).</summary>
public sealed record AbortRolloutRequest(string? Reason = null);
