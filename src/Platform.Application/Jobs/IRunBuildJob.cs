using Hangfire;

namespace Platform.Application.Jobs;

/// <summary>Builds one queued build. Implemented by the Deployer; safe to run more than once.</summary>
public interface IRunBuildJob
{
    [AutomaticRetry(Attempts = 3)]
    Task RunAsync(Guid buildId, CancellationToken cancellationToken);
}
