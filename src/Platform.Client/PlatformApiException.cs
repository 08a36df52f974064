using System.Net;

namespace Platform.Client;

/// <summary>The API answered with an error; <see cref="Problem"/> says why, field by field where it can.</summary>
public sealed class PlatformApiException(HttpStatusCode status, ApiProblem problem)
    : Exception($"{(int)status} {problem.Describe()}")
{
    public HttpStatusCode Status { get; } = status;
    public ApiProblem Problem { get; } = problem;
}
