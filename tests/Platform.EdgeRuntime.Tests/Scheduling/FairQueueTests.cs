using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeRuntime.Tests.Scheduling;

/// <summary>The scheduling policy alone: costs are given, not measured, so every order here is exact.</summary>
public sealed class FairQueueTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Fast = TimeSpan.FromMicroseconds(50);

    /// <summary>One worker: take, run (charged the given cost), hand back; the services in the order they ran.</summary>
    private static List<string> RunOneByOne(FairQueue<string> queue, int runs, Func<string, TimeSpan> cost)
    {
        var order = new List<string>();
        for (var i = 0; i < runs && queue.TryTake(out var ticket); i++)
        {
            order.Add(ticket.Item);
            queue.Complete(ticket, cost(ticket.Item));
        }
        return order;
    }

    [Fact]
    public void TryTake_SlowAndFastService_SharesWorkerTimeNotRequestCount()
    {
        var queue = new FairQueue<string>(maxQueuedPerService: 500, longRun: TimeSpan.FromSeconds(1), longRunWorkers: 1);
        for (var i = 0; i < 3; i++)
        {
            queue.TryEnqueue("slow", "slow");
        }
        for (var i = 0; i < 400; i++)
        {
            queue.TryEnqueue("fast", "fast");
        }

        var order = RunOneByOne(queue, 403, s => s == "slow" ? Slow : Fast);

        // 200 ms of the slow service buys the fast one 4,000 runs of 50 µs: all 400 go before the slow one's second.
        Assert.Equal("slow", order[0]);
        Assert.All(order.Skip(1).Take(400), s => Assert.Equal("fast", s));
        Assert.Equal(["slow", "slow"], order.Skip(401));
    }

    [Fact]
    public void TryTake_EqualCosts_Alternates()
    {
        var queue = new FairQueue<string>(10, TimeSpan.FromSeconds(1), 1);
        for (var i = 0; i < 3; i++)
        {
            queue.TryEnqueue("a", "a");
            queue.TryEnqueue("b", "b");
        }

        Assert.Equal(["a", "b", "a", "b", "a", "b"], RunOneByOne(queue, 6, _ => Fast));
    }

    [Fact]
    public void TryTake_LongRunner_HoldsAtMostItsWorkersWhileShortRunsStillStart()
    {
        var queue = new FairQueue<string>(10, longRun: TimeSpan.FromMilliseconds(5), longRunWorkers: 1);
        queue.TryEnqueue("loop", "loop");
        queue.TryEnqueue("hello", "hello");
        RunOneByOne(queue, 2, s => s == "loop" ? Slow : Fast);
        for (var i = 0; i < 3; i++)
        {
            queue.TryEnqueue("loop", "loop");
            queue.TryEnqueue("hello", "hello");
        }

        // As many workers as it takes: take until nothing may start.
        var taken = new List<RunTicket<string>>();
        while (queue.TryTake(out var ticket))
        {
            taken.Add(ticket);
        }

        Assert.True(queue.IsLongRunner("loop"));
        Assert.False(queue.IsLongRunner("hello"));
        Assert.Equal(1, taken.Count(t => t.Item == "loop"));
        Assert.Equal(3, taken.Count(t => t.Item == "hello"));
        Assert.Equal(2, queue.Waiting("loop"));
        queue.Complete(taken.Single(t => t.Item == "loop"), Slow);
        Assert.True(queue.TryTake(out var next));
        Assert.Equal("loop", next.Item);
    }

    [Fact]
    public void Complete_RunsCutShortByTheirDeadline_KeepTheServiceALongRunner()
    {
        var queue = new FairQueue<string>(20, longRun: TimeSpan.FromMilliseconds(5), longRunWorkers: 1);
        queue.TryEnqueue("loop", "loop");
        RunOneByOne(queue, 1, _ => Slow);
        for (var i = 0; i < 10; i++)
        {
            queue.TryEnqueue("loop", "loop");
        }

        // Each started with 1 ms of its deadline left (it had waited) and was stopped there.
        for (var i = 0; i < 10 && queue.TryTake(out var ticket); i++)
        {
            queue.Complete(ticket, TimeSpan.FromMilliseconds(1), wouldHaveTaken: Slow);
        }

        Assert.True(queue.IsLongRunner("loop"));
    }

    [Fact]
    public void TryTake_ServiceWithoutFinishedRun_RunsOneAtATime()
    {
        var queue = new FairQueue<string>(10, TimeSpan.FromMilliseconds(5), 4);
        queue.TryEnqueue("new", "new-1");
        queue.TryEnqueue("new", "new-2");

        Assert.True(queue.TryTake(out var first));
        Assert.False(queue.TryTake(out _));
        queue.Complete(first, Fast);
        Assert.True(queue.TryTake(out var second));
        Assert.Equal("new-2", second.Item);
    }

    [Fact]
    public void TryEnqueue_ServiceQueueFull_ReturnsFalseWithoutAffectingOthers()
    {
        var queue = new FairQueue<string>(maxQueuedPerService: 2, TimeSpan.FromMilliseconds(5), 1);

        Assert.True(queue.TryEnqueue("busy", "1"));
        Assert.True(queue.TryEnqueue("busy", "2"));
        Assert.False(queue.TryEnqueue("busy", "3"));
        Assert.True(queue.TryEnqueue("other", "1"));
        Assert.Equal(2, queue.Waiting("busy"));
    }

    [Fact]
    public void RemoveWhere_ExpiredWhileQueued_FreesItsPlaceAndIsNeverTaken()
    {
        var queue = new FairQueue<string>(maxQueuedPerService: 2, TimeSpan.FromMilliseconds(5), 1);
        queue.TryEnqueue("svc", "expired-1");
        queue.TryEnqueue("svc", "expired-2");
        queue.TryEnqueue("other", "kept");
        var removed = new List<string>();

        queue.RemoveWhere(item => item.StartsWith("expired", StringComparison.Ordinal), removed);

        Assert.Equal(["expired-1", "expired-2"], removed);
        Assert.Equal(1, queue.Count);
        Assert.True(queue.TryTake(out var kept));
        Assert.Equal("kept", kept.Item);
        Assert.False(queue.TryTake(out _));
        Assert.True(queue.TryEnqueue("svc", "next"));
        Assert.True(queue.TryTake(out var ticket));
        Assert.Equal("next", ticket.Item);
    }

    [Fact]
    public void TryEnqueue_ServiceReturningFromIdle_GetsNoCreditForTheTimeItWasIdle()
    {
        var queue = new FairQueue<string>(20, TimeSpan.FromSeconds(1), 1);
        for (var i = 0; i < 10; i++)
        {
            queue.TryEnqueue("a", "a");
        }
        RunOneByOne(queue, 10, _ => TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < 5; i++)
        {
            queue.TryEnqueue("a", "a");
        }
        for (var i = 0; i < 5; i++)
        {
            queue.TryEnqueue("b", "b");
        }

        // b starts at the virtual time a had reached, not at zero: no run of ten b's in a row.
        Assert.Equal(["b", "a", "b", "a"], RunOneByOne(queue, 4, _ => TimeSpan.FromMilliseconds(1)));
    }
}
