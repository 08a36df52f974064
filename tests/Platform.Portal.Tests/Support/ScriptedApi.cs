using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Portal.Tests.Support;

/// <summary>
/// The HTTP side of the Platform API for component tests: answers each request with the next scripted response
/// (the last one repeats) and records what was asked and with which bearer token. Responses scripted with
/// <see cref="On"/> answer only their method and path (in order, the last one repeating), for pages that call
/// several endpoints at once.
/// </summary>
internal sealed class ScriptedApi : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentQueue<(HttpStatusCode Status, string ContentType, string Body)> _responses = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private (HttpStatusCode Status, string ContentType, string Body)? _last;

    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string?> Tokens { get; } = new();

    /// <summary>Every request as "METHOD /path?query" with its JSON body (null without one).</summary>
    public ConcurrentQueue<(string Request, string? Body)> Sent { get; } = new();

    public ScriptedApi Returns(object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _responses.Enqueue((status, "application/json", JsonSerializer.Serialize(body, Json)));
        return this;
    }

    public ScriptedApi ReturnsProblem(HttpStatusCode status, string title, string? detail = null)
    {
        _responses.Enqueue(Problem(status, title, detail, null));
        return this;
    }

    /// <summary>Answers "METHOD /path?query" with <paramref name="body"/> (JSON) or, for an error status, with it as problem details.</summary>
    public ScriptedApi On(string request, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _routes.GetOrAdd(request, _ => new Route()).Responses.Enqueue((status, "application/json", JsonSerializer.Serialize(body, Json)));
        return this;
    }

    /// <summary>Answers "METHOD /path?query" with problem details, with field errors when given.</summary>
    public ScriptedApi OnProblem(string request, HttpStatusCode status, string title, string? detail = null, Dictionary<string, string[]>? errors = null)
    {
        _routes.GetOrAdd(request, _ => new Route()).Responses.Enqueue(Problem(status, title, detail, errors));
        return this;
    }

    /// <summary>Adds <paramref name="headers"/> to every answer to "METHOD /path?query" (paging headers, say).</summary>
    public ScriptedApi WithHeaders(string request, params (string Name, string Value)[] headers)
    {
        _headers[request] = headers;
        return this;
    }

    private readonly ConcurrentDictionary<string, (string Name, string Value)[]> _headers = new(StringComparer.Ordinal);

    public IEnumerable<(string Request, string? Body)> SentTo(string request) => Sent.Where(s => s.Request == request);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        Requests.Enqueue(request.RequestUri!.PathAndQuery);
        Tokens.Enqueue(request.Headers.Authorization?.Parameter);
        Sent.Enqueue((key, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        (HttpStatusCode Status, string ContentType, string Body) answer;
        if (_routes.TryGetValue(key, out var route))
        {
            lock (route)
            {
                if (route.Responses.TryDequeue(out var next)) route.Last = next;
                answer = route.Last!.Value;
            }
        }
        else
        {
            if (_responses.TryDequeue(out var next)) _last = next;
            answer = _last ?? throw new InvalidOperationException($"No response scripted for {key}");
        }
        var response = new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, answer.ContentType) };
        foreach (var (name, value) in _headers.TryGetValue(key, out var headers) ? headers : []) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    private static (HttpStatusCode, string, string) Problem(HttpStatusCode status, string title, string? detail, Dictionary<string, string[]>? errors) =>
        (status, "application/problem+json", JsonSerializer.Serialize(new { title, detail, status = (int)status, errors }, Json));

    private sealed class Route
    {
        public ConcurrentQueue<(HttpStatusCode Status, string ContentType, string Body)> Responses { get; } = new();
        public (HttpStatusCode Status, string ContentType, string Body)? Last { get; set; }
    }
}
