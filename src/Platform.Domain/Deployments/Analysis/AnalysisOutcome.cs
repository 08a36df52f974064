namespace Platform.Domain.Deployments.Analysis;

public enum AnalysisOutcome
{
    /// <summary>The canary is not meaningfully worse than stable.</summary>
    Pass,
    /// <summary>The canary is significantly and meaningfully worse: roll back.</summary>
    Fail,
    /// <summary>Too little traffic to tell: pause and let a person decide.</summary>
    Inconclusive,
}
