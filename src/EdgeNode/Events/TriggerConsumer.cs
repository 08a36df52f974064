using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeNode.Ingress;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Events;

/// <summary>
/// One trigger of one service on this node: a loop per partition of the topic over that partition's durable consumer
/// (<see cref="EventSubjects.Durable"/>, shared by every node the service runs on, at most one event unacknowledged), so the
/// events of one key are handled one at a time and in order, whichever node takes them. Each event runs on the guest
/// scheduler like a request (fresh instance, deadline, memory cap, the service's fair share), at most
/// <see cref="TriggerDto.MaxInFlight"/> at once on this node, on the version its key's bucket falls on (a canary gets its
/// weight's share of the keys). Handled: acknowledged. Failed: delivered again after the trigger's backoff; after its last
/// attempt it is published to the dead letters with the error and terminated. A node that goes away with an event
/// unacknowledged loses nothing: JetStream hands it out again after the ack wait.
/// </summary>
internal sealed partial class TriggerConsumer : IAsyncDisposable
{
    /// <summary>How long an event may stay unacknowledged beyond its deadline before JetStream gives it to another node.</summary>
    public static readonly TimeSpan AckMargin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan NotServedDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BrokerRetryDelay = TimeSpan.FromSeconds(2);

    private readonly NatsJSContext _js;
    private readonly RoutingTable _table;
    private readonly GuestScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly CancellationTokenSource _stop = new();
    private Task[] _loops = [];

    public TriggerConsumer(string service, TriggerDto trigger, int deadlineMs, NatsJSContext js, RoutingTable table, GuestScheduler scheduler, ILogger logger)
    {
        Service = service;
        Trigger = trigger;
        DeadlineMs = deadlineMs;
        _js = js;
        _table = table;
        _scheduler = scheduler;
        _logger = logger;
        _inFlight = new SemaphoreSlim(Math.Clamp(trigger.MaxInFlight, 1, EventSubjects.Partitions));
    }

    public string Service { get; }

    public TriggerDto Trigger { get; }

    public int DeadlineMs { get; }

    public void Start() =>
        _loops = Enumerable.Range(0, EventSubjects.Partitions).Select(p => Task.Run(() => ConsumeAsync(p, _stop.Token))).ToArray();

    private async Task ConsumeAsync(int partition, CancellationToken stop)
    {
        var config = new ConsumerConfig(EventSubjects.Durable(Service, Trigger.Topic, Trigger.Filter, partition))
        {
            FilterSubject = EventSubjects.Filter(Trigger.Topic, partition, Trigger.Filter),
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            // One unacknowledged event per partition across all nodes: the order of a key holds.
            MaxAckPending = 1,
            AckWait = TimeSpan.FromMilliseconds(DeadlineMs) + AckMargin,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            MaxDeliver = -1,
            Description = $"{Service} consuming {Trigger.Topic} (partition {partition})",
        };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var consumer = await _js.CreateOrUpdateConsumerAsync(EventSubjects.Stream(Trigger.Topic), config, stop);
                await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1 }, cancellationToken: stop))
                {
                    await HandleAsync(message, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NatsException or NatsJSException or TimeoutException)
            {
                LogBrokerProblem(_logger, Service, Trigger.Topic, partition, ex.Message);
                try
                {
                    await Task.Delay(BrokerRetryDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken stop)
    {
        var attempt = (int)Math.Max(1, message.Metadata?.NumDelivered ?? 1);
        var key = message.Headers?.TryGetValue(EventSubjects.KeyHeader, out var k) == true ? k.ToString() : "";
        var version = _table.Find(Service) is { } route ? Choose(route, key, attempt) : null;
        if (version is null)
        {
            // Not (or no longer) served here: another node, or this one once it has loaded the version, takes it.
            await message.NakAsync(new AckOpts { NakDelay = NotServedDelay }, stop);
            return;
        }
        var sequence = message.Metadata?.Sequence.Stream ?? 0;
        var id = message.Headers?.TryGetValue(EventSubjects.IdHeader, out var i) == true ? i.ToString() : $"{EventSubjects.Stream(Trigger.Topic)}:{sequence}";
        var delivery = new EdgeEvent(Trigger.Topic, EventSubjects.SubjectOf(message.Subject), key, id, (uint)attempt, Headers(message.Headers), message.Data ?? []);

        using var activity = Start(message.Headers, delivery, sequence);
        await _inFlight.WaitAsync(stop);
        EdgeResponse response;
        try
        {
            // Off the guest worker that gives the answer: the rest (acknowledging, the next event, a shutdown that joins the
            // workers) must never run on a worker.
            response = await _scheduler.RunAsync(version, delivery, RequestIds.Next()).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        finally
        {
            _inFlight.Release();
        }
        activity?.SetTag("platform.outcome", response.Outcome.ToString());
        if (response.Status == 200)
        {
            await message.AckAsync(cancellationToken: stop);
            return;
        }
        var error = response.Error ?? $"{response.Status} {response.Outcome}";
        activity?.SetStatus(ActivityStatusCode.Error, error);
        // A full node (no worker, no instance) is not the event's fault: it is offered again without counting toward dead letters.
        if (attempt >= Trigger.MaxAttempts && response.Outcome != ExecutionOutcome.Overloaded)
        {
            await DeadLetterAsync(message, delivery, error, sequence, stop);
            return;
        }
        LogRetry(_logger, Service, version.Version, Trigger.Topic, sequence, attempt, error);
        await message.NakAsync(new AckOpts { NakDelay = Trigger.Backoff(attempt) }, stop);
    }

    /// <summary>
    /// The version whose share of the keys holds this key: versions taking traffic that declare this trigger, by weight, in the
    /// route's order; the same key lands on the same version on every node. The last attempt of an event that failed before
    /// goes to stable (the first such version: the desired state lists stable first) whichever version holds the key: a
    /// canary that fails every event is rolled back by its analysis, and what it failed meanwhile is handled by stable instead
    /// of ending in the dead letters; an event stable fails too is a dead letter as before.
    /// </summary>
    private LoadedVersion? Choose(ServiceRoute route, string key, int attempt)
    {
        var total = 0;
        foreach (var routed in route.Versions)
        {
            if (routed.Weight > 0 && Declares(routed.Loaded))
            {
                total += routed.Weight;
            }
        }
        if (total == 0)
        {
            return null;
        }
        var ticket = EventSubjects.BucketOf(key) * total / 100;
        LoadedVersion? last = null;
        foreach (var routed in route.Versions)
        {
            if (routed.Weight <= 0 || !Declares(routed.Loaded))
            {
                continue;
            }
            last = routed.Loaded;
            ticket -= routed.Weight;
            if (ticket < 0)
            {
                break;
            }
        }
        return attempt > 1 && attempt >= Trigger.MaxAttempts && Stable(route) is { } stable && stable.Version != last?.Version ? stable : last;
    }

    /// <summary>The first version taking traffic that declares this trigger: stable, unless it has no weight or no such trigger.</summary>
    private LoadedVersion? Stable(ServiceRoute route) =>
        route.Versions.FirstOrDefault(v => v.Weight > 0 && v.Loaded.Role == VersionRole.Serving && Declares(v.Loaded))?.Loaded;

    private bool Declares(LoadedVersion version) =>
        version.Assignment.Triggers?.Any(t => t.Topic == Trigger.Topic && t.Filter == Trigger.Filter) == true;

    private async Task DeadLetterAsync(INatsJSMsg<byte[]> message, EdgeEvent delivery, string error, ulong sequence, CancellationToken stop)
    {
        var headers = new NatsHeaders();
        if (message.Headers is not null)
        {
            foreach (var (name, values) in message.Headers.Where(h => !h.Key.StartsWith("Nats-", StringComparison.OrdinalIgnoreCase)))
            {
                headers[name] = values;
            }
        }
        headers[EventSubjects.EventIdHeader] = delivery.Id;
        headers[EventSubjects.ErrorHeader] = OneLine(error);
        headers[EventSubjects.AttemptsHeader] = delivery.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers[EventSubjects.OriginalSubjectHeader] = message.Subject;
        headers[EventSubjects.OriginalSequenceHeader] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var ack = await _js.PublishAsync(EventSubjects.DeadLetterSubject(Service, Trigger.Topic), message.Data ?? [], headers: headers,
                opts: new NatsJSPubOpts { ExpectedStream = EventSubjects.DeadLetterStream }, cancellationToken: stop);
            ack.EnsureSuccess();
        }
        catch (Exception ex) when (ex is NatsException or NatsJSException)
        {
            // Not stored as a dead letter: the event stays unacknowledged and comes back after the backoff; nothing is lost.
            LogDeadLetterFailed(_logger, Service, Trigger.Topic, sequence, ex.Message);
            await message.NakAsync(new AckOpts { NakDelay = Trigger.Backoff((int)delivery.Attempt) }, stop);
            return;
        }
        LogDeadLettered(_logger, Service, Trigger.Topic, sequence, delivery.Attempt, error);
        await message.AckTerminateAsync(cancellationToken: stop);
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 1024 ? line : line[..1024];
    }

    private static List<KeyValuePair<string, string>> Headers(NatsHeaders? headers)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (headers is null)
        {
            return list;
        }
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                list.Add(new(name.ToLowerInvariant(), value ?? ""));
            }
        }
        return list;
    }

    /// <summary>The event's span, a child of the publisher's trace when the event carries one.</summary>
    private static Activity? Start(NatsHeaders? headers, EdgeEvent delivery, ulong sequence)
    {
        var parent = headers?.TryGetValue("traceparent", out var traceParent) == true
            && ActivityContext.TryParse(traceParent.ToString(), headers.TryGetValue("tracestate", out var state) ? state.ToString() : null, out var context)
                ? context
                : default;
        var activity = EventActivity.Source.StartActivity($"event {delivery.Topic}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "nats");
        activity?.SetTag("messaging.destination.name", delivery.Topic);
        activity?.SetTag("messaging.message.id", delivery.Id);
        activity?.SetTag("platform.event.sequence", (long)sequence);
        activity?.SetTag("platform.event.attempt", (long)delivery.Attempt);
        return activity;
    }

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
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} cannot consume {Topic} partition {Partition} now: {Reason}")]
    private static partial void LogBrokerProblem(ILogger logger, string service, string topic, int partition, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Version} failed event {Topic}#{Sequence} (attempt {Attempt}); it comes back after the backoff: {Error}")]
    private static partial void LogRetry(ILogger logger, string service, string version, string topic, ulong sequence, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} event {Topic}#{Sequence} went to the dead letters after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string service, string topic, ulong sequence, uint attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} event {Topic}#{Sequence} could not be stored as a dead letter (it stays on the topic): {Reason}")]
    private static partial void LogDeadLetterFailed(ILogger logger, string service, string topic, ulong sequence, string reason);
}
