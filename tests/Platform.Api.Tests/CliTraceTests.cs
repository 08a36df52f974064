using Platform.Cli;

namespace Platform.Api.Tests;

/// <summary>Each CLI invocation's requests carry one trace context: the pipeline's (TRACEPARENT) when valid, else a new one.</summary>
public sealed class CliTraceTests
{
    [Fact]
    public void Join_ValidTraceParent_KeepsItsTraceSpanAndFlags()
    {
        var trace = CliTrace.Join(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ");

        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", trace.TraceParent);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", trace.TraceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("not a trace\r\ninjected: header")]
    public void Join_NoneOrInvalid_StartsANewSampledTrace(string? inherited)
    {
        var first = CliTrace.Join(inherited);
        var second = CliTrace.Join(inherited);

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", first.TraceParent);
        Assert.NotEqual(first.TraceId, second.TraceId);
        Assert.NotEqual(new string('0', 32), first.TraceId);
    }

    [Fact]
    public async Task Around_AddsTheTraceParent_UnlessTheRequestHasOne()
    {
        var trace = CliTrace.Join(null);
        var seen = new List<string?>();
        using var client = new HttpClient(trace.Around(new Recorder(seen)));

        await client.GetAsync("http://api.test/a");
        using var own = new HttpRequestMessage(HttpMethod.Get, "http://api.test/b");
        own.Headers.TryAddWithoutValidation("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        await client.SendAsync(own);

        Assert.Equal([trace.TraceParent, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], seen);
    }

    private sealed class Recorder(List<string?> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.TryGetValues("traceparent", out var values) ? values.Single() : null);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
