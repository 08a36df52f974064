using System.Globalization;
using System.Text;

namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>
/// Parses what a WAGI module wrote to stdout as a CGI response (RFC 3875 §6): header lines, a
/// blank line, the body. <c>Status: 404 Not Found</c> sets the status; a <c>Location</c> without
/// a Status is a 302; every other header is passed through. Output with neither Content-Type
/// nor Location, or with a malformed header line or status, is a 500 that names the reason.
/// </summary>
internal static class CgiOutput
{
    public static EdgeResponse Parse(byte[] output, string requestId)
    {
        var (headerEnd, bodyStart) = FindSeparator(output);
        var headerText = Encoding.UTF8.GetString(output, 0, headerEnd);
        var body = output[bodyStart..];
        var headers = new List<KeyValuePair<string, string>>();
        int? status = null;
        foreach (var raw in headerText.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return Fail(requestId, $"WAGI output has a malformed header line '{Shorten(line)}' (expected 'Name: value', then a blank line, then the body)");
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("status", StringComparison.OrdinalIgnoreCase))
            {
                var code = value.Split(' ', 2)[0];
                if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 100 or > 599)
                {
                    return Fail(requestId, $"WAGI output has an invalid Status header '{Shorten(value)}'");
                }
                status = parsed;
                continue;
            }
            if (!name.Equals("x-request-id", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(name.ToLowerInvariant(), value));
            }
        }
        var hasLocation = headers.Exists(h => h.Key == "location");
        if (!hasLocation && !headers.Exists(h => h.Key == "content-type"))
        {
            return Fail(requestId, "WAGI output has neither a Content-Type nor a Location header");
        }
        headers.Add(new("x-request-id", requestId));
        return new EdgeResponse(status ?? (hasLocation ? 302 : 200), headers, body, ExecutionOutcome.Completed, requestId);
    }

    /// <summary>End of the header block and start of the body; without a blank line the whole output is headers.</summary>
    private static (int HeaderEnd, int BodyStart) FindSeparator(byte[] output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] != '\n')
            {
                continue;
            }
            if (i + 1 < output.Length && output[i + 1] == '\n')
            {
                return (i, i + 2);
            }
            if (i + 2 < output.Length && output[i + 1] == '\r' && output[i + 2] == '\n')
            {
                return (i, i + 3);
            }
        }
        return (output.Length, output.Length);
    }

    private static EdgeResponse Fail(string requestId, string reason) =>
        ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, reason);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
