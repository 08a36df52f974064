using System.Text.RegularExpressions;

namespace Platform.Domain;

/// <summary>Route prefixes on the edge: "/" followed by slug segments.</summary>
public static partial class Routes
{
    public const string Describe = "A route must start with '/' and consist of lower-case segments such as '/hello-api' or '/shop/cart'.";

    public static bool IsValid(string? route) => route is not null && RouteRegex().IsMatch(route);

    public static string ForService(string serviceName) => "/" + serviceName;

    [GeneratedRegex("^(/[a-z0-9][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex RouteRegex();
}
