namespace Platform.Contracts.Audit;

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string Action, string Target, IReadOnlyDictionary<string, string> Details);
