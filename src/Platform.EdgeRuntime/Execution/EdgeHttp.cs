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

    /// <summary>The request as a record, or null when its body is larger than <paramref name="maxBodyBytes"/>.</summary>
    public static async Task<EdgeRequest?> ReadRequestAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers)
        {
            var name = header.Key.ToLowerInvariant();
            headers.AddRange(header.Value.Select(v => new KeyValuePair<string, string>(name, v ?? string.Empty)));
        }
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var uri = string.IsNullOrEmpty(target) || !target.StartsWith('/')
            ? $"{request.PathBase}{request.Path}{request.QueryString}"
            : target;
        var connection = request.HttpContext.Connection;
        return new EdgeRequest(request.Method.ToUpperInvariant(), uri, headers, buffer.ToArray())
        {
            Scheme = request.Scheme,
            Protocol = request.Protocol,
            RemoteAddress = connection.RemoteIpAddress?.ToString(),
            LocalPort = connection.LocalPort > 0 ? connection.LocalPort : request.Host.Port ?? (request.IsHttps ? 443 : 80),
        };
    }

    /// <summary>Writes status, headers (minus hop-by-hop ones) and body; extra headers are added last (replacing, except Set-Cookie, which is appended).</summary>
    public static async Task WriteResponseAsync(HttpResponse response, EdgeResponse edge, IEnumerable<KeyValuePair<string, string>> extraHeaders, CancellationToken cancellationToken)
    {
        response.StatusCode = edge.Status;
        foreach (var group in edge.Headers.Where(h => !HopByHop.Contains(h.Key) && IsValidName(h.Key) && IsValidValue(h.Value)).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            response.Headers[group.Key] = group.Select(h => h.Value).ToArray();
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

    private static bool IsValidValue(string value) => !value.Any(c => c is '\r' or '\n' or '\0');

    private static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => c > 32 && c < 127 && c != ':' && c != '(' && c != ')' && c != ',' && c != ';' && c != '"');
}
