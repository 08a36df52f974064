using Hangfire;

namespace Platform.Application.Jobs;

/// <summary>Drives one rollout to a final phase. Implemented by the Deployer; safe to run more than once.</summary>
public interface IRunRolloutJob
{
    [AutomaticRetry(Attempts = 5)]
    Task RunAsync(Guid rolloutId, CancellationToken cancellationToken);
}
