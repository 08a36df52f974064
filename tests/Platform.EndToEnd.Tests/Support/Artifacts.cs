using Platform.Testing;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>Where end-to-end runs leave logs and screenshots (artifacts/e2e, kept by CI).</summary>
public static class Artifacts
{
    public static string Root { get; } = Create(Path.Combine(RepositoryPaths.Root, "artifacts", "e2e"));

    public static string Logs(string run) => Create(Path.Combine(Root, "logs", run));

    public static string Screenshots { get; } = Create(Path.Combine(Root, "screenshots"));

    private static string Create(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
