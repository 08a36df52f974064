namespace Platform.Domain.Services;

/// <summary>The ranges a quota may take (API and portal check the same rules).</summary>
public static class ServiceQuotaRules
{
    public const long MaxKeyValueBytes = 64L << 30;
    public const int MaxQueuedBuilds = 100;
    public const int MaxInstances = 1024;

    public static ValidationErrors Validate(ServiceQuotaOverrides quotas)
    {
        var errors = new ValidationErrors();
        if (quotas.KeyValueBytes is < 0 or > MaxKeyValueBytes)
            errors.Add("keyValueBytes", $"The key-value quota must be between 0 and {MaxKeyValueBytes} bytes (64 GiB).");
        if (quotas.QueuedBuilds is < 0 or > MaxQueuedBuilds)
            errors.Add("queuedBuilds", $"Queued builds must be between 0 (no builds) and {MaxQueuedBuilds}.");
        if (quotas.MaxInstances is < 1 or > MaxInstances)
            errors.Add("maxInstances", $"The instance cap must be between 1 and {MaxInstances}.");
        return errors;
    }
}
