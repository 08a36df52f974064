using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Tests.Deployments;

public sealed class MannWhitneyTestTests
{
    // Expected values: normal approximation with tie and continuity correction, as scipy.stats.mannwhitneyu(method="asymptotic");
    // the 19/22/16/29/24 vs 20/11/17/12 row is the example of scipy's documentation (p = 0.11134688653314041).
    public static TheoryData<long[], long[], double, double, double> Known => new()
    {
        { [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0, 0.9966923245172357, 0.012185780355344818 },
        { [6, 7, 8, 9, 10], [1, 2, 3, 4, 5], 25, 0.006092890177672409, 0.012185780355344818 },
        { [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 12.5, 0.5422350133116141, 1 },
        { [19, 22, 16, 29, 24], [20, 11, 17, 12], 17, 0.05567344326657024, 0.11134688653314048 },
        { [3, 4, 2, 6, 2, 5], [9, 7, 5, 10, 6, 8], 2, 0.9960472777460493, 0.012591911490379715 },
        { [10, 20, 20, 30, 30, 30, 40], [20, 30, 40, 40, 50, 50, 60], 8.5, 0.9843697313699247, 0.04305143272894518 },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Compare_TextbookSamples_MatchesReferencePValues(long[] x, long[] y, double u, double pGreater, double pTwoSided)
    {
        var result = MannWhitneyTest.Compare(x, y);
        Assert.Equal(u, result.U);
        Assert.Equal(pGreater, result.PGreater, pGreater * 1e-6);
        Assert.Equal(pTwoSided, result.PTwoSided, pTwoSided * 1e-6);
    }

    [Theory]
    [InlineData(0, 0.5, 0.0)]
    [InlineData(2_500, 1.0, 1.0)]
    [InlineData(-2_500, 0.0, -1.0)]
    [InlineData(250, 0.595, 0.19)]
    [InlineData(500, 0.68, 0.36)]
    public void Compare_ShiftedUniform_EffectSizeFollowsTheShift(long shift, double superiority, double cliffsDelta)
    {
        var result = MannWhitneyTest.Compare(Samples.Latencies(1_000, spread: 2_500, shift: shift), Samples.Latencies(1_000, spread: 2_500));
        Assert.Equal(superiority, result.ProbabilityOfSuperiority, 0.01);
        Assert.Equal(cliffsDelta, result.CliffsDelta, 0.02);
    }

    [Theory]
    [InlineData(0, 0.2, 1.0)]
    [InlineData(1_000, 0.0, 1e-12)]
    public void Compare_LargeSamples_IdenticalNearOneShiftedTiny(long shift, double atLeast, double atMost)
    {
        var result = MannWhitneyTest.Compare(Samples.Latencies(2_000, shift: shift), Samples.Latencies(2_000));
        Assert.InRange(result.PTwoSided, atLeast, atMost);
    }

    [Fact]
    public void Compare_AllValuesEqual_NoEvidenceEitherWay()
    {
        var result = MannWhitneyTest.Compare([5, 5, 5], [5, 5]);
        Assert.Equal((1.0, 1.0, 0.0), (result.PGreater, result.PTwoSided, result.CliffsDelta));
    }

    [Fact]
    public void Compare_EmptySample_Throws() => Assert.Throws<ArgumentException>(() => MannWhitneyTest.Compare([], [1]));
}
