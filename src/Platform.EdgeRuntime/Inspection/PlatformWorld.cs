namespace Platform.EdgeRuntime.Inspection;

/// <summary>
/// The names of the platform:edge@0.1.0 `service` world (wit/platform-edge.wit). What a version may
/// import is decided at publish time by the control plane (Platform.Application's CapabilityPolicy).
/// </summary>
public static class PlatformWorld
{
    public const string Handler = "platform:edge/handler@0.1.0";
    public const string HandleFunction = "handle";
    public const string Types = "platform:edge/types@0.1.0";
    public const string Log = "platform:edge/log@0.1.0";
    public const string Config = "platform:edge/config@0.1.0";
    public const string KeyValue = "platform:edge/key-value@0.1.0";
    public const string OutboundHttp = "platform:edge/outbound-http@0.1.0";
}
