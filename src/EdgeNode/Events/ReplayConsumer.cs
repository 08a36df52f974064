using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Events;

/// <summary>
/// This node's part in one replay (or re-drive) of a service: it binds to the replay's consumers, which the control plane made
/// with the starting point (<see cref="EventSubjects.ReplayDurable"/>), and hands each event up to the replay's end to the
/// version the replay targets, through the same delivery as the trigger's own (<see cref="EventDelivery"/>: retries, dead
/// letters). Later events are acknowledged without running: they are the trigger's own consumers' business. Every node that
/// runs the target takes part; one event is unacknowledged per consumer at a time, so a key's events stay in order.
/// A re-drive reads the service's dead letters of the topic, which any of its triggers on that topic may have put there: each
/// goes through the trigger whose filter takes the event's original subject (its attempts, backoff and in-flight bound), the
/// first of them when none does any more.
/// </summary>
internal sealed class ReplayConsumer : IAsyncDisposable
{
    private static readonly TimeSpan NotServedDelay = TimeSpan.FromSeconds(1);

    private readonly NatsJSContext _js;
    private readonly RoutingTable _table;
    private readonly EventDelivery[] _deliveries;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task[] _loops = [];

    /// <param name="triggers">The target's triggers the replay's events may belong to (a topic replay: the one of its filter), at least one.</param>
    public ReplayConsumer(string service, string version, ReplayAssignmentDto replay, IReadOnlyList<TriggerDto> triggers, NatsJSContext js, RoutingTable table,
        GuestScheduler scheduler, ILogger logger)
    {
        Service = service;
        Version = version;
        Replay = replay;
        _js = js;
        _table = table;
        _deliveries = [.. triggers.Select(trigger => new EventDelivery(service, trigger, js, scheduler, logger))];
        _logger = logger;
    }

    public string Service { get; }

    public string Version { get; }

    public ReplayAssignmentDto Replay { get; }

    public IEnumerable<TriggerDto> Triggers => _deliveries.Select(d => d.Trigger);

    public void Start()
    {
        var deadLetters = Replay.Source == EventSubjects.ReplayFromDeadLetters;
        var stream = deadLetters ? EventSubjects.DeadLetterStream : EventSubjects.Stream(Replay.Topic);
        int?[] partitions = deadLetters ? [null] : Enumerable.Range(0, EventSubjects.Partitions).Select(p => (int?)p).ToArray();
        _loops = partitions.Select(p => Task.Run(() => ConsumerLoop.RunAsync($"replay {Replay.Id} of {Service} on {Replay.Topic}",
            token => _js.GetConsumerAsync(stream, EventSubjects.ReplayDurable(Replay.Id, p), token),
            message => HandleAsync(message, _stop.Token), _logger, _stop.Token))).ToArray();
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken stop)
    {
        if ((message.Metadata?.Sequence.Stream ?? 0) > Replay.UntilSequence)
        {
            await message.AckAsync(cancellationToken: stop);
            return;
        }
        if (Target() is not { } version)
        {
            await message.NakAsync(new AckOpts { NakDelay = NotServedDelay }, stop);
            return;
        }
        await DeliveryOf(message).HandleAsync(message, version, stop);
    }

    /// <summary>The delivery of the trigger whose filter takes the event's subject (a dead letter's original one), else the first.</summary>
    private EventDelivery DeliveryOf(INatsJSMsg<byte[]> message)
    {
        if (_deliveries.Length == 1) return _deliveries[0];
        var original = message.Headers?.TryGetValue(EventSubjects.OriginalSubjectHeader, out var value) == true ? value.ToString() : message.Subject;
        var subject = EventSubjects.SubjectOf(original);
        return _deliveries.FirstOrDefault(d => EventSubjects.FilterTakes(d.Trigger.Filter, subject)) ?? _deliveries[0];
    }

    /// <summary>The replay's target as loaded on this node now (null while it is not, or no longer).</summary>
    private LoadedVersion? Target() =>
        _table.Find(Service)?.Versions.Select(v => v.Loaded)
            .FirstOrDefault(v => v.Version == Version && v.Assignment.Replays?.Any(r => r.Id == Replay.Id) == true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var delivery in _deliveries) delivery.Dispose();
        _stop.Dispose();
    }
}
