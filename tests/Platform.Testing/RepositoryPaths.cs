namespace Platform.Testing;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();
    public static string Templates => Path.Combine(Root, "templates");
    public static string Sdk => Path.Combine(Root, "sdk");
    public static string Tools => Path.Combine(Root, "tools");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
