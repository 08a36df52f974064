namespace Platform.Domain.Templates;

public enum ParameterType
{
    String,
    Integer,
    Boolean,
    /// <summary>One of <see cref="TemplateParameter.Options"/>.</summary>
    Enum,
    /// <summary>The name of a team the caller belongs to (rendered as an owner-team picker).</summary>
    Team,
}
