using Npgsql;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Tells a failure to reach PostgreSQL (refused or broken connections, a server shutting down or
/// starting, no free connection) from a fault of the request or the code: the first is answered
/// 503 with Retry-After, never 500.
/// </summary>
internal static class DatabaseOutage
{
    public const int RetryAfterSeconds = 2;

    public static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 08: connection exceptions; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException npgsql:
                    // Npgsql's own failures: transient ones are I/O, sockets and timeouts (pool exhausted included).
                    return npgsql.IsTransient;
            }
        }
        return false;
    }
}
