using Platform.Portal.Components.Pages.Topics;

namespace Platform.Portal.Tests.Topics;

public sealed class RetentionDraftTests
{
    [Theory]
    [InlineData(604800L, null, "7 days")]
    [InlineData(86400L, null, "1 day")]
    [InlineData(90L, null, "90 seconds")]
    [InlineData(5400L, null, "90 minutes")]
    [InlineData(null, 1073741824L, "1 GiB")]
    [InlineData(43200L, 5242880L, "12 hours or 5 MiB")]
    public void Describe_ReadsAsPeopleSayIt(long? maxAgeSeconds, long? maxBytes, string expected) =>
        Assert.Equal(expected, RetentionDraft.Describe(maxAgeSeconds, maxBytes));

    [Fact]
    public void Describe_NoLimits_IsNull() => Assert.Null(RetentionDraft.Describe(null, null));

    [Theory]
    [InlineData(604800L, 7L, "days", 1073741824L, 1L, "GiB")]
    [InlineData(90L, 90L, "seconds", 1000L, 1000L, "B")]
    [InlineData(7200L, 2L, "hours", 3072L, 3L, "KiB")]
    public void From_PicksTheLargestWholeUnit_AndGivesBackWhatWasStored(long age, long amount, string unit, long bytes, long size, string sizeUnit)
    {
        var draft = RetentionDraft.From(age, bytes);

        Assert.Equal((amount, unit, size, sizeUnit), (draft.Age!.Value, draft.AgeUnit.Label, draft.Size!.Value, draft.SizeUnit.Label));
        Assert.Equal((age, bytes), (draft.MaxAgeSeconds!.Value, draft.MaxBytes!.Value));
    }

    [Fact]
    public void MaxAgeSeconds_BeyondALong_SendsTheLargestNumberForTheApiToRefuse()
    {
        var draft = new RetentionDraft { Age = long.MaxValue / 2 };

        Assert.Equal(long.MaxValue, draft.MaxAgeSeconds);
        Assert.Null(draft.MaxBytes);
    }
}
