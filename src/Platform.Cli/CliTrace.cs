using System.Diagnostics;

namespace Platform.Cli;

/// <summary>
/// The trace one invocation's API calls join: the caller's when <c>TRACEPARENT</c> holds a W3C trace context (a CI
/// pipeline that traces its steps), else a new one. Every request carries it as <c>traceparent</c>, so the API's work,
/// the jobs it queues and the nodes' work for a command are one trace, and the CLI prints its id beside a rollout.
/// </summary>
public sealed class CliTrace
{
    private CliTrace(string traceParent) => TraceParent = traceParent;

    public string TraceParent { get; }

    /// <summary>The 32 hex digits of the trace id.</summary>
    public string TraceId => TraceParent.Split('-')[1];

    /// <summary>Joins <paramref name="inherited"/> when it is a valid traceparent; otherwise starts a new sampled trace.</summary>
    public static CliTrace Join(string? inherited) =>
        inherited is { } parent && ActivityContext.TryParse(parent.Trim(), null, isRemote: true, out var context)
            ? new CliTrace($"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(byte)context.TraceFlags:x2}")
            : new CliTrace($"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

    /// <summary>Adds the traceparent to every request that has none.</summary>
    public HttpMessageHandler Around(HttpMessageHandler inner) => new Propagator(TraceParent) { InnerHandler = inner };

    private sealed class Propagator(string traceParent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A recorded command span (CliTelemetry) is carried on by the HTTP client's own instrumentation.
            if (Activity.Current is null && !request.Headers.Contains("traceparent"))
            {
                request.Headers.TryAddWithoutValidation("traceparent", traceParent);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
