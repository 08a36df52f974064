namespace Platform.Domain.Services;

/// <summary>
/// What the platform takes into a source revision (files are stored as text in the catalog and written
/// out for every build): text files up to <see cref="MaxFileBytes"/> each, <see cref="MaxTotalBytes"/> and
/// <see cref="MaxFiles"/> in all. Pushes that break a limit are refused by the repository's hook.
/// </summary>
public static class SourceLimits
{
    public const int MaxFileBytes = 1024 * 1024;
    public const long MaxTotalBytes = 16L * 1024 * 1024;
    public const int MaxFiles = 2000;
}
