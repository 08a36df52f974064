namespace Platform.Application.Jobs;

public static class JobQueues
{
    public const string Builds = "builds";
    public const string Rollouts = "rollouts";
    public const string Default = "default";

    public static string[] All { get; } = [Rollouts, Builds, Default];
}
