using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Portal.Tests.Support;

/// <summary>
/// The HTTP side of the Platform API for component tests: answers each request with the next scripted response
/// (the last one repeats) and records what was asked and with which bearer token.
/// </summary>
internal sealed class ScriptedApi : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentQueue<(HttpStatusCode Status, string ContentType, string Body)> _responses = new();
    private (HttpStatusCode Status, string ContentType, string Body)? _last;

    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string?> Tokens { get; } = new();

    public ScriptedApi Returns(object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _responses.Enqueue((status, "application/json", JsonSerializer.Serialize(body, Json)));
        return this;
    }

    public ScriptedApi ReturnsProblem(HttpStatusCode status, string title, string? detail = null)
    {
        _responses.Enqueue((status, "application/problem+json", JsonSerializer.Serialize(new { title, detail, status = (int)status }, Json)));
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!.PathAndQuery);
        Tokens.Enqueue(request.Headers.Authorization?.Parameter);
        if (_responses.TryDequeue(out var next)) _last = next;
        var (status, contentType, body) = _last ?? throw new InvalidOperationException($"No response scripted for {request.RequestUri}");
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });
    }
}
