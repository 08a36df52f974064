namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Runs one request of one loaded version on a fresh instance. Implementations let Wasmtime's
/// exceptions (traps, interrupts, limits) escape; <see cref="RequestExecutor"/> turns them into answers.
/// </summary>
internal interface IGuestExecutor
{
    EdgeResponse Run(EdgeRequest request, string requestId);
}
