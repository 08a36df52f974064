using Platform.EdgeRuntime.Hosting;

namespace Platform.EdgeRuntime.Tests.Hosting;

/// <summary>The epoch ticker and the deadline watch ask for a short slice and, where the node may, nice -10 (Linux, per thread).</summary>
public sealed class TimingThreadsTests
{
    [Fact]
    public void Raise_GivesTheCallingThreadWhatItReports_AndNoOtherThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Equal("normal", TimingThreads.Raise());
            return;
        }
        string? given = null;
        long? nice = null, other = null;
        long? slice = null;
        using var raised = new ManualResetEventSlim();
        using var neighbourLooked = new ManualResetEventSlim();
        var neighbour = new Thread(() =>
        {
            raised.Wait();
            other = Sched("prio");
            neighbourLooked.Set();
        }) { IsBackground = true };
        neighbour.Start();
        var timing = new Thread(() =>
        {
            given = TimingThreads.Raise();
            nice = Sched("prio") - 120;
            slice = Sched("se.slice");
            raised.Set();
            neighbourLooked.Wait();
        });
        timing.Start();
        timing.Join();
        neighbour.Join();

        Assert.Contains(given, new[] { "short-slice, nice -10", "short-slice", "normal" });
        Assert.Equal(given == "short-slice, nice -10" ? TimingThreads.RaisedNice : 0, nice);
        if (given != "normal")
        {
            Assert.Equal(100_000, slice);
        }
        Assert.Equal(120, other);
    }

    /// <summary>A field of the calling thread's /proc/thread-self/sched ("prio" is 120 + nice for a normal thread).</summary>
    private static long Sched(string field)
    {
        var line = File.ReadLines("/proc/thread-self/sched").First(l => l.StartsWith(field + " ", StringComparison.Ordinal));
        return long.Parse(line[(line.IndexOf(':') + 1)..].Trim());
    }
}
