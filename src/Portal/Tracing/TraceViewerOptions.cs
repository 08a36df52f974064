using System.ComponentModel.DataAnnotations;

namespace Platform.Portal.Tracing;

/// <summary>
/// Where a trace is shown (<c>TraceViewer:TraceUrl</c>): an absolute http(s) URL with <c>{traceId}</c> where the
/// 32-digit W3C trace id goes, such as the Aspire dashboard's <c>http://127.0.0.1:18888/traces/detail/{traceId}</c>
/// or Jaeger's <c>https://jaeger.example.com/trace/{traceId}</c>. Unset: the portal shows trace ids as text.
/// </summary>
public sealed class TraceViewerOptions : IValidatableObject
{
    public const string Placeholder = "{traceId}";

    public string? TraceUrl { get; set; }

    /// <summary>The viewer's page for <paramref name="traceId"/>; null when no viewer is configured or the id is not a trace id.</summary>
    public string? LinkFor(string? traceId) =>
        string.IsNullOrWhiteSpace(TraceUrl) || !IsTraceId(traceId) ? null : TraceUrl.Replace(Placeholder, traceId, StringComparison.Ordinal);

    /// <summary>32 lower-case hex digits, not all zero.</summary>
    public static bool IsTraceId(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') && id.Any(c => c != '0');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(TraceUrl))
        {
            yield break;
        }
        if (!TraceUrl.Contains(Placeholder, StringComparison.Ordinal)
            || !Uri.TryCreate(TraceUrl.Replace(Placeholder, new string('0', 32), StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult($"TraceViewer:TraceUrl must be an absolute http(s) URL containing {Placeholder}.", [nameof(TraceUrl)]);
        }
    }
}
