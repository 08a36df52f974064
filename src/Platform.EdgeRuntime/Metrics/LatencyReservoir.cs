using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>
/// The last <see cref="Capacity"/> latencies of one version in a ring buffer. Recording takes a
/// short lock (a copy of 512 longs at snapshot time is the longest hold).
/// </summary>
internal sealed class LatencyReservoir(int capacity)
{
    private readonly long[] _ring = new long[capacity];
    private readonly Lock _lock = new();
    private long _recorded;

    public int Capacity => _ring.Length;

    public void Record(long micros)
    {
        lock (_lock)
        {
            _ring[_recorded % _ring.Length] = micros;
            _recorded++;
        }
    }

    /// <summary>The samples oldest first, with the total ever recorded.</summary>
    public LatencySamplesDto Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_recorded, _ring.Length);
            var samples = new long[count];
            var start = _recorded - count;
            for (var i = 0; i < count; i++)
            {
                samples[i] = _ring[(start + i) % _ring.Length];
            }
            return new LatencySamplesDto(_recorded, samples);
        }
    }
}
