using System.Collections.Concurrent;
using System.Text;

namespace Platform.EdgeRuntime.KeyValue;

/// <summary>One <see cref="SqliteKeyValueStore"/> per service under "&lt;data dir&gt;/kv/&lt;service&gt;.sqlite".</summary>
public sealed class KeyValueStoreProvider
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, Lazy<SqliteKeyValueStore>> _stores = new(StringComparer.Ordinal);

    public KeyValueStoreProvider(string dataDirectory)
    {
        _directory = Path.Combine(Path.GetFullPath(dataDirectory), "kv");
    }

    public SqliteKeyValueStore ForService(string service) =>
        _stores.GetOrAdd(service, s => new Lazy<SqliteKeyValueStore>(
            () => new SqliteKeyValueStore(Path.Combine(_directory, FileName(s) + ".sqlite")))).Value;

    /// <summary>Service names are DNS-like; anything else is hex-encoded so it cannot escape the folder.</summary>
    private static string FileName(string service) =>
        service.Length > 0 && service.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? service
            : "x-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(service));
}
