using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>
/// Every latency of one version since the node started, in log-spaced buckets (<see cref="LatencySketchDto"/>):
/// lock-free to record (one interlocked increment), mergeable and subtractable by the control plane, so both versions
/// of a service are compared over exactly the same interval whatever their share of the traffic.
/// </summary>
internal sealed class LatencySketch
{
    private static readonly double LogGamma = Math.Log(LatencySketchDto.StandardGamma);
    private readonly long[] _counts = new long[LatencySketchDto.MaxIndex + 1];

    public static int IndexOf(double micros) =>
        micros <= 1 ? 0 : Math.Min(LatencySketchDto.MaxIndex, (int)Math.Ceiling(Math.Log(micros) / LogGamma - 1e-9));

    public void Record(double micros) => Interlocked.Increment(ref _counts[IndexOf(micros)]);

    /// <summary>The buckets holding anything, ascending.</summary>
    public LatencySketchDto Snapshot()
    {
        var indexes = new List<int>();
        var counts = new List<long>();
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Interlocked.Read(ref _counts[i]);
            if (count > 0)
            {
                indexes.Add(i);
                counts.Add(count);
            }
        }
        return new LatencySketchDto(LatencySketchDto.StandardGamma, indexes, counts);
    }
}
