namespace Platform.Application.Topics;

/// <summary>
/// Where the platform's NATS JetStream is (section <c>Nats</c>): scripts/up.sh points it at its own server, compose at its
/// <c>nats</c> container, production at the organisation's cluster (several URLs comma-separated), with credentials when the
/// cluster wants them: a creds file (JWT + NKey), or a user and password, or a token.
/// </summary>
public sealed class NatsOptions
{
    public const string Section = "Nats";

    public string Url { get; set; } = "nats://127.0.0.1:4222";
    public string? CredsFile { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? Token { get; set; }
}
