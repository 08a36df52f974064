using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Execution;

[Collection(EdgeCollection.Name)]
public sealed class ComponentExecutorTests(EdgeFixture edge)
{
    [Fact]
    public void Execute_Hello_Returns200WithGreetingForPath()
    {
        var hello = edge.Load("hello");

        var response = edge.Get(hello, "/hello/world?x=1");

        Assert.Equal(200, response.Status);
        Assert.Equal("hello from /hello/world", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("text/plain", response.Header("content-type"));
        Assert.Equal(response.RequestId, response.Header("x-request-id"));
    }

    [Fact]
    public void Execute_EchoWithBinaryBody_RoundTripsEveryByte()
    {
        var echo = edge.Load("echo");
        var body = Enumerable.Range(0, 1024).Select(i => (byte)(i * 7 % 256)).ToArray();
        var request = new EdgeRequest("POST", "/echo?q=1", [new("content-type", "application/octet-stream"), new("x-a", "b")], body);

        var response = edge.Executor.Execute(echo, request, "req-echo");

        Assert.Equal(200, response.Status);
        Assert.Equal(body, response.Body);
        Assert.Equal("POST", response.Header("x-echo-method"));
        Assert.Equal("/echo?q=1", response.Header("x-echo-uri"));
        Assert.Equal("2", response.Header("x-echo-header-count"));
        Assert.Equal("application/octet-stream", response.Header("content-type"));
    }

    [Fact]
    public void Execute_EchoWithUtf8AndManyHeaders_KeepsTextAndCount()
    {
        var echo = edge.Load("echo");
        List<KeyValuePair<string, string>> headers = [new("content-type", "text/plain; name=\"Zoë ✓\"")];
        headers.AddRange(Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, string>($"x-h{i}", new string('v', i))));
        var request = new EdgeRequest("GET", "/echo/caf%C3%A9?q=ü", headers, []);

        var response = edge.Executor.Execute(echo, request, "req-utf8");

        Assert.Equal(200, response.Status);
        Assert.Equal("text/plain; name=\"Zoë ✓\"", response.Header("content-type"));
        Assert.Equal("/echo/caf%C3%A9?q=ü", response.Header("x-echo-uri"));
        Assert.Equal("41", response.Header("x-echo-header-count"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public void Execute_ManyThreadsAtOnce_EveryResponseIsItsOwn()
    {
        var echo = edge.Load("echo");

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var body = Encoding.UTF8.GetBytes($"request {i} " + new string((char)('a' + i % 26), i % 300));
            var response = edge.Executor.Execute(echo, new EdgeRequest("POST", $"/echo/{i}", [new("content-type", "text/plain")], body), $"req-{i}");
            if (response.Status != 200 || !response.Body.AsSpan().SequenceEqual(body) || response.Header("x-echo-uri") != $"/echo/{i}")
            {
                mismatches.Add($"request {i}: {response.Status} {response.Outcome} {response.Error}");
            }
        });

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Execute_Trap_Returns500WithRequestIdAndNextRequestSucceeds()
    {
        var trap = edge.Load("trap");
        var hello = edge.Load("hello");

        var failed = edge.Executor.Execute(trap, new EdgeRequest("GET", "/", [], []), "req-trap-1");
        var next = edge.Get(hello, "/after-trap");

        Assert.Equal(500, failed.Status);
        Assert.Equal(ExecutionOutcome.Trapped, failed.Outcome);
        Assert.Equal("req-trap-1", failed.Header("x-request-id"));
        Assert.Contains("req-trap-1", Encoding.UTF8.GetString(failed.Body));
        Assert.DoesNotContain("unreachable", Encoding.UTF8.GetString(failed.Body));
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public void Execute_RecursionWithinTheStack_Returns200()
    {
        var deep = edge.Load("deep-stack");

        var response = edge.Get(deep, "/?frames=16");

        Assert.Equal(200, response.Status);
        Assert.Equal("depth 16, static data intact", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_StackOverflow_TrapsWith500AndNextRequestSucceeds()
    {
        var deep = edge.Load("deep-stack");

        var overflow = edge.Get(deep, "/?frames=64");
        var next = edge.Get(deep, "/?frames=4");

        Assert.Equal(500, overflow.Status);
        Assert.Equal(ExecutionOutcome.Trapped, overflow.Outcome);
        Assert.Equal("depth 4, static data intact", Encoding.UTF8.GetString(next.Body));
    }

    [Fact]
    public void Execute_InfiniteLoop_Returns504()
    {
        var loop = edge.Load("loop", limits: new LimitsDto(DeadlineMs: 50, MemoryMb: 16));

        var response = edge.Get(loop, "/spin");

        Assert.Equal(504, response.Status);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, response.Outcome);
        Assert.Equal(200, edge.Get(edge.Load("hello"), "/after-loop").Status);
    }

    [Fact]
    public async Task Execute_BeyondTheInstanceBudget_Returns503AndAdmitsAgainOnceAnInstanceEnds()
    {
        var loop = edge.Load("loop", service: "budget-one", limits: new LimitsDto(DeadlineMs: 400, MemoryMb: 16, MaxInstances: 1));
        var running = Task.Run(() => edge.Get(loop, "/spin"));
        await WaitUntil(() => loop.RunningInstances == 1);

        var refused = edge.Get(loop, "/spin");
        var first = await running;
        var admitted = edge.Get(loop, "/spin");

        Assert.Equal(503, refused.Status);
        Assert.Equal(ExecutionOutcome.Overloaded, refused.Outcome);
        Assert.Equal("1", refused.Header("retry-after"));
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, first.Outcome);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, admitted.Outcome);
        Assert.Equal(0, loop.RunningInstances);
        var metrics = Assert.Single(edge.Metrics.Snapshot(), m => m.Service == "budget-one");
        Assert.Equal((3, 1), (metrics.Requests, metrics.Overloaded));
    }

    [Fact]
    public void Execute_AllocatesUntilNull_Returns500WithinMemoryLimit()
    {
        var oom = edge.Load("oom", limits: new LimitsDto(DeadlineMs: 5000, MemoryMb: 16));

        var response = edge.Get(oom, "/grow");

        Assert.Equal(500, response.Status);
        var text = Encoding.UTF8.GetString(response.Body);
        Assert.StartsWith("out of memory after ", text);
        var mib = int.Parse(text.Split(' ')[4]);
        Assert.InRange(mib, 1, 16);
    }

    [Fact]
    public void Execute_ConfigWithGrantedVariable_ReturnsIt()
    {
        var capabilities = new CapabilitiesDto([], [], new Dictionary<string, string> { ["greeting"] = "bonjour" });
        var config = edge.Load("config", capabilities, service: "config-granted");

        var response = edge.Get(config, "/");

        Assert.Equal(200, response.Status);
        Assert.Equal("bonjour", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_ConfigWithoutVariable_ReturnsNone()
    {
        var config = edge.Load("config", service: "config-none");

        var response = edge.Get(config, "/");

        Assert.Equal(404, response.Status);
        Assert.Equal("greeting not set", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_RequestsAreCounted_MetricsShowRequestsAndErrors()
    {
        var trap = edge.Load("trap", service: "metrics-trap");

        edge.Get(trap, "/");
        edge.Get(trap, "/");

        var metrics = Assert.Single(edge.Metrics.Snapshot(), m => m.Service == "metrics-trap");
        Assert.Equal(2, metrics.Requests);
        Assert.Equal(2, metrics.Errors);
        Assert.Equal(2, metrics.Trapped);
    }

    private static Task WaitUntil(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(10), "The awaited condition");
}
