using Hangfire;
using Hangfire.States;

namespace Platform.Application.Jobs;

/// <summary>
/// Hands intent that is already saved to the Deployer. If enqueueing fails the intent is still in the
/// database, and the Deployer's sweeper picks it up.
/// </summary>
public sealed class JobScheduler(IBackgroundJobClient jobs)
{
    public void BuildQueued(Guid buildId) =>
        jobs.Create<IRunBuildJob>(job => job.RunAsync(buildId, CancellationToken.None), new EnqueuedState(JobQueues.Builds));

    public void RolloutRequested(Guid rolloutId) =>
        jobs.Create<IRunRolloutJob>(job => job.RunAsync(rolloutId, CancellationToken.None), new EnqueuedState(JobQueues.Rollouts));
}
