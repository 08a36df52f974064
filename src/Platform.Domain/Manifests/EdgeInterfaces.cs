namespace Platform.Domain.Manifests;

/// <summary>Interface names of the platform:edge WIT world (wit/platform-edge.wit).</summary>
public static class EdgeInterfaces
{
    public const string Package = "platform:edge";
    public const string PackageVersion = "0.1.0";
    public static string Types { get; } = Qualified("types");
    public static string Handler { get; } = Qualified("handler");
    public static string Log { get; } = Qualified("log");
    public static string Config { get; } = Qualified("config");
    public static string KeyValue { get; } = Qualified("key-value");
    public static string OutboundHttp { get; } = Qualified("outbound-http");

    private static string Qualified(string name) => $"{Package}/{name}@{PackageVersion}";
}
