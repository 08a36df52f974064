using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Execution;

[Collection(EdgeCollection.Name)]
public sealed class WagiExecutorTests(EdgeFixture edge)
{
    private static EdgeRequest Request(string method, string uri, byte[] body, params KeyValuePair<string, string>[] headers) =>
        new(method, uri, [new("host", "edge.test:8081"), .. headers], body) { Route = "/hello-wagi" };

    [Fact]
    public void Execute_HelloWagiPost_Returns200EchoingMethodPathQueryAndBody()
    {
        var capabilities = new CapabilitiesDto([], [], new Dictionary<string, string> { ["greeting"] = "bonjour" });
        var hello = edge.LoadWagi("hello-wagi", capabilities);
        var request = Request("POST", "/hello-wagi/a/b%20c?x=1&y=2", Encoding.UTF8.GetBytes("ping\npong"),
            new("content-type", "text/plain"), new("x-test", "yes"));

        var response = edge.Executor.Execute(hello, request, "req-wagi-1");

        Assert.Equal(200, response.Status);
        Assert.Equal(ExecutionOutcome.Completed, response.Outcome);
        Assert.Equal("method=POST\npath_info=/a/b c\nquery=x=1&y=2\nbody=ping\npong", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("text/plain", response.Header("content-type"));
        Assert.Equal("/hello-wagi", response.Header("x-script-name"));
        Assert.Equal("/hello-wagi", response.Header("x-matched-route"));
        Assert.Equal("yes", response.Header("x-test-header"));
        Assert.Equal("bonjour", response.Header("x-greeting"));
        Assert.Equal("req-wagi-1", response.Header("x-request-id"));
    }

    [Theory]
    [InlineData("x_test", "spoofed", "")]
    [InlineData("x-test", "real", "real")]
    public void Execute_HeaderWithUnderscore_NotPassedAsItsDashedTwin(string name, string value, string seen)
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/", [], new KeyValuePair<string, string>(name, value)), "req-wagi-underscore");

        Assert.Equal(200, response.Status);
        Assert.Equal(seen, response.Header("x-test-header") ?? "");
    }

    [Fact]
    public void Execute_VariableNamedLikeAHeader_NotInHttpNamespace()
    {
        var capabilities = new CapabilitiesDto([], [], new Dictionary<string, string> { ["http_x_test"] = "from-config" });
        var hello = edge.LoadWagi("hello-wagi", capabilities);

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/", []), "req-wagi-variable");

        Assert.Equal("", response.Header("x-test-header") ?? "");
    }

    [Fact]
    public void Execute_HelloWagiGetWithoutBody_EchoesEmptyBody()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi", []), "req-wagi-2");

        Assert.Equal(200, response.Status);
        Assert.Equal("method=GET\npath_info=\nquery=\nbody=", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("", response.Header("x-greeting"));
    }

    [Fact]
    public void Execute_StatusHeader_ReturnsThatStatusWithBody()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/missing?status=404", []), "req-wagi-3");

        Assert.Equal(404, response.Status);
        Assert.Null(response.Header("status"));
        Assert.StartsWith("method=GET\npath_info=/missing", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_LocationWithoutStatus_Returns302()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi?redirect", []), "req-wagi-4");

        Assert.Equal(302, response.Status);
        Assert.Equal("/elsewhere", response.Header("location"));
    }

    [Fact]
    public void Execute_OutputWithoutContentType_Returns500NamingTheReason()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi?nocontent", []), "req-wagi-5");

        Assert.Equal(500, response.Status);
        Assert.Equal(ExecutionOutcome.Failed, response.Outcome);
        Assert.Equal("WAGI output has neither a Content-Type nor a Location header", response.Error);
        Assert.Contains("req-wagi-5", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_ProcExitZeroAfterAnswering_Returns200WithTheAnswer()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/?exit=0", []), "req-wagi-exit0");

        Assert.Equal((200, ExecutionOutcome.Completed), (response.Status, response.Outcome));
        Assert.Contains("query=exit=0", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_NonZeroExit_Returns500NamingTheCode_OutputDiscarded()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/?exit=3", []), "req-wagi-exit3");

        Assert.Equal((500, ExecutionOutcome.Failed), (response.Status, response.Outcome));
        Assert.Equal("the module exited with code 3", response.Error);
        Assert.DoesNotContain("query=", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_Trap_Returns500Trapped_NextRequestOfTheVersionSucceeds()
    {
        var hello = edge.LoadWagi("hello-wagi");

        var trapped = edge.Executor.Execute(hello, Request("POST", "/hello-wagi/?trap", Encoding.UTF8.GetBytes("body")), "req-wagi-trap");
        var next = edge.Executor.Execute(hello, Request("POST", "/hello-wagi/?stderr", Encoding.UTF8.GetBytes("after")), "req-wagi-after-trap");

        Assert.Equal((500, ExecutionOutcome.Trapped), (trapped.Status, trapped.Outcome));
        Assert.Contains("unreachable", trapped.Error);
        Assert.Equal(200, next.Status);
        Assert.EndsWith("body=after", Encoding.UTF8.GetString(next.Body));
    }

    [Fact]
    public void Execute_OutputBeyondTheLimit_Returns500NamingIt_NothingOfItSent_NextRequestSucceeds()
    {
        var hello = edge.LoadWagi("hello-wagi");
        var limit = new Platform.EdgeRuntime.Hosting.EdgeEngineOptions().MaxWagiOutputBytes;

        var flooded = edge.Executor.Execute(hello, Request("GET", $"/hello-wagi/?flood={limit / 1024 + 64}", []), "req-wagi-flood");
        var next = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/?after", []), "req-wagi-after-flood");

        Assert.Equal((500, ExecutionOutcome.Failed), (flooded.Status, flooded.Outcome));
        Assert.Equal($"WAGI output is larger than {limit} bytes", flooded.Error);
        Assert.DoesNotContain("xxxx", Encoding.UTF8.GetString(flooded.Body));
        Assert.Equal(200, next.Status);
        Assert.Contains("query=after", Encoding.UTF8.GetString(next.Body));
    }

    [Fact]
    public void Execute_InfiniteLoop_Returns504AndNextRequestSucceeds()
    {
        var loop = edge.LoadWagi("loop-wagi", limits: new LimitsDto(DeadlineMs: 50, MemoryMb: 16));
        var hello = edge.LoadWagi("hello-wagi");

        var response = edge.Executor.Execute(loop, Request("GET", "/loop", []), "req-wagi-loop");
        var next = edge.Executor.Execute(hello, Request("GET", "/hello-wagi/after", []), "req-wagi-after");

        Assert.Equal(504, response.Status);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, response.Outcome);
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public void Load_ComponentBytesDeclaredAsWagi_RefusedWithReason()
    {
        var bytes = edge.Components.Bytes("hello");
        var digest = Platform.EdgeRuntime.Components.ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "wagi", 100, CapabilitiesDto.None, LimitsDto.Default);

        var error = Assert.Throws<VersionLoadException>(() => edge.Loader.Load("mixed", assignment, edge.Cache.Load(digest, bytes)));

        Assert.Equal("Version 1.0.0 declares executor 'wagi' but was compiled as a 'component' artefact.", error.Message);
    }
}
