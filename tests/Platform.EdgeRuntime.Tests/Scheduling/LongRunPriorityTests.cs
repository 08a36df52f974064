using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeRuntime.Tests.Scheduling;

/// <summary>A long runner's worker is lowered to nice 10 for the run and raised back after (Linux, per thread).</summary>
public sealed class LongRunPriorityTests
{
    [Fact]
    public void LowerThenRestore_ChangesOnlyTheCallingThread()
    {
        int? lowered = null, restored = null, other = null;
        using var workerLowered = new ManualResetEventSlim();
        using var neighbourLooked = new ManualResetEventSlim();
        // A thread that already runs (as the node's request threads do) keeps its priority.
        var neighbour = new Thread(() =>
        {
            workerLowered.Wait();
            other = Nice();
            neighbourLooked.Set();
        }) { IsBackground = true };
        neighbour.Start();
        var worker = new Thread(() =>
        {
            // Where a thread cannot be raised back, none is lowered.
            Assert.Equal(LongRunPriority.Available, LongRunPriority.Lower());
            lowered = Nice();
            workerLowered.Set();
            neighbourLooked.Wait();
            LongRunPriority.Restore();
            restored = Nice();
        });
        worker.Start();
        worker.Join();
        neighbour.Join();

        Assert.Equal(LongRunPriority.Available ? LongRunPriority.Nice : 0, lowered);
        Assert.Equal(0, restored);
        Assert.Equal(0, other);
    }

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat (after the parenthesised name).</summary>
    private static int Nice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16]);
    }
}
