using Npgsql;

namespace Platform.Testing;

/// <summary>The project's PostgreSQL cluster started by scripts/pg.sh (port from PLATFORM_PG_PORT, default 55432).</summary>
public static class PostgresServer
{
    public static string Port { get; } = Environment.GetEnvironmentVariable("PLATFORM_PG_PORT") ?? "55432";

    public static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";

    /// <summary>Runs a statement against the maintenance database (CREATE/DROP DATABASE).</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
