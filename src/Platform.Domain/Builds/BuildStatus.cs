namespace Platform.Domain.Builds;

public enum BuildStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
