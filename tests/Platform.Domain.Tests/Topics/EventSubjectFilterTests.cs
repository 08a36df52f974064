using Platform.Contracts.Topics;

namespace Platform.Domain.Tests.Topics;

/// <summary>A trigger's filter against a publisher's subject, as NATS matches the consumer's filter subject.</summary>
public sealed class EventSubjectFilterTests
{
    [Theory]
    [InlineData(null, "eu.created", true)]
    [InlineData("", "_", true)]
    [InlineData("eu.created", "eu.created", true)]
    [InlineData("eu.created", "eu.deleted", false)]
    [InlineData("eu.*", "eu.created", true)]
    [InlineData("eu.*", "eu", false)]
    [InlineData("eu.*", "eu.created.late", false)]
    [InlineData("eu.*", "us.created", false)]
    [InlineData("*.created", "us.created", true)]
    [InlineData("eu.>", "eu.created.late", true)]
    [InlineData("eu.>", "eu", false)]
    [InlineData(">", "_", true)]
    [InlineData("eu", "eu.created", false)]
    public void FilterTakes_TokenByToken(string? filter, string subject, bool takes) =>
        Assert.Equal(takes, EventSubjects.FilterTakes(filter, subject));
}
