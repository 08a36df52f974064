using Microsoft.Data.Sqlite;

namespace Platform.EdgeRuntime.KeyValue;

/// <summary>
/// The key-value data of one service on this node: one SQLite file, rows keyed by (store, key).
/// Which stores a version may touch is decided by the caller (the key-value capability).
/// </summary>
public sealed class SqliteKeyValueStore
{
    public const int MaxKeyBytes = 1024;
    public const int MaxValueBytes = 1 << 20;

    private readonly string _connectionString;

    public SqliteKeyValueStore(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS kv (store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key)) WITHOUT ROWID;");
    }

    public string Path { get; }

    public byte[]? Get(string store, string key)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT value FROM kv WHERE store = $store AND key = $key;", store, key);
        return command.ExecuteScalar() as byte[];
    }

    public void Set(string store, string key, byte[] value)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new ArgumentException($"key is longer than {MaxKeyBytes} bytes", nameof(key));
        }
        if (value.Length > MaxValueBytes)
        {
            throw new ArgumentException($"value is larger than {MaxValueBytes} bytes", nameof(value));
        }
        using var connection = Open();
        using var command = Command(connection,
            "INSERT INTO kv (store, key, value) VALUES ($store, $key, $value) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value;",
            store, key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    public void Delete(string store, string key)
    {
        using var connection = Open();
        using var command = Command(connection, "DELETE FROM kv WHERE store = $store AND key = $key;", store, key);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<string> ListKeys(string store)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT key FROM kv WHERE store = $store ORDER BY key;", store, key: null);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string store, string? key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$store", store);
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
