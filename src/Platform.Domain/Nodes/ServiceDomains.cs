using System.Text.RegularExpressions;

namespace Platform.Domain.Nodes;

/// <summary>A node's service domain: a DNS name (labels of letters, digits and inner hyphens), at most 253 characters.</summary>
public static partial class ServiceDomains
{
    public static bool IsValid(string domain) => domain.Length <= 253 && Pattern().IsMatch(domain);

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex Pattern();
}
