using System.Diagnostics;
using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeNode.Ingress;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Events;

/// <summary>
/// Hands one JetStream message to a version's <c>events.handle</c> on the guest scheduler (fresh instance, deadline, memory cap,
/// the service's fair share), at most <see cref="TriggerDto.MaxInFlight"/> at once per trigger on this node, and settles it:
/// handled: acknowledged; failed: delivered again after the trigger's backoff; after its last attempt: published to the dead
/// letters with the error, then terminated. A full node (no worker, no instance) does not count as an attempt.
/// A message read from the dead letters (a re-drive) leaves them once it is handled or dead-lettered afresh.
/// </summary>
internal sealed partial class EventDelivery(string service, TriggerDto trigger, NatsJSContext js, GuestScheduler scheduler, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _inFlight = new(Math.Clamp(trigger.MaxInFlight, 1, EventSubjects.Partitions));

    public TriggerDto Trigger => trigger;

    public async Task HandleAsync(INatsJSMsg<byte[]> message, LoadedVersion version, CancellationToken stop)
    {
        var fromDeadLetters = message.Subject.StartsWith("dead.", StringComparison.Ordinal);
        var attempt = (int)Math.Max(1, message.Metadata?.NumDelivered ?? 1);
        var key = Header(message.Headers, EventSubjects.KeyHeader) ?? "";
        var sequence = message.Metadata?.Sequence.Stream ?? 0;
        var subject = fromDeadLetters ? Header(message.Headers, EventSubjects.OriginalSubjectHeader) ?? message.Subject : message.Subject;
        var id = Header(message.Headers, EventSubjects.EventIdHeader) ?? Header(message.Headers, EventSubjects.IdHeader)
            ?? $"{EventSubjects.Stream(trigger.Topic)}:{sequence}";
        var delivery = new EdgeEvent(trigger.Topic, EventSubjects.SubjectOf(subject), key, id, (uint)attempt, Headers(message.Headers), message.Data ?? []);

        using var activity = Start(message.Headers, delivery, sequence);
        await _inFlight.WaitAsync(stop);
        EdgeResponse response;
        try
        {
            // Off the guest worker that gives the answer: the rest (acknowledging, the next event, a shutdown that joins the
            // workers) must never run on a worker.
            response = await scheduler.RunAsync(version, delivery, RequestIds.Next()).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        finally
        {
            _inFlight.Release();
        }
        activity?.SetTag("platform.outcome", response.Outcome.ToString());
        if (response.Status == 200)
        {
            await message.AckAsync(cancellationToken: stop);
            if (fromDeadLetters)
            {
                await ForgetDeadLetterAsync(sequence, stop);
            }
            return;
        }
        var error = response.Error ?? $"{response.Status} {response.Outcome}";
        activity?.SetStatus(ActivityStatusCode.Error, error);
        if (attempt >= trigger.MaxAttempts && response.Outcome != ExecutionOutcome.Overloaded)
        {
            await DeadLetterAsync(message, delivery, subject, fromDeadLetters ? OriginalSequence(message) : sequence, error, stop);
            return;
        }
        LogRetry(logger, service, version.Version, trigger.Topic, sequence, attempt, error);
        await message.NakAsync(new AckOpts { NakDelay = trigger.Backoff(attempt) }, stop);
    }

    private async Task DeadLetterAsync(INatsJSMsg<byte[]> message, EdgeEvent delivery, string subject, ulong sequence, string error, CancellationToken stop)
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
        headers[EventSubjects.AttemptsHeader] = delivery.Attempt.ToString(CultureInfo.InvariantCulture);
        headers[EventSubjects.OriginalSubjectHeader] = subject;
        headers[EventSubjects.OriginalSequenceHeader] = sequence.ToString(CultureInfo.InvariantCulture);
        try
        {
            var ack = await js.PublishAsync(EventSubjects.DeadLetterSubject(service, trigger.Topic), message.Data ?? [], headers: headers,
                opts: new NatsJSPubOpts { ExpectedStream = EventSubjects.DeadLetterStream }, cancellationToken: stop);
            ack.EnsureSuccess();
        }
        catch (Exception ex) when (ex is NatsException or NatsJSException)
        {
            // Not stored as a dead letter: the event stays unacknowledged and comes back after the backoff; nothing is lost.
            LogDeadLetterFailed(logger, service, trigger.Topic, sequence, ex.Message);
            await message.NakAsync(new AckOpts { NakDelay = trigger.Backoff((int)delivery.Attempt) }, stop);
            return;
        }
        LogDeadLettered(logger, service, trigger.Topic, sequence, delivery.Attempt, error);
        await message.AckTerminateAsync(cancellationToken: stop);
        if (message.Subject.StartsWith("dead.", StringComparison.Ordinal))
        {
            // Re-driven and failed again: the fresh dead letter (with this error) replaces the old one.
            await ForgetDeadLetterAsync(message.Metadata?.Sequence.Stream ?? 0, stop);
        }
    }

    /// <summary>Removes a re-driven dead letter; one removed already (a repeat) is fine.</summary>
    private async Task ForgetDeadLetterAsync(ulong sequence, CancellationToken stop)
    {
        try
        {
            await js.DeleteMessageAsync(EventSubjects.DeadLetterStream, new StreamMsgDeleteRequest { Seq = sequence }, stop);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code is 400 or 404)
        {
        }
        catch (NatsException ex)
        {
            LogForgetFailed(logger, service, trigger.Topic, sequence, ex.Message);
        }
    }

    /// <summary>After the consumer's loops have ended (nothing waits for a slot any more).</summary>
    public void Dispose() => _inFlight.Dispose();

    private static ulong OriginalSequence(INatsJSMsg<byte[]> message) =>
        ulong.TryParse(Header(message.Headers, EventSubjects.OriginalSequenceHeader), out var sequence) ? sequence : 0;

    private static string? Header(NatsHeaders? headers, string name) =>
        headers?.TryGetValue(name, out var value) == true ? value.ToString() : null;

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 1024 ? line : line[..1024];
    }

    /// <summary>The headers the guest sees: the publisher's and the platform's, without the dead letters' bookkeeping.</summary>
    private static List<KeyValuePair<string, string>> Headers(NatsHeaders? headers)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (headers is null)
        {
            return list;
        }
        foreach (var (name, values) in headers)
        {
            if (name is EventSubjects.ErrorHeader or EventSubjects.AttemptsHeader or EventSubjects.OriginalSubjectHeader or EventSubjects.OriginalSequenceHeader)
            {
                continue;
            }
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
        var parent = Header(headers, "traceparent") is { } traceParent
            && ActivityContext.TryParse(traceParent, Header(headers, "tracestate"), out var context)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Version} failed event {Topic}#{Sequence} (attempt {Attempt}); it comes back after the backoff: {Error}")]
    private static partial void LogRetry(ILogger logger, string service, string version, string topic, ulong sequence, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} event {Topic}#{Sequence} went to the dead letters after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string service, string topic, ulong sequence, uint attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} event {Topic}#{Sequence} could not be stored as a dead letter (it stays on the topic): {Reason}")]
    private static partial void LogDeadLetterFailed(ILogger logger, string service, string topic, ulong sequence, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} re-driven dead letter {Topic}#{Sequence} was handled but could not be removed from the dead letters: {Reason}")]
    private static partial void LogForgetFailed(ILogger logger, string service, string topic, ulong sequence, string reason);
}
