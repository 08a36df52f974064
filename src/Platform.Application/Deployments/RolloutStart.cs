using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Application.Deployments;

/// <summary>
/// How a rollout should run: with the effective strategy (null <see cref="Strategy"/>: the service's, else the
/// platform's), as an emergency full rollout (<see cref="EmergencyReason"/>, mandatory for it), or as a fast
/// rollback to an earlier version (<see cref="Rollback"/>).
/// </summary>
public sealed record RolloutStart(RolloutStrategyDto? Strategy = null, string? EmergencyReason = null, bool Rollback = false)
{
    public static RolloutStart Default { get; } = new();
}
