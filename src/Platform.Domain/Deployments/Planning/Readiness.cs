namespace Platform.Domain.Deployments.Planning;

/// <summary>How many online nodes have loaded the target version, and the first load failure if any.</summary>
public sealed record Readiness(int Online, int Ready, string? Failure)
{
    public bool Complete => Online > 0 && Ready == Online;

    public string Describe(string version) => Online == 0
        ? "Waiting for an online edge node."
        : $"{Ready} of {Online} online nodes have loaded {version}.";
}
