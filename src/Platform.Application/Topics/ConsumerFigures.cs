using NATS.Client.JetStream.Models;

namespace Platform.Application.Topics;

/// <summary>A trigger's durable consumers (one per partition) added up.</summary>
public sealed class ConsumerFigures
{
    public long Pending { get; private set; }
    public long InFlight { get; private set; }
    public long Redelivered { get; private set; }
    public long Delivered { get; private set; }
    public DateTimeOffset? LastActive { get; private set; }

    internal void Add(ConsumerInfo info)
    {
        Pending += (long)info.NumPending;
        InFlight += info.NumAckPending;
        Redelivered += info.NumRedelivered;
        Delivered += (long)info.AckFloor.ConsumerSeq;
        if (info.Delivered.LastActive is { } active && (LastActive is null || active > LastActive)) LastActive = active;
    }
}
