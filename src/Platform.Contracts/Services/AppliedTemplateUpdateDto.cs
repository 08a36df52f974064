using Platform.Contracts.Builds;

namespace Platform.Contracts.Services;

/// <summary>The commit a template update made on main, the source revision it became, and its build.</summary>
public sealed record AppliedTemplateUpdateDto(string TemplateVersion, string CommitSha, int Revision, BuildDto? Build);
