namespace Platform.Domain.Registry;

public static class Executors
{
    /// <summary>A component of the platform's WIT world (platform:edge/service).</summary>
    public const string Component = "component";
    /// <summary>A WASI preview 1 core module in the CGI style of WAGI.</summary>
    public const string Wagi = "wagi";

    public static bool IsKnown(string? executor) => executor is Component or Wagi;
}
