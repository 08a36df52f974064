using Platform.EdgeRuntime.Events;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Runs one request (or event) of one loaded version on a fresh instance. Implementations let Wasmtime's
/// exceptions (traps, interrupts, limits) escape; <see cref="RequestExecutor"/> turns them into answers.
/// </summary>
internal interface IGuestExecutor
{
    /// <param name="deadlineTicks">Epoch ticks (milliseconds) the run may take: what is left of the request's deadline.</param>
    EdgeResponse Run(EdgeRequest request, string requestId, ulong deadlineTicks);

    /// <summary>Hands one event to the guest: 200 when it returned ok, 500 with its error (in <see cref="EdgeResponse.Error"/>) otherwise.</summary>
    EdgeResponse Deliver(EdgeEvent delivery, string requestId, ulong deadlineTicks);
}
