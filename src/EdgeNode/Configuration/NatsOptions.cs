namespace Platform.EdgeNode.Configuration;

/// <summary>
/// Where the platform's NATS JetStream is (section <c>Nats</c>, the same keys as the API's and the Deployer's): with a URL the
/// node consumes its services' triggers and lets their components publish; without one it serves HTTP only.
/// </summary>
public sealed class NatsOptions
{
    public const string Section = "Nats";

    public string? Url { get; set; }
    public string? CredsFile { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? Token { get; set; }
}
