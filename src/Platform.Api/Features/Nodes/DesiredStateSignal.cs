namespace Platform.Api.Features.Nodes;

/// <summary>
/// Wakes the nodes' long polls when what the fleet should serve may have changed. Take <see cref="Next"/> before
/// reading the state, so a change between the read and the wait is not missed.
/// </summary>
public sealed class DesiredStateSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change.</summary>
    public Task Next() => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
