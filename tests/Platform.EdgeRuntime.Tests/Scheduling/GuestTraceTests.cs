using System.Diagnostics;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Scheduling;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Scheduling;

/// <summary>The request's trace follows a guest run onto its worker thread, and into the guest's own request headers.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GuestTraceTests(EdgeFixture edge) : IDisposable
{
    private static readonly ActivitySource Requests = new("Platform.Tests.Ingress");
    private readonly List<Activity> _stopped = [];
    private ActivityListener? _listener;

    [Fact]
    public async Task RunAsync_InsideARequestActivity_GuestRunIsItsChildWithServiceAndOutcome()
    {
        Listen();
        var metrics = new EdgeMetrics();
        using var scheduler = new GuestScheduler(new RequestExecutor(metrics), metrics, new SchedulerOptions { Workers = 2 });
        var hello = edge.Load("hello", service: "traced-hello");

        ActivityContext request;
        using (var ingress = Requests.StartActivity("GET /traced-hello")!)
        {
            request = ingress.Context;
            Assert.Equal(200, (await scheduler.RunAsync(hello, new EdgeRequest("GET", "/t", [new("traceparent", "00-" + new string('1', 32) + "-" + new string('2', 16) + "-01")], []), "trace-1")).Status);
        }

        Activity guest;
        lock (_stopped)
        {
            guest = _stopped.Single(a => a.Source.Name == "Platform.Edge" && (string?)a.GetTagItem("platform.service") == "traced-hello");
        }
        Assert.Equal(request.TraceId, guest.TraceId);
        Assert.Equal(request.SpanId, guest.ParentSpanId);
        Assert.Equal("1.0.0", guest.GetTagItem("platform.version"));
        Assert.Equal(200, guest.GetTagItem("http.response.status_code"));
        Assert.Equal("Completed", guest.GetTagItem("platform.outcome"));
    }

    [Fact]
    public void WithContext_CallerSentItsOwnTraceparent_GuestGetsTheCurrentOneOnly()
    {
        Listen();
        using var current = Requests.StartActivity("GET /x")!;
        current.TraceStateString = "vendor=1";
        var request = new EdgeRequest("GET", "/x", [new("Traceparent", "00-" + new string('a', 32) + "-" + new string('b', 16) + "-01"), new("accept", "*/*")], []);

        var headers = ((EdgeRequest)GuestTrace.WithContext(request)).Headers;

        Assert.Equal(current.Id, Assert.Single(headers, h => h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.Equal("vendor=1", Assert.Single(headers, h => h.Key == "tracestate").Value);
        Assert.Contains(headers, h => h.Key == "accept");
    }

    [Fact]
    public void WithContext_NoCurrentActivity_RequestUnchanged()
    {
        Activity.Current = null;
        var request = new EdgeRequest("GET", "/x", [new("accept", "*/*")], []);

        Assert.Same(request, GuestTrace.WithContext(request));
    }

    private void Listen()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Platform.Edge" or "Platform.Tests.Ingress",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_stopped) _stopped.Add(activity); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener?.Dispose();
}
