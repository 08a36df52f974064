using System.Text.Json.Serialization;

namespace Platform.Domain.Nodes;

/// <summary>
/// A mergeable, log-bucketed latency histogram in the manner of DDSketch: a latency of x µs is counted in bucket
/// ⌈log_γ x⌉ (1 µs and below in bucket 0), so every bucket's representative value is within
/// <see cref="RelativeAccuracy"/> of any latency it holds. Edge nodes keep one per version, cumulative since they
/// started; two reports of one node subtract exactly (bucket by bucket) into the latencies of the interval between
/// them, and any number of intervals and nodes add up. Only buckets that hold something are listed (ascending).
/// </summary>
public sealed record LatencySketch
{
    /// <summary>The relative accuracy every edge node uses (2%): γ = (1 + 0.02) / (1 − 0.02).</summary>
    public const double RelativeAccuracy = 0.02;

    /// <summary>The bucket growth factor of <see cref="RelativeAccuracy"/>; a report with another γ is not accepted.</summary>
    public const double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);

    /// <summary>The largest bucket index accepted (γ^600 µs is far beyond any deadline).</summary>
    public const int MaxIndex = 600;

    private static readonly double LogGamma = Math.Log(Gamma);

    public static LatencySketch Empty { get; } = new();

    /// <summary>Bucket indexes that hold at least one latency, ascending.</summary>
    public IReadOnlyList<int> Indexes { get; init; } = [];

    /// <summary>How many latencies each bucket of <see cref="Indexes"/> holds.</summary>
    public IReadOnlyList<long> Counts { get; init; } = [];

    /// <summary>Latencies counted.</summary>
    [JsonIgnore]
    public long Count => Counts.Sum();

    /// <summary>The bucket a latency of <paramref name="micros"/> µs falls in.</summary>
    public static int IndexOf(double micros) => micros <= 1 ? 0 : Math.Min(MaxIndex, (int)Math.Ceiling(Math.Log(micros) / LogGamma - 1e-9));

    /// <summary>The value a bucket stands for, in µs: within the relative accuracy of everything it holds.</summary>
    public static double ValueOf(int index) => index <= 0 ? 1 : 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    /// <summary>A sketch of raw latencies in µs.</summary>
    public static LatencySketch Of(IEnumerable<long> micros)
    {
        var buckets = new SortedDictionary<int, long>();
        foreach (var value in micros)
        {
            var index = IndexOf(value);
            buckets[index] = buckets.GetValueOrDefault(index) + 1;
        }
        return new LatencySketch { Indexes = [.. buckets.Keys], Counts = [.. buckets.Values] };
    }

    /// <summary>A sketch of bucket counts (index → count); empty buckets are left out.</summary>
    public static LatencySketch FromBuckets(IEnumerable<KeyValuePair<int, long>> buckets)
    {
        var sorted = buckets.Where(b => b.Value > 0).OrderBy(b => b.Key).ToList();
        return new LatencySketch { Indexes = sorted.Select(b => b.Key).ToList(), Counts = sorted.Select(b => b.Value).ToList() };
    }

    /// <summary>Whether the lists are well formed: same length, indexes ascending within [0, <see cref="MaxIndex"/>], counts positive.</summary>
    public bool IsValid()
    {
        if (Indexes.Count != Counts.Count) return false;
        for (var i = 0; i < Indexes.Count; i++)
        {
            if (Indexes[i] is < 0 or > MaxIndex || Counts[i] <= 0 || (i > 0 && Indexes[i] <= Indexes[i - 1])) return false;
        }
        return true;
    }

    /// <summary>Both sketches together.</summary>
    public LatencySketch Plus(LatencySketch other)
    {
        if (other.Indexes.Count == 0) return this;
        if (Indexes.Count == 0) return other;
        var indexes = new List<int>(Indexes.Count + other.Indexes.Count);
        var counts = new List<long>(indexes.Capacity);
        int a = 0, b = 0;
        while (a < Indexes.Count || b < other.Indexes.Count)
        {
            if (b == other.Indexes.Count || (a < Indexes.Count && Indexes[a] < other.Indexes[b]))
            {
                indexes.Add(Indexes[a]);
                counts.Add(Counts[a++]);
            }
            else if (a == Indexes.Count || other.Indexes[b] < Indexes[a])
            {
                indexes.Add(other.Indexes[b]);
                counts.Add(other.Counts[b++]);
            }
            else
            {
                indexes.Add(Indexes[a]);
                counts.Add(Counts[a++] + other.Counts[b++]);
            }
        }
        return new LatencySketch { Indexes = indexes, Counts = counts };
    }

    /// <summary>The sketches of several reports taken together.</summary>
    public static LatencySketch Sum(IEnumerable<LatencySketch> sketches) => sketches.Aggregate(Empty, (total, next) => total.Plus(next));

    /// <summary>
    /// What was counted since <paramref name="older"/> (an earlier cumulative sketch of the same node and version);
    /// null when some bucket holds fewer than before (the node restarted and counts from zero again).
    /// </summary>
    public LatencySketch? Minus(LatencySketch older)
    {
        var buckets = new List<KeyValuePair<int, long>>(Indexes.Count);
        var b = 0;
        for (var a = 0; a < Indexes.Count; a++)
        {
            // A bucket that had latencies and has none now: counted afresh.
            if (b < older.Indexes.Count && older.Indexes[b] < Indexes[a]) return null;
            var before = b < older.Indexes.Count && older.Indexes[b] == Indexes[a] ? older.Counts[b++] : 0;
            if (Counts[a] < before) return null;
            buckets.Add(new(Indexes[a], Counts[a] - before));
        }
        return b < older.Indexes.Count ? null : FromBuckets(buckets);
    }

    /// <summary>The bucket of the q-quantile (nearest rank, 0 &lt; q ≤ 1); null when empty.</summary>
    public int? QuantileIndex(double q)
    {
        if (q is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q), "q must be in (0, 1].");
        if (Count == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < Indexes.Count; i++)
        {
            seen += Counts[i];
            if (seen >= rank) return Indexes[i];
        }
        return Indexes[^1];
    }

    /// <summary>The q-quantile in µs (within the relative accuracy); null when empty.</summary>
    public double? Quantile(double q) => QuantileIndex(q) is { } index ? ValueOf(index) : null;

    /// <summary>Latencies in buckets above <paramref name="index"/>.</summary>
    public long CountAbove(int index)
    {
        long above = 0;
        for (var i = Indexes.Count - 1; i >= 0 && Indexes[i] > index; i--)
        {
            above += Counts[i];
        }
        return above;
    }

    /// <summary>
    /// P(X &gt; Y) + ½·P(X = Y) for a latency X of this sketch and Y of <paramref name="other"/>, bucket by bucket
    /// (latencies in one bucket count as equal); 0.5 when either is empty.
    /// </summary>
    public double ProbabilityOfSuperiority(LatencySketch other)
    {
        if (Count == 0 || other.Count == 0) return 0.5;
        double wins = 0;
        long below = 0;
        var b = 0;
        for (var a = 0; a < Indexes.Count; a++)
        {
            while (b < other.Indexes.Count && other.Indexes[b] < Indexes[a]) below += other.Counts[b++];
            var equal = b < other.Indexes.Count && other.Indexes[b] == Indexes[a] ? other.Counts[b] : 0;
            wins += Counts[a] * (below + equal / 2.0);
        }
        return wins / ((double)Count * other.Count);
    }
}
