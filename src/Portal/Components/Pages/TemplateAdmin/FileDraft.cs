namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>One editable file of a template version: a relative path and its content with placeholders.</summary>
public sealed class FileDraft
{
    public string Path { get; set; } = "";
    public string Content { get; set; } = "";
}
