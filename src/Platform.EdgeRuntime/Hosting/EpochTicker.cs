using System.Diagnostics;
using Wasmtime;

namespace Platform.EdgeRuntime.Hosting;

/// <summary>
/// Advances the engine's epoch once per elapsed millisecond on a dedicated thread, catching up
/// after oversleeping, so an epoch deadline of N ticks means N milliseconds of wall time. The thread
/// is raised (<see cref="TimingThreads"/>) so guests busy on every core do not delay the ticks.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    /// <summary>One epoch tick: the granularity of every guest deadline.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly Engine _engine;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public EpochTicker(Engine engine)
    {
        _engine = engine;
        _thread = new Thread(Run) { IsBackground = true, Name = "wasmtime-epoch" };
        _thread.Start();
    }

    /// <summary>How the ticking thread is scheduled: "short-slice" or "normal" (see <see cref="TimingThreads"/>).</summary>
    public string Scheduling { get; private set; } = "starting";

    private void Run()
    {
        Scheduling = TimingThreads.Raise();
        var clock = Stopwatch.StartNew();
        long ticked = 0;
        while (!_stopping)
        {
            // Sleep to the next whole millisecond of the clock, so ticks keep to it.
            TimingThreads.Sleep(Tick * (ticked + 1) - clock.Elapsed);
            var due = clock.ElapsedMilliseconds;
            while (ticked < due)
            {
                _engine.IncrementEpoch();
                ticked++;
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }
}
