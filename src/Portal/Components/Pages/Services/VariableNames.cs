using System.Text.RegularExpressions;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>The API's rule for variable names, mirrored so the form can say so before sending.</summary>
public static partial class VariableNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
