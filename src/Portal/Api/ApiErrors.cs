using System.Net;
using Platform.Client;

namespace Platform.Portal.Api;

/// <summary>Turns a failed API call into one sentence a person can act on.</summary>
public static class ApiErrors
{
    public static string Describe(Exception error) => error switch
    {
        PlatformApiException { Status: HttpStatusCode.Forbidden } api => api.Problem.Detail ?? "You are not allowed to do this.",
        PlatformApiException { Status: HttpStatusCode.NotFound } api => api.Problem.Detail ?? "It does not exist (any more).",
        PlatformApiException { Status: HttpStatusCode.Unauthorized } => "Your session has expired; please sign in again.",
        PlatformApiException { Status: >= HttpStatusCode.InternalServerError } api =>
            $"The Platform API failed ({(int)api.Status}). {api.Problem.Detail} {TraceOf(api)}".Trim(),
        PlatformApiException api => api.Problem.Describe(),
        HttpRequestException => "The Platform API is not reachable right now. Try again in a moment.",
        TaskCanceledException => "The Platform API did not answer in time. Try again in a moment.",
        _ => error.Message,
    };

    /// <summary>Field errors of a validation problem (400/422) keyed as the API names them, e.g. "parameters.greeting".</summary>
    public static IReadOnlyDictionary<string, string[]> FieldErrors(Exception error) =>
        error is PlatformApiException { Status: HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, Problem.Errors: { } errors }
            ? errors
            : new Dictionary<string, string[]>();

    private static string TraceOf(PlatformApiException api) => api.Problem.TraceId is { } id ? $"(trace id {id})" : "";
}
