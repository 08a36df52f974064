using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Tests.Deployments;

public sealed class NormalDistributionTests
{
    // Reference values of the standard normal distribution (tables / exact erfc).
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1.6448536269514722, 0.05)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(-3.0, 0.0013498980316301035)]
    [InlineData(-6.0, 9.865877004244794e-10)]
    public void Cdf_KnownPoints_MatchesTablesToRelativeOneMillionth(double z, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(z), expected * 1e-6);

    [Theory]
    [InlineData(3.0, 0.0013498980316301035)]
    [InlineData(6.0, 9.865877004244794e-10)]
    [InlineData(-1.96, 0.9750021048517795)]
    public void UpperTail_KnownPoints_MatchesTablesWithoutLosingTheTail(double z, double expected) =>
        Assert.Equal(expected, NormalDistribution.UpperTail(z), expected * 1e-6);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(-1.0, 1.8427007929497148)]
    [InlineData(3.0, 2.209049699858544e-05)]
    public void Erfc_KnownPoints_Matches(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Erfc(x), expected * 1e-6);
}
