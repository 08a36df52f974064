namespace Platform.Application.Sources;

/// <summary>One file of a commit the platform writes: new content, or null to delete the file.</summary>
public sealed record GitFileChange(string Path, string? Content, string Mode = GitFileChange.RegularMode)
{
    public const string RegularMode = "100644";
}
