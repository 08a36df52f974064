namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Runs one request of one loaded version on a fresh instance. Implementations let Wasmtime's
/// exceptions (traps, interrupts, limits) escape; <see cref="RequestExecutor"/> turns them into answers.
/// </summary>
internal interface IGuestExecutor
{
    /// <param name="deadlineTicks">Epoch ticks (milliseconds) the run may take: what is left of the request's deadline.</param>
    EdgeResponse Run(EdgeRequest request, string requestId, ulong deadlineTicks);
}
