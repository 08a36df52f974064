namespace Platform.Domain.Templates;

public enum TemplateVersionStatus
{
    /// <summary>Published by its owners, waiting for a platform admin; developers do not see it.</summary>
    Draft,
    /// <summary>Approved by a platform admin; offered to developers.</summary>
    Vetted,
    /// <summary>Still builds existing services but is no longer offered for new ones.</summary>
    Deprecated,
}
