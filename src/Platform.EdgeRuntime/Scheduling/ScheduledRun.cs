using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// One request handed to the <see cref="GuestScheduler"/>: what to run, when it arrived, how long
/// it may take in all, and where its answer goes. Queue state changes happen under the scheduler's
/// lock; the answer is given once, by whoever comes first: the worker with the guest's response, or
/// the deadline watch with 504 when the deadline passed first (the guest is stopped at its next epoch check).
/// </summary>
internal sealed class ScheduledRun(LoadedVersion version, GuestInput input, string requestId, long enqueued, TimeSpan budget)
{
    // A request's continuations run on the worker that completes the run (no RunContinuationsAsynchronously):
    // its remaining host code (writing the answer) goes on there until its next await instead of waiting for
    // another hop to the thread pool, which costs more than the guest's own run. Guest code still never runs on
    // the pool; the worker's time for this is not charged to any service. An event's go to the thread pool: what
    // follows its answer (acknowledging it to the broker, the consumer's next read, a consumer stopping with the
    // node) is not a worker's to run, and could block one.
    private readonly TaskCompletionSource<EdgeResponse> _answer =
        new(input is Events.EdgeEvent ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);

    public LoadedVersion Version { get; } = version;

    /// <summary>The request's activity where it was queued (see <see cref="GuestTrace"/>).</summary>
    public System.Diagnostics.Activity? Parent { get; } = System.Diagnostics.Activity.Current;

    /// <summary>The request, or the event, to run.</summary>
    public GuestInput Input { get; } = input;

    public string RequestId { get; } = requestId;

    /// <summary>Timestamp (of the scheduler's <see cref="TimeProvider"/>) at which it was queued.</summary>
    public long Enqueued { get; } = enqueued;

    /// <summary>What is left of the deadline when queued: queue time counts, as does the time before (see <see cref="GuestScheduler.RunAsync"/>).</summary>
    public TimeSpan Budget { get; } = budget;

    private int _answered;
    private long _answeredAfterTicks = -1;

    public Task<EdgeResponse> Answer => _answer.Task;

    public bool IsAnswered => Volatile.Read(ref _answered) != 0;

    /// <summary>Time from queueing to the answer, when the deadline watch gave it before the guest ended.</summary>
    public TimeSpan? AnsweredEarlyAfter => Volatile.Read(ref _answeredAfterTicks) is >= 0 and var ticks ? TimeSpan.FromTicks(ticks) : null;

    /// <summary>Reads <see cref="AnsweredEarlyAfter"/> when the worker records the run (one delegate per run).</summary>
    public Func<TimeSpan?> AnsweredEarlyAfterOrNull => _answeredEarly ??= () => AnsweredEarlyAfter;

    private Func<TimeSpan?>? _answeredEarly;

    /// <summary>Gives the answer unless one was given already; <paramref name="early"/> when the deadline watch gives it.</summary>
    public bool TryAnswer(EdgeResponse response, TimeSpan? early = null)
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return false;
        }
        if (early is { } after)
        {
            Volatile.Write(ref _answeredAfterTicks, after.Ticks);
        }
        _answer.SetResult(response);
        return true;
    }
}
