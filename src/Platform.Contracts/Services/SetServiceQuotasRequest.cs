namespace Platform.Contracts.Services;

/// <summary>PUT /services/{name}/quotas (platform admins): the service's quotas; a null field follows the platform default.</summary>
public sealed record SetServiceQuotasRequest(long? KeyValueBytes = null, int? QueuedBuilds = null, int? MaxInstances = null);
