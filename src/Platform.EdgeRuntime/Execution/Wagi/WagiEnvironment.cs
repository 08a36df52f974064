namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>
/// The environment of a WAGI request, per the WAGI spec (CGI 1.1, RFC 3875, plus WAGI's X_*
/// variables). Granted config variables come first with upper-case names ("api-key" → API_KEY),
/// so a variable can never shadow a request variable.
/// </summary>
internal static class WagiEnvironment
{
    public static IReadOnlyList<(string Name, string Value)> Build(EdgeRequest request, IReadOnlyDictionary<string, string> variables)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            // HTTP_* belongs to request headers: a variable there could be overwritten by a client.
            if (EnvName(name) is { } envName && !envName.StartsWith("HTTP_", StringComparison.Ordinal))
            {
                env[envName] = value;
            }
        }
        var query = request.Uri.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? request.Uri : request.Uri[..query];
        var scriptName = request.Route.TrimEnd('/');
        var pathInfo = path.Length > scriptName.Length && path.StartsWith(scriptName, StringComparison.Ordinal) ? path[scriptName.Length..] : string.Empty;
        var host = request.Header("host") ?? $"localhost:{request.LocalPort}";
        var (serverName, serverPort) = SplitHost(host, request.LocalPort);
        foreach (var (header, value) in request.Headers)
        {
            if (header.Equals("content-type", StringComparison.OrdinalIgnoreCase) || header.Equals("content-length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            // A header with '_' would collide with its '-' twin after folding (as nginx and Apache, drop it).
            if (!header.Contains('_', StringComparison.Ordinal) && EnvName(header, "HTTP_") is { } headerName)
            {
                // Repeated headers are joined in order (only headers write HTTP_* names).
                env[headerName] = env.TryGetValue(headerName, out var earlier) ? $"{earlier}, {value}" : value;
            }
        }
        env["GATEWAY_INTERFACE"] = "CGI/1.1";
        env["SERVER_SOFTWARE"] = "platform-edge";
        env["REQUEST_METHOD"] = request.Method;
        env["SCRIPT_NAME"] = scriptName;
        env["X_MATCHED_ROUTE"] = request.Route;
        env["PATH_INFO"] = Uri.UnescapeDataString(pathInfo) is var decoded && !decoded.Contains('\0', StringComparison.Ordinal) ? decoded : pathInfo;
        env["X_RAW_PATH_INFO"] = pathInfo;
        env["PATH_TRANSLATED"] = env["PATH_INFO"];
        env["QUERY_STRING"] = query < 0 ? string.Empty : request.Uri[(query + 1)..];
        env["SERVER_NAME"] = serverName;
        env["SERVER_PORT"] = serverPort;
        env["SERVER_PROTOCOL"] = request.Protocol;
        env["REMOTE_ADDR"] = request.RemoteAddress ?? string.Empty;
        env["REMOTE_HOST"] = request.RemoteAddress ?? string.Empty;
        env["CONTENT_TYPE"] = request.Header("content-type") ?? string.Empty;
        env["CONTENT_LENGTH"] = request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["X_FULL_URL"] = $"{request.Scheme}://{host}{request.Uri}";
        // A NUL cannot cross into a C environment; such a value is left out rather than truncated.
        var result = new List<(string Name, string Value)>(env.Count);
        foreach (var (name, value) in env)
        {
            if (!value.Contains('\0', StringComparison.Ordinal))
            {
                result.Add((name, value));
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="prefix"/> and the name in upper case with '-' and '.' as '_' (one string); null when the name
    /// would not be a plain environment name.
    /// </summary>
    private static string? EnvName(string name, string prefix = "")
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return null;
            }
        }
        return name.Length == 0 ? null : string.Create(prefix.Length + name.Length, (prefix, name), static (span, state) =>
        {
            state.prefix.CopyTo(span);
            for (var i = 0; i < state.name.Length; i++)
            {
                var c = state.name[i];
                span[state.prefix.Length + i] = c is '-' or '.' ? '_' : char.ToUpperInvariant(c);
            }
        });
    }

    private static (string Name, string Port) SplitHost(string host, int localPort)
    {
        var local = localPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            return end > 0 && end + 2 < host.Length && host[end + 1] == ':' ? (host[..(end + 1)], host[(end + 2)..]) : (host, local);
        }
        var colon = host.LastIndexOf(':');
        return colon > 0 ? (host[..colon], host[(colon + 1)..]) : (host, local);
    }
}
