using Platform.Contracts.Templates;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Tests.TemplateAdmin;

public sealed class VersionDraftTests
{
    [Theory]
    [InlineData(new string[0], "1.0.0")]
    [InlineData(new[] { "1.0.0" }, "1.1.0")]
    [InlineData(new[] { "1.2.3", "1.10.0", "1.9.1" }, "1.11.0")]
    [InlineData(new[] { "2.0.0-rc.1", "1.4.0" }, "2.1.0")]
    [InlineData(new[] { "not-a-version" }, "1.0.0")]
    public void NextMinor_FollowsTheHighestVersion(string[] versions, string expected) =>
        Assert.Equal(expected, VersionDraft.NextMinor(versions));

    [Fact]
    public void CopyOf_ThenToRequest_KeepsEverythingButTheVersion_ManifestSeparate()
    {
        var draft = VersionDraft.CopyOf(TemplateData.Version("1.0.0", "vetted"), TemplateData.Files, "1.1.0");

        Assert.Equal(TemplateData.Files[0].Content, draft.Manifest);
        Assert.Equal(["src/main.c"], draft.Files.Select(f => f.Path));
        var request = draft.ToRequest();
        Assert.Equal("1.1.0", request.Version);
        var word = Assert.Single(request.Parameters);
        Assert.Empty(word.Options);
        Assert.Equal(TemplateData.Word with { Options = word.Options }, word);
        Assert.Equal(TemplateData.Files.ToDictionary(f => f.Path, f => f.Content), request.Files);
    }

    [Fact]
    public void ParameterDraft_EnumOptionsSplitOnCommas_BlankTextsBecomeNull()
    {
        var row = new ParameterDraft { Name = " level ", Title = "Level", Type = "enum", Options = "debug, info,,warn ", Pattern = " ", Default = "info" };

        var dto = row.ToDto();

        Assert.Equal(["debug", "info", "warn"], dto.Options);
        Assert.Equal(new TemplateParameterDto("level", "Level", "enum", false, null, null, dto.Options, "info", null, null), dto);
    }
}
