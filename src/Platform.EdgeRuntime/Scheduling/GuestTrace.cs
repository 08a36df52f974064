using System.Diagnostics;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// The W3C trace context of a guest run. The request's activity (ASP.NET Core's, on the request thread) does not
/// follow the run to its worker thread by itself: the worker starts a "guest" activity of <see cref="Source"/>
/// ("Platform.Edge") as its child, tagged with service, version and outcome, or, when nobody listens, makes the
/// request's activity current for the run, so the guest's log lines and its outbound HTTP (which carries
/// <c>traceparent</c>) belong to the request's trace. The guest receives that context as its request's
/// <c>traceparent</c> and <c>tracestate</c> headers, replacing whatever the caller sent.
/// </summary>
internal static class GuestTrace
{
    public static readonly ActivitySource Source = new("Platform.Edge");

    /// <summary>Makes the run's trace current on this worker; dispose to clear it.</summary>
    public static Scope Enter(ScheduledRun run)
    {
        var activity = Source.StartActivity($"guest {run.Version.Service}", ActivityKind.Internal,
            run.Parent?.Context ?? default);
        if (activity is null)
        {
            Activity.Current = run.Parent;
        }
        else
        {
            activity.SetTag("platform.service", run.Version.Service);
            activity.SetTag("platform.version", run.Version.Version);
            activity.SetTag("platform.request_id", run.RequestId);
        }
        return new Scope(activity);
    }

    /// <summary>The request (or event) with the current trace context as its traceparent/tracestate headers (unchanged without one).</summary>
    public static GuestInput WithContext(GuestInput input)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } current)
        {
            return input;
        }
        return input switch
        {
            EdgeRequest request => request with { Headers = WithContext(request.Headers, current) },
            Events.EdgeEvent delivery => delivery with { Headers = WithContext(delivery.Headers, current) },
            _ => input,
        };
    }

    private static List<KeyValuePair<string, string>> WithContext(IReadOnlyList<KeyValuePair<string, string>> original, Activity current)
    {
        var headers = new List<KeyValuePair<string, string>>(original.Count + 2);
        foreach (var header in original)
        {
            if (!header.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("tracestate", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header);
            }
        }
        headers.Add(new("traceparent", current.Id!));
        if (current.TraceStateString is { Length: > 0 } state)
        {
            headers.Add(new("tracestate", state));
        }
        return headers;
    }

    public readonly struct Scope(Activity? activity) : IDisposable
    {
        public void Outcome(EdgeResponse response)
        {
            if (activity is null)
            {
                return;
            }
            activity.SetTag("http.response.status_code", response.Status);
            activity.SetTag("platform.outcome", response.Outcome.ToString());
            if (response.Status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error, response.Error);
            }
        }

        public void Dispose()
        {
            activity?.Dispose();
            // A worker serves every service: nothing of this run's trace may stay current for the next one.
            Activity.Current = null;
        }
    }
}
