using Microsoft.Extensions.Time.Testing;

namespace Platform.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells whether something waits on it (a <c>Task.Delay</c> or timer
/// on this clock), so a test moves time on exactly when the code under test sleeps, never in the middle of its work.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _waiting;

    /// <summary>Timers created on this clock that have neither fired nor been disposed.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _waiting);
        var timer = new TrackedTimer(this);
        timer.Inner = base.CreateTimer(s => { timer.Done(); callback(s); }, state, dueTime, period);
        return timer;
    }

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
    /// started its own wait yet when the first advance happens. <paramref name="beforeEachStep"/>, if given, runs while the code
    /// under test waits and before each advance (e.g. the heartbeats that arrive in that time), so it never races that code.
    /// </summary>
    public async Task AdvanceUntilAsync(Task done, TimeSpan step, TimeSpan? timeout = null, Func<Task>? beforeEachStep = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done.IsCompleted)
        {
            await UntilWaitingAsync(done, until - DateTime.UtcNow);
            if (done.IsCompleted) break;
            if (beforeEachStep is not null) await beforeEachStep();
            Advance(step);
            // Lets the code under test run before the next advance, so it is not raced by a clock that never stops.
            await Task.WhenAny(done, Task.Delay(5));
            if (DateTime.UtcNow > until) throw new TimeoutException("The awaited work did not complete while the clock moved on.");
        }
    }

    /// <summary>Counts a one-shot timer as waiting until it fires or is disposed.</summary>
    private sealed class TrackedTimer(TestClock clock) : ITimer
    {
        private int _done;

        public ITimer Inner { get; set; } = null!;

        public void Done()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref clock._waiting);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

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
