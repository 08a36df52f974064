namespace Platform.Application.Quotas;

/// <summary>A request would take a service beyond one of its quotas; nothing was done. Answered as 429.</summary>
/// <param name="Quota">The quota's field name, e.g. "queuedBuilds".</param>
public sealed class QuotaExceededException(string quota, long limit, string message) : Exception(message)
{
    public string Quota { get; } = quota;

    public long Limit { get; } = limit;
}
