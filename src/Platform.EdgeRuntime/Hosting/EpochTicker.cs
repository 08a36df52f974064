using System.Diagnostics;
using Wasmtime;

namespace Platform.EdgeRuntime.Hosting;

/// <summary>
/// Advances the engine's epoch once per elapsed millisecond on a dedicated thread, catching up
/// after oversleeping, so an epoch deadline of N ticks means N milliseconds of wall time.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly Engine _engine;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public EpochTicker(Engine engine)
    {
        _engine = engine;
        _thread = new Thread(Run) { IsBackground = true, Name = "wasmtime-epoch", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        long ticked = 0;
        while (!_stopping)
        {
            Thread.Sleep(1);
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
