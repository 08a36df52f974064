using Microsoft.Extensions.Time.Testing;

namespace Platform.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells whether something waits on it (a <c>Task.Delay</c> or timer
/// on this clock), so a test moves time on exactly when the code under test sleeps, never in the middle of its work.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _waiting;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TrackedTimer, DateTimeOffset> _due = new();

    /// <summary>Timers created on this clock that have neither fired nor been disposed.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>When the first of those fires (null when none waits): how far the clock may move before the code under test wakes.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            // A snapshot: timers end on other threads (a run woken by a nudge) while this looks.
            var due = _due.Values.ToArray();
            return due.Length == 0 ? null : due.Min();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _waiting);
        var timer = new TrackedTimer(this);
        _due[timer] = DueAt(dueTime);
        timer.Inner = base.CreateTimer(s => { timer.Done(); callback(s); }, state, dueTime, period);
        return timer;
    }

    private DateTimeOffset DueAt(TimeSpan dueTime) => dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : GetUtcNow() + dueTime;

    /// <summary>
    /// Waits (in real time, up to <paramref name="timeout"/>, 30 s by default) until something waits on the clock or
    /// <paramref name="done"/> has completed.
    /// </summary>
    public async Task UntilWaitingAsync(Task? done = null, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Waiting == 0 && done is not { IsCompleted: true })
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Nothing waited on the clock within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s.");
            await (done is null ? Task.Delay(1) : Task.WhenAny(done, Task.Delay(1)));
        }
    }

    /// <summary>
    /// Moves the clock on by <paramref name="step"/> whenever something waits on it, until <paramref name="done"/> has
    /// completed (up to <paramref name="timeout"/> of real time, 30 s by default). Unlike one <see cref="UntilWaitingAsync"/>
    /// and one advance, this holds when other timers of the host wait on the same clock: the code under test may not have
    /// started its own wait yet when the first advance happens.
    /// </summary>
    public Task AdvanceUntilAsync(Task done, TimeSpan step, TimeSpan? timeout = null) => AdvanceUntilAsync(done, () => step, null, timeout);

    /// <summary>
    /// As <see cref="AdvanceUntilAsync(Task, TimeSpan, TimeSpan?)"/>, with the step chosen before each advance
    /// (<paramref name="step"/>, say up to the next due timer) and <paramref name="whileWaiting"/> run each time something
    /// waits, before the advance; returns how many times the clock moved.
    /// </summary>
    public async Task<int> AdvanceUntilAsync(Task done, Func<TimeSpan> step, Func<Task>? whileWaiting, TimeSpan? timeout = null)
    {
        var steps = 0;
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done.IsCompleted)
        {
            await UntilWaitingAsync(done, until - DateTime.UtcNow);
            if (done.IsCompleted) break;
            if (whileWaiting is not null) await whileWaiting();
            Advance(step());
            steps++;
            // Not a wait for time (the clock is fake): lets the code under test run before the next advance, so it is not
            // raced by a clock that never stops while other timers of the host keep something waiting.
            await Task.WhenAny(done, Task.Delay(5));
            if (DateTime.UtcNow > until) throw new TimeoutException("The awaited work did not complete while the clock moved on.");
        }
        return steps;
    }

    /// <summary>Counts a one-shot timer as waiting until it fires or is disposed.</summary>
    private sealed class TrackedTimer(TestClock clock) : ITimer
    {
        private int _done;

        public ITimer Inner { get; set; } = null!;

        public void Done()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                clock._due.TryRemove(this, out _);
                Interlocked.Decrement(ref clock._waiting);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock._due[this] = clock.DueAt(dueTime);
            if (Volatile.Read(ref _done) == 1) clock._due.TryRemove(this, out _);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Done();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Done();
            return Inner.DisposeAsync();
        }
    }
}
