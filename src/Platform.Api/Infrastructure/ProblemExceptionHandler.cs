using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Application;
using Platform.Domain;

namespace Platform.Api.Infrastructure;

/// <summary>
/// One place that turns failures into RFC 9457 problem details: unreadable input 400 (per field), broken rules 422, clashes 409,
/// unknown resources 404, refusals 403, used-up quotas 429, the event broker failing 503, the database unreachable 503 with Retry-After (a write under way when the connection broke may or may not have been applied),
/// everything else 500 (details logged, not shown).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => WithField(new ProblemDetails { Status = 422, Title = "The request breaks a rule of the platform.", Detail = domain.Message }, domain.Field, domain.Message),
            ValidationException invalid => new HttpValidationProblemDetails(invalid.Errors) { Status = 400, Title = "One or more validation errors occurred.", Detail = invalid.Message },
            ConflictException conflict => new ProblemDetails { Status = 409, Title = "Conflict", Detail = conflict.Message },
            DbUpdateConcurrencyException => new ProblemDetails { Status = 409, Title = "Conflict", Detail = "Someone else changed this resource at the same time; reload and try again." },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique } =>
                new ProblemDetails { Status = 409, Title = "Conflict", Detail = $"A resource with the same unique value already exists ({unique.ConstraintName})." },
            NotFoundException notFound => new ProblemDetails { Status = 404, Title = "Not found", Detail = notFound.Message },
            ForbiddenException forbidden => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = forbidden.Message },
            Application.Quotas.QuotaExceededException quota => WithQuota(quota),
            BadHttpRequestException bad => new ProblemDetails { Status = 400, Title = "Bad request", Detail = bad.Message },
            _ => null,
        };
        if (problem is null && exception is NATS.Client.Core.NatsException)
        {
            logger.LogWarning("NATS failed on {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception.Message);
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problem = new ProblemDetails
            {
                Status = 503, Title = "The platform's event broker (NATS JetStream) is unavailable.",
                Detail = HttpMethods.IsGet(context.Request.Method)
                    ? $"Try again after Retry-After ({exception.Message})."
                    : "The change was not saved. A publish under way may or may not have been stored: repeat it with the same Idempotency-Key.",
            };
        }
        if (problem is null && DatabaseOutage.IsOutage(exception))
        {
            logger.LogWarning("The database is unreachable on {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problem = new ProblemDetails { Status = 503, Title = "The platform's database is unreachable.", Detail = "Try again after Retry-After. A write under way when the connection broke may or may not have been applied: a repeated create answers 409 if it was." };
        }
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "An unexpected error occurred.", Detail = "The error was logged with the trace id of this response." };
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>429, naming the quota (as a field) and its limit.</summary>
    private static ProblemDetails WithQuota(Application.Quotas.QuotaExceededException quota)
    {
        var problem = WithField(new ProblemDetails { Status = 429, Title = "A quota of the service is used up.", Detail = quota.Message }, quota.Quota, quota.Message);
        problem.Extensions["quota"] = quota.Quota;
        problem.Extensions["limit"] = quota.Limit;
        return problem;
    }

    private static ProblemDetails WithField(ProblemDetails problem, string? field, string message)
    {
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return problem;
    }
}
