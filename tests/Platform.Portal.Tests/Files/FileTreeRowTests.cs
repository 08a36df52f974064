using Platform.Portal.Components.Files;

namespace Platform.Portal.Tests.Files;

public sealed class FileTreeRowTests
{
    [Fact]
    public void From_NestedPaths_ListsFoldersFirstThenFilesIndentedByDepth()
    {
        var rows = FileTreeRow.From(["README.md", "src/main.c", ".platform/ci.yaml", "platform/edge.h", "platform/edge.c"]);

        Assert.Equal(
            [
                (0, ".platform", false), (1, "ci.yaml", true),
                (0, "platform", false), (1, "edge.c", true), (1, "edge.h", true),
                (0, "src", false), (1, "main.c", true),
                (0, "README.md", true),
            ],
            rows.Select(r => (r.Depth, r.Name, !r.IsFolder)).ToArray());
        Assert.Equal("platform/edge.c", rows[3].Path);
    }
}
