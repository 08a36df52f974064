using Microsoft.Extensions.Options;
using Platform.Application.Sources;

namespace Platform.Api.Features.Repositories;

/// <summary>
/// Runs <see cref="SourceReconciliation"/> when the API starts and then every <see cref="GitOptions.ReconcileInterval"/>,
/// so a push git accepted while the API could not record it (a crash, the database away) still becomes a revision and a build.
/// </summary>
public sealed class RepositoryReconciler(IServiceScopeFactory scopes, IOptions<GitOptions> options, ILogger<RepositoryReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SourceReconciliation>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reconciling the service repositories failed; retrying in {Interval}", options.Value.ReconcileInterval);
            }
            try { await Task.Delay(options.Value.ReconcileInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
