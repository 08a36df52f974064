using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.EdgeRuntime.Execution;

/// <summary>Converts between ASP.NET Core's HTTP abstractions and the platform:edge records.</summary>
public static class EdgeHttp
{
    /// <summary>Headers the node owns on the way out; a component cannot set them.</summary>
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer", "content-length",
    };

    /// <summary>Printable ASCII except the separators a header name cannot contain.</summary>
    private static readonly System.Buffers.SearchValues<char> TokenChars = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(33, 94).Select(c => (char)c).Where(c => c is not (':' or '(' or ')' or ',' or ';' or '"'))));

    /// <summary>The request as a record, or null when its body is larger than <paramref name="maxBodyBytes"/>.</summary>
    /// <param name="route">The route prefix that matched (<see cref="EdgeRequest.Route"/>).</param>
    public static ValueTask<EdgeRequest?> ReadRequestAsync(HttpRequest request, string route, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return ValueTask.FromResult<EdgeRequest?>(null);
        }
        // A request without a body (every GET) completes synchronously: no state machine, no task.
        return HasBody(request)
            ? ReadWithBodyAsync(request, maxBodyBytes, route, cancellationToken)
            : ValueTask.FromResult<EdgeRequest?>(Create(request, [], route));
    }

    private static async ValueTask<EdgeRequest?> ReadWithBodyAsync(HttpRequest request, int maxBodyBytes, string route, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request.Body, maxBodyBytes, cancellationToken);
        return body is null ? null : Create(request, body, route);
    }

    private static EdgeRequest Create(HttpRequest request, byte[] body, string route)
    {
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var header in request.Headers)
        {
            var name = LowerCaseHeaderNames.Get(header.Key);
            foreach (var value in header.Value)
            {
                headers.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
            }
        }
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var uri = string.IsNullOrEmpty(target) || !target.StartsWith('/')
            ? $"{request.PathBase}{request.Path}{request.QueryString}"
            : target;
        var connection = request.HttpContext.Connection;
        return new EdgeRequest(request.Method.ToUpperInvariant(), uri, headers, body)
        {
            Route = route,
            Scheme = request.Scheme,
            Protocol = request.Protocol,
            RemoteAddress = connection.RemoteIpAddress?.ToString(),
            LocalPort = connection.LocalPort > 0 ? connection.LocalPort : request.Host.Port ?? (request.IsHttps ? 443 : 80),
        };
    }

    /// <summary>No body without Content-Length or Transfer-Encoding (RFC 9112 §6.3), so a GET reads nothing.</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.ContainsKey("Transfer-Encoding"));

    private static async Task<byte[]?> ReadBodyAsync(Stream body, int maxBodyBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBodyBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Writes status, headers (minus hop-by-hop ones) and body; extra headers are added last (replacing, except Set-Cookie, which is appended).</summary>
    public static async Task WriteResponseAsync(HttpResponse response, EdgeResponse edge, IEnumerable<KeyValuePair<string, string>> extraHeaders, CancellationToken cancellationToken)
    {
        response.StatusCode = edge.Status;
        var headers = edge.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];
            if (HopByHop.Contains(name) || !IsValidName(name) || !IsValidValue(value))
            {
                continue;
            }
            // The first value of a name replaces anything set earlier; later values of the same name are appended.
            if (WrittenBefore(headers, i, name))
            {
                response.Headers.Append(name, value);
            }
            else
            {
                response.Headers[name] = value;
            }
        }
        foreach (var (name, value) in extraHeaders)
        {
            if (name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.Append(name, value);
            }
            else
            {
                response.Headers[name] = value;
            }
        }
        response.ContentLength = edge.Body.Length;
        if (edge.Body.Length > 0 && !HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            await response.Body.WriteAsync(edge.Body, cancellationToken);
        }
    }

    /// <summary>True when a header before <paramref name="index"/> with the same name was written (a later value is appended).</summary>
    private static bool WrittenBefore(IReadOnlyList<KeyValuePair<string, string>> headers, int index, string name)
    {
        for (var j = 0; j < index; j++)
        {
            var (earlier, value) = headers[j];
            if (earlier.Equals(name, StringComparison.OrdinalIgnoreCase) && !HopByHop.Contains(earlier) && IsValidName(earlier) && IsValidValue(value))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsValidValue(string value) => value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0;

    private static bool IsValidName(string name) => name.Length > 0 && !name.AsSpan().ContainsAnyExcept(TokenChars);
}
