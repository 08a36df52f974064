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
        var body = HasBody(request) ? await ReadBodyAsync(request.Body, maxBodyBytes, cancellationToken) : [];
        if (body is null)
        {
            return null;
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
        return new EdgeRequest(request.Method.ToUpperInvariant(), uri, headers, body)
        {
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
        var written = new List<string>(edge.Headers.Count);
        foreach (var (name, value) in edge.Headers)
        {
            if (HopByHop.Contains(name) || !IsValidName(name) || !IsValidValue(value))
            {
                continue;
            }
            // The first value of a name replaces anything set earlier; later values of the same name are appended.
            if (written.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                response.Headers.Append(name, value);
            }
            else
            {
                response.Headers[name] = value;
                written.Add(name);
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

    private static bool IsValidValue(string value) => !value.Any(c => c is '\r' or '\n' or '\0');

    private static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => c > 32 && c < 127 && c != ':' && c != '(' && c != ')' && c != ',' && c != ';' && c != '"');
}
