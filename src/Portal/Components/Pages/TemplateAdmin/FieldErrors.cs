using Platform.Portal.Api;

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

    /// <summary>
    /// Takes the API's refusal: its field errors go to their fields, and the sentence for the form's own alert is
    /// returned: the whole error when it names no field, the messages of fields the form has no place for, else
    /// <paramref name="markedAbove"/>.
    /// </summary>
    public string Take(Exception error, Func<string, bool> placed, string markedAbove)
    {
        Set(ApiErrors.FieldErrors(error));
        var unplaced = Except(placed);
        return Count == 0 ? ApiErrors.Describe(error) : unplaced.Count > 0 ? string.Join(" ", unplaced) : markedAbove;
    }

    /// <summary>Messages of fields the form has no place for, so none is lost.</summary>
    public IReadOnlyList<string> Except(Func<string, bool> placed) => _errors.Where(e => !placed(e.Key)).SelectMany(e => e.Value).ToList();
}
