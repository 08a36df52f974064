using System.Text;

namespace Platform.Domain.Services;

public static class SourceDigest
{
    /// <summary>A stable digest of a file set: the same files always give the same digest.</summary>
    public static string Of(IReadOnlyDictionary<string, string> files)
    {
        var builder = new StringBuilder();
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            builder.Append(path).Append('\0').Append(content.Length).Append('\0').Append(content).Append('\0');
        return Digest.Of(Encoding.UTF8.GetBytes(builder.ToString()));
    }
}
