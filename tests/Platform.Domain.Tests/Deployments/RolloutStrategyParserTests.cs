using System.Text.Json;
using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

public sealed class RolloutStrategyParserTests
{
    private static RolloutStrategyDto? Read(string json) => JsonSerializer.Deserialize<RolloutStrategyDto>(json, JsonSerializerOptions.Web);

    [Theory]
    [InlineData("""{}""", "steps")]
    [InlineData("""{"steps":[]}""", "steps")]
    [InlineData("""{"steps":[{}]}""", "steps[0]")]
    [InlineData("""{"steps":[{"setWeight":10,"pause":{}}]}""", "steps[0]")]
    [InlineData("""{"steps":[{"setWeight":10},{"setWeight":50},{"setWeight":101}]}""", "steps[2].setWeight")]
    [InlineData("""{"steps":[{"setWeight":-1}]}""", "steps[0].setWeight")]
    [InlineData("""{"steps":[{"setWeight":10},{"pause":{"durationSeconds":-5}}]}""", "steps[1].pause.durationSeconds")]
    [InlineData("""{"steps":[{"setWeight":10},{"pause":{"durationSeconds":999999}}]}""", "steps[1].pause.durationSeconds")]
    [InlineData("""{"steps":[{"analysis":{}}]}""", "steps[0].analysis")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"durationSeconds":0}}]}""", "steps[1].analysis.durationSeconds")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"minRequests":0}}]}""", "steps[1].analysis.minRequests")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"minLatencySamples":3}}]}""", "steps[1].analysis.minLatencySamples")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"maxErrorRateIncrease":1.5}}]}""", "steps[1].analysis.maxErrorRateIncrease")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"alpha":0}}]}""", "steps[1].analysis.alpha")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"maxLatencyEffect":1}}]}""", "steps[1].analysis.maxLatencyEffect")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"latencyQuantile":1}}]}""", "steps[1].analysis.latencyQuantile")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"latencyQuantile":0}}]}""", "steps[1].analysis.latencyQuantile")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"maxLatencyIncrease":-0.1}}]}""", "steps[1].analysis.maxLatencyIncrease")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"maxLatencyIncreaseMs":-1}}]}""", "steps[1].analysis.maxLatencyIncreaseMs")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"maxLatencyIncreaseMs":600000}}]}""", "steps[1].analysis.maxLatencyIncreaseMs")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"warmupSeconds":-1}}]}""", "steps[1].analysis.warmupSeconds")]
    [InlineData("""{"steps":[{"setWeight":10},{"analysis":{"durationSeconds":30,"warmupSeconds":30}}]}""", "steps[1].analysis.warmupSeconds")]
    [InlineData("""{"steps":[{"setWeight":10}],"rings":[{"name":"EU","labelKey":"region","values":["eu"]}]}""", "rings[0].name")]
    [InlineData("""{"steps":[{"setWeight":10}],"rings":[{"name":"eu","values":["eu"]}]}""", "rings[0].labelKey")]
    [InlineData("""{"steps":[{"setWeight":10}],"rings":[{"name":"eu","labelKey":"region","values":[]}]}""", "rings[0].values")]
    [InlineData("""{"steps":[{"setWeight":10}],"rings":[{"name":"eu","labelKey":"region","values":["eu"," "]}]}""", "rings[0].values[1]")]
    [InlineData("""{"steps":[{"setWeight":10}],"rings":[{"name":"eu","labelKey":"region","values":["eu"]},{"name":"eu","labelKey":"region","values":["us"]}]}""", "rings[1].name")]
    [InlineData("""{"steps":[{"setWeight":10}],"rings":[{"name":"eu","labelKey":"region","values":["eu"]},{"name":"all","labelKey":"region","values":["us","eu"]}]}""", "rings[1].values[1]")]
    [InlineData("""{"steps":[{"setWeight":10}],"onNodeLoss":"sometimes"}""", "onNodeLoss")]
    public void Parse_Invalid_ErrorNamesTheField(string json, string field)
    {
        var error = Assert.Throws<DomainException>(() => RolloutStrategyParser.Parse(Read(json)));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void TryParse_SeveralProblems_ReportsEveryField()
    {
        var errors = new ValidationErrors();
        var strategy = RolloutStrategyParser.TryParse(Read("""
            {"steps":[{"setWeight":200},{"analysis":{"alpha":2,"minRequests":-1}}],"rings":[{"name":"eu"}]}
            """), errors);
        Assert.Null(strategy);
        Assert.Equal(["rings[0].labelKey", "rings[0].values", "steps[0].setWeight", "steps[1].analysis", "steps[1].analysis.alpha", "steps[1].analysis.minRequests"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_FullDocument_StepsRingsAndAnalysisOverDefaults()
    {
        var defaults = AnalysisSpec.Default with { MinRequests = 50 };
        var strategy = RolloutStrategyParser.Parse(Read("""
            {"steps":[{"setWeight":5},{"analysis":{"durationSeconds":30,"alpha":0.01}},{"pause":{}},{"pause":{"durationSeconds":60}},{"setWeight":100}],
             "rings":[{"name":"canary","labelKey":"region","values":["eu-west"]},{"name":"rest","labelKey":"tier","values":["edge"]}]}
            """), defaults);
        RolloutStep[] steps =
        [
            new SetWeightStep(5),
            new AnalysisStep(defaults with { Duration = TimeSpan.FromSeconds(30), Alpha = 0.01 }),
            new PauseStep(null),
            new PauseStep(TimeSpan.FromMinutes(1)),
            new SetWeightStep(100),
        ];
        Assert.Equal(new RolloutStrategy(steps, [new RingSpec("canary", "region", ["eu-west"]), new RingSpec("rest", "tier", ["edge"])]), strategy);
    }

    [Fact]
    public void Parse_LatencyMargins_ReadOverDefaultsAndRoundTrip()
    {
        var strategy = RolloutStrategyParser.Parse(Read("""
            {"steps":[{"setWeight":5},{"analysis":{"latencyQuantile":0.99,"maxLatencyIncrease":0.25,"maxLatencyIncreaseMs":2}}]}
            """));
        var spec = Assert.IsType<AnalysisStep>(strategy.Steps[1]).Spec;
        Assert.Equal(AnalysisSpec.Default with { LatencyQuantile = 0.99, MaxLatencyIncrease = 0.25, MaxLatencyIncreaseMs = 2 }, spec);
        Assert.Equal(strategy, RolloutStrategyParser.Parse(strategy.ToDto()));
        Assert.Equal((0.5, 0.1, 0.5), (AnalysisSpec.Default.LatencyQuantile, AnalysisSpec.Default.MaxLatencyIncrease, AnalysisSpec.Default.MaxLatencyIncreaseMs));
    }

    [Fact]
    public void Parse_Warmup_SetOrAQuarterOfTheAnalysisAtMostThirtySeconds_RoundTrips()
    {
        var strategy = RolloutStrategyParser.Parse(Read("""
            {"steps":[{"setWeight":5},{"analysis":{"durationSeconds":20,"warmupSeconds":7}},{"analysis":{"durationSeconds":20}},{"analysis":{"durationSeconds":600}}]}
            """));
        var specs = strategy.Steps.OfType<AnalysisStep>().Select(a => a.Spec).ToList();

        Assert.Equal([7, 5, 30], specs.Select(s => s.EffectiveWarmup.TotalSeconds));
        Assert.Equal([7, (int?)null, null], specs.Select(s => s.ToDto().WarmupSeconds));
        Assert.Equal(strategy, RolloutStrategyParser.Parse(strategy.ToDto()));
    }

    [Fact]
    public void Parse_DocumentOfTheDefault_RoundTrips() =>
        Assert.Equal(RolloutStrategy.Default, RolloutStrategyParser.Parse(Read(JsonSerializer.Serialize(RolloutStrategy.Default.ToDto(), JsonSerializerOptions.Web))));

    [Fact]
    public void Parse_StrategySavedBeforeTheDocumentTypesWentAway_ReadsTheSame()
    {
        // As rollouts, services and the platform setting stored strategies until now: every property written, nulls included.
        const string saved = """
            {"steps":[{"setWeight":10,"pause":null,"analysis":null},{"setWeight":null,"pause":{"durationSeconds":30},"analysis":null},
              {"setWeight":null,"pause":null,"analysis":{"durationSeconds":60,"minRequests":200,"minLatencySamples":20,"maxErrorRateIncrease":0.01,
              "alpha":0.05,"maxLatencyEffect":0.2,"latencyQuantile":0.5,"maxLatencyIncrease":0.1,"maxLatencyIncreaseMs":0.5}},
              {"setWeight":100,"pause":null,"analysis":null}],
             "rings":[{"name":"eu","labelKey":"region","values":["eu-west"]}],"onNodeLoss":"pause"}
            """;

        var strategy = RolloutStrategyParser.Parse(Read(saved));

        Assert.Equal(new RolloutStrategy(
            [new SetWeightStep(10), new PauseStep(TimeSpan.FromSeconds(30)),
             new AnalysisStep(new AnalysisSpec(TimeSpan.FromSeconds(60), 200, 20, 0.01, 0.05, 0.2, 0.5, 0.1, 0.5)), new SetWeightStep(100)],
            [new RingSpec("eu", "region", ["eu-west"])], NodeLossPolicy.Pause), strategy);
    }

    [Theory]
    [InlineData(null, NodeLossPolicy.Continue)]
    [InlineData("continue", NodeLossPolicy.Continue)]
    [InlineData("pause", NodeLossPolicy.Pause)]
    public void Parse_OnNodeLoss_ReadsThePolicyAndWritesItBack(string? value, NodeLossPolicy expected)
    {
        var strategy = RolloutStrategyParser.Parse(new RolloutStrategyDto { Steps = [new RolloutStepDto { SetWeight = 10 }], OnNodeLoss = value });

        Assert.Equal(expected, strategy.OnNodeLoss);
        Assert.Equal(strategy, RolloutStrategyParser.Parse(strategy.ToDto()));
    }
}
