using Microsoft.Data.Sqlite;

namespace Platform.EdgeRuntime.KeyValue;

/// <summary>
/// The key-value data of one service on this node: one SQLite file, rows keyed by (store, key).
/// Which stores a version may touch is decided by the caller (the key-value capability).
/// The bytes stored (keys as UTF-8 plus values, all stores together) are kept in one row by triggers, so a
/// quota check costs two primary-key reads, never a scan.
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
        // A file from before the usage row is counted once here; from then on the triggers keep the count.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var usage = connection.CreateCommand();
        usage.Transaction = transaction;
        usage.CommandText = """
            CREATE TABLE IF NOT EXISTS kv_usage (id INTEGER PRIMARY KEY CHECK (id = 0), bytes INTEGER NOT NULL);
            INSERT INTO kv_usage (id, bytes) SELECT 0, (SELECT COALESCE(SUM(length(CAST(key AS BLOB)) + length(value)), 0) FROM kv)
                WHERE NOT EXISTS (SELECT 1 FROM kv_usage);
            CREATE TRIGGER IF NOT EXISTS kv_usage_insert AFTER INSERT ON kv BEGIN
                UPDATE kv_usage SET bytes = bytes + length(CAST(NEW.key AS BLOB)) + length(NEW.value) WHERE id = 0; END;
            CREATE TRIGGER IF NOT EXISTS kv_usage_update AFTER UPDATE ON kv BEGIN
                UPDATE kv_usage SET bytes = bytes + length(CAST(NEW.key AS BLOB)) + length(NEW.value)
                    - length(CAST(OLD.key AS BLOB)) - length(OLD.value) WHERE id = 0; END;
            CREATE TRIGGER IF NOT EXISTS kv_usage_delete AFTER DELETE ON kv BEGIN
                UPDATE kv_usage SET bytes = bytes - length(CAST(OLD.key AS BLOB)) - length(OLD.value) WHERE id = 0; END;
            """;
        usage.ExecuteNonQuery();
        transaction.Commit();
    }

    public string Path { get; }

    public byte[]? Get(string store, string key)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT value FROM kv WHERE store = $store AND key = $key;", store, key);
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Bytes stored: keys (UTF-8) plus values, across every store of the service.</summary>
    public long UsedBytes()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT bytes FROM kv_usage WHERE id = 0;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Stores the value. With a quota, a write that would grow the data beyond <paramref name="quotaBytes"/>
    /// throws <see cref="KeyValueQuotaExceededException"/> and writes nothing (one that shrinks it always passes).
    /// </summary>
    public void Set(string store, string key, byte[] value, long quotaBytes = long.MaxValue)
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
        // IMMEDIATE: the check and the write happen under the file's write lock, so two writers cannot both pass.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (quotaBytes < long.MaxValue)
        {
            var growth = System.Text.Encoding.UTF8.GetByteCount(key) + value.Length - StoredBytes(connection, store, key, out var stored);
            if (growth > 0 && stored + growth > quotaBytes)
            {
                throw new KeyValueQuotaExceededException(quotaBytes, stored, growth);
            }
        }
        using (var command = Command(connection,
            "INSERT INTO kv (store, key, value) VALUES ($store, $key, $value) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value;",
            store, key))
        {
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The bytes the (store, key) row holds now (0 when absent) and, in <paramref name="total"/>, all the service's data holds.</summary>
    private static long StoredBytes(SqliteConnection connection, string store, string key, out long total)
    {
        using var sizes = Command(connection,
            "SELECT (SELECT bytes FROM kv_usage WHERE id = 0), (SELECT length(CAST(key AS BLOB)) + length(value) FROM kv WHERE store = $store AND key = $key);",
            store, key);
        using var reader = sizes.ExecuteReader();
        reader.Read();
        total = reader.GetInt64(0);
        return reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
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
        // A writer that finds the file locked waits inside SQLite (sleeps from 1 ms up) instead of failing with SQLITE_BUSY
        // for Microsoft.Data.Sqlite to retry after 150 ms: two guest workers writing one store held one of them 150, 300,
        // 450 ms (11 of 1,374 runs of an event consumer; 2 of 2,742 with this). An in-process lock in its place ended the
        // stalls but made every write a hand-over between the workers (order projection 4,310 → 1,871 events/s).
        Execute(connection, "PRAGMA busy_timeout = 5000;");
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
