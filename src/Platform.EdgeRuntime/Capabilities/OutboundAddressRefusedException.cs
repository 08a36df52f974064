namespace Platform.EdgeRuntime.Capabilities;

/// <summary>An outbound request's host resolved only to addresses the node's network policy refuses; nothing was sent.</summary>
public sealed class OutboundAddressRefusedException(string host, string reason)
    : IOException($"'{host}' {reason}, which outbound HTTP may not reach unless a platform admin allows the network")
{
    public string Host { get; } = host;
}
