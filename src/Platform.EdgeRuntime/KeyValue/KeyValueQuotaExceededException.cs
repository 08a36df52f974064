namespace Platform.EdgeRuntime.KeyValue;

/// <summary>A write would grow a service's key-value data beyond its quota; nothing was written.</summary>
public sealed class KeyValueQuotaExceededException : Exception
{
    public KeyValueQuotaExceededException(long quotaBytes, long storedBytes, long writeBytes)
        : base($"key-value quota of {quotaBytes} bytes exceeded: {storedBytes} bytes stored, this write needs {writeBytes} more")
    {
        QuotaBytes = quotaBytes;
        StoredBytes = storedBytes;
    }

    public KeyValueQuotaExceededException()
    {
    }

    public KeyValueQuotaExceededException(string message) : base(message)
    {
    }

    public KeyValueQuotaExceededException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public long QuotaBytes { get; }

    public long StoredBytes { get; }
}
