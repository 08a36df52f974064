using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Metrics;
using Wasmtime;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Runs one request (or event: <see cref="Events.EdgeEvent"/>) on a fresh instance (shared-nothing) of a loaded version, whichever its
/// executor (component or WAGI): within the version's instance budget (503 beyond it), deadline
/// and request id in scope, failures of the guest turned into 500/503/504 answers (the host keeps
/// running), and the outcome recorded in the metrics. It runs the guest on the calling thread:
/// the node calls it only from <see cref="Scheduling.GuestScheduler"/>'s workers, never from a
/// request thread; tests and the executor benchmarks call it directly.
/// </summary>
public sealed class RequestExecutor
{
    private readonly EdgeMetrics _metrics;
    private readonly ILogger _logger;

    public RequestExecutor(EdgeMetrics metrics, ILogger<RequestExecutor>? logger = null)
    {
        _metrics = metrics;
        _logger = logger ?? NullLogger<RequestExecutor>.Instance;
    }

    public EdgeResponse Execute(LoadedVersion version, GuestInput input, string requestId) =>
        Execute(version, input, requestId, TimeSpan.FromMilliseconds(version.Limits.DeadlineMs));

    /// <param name="budget">What is left of the request's deadline (its time queued for a worker already spent).</param>
    /// <param name="queued">How long it waited for a worker: part of the latency recorded.</param>
    /// <param name="answeredEarly">
    /// When the request was answered before the guest ended (the scheduler's deadline watch answers at the
    /// deadline): what the caller got (504 at that time) is what the metrics record, not how the guest ended.
    /// </param>
    public EdgeResponse Execute(LoadedVersion version, GuestInput input, string requestId, TimeSpan budget, TimeSpan queued = default,
        Func<TimeSpan?>? answeredEarly = null)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(budget.TotalMilliseconds * (Stopwatch.Frequency / 1000.0));
        // One epoch tick per millisecond; a started part of a millisecond counts as a whole tick.
        var deadlineTicks = (ulong)Math.Max(1, Math.Ceiling(budget.TotalMilliseconds));
        EdgeResponse response;
        using (_logger.BeginScope(new RequestLogScope(version.Service, version.Version, requestId)))
        using (InvocationContext.Enter(new InvocationContext(requestId, deadline)))
        {
            if (!version.TryStartInstance())
            {
                response = ErrorResponses.Create(503, ExecutionOutcome.Overloaded, requestId,
                    $"all {version.Limits.MaxInstances} instances of the version's budget are running");
            }
            else
            {
                IGuestExecutor? executor = null;
                try
                {
                    // A parked version is loaded again here (from the compiled cache); its time counts as the request's.
                    executor = version.Executor.Acquire();
                    response = input switch
                    {
                        EdgeRequest request => executor.Run(request, requestId, deadlineTicks),
                        Events.EdgeEvent delivery => executor.Deliver(delivery, requestId, deadlineTicks),
                        _ => throw new ArgumentException($"Unknown guest input {input.GetType().Name}.", nameof(input)),
                    };
                }
                catch (WasmtimeException ex)
                {
                    response = GuestFailures.ToResponse(ex, requestId);
                }
                catch (VersionLoadException ex)
                {
                    response = ErrorResponses.Create(503, ExecutionOutcome.Failed, requestId, $"the version could not be loaded again: {ex.Message}");
                }
                finally
                {
                    if (executor is not null)
                    {
                        version.Executor.Release();
                    }
                    version.InstanceFinished();
                }
            }
            if (response.Error is not null)
            {
                // Refusals beyond the budget come in floods under load: counted in the metrics, logged at debug.
                _logger.Log(response.Outcome == ExecutionOutcome.Overloaded ? LogLevel.Debug : LogLevel.Warning, "{Service} {Version} request {RequestId} ended with {Outcome}: {Error}",
                    version.Service, version.Version, requestId, response.Outcome, response.Error);
            }
        }
        if (answeredEarly?.Invoke() is { } early)
        {
            _metrics.Record(version, 504, ExecutionOutcome.DeadlineExceeded, early);
        }
        else
        {
            _metrics.Record(version, response.Status, response.Outcome, queued + Stopwatch.GetElapsedTime(started));
        }
        return response;
    }
}
