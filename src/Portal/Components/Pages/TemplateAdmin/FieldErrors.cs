namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>
/// The field errors of the API's last answer, keyed as it names fields ("name", "parameters[0].pattern", "files").
/// A message disappears from its field once the field is edited.
/// </summary>
public sealed class FieldErrors
{
    private Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _errors.Count;

    public void Set(IReadOnlyDictionary<string, string[]> errors) => _errors = new(errors, StringComparer.OrdinalIgnoreCase);

    public void Clear() => _errors.Clear();

    /// <summary>The field's messages as one sentence, or null.</summary>
    public string? For(string field) => _errors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;

    public bool Has(string field) => For(field) is not null;

    public void Remove(string field) => _errors.Remove(field);

    public void RemoveStartingWith(string prefix)
    {
        foreach (var key in _errors.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList()) _errors.Remove(key);
    }

    /// <summary>Messages of fields the form has no place for, so none is lost.</summary>
    public IReadOnlyList<string> Except(Func<string, bool> placed) => _errors.Where(e => !placed(e.Key)).SelectMany(e => e.Value).ToList();
}
