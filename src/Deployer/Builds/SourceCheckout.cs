using Platform.Domain;

namespace Platform.Deployer.Builds;

/// <summary>Writes a source revision's files into a fresh folder, refusing paths that escape it.</summary>
public static class SourceCheckout
{
    public static void Write(string root, IReadOnlyDictionary<string, string> files)
    {
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        foreach (var (path, content) in files)
        {
            var target = Path.GetFullPath(Path.Combine(fullRoot, path));
            if (Path.IsPathRooted(path) || !target.StartsWith(fullRoot, StringComparison.Ordinal))
                throw new DomainException($"Source path '{path}' points outside the source tree.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content);
        }
    }
}
