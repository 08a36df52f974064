using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Platform.Application.Locking;

/// <summary>
/// A PostgreSQL session advisory lock on a name, held on its own connection until disposed: across processes
/// and machines, one holder at a time (a job run per build or rollout, a repository change per service).
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The lock, or null at once when someone else holds it.</summary>
    public static Task<AdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct) =>
        LockAsync(dataSource.CreateConnection(), name, "pg_try_advisory_lock", ct);

    /// <summary>The lock, waiting for it as long as someone else holds it.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(string connectionString, string name, CancellationToken ct) =>
        (await LockAsync(new NpgsqlConnection(connectionString), name, "pg_advisory_lock", ct))!;

    private static async Task<AdvisoryLock?> LockAsync(NpgsqlConnection connection, string name, string function, CancellationToken ct)
    {
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            // pg_advisory_lock returns void (DBNull), pg_try_advisory_lock a boolean.
            if (await command.ExecuteScalarAsync(ct) is not false) return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteScalarAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
