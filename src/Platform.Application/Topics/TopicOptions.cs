namespace Platform.Application.Topics;

/// <summary>The platform's limits on topics (section <c>Topics</c>): retention bounds and the largest event accepted.</summary>
public sealed class TopicOptions
{
    public const string Section = "Topics";

    /// <summary>A topic created without retention keeps events this long.</summary>
    public TimeSpan DefaultMaxAge { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan MaxAgeLimit { get; set; } = TimeSpan.FromDays(30);
    public long MaxBytesLimit { get; set; } = 1L << 30;
    /// <summary>The largest event body (NATS's default max payload is 1 MiB; headers need room too).</summary>
    public int MaxEventBytes { get; set; } = 512 * 1024;
}
