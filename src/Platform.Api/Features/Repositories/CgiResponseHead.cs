using System.Text;

namespace Platform.Api.Features.Repositories;

/// <summary>The header block a CGI program prints before its body ("Status: 404 Not Found", other headers, blank line).</summary>
public sealed record CgiResponseHead(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "Status", "Content-Length", "Transfer-Encoding", "Connection" };

    /// <summary>
    /// Reads from <paramref name="output"/> until the blank line that ends the head. Returns the head and the bytes
    /// already read past it (the start of the body).
    /// </summary>
    public static async Task<(CgiResponseHead Head, ReadOnlyMemory<byte> BodyStart)> ReadAsync(Stream output, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var filled = 0;
        while (true)
        {
            var end = FindEnd(buffer.AsSpan(0, filled), out var separator);
            if (end >= 0) return (Parse(Encoding.ASCII.GetString(buffer, 0, end)), buffer.AsMemory(end + separator, filled - end - separator));
            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHeadBytes) throw new InvalidDataException("The git backend sent an oversized header block.");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await output.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0) throw new InvalidDataException("The git backend ended before its header block was complete.");
            filled += read;
        }
    }

    private static int FindEnd(ReadOnlySpan<byte> data, out int separator)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separator = 4;
            return crlf;
        }
        separator = 2;
        return lf;
    }

    private static CgiResponseHead Parse(string head)
    {
        var status = 200;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase) && int.TryParse(value.Split(' ')[0], out var code)) status = code;
            if (!Dropped.Contains(name)) headers.Add(new(name, value));
        }
        return new CgiResponseHead(status, headers);
    }
}
