using Platform.Domain.Registry;
using Tomlyn;
using Tomlyn.Model;

namespace Platform.Domain.Manifests;

/// <summary>Reads <c>platform.toml</c>. Every problem is reported with the key it concerns.</summary>
public static class ManifestParser
{
    public static ServiceManifest Parse(string toml)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            throw new DomainException($"The manifest is not valid TOML: {ex.Message}", "manifest");
        }

        var name = Get<string>(root, "name") ?? throw new DomainException("The manifest has no 'name'.", "manifest.name");
        if (!Slug.IsValid(name)) throw new DomainException(Slug.Describe("The manifest's 'name'"), "manifest.name");
        var executor = Get<string>(root, "executor") ?? Executors.Component;
        if (!Executors.IsKnown(executor))
            throw new DomainException($"Executor '{executor}' is unknown; use 'component' or 'wagi'.", "manifest.executor");
        var route = Get<string>(root, "route");
        if (route is not null && !Routes.IsValid(route)) throw new DomainException(Routes.Describe, "manifest.route");

        var capabilities = Get<TomlTable>(root, "capabilities") ?? new TomlTable();
        var limits = Get<TomlTable>(root, "limits") ?? new TomlTable();
        var manifest = new ServiceManifest
        {
            Name = name,
            Route = route,
            Executor = executor,
            AllowedOutboundHosts = Strings(capabilities, "allowed_outbound_hosts"),
            KeyValueStores = Strings(capabilities, "key_value_stores"),
            PublishTopics = Strings(capabilities, "publish_topics"),
            Triggers = ReadTriggers(root),
            Variables = ReadVariables(Get<TomlTable>(root, "variables") ?? new TomlTable()),
            DeadlineMs = (int)(Get<long?>(limits, "deadline_ms") ?? ServiceManifest.DefaultDeadlineMs),
            MemoryMb = (int)(Get<long?>(limits, "memory_mb") ?? ServiceManifest.DefaultMemoryMb),
            MaxInstances = (int)(Get<long?>(limits, "max_instances") ?? ServiceManifest.DefaultMaxInstances),
        };
        ManifestRules.Check(manifest);
        return manifest;
    }

    private static Dictionary<string, VariableSpec> ReadVariables(TomlTable table)
    {
        var variables = new Dictionary<string, VariableSpec>(StringComparer.Ordinal);
        foreach (var (key, value) in table)
        {
            variables[key] = value switch
            {
                string text => new VariableSpec(text, false, false),
                TomlTable spec => new VariableSpec(Get<string>(spec, "default"), Get<bool?>(spec, "secret") ?? false, Get<bool?>(spec, "required") ?? false),
                _ => throw new DomainException($"Variable '{key}' must be a string or a table.", $"manifest.variables.{key}"),
            };
        }
        return variables;
    }

    /// <summary><c>[[triggers]]</c> (or <c>triggers = [{ … }]</c>), defaults filled in; ranges are <see cref="TriggerRules"/>'.</summary>
    private static List<TriggerSpec> ReadTriggers(TomlTable root)
    {
        if (!root.TryGetValue("triggers", out var value)) return [];
        IEnumerable<object> entries = value switch
        {
            TomlTableArray tables => tables,
            TomlArray array => array.Cast<object>(),
            _ => throw new DomainException("'triggers' must be a list of tables ([[triggers]]).", "manifest.triggers"),
        };
        return entries.Select((entry, i) =>
        {
            var at = $"manifest.triggers[{i}]";
            if (entry is not TomlTable table) throw new DomainException($"Trigger {i} must be a table with at least 'topic'.", at);
            var retry = Get<TomlTable>(table, "retry", $"{at}.retry") ?? new TomlTable();
            return new TriggerSpec(
                Get<string>(table, "topic", $"{at}.topic") ?? throw new DomainException($"Trigger {i} has no 'topic'.", $"{at}.topic"),
                Get<string>(table, "filter", $"{at}.filter"),
                Int(table, "max_in_flight", $"{at}.max_in_flight", TriggerSpec.DefaultMaxInFlight),
                Int(retry, "max_attempts", $"{at}.retry.max_attempts", TriggerSpec.DefaultMaxAttempts),
                Int(retry, "backoff_ms", $"{at}.retry.backoff_ms", TriggerSpec.DefaultBackoffMs),
                Int(retry, "max_backoff_ms", $"{at}.retry.max_backoff_ms", TriggerSpec.DefaultMaxBackoffMs));
        }).ToList();
    }

    /// <summary>An integer that fits an int (a larger one is out of every range, so it is clamped to one that says so).</summary>
    private static int Int(TomlTable table, string key, string path, int fallback) =>
        Get<long?>(table, key, path) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : fallback;

    private static List<string> Strings(TomlTable table, string key) => Get<TomlArray>(table, key, $"manifest.capabilities.{key}") switch
    {
        null => [],
        var array when array.All(i => i is string) => array.Cast<string>().ToList(),
        _ => throw new DomainException($"'{key}' must be a list of strings.", $"manifest.capabilities.{key}"),
    };

    /// <summary>The value of <paramref name="key"/>, or default when absent; a value of another type is an error on <paramref name="path"/> (default: manifest.&lt;key&gt;).</summary>
    private static T? Get<T>(TomlTable table, string key, string? path = null)
    {
        if (!table.TryGetValue(key, out var value)) return default;
        if (value is T typed) return typed;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value.GetType() == target) return (T)value;
        throw new DomainException($"'{key}' has the wrong type: expected {Describe(target)}.", path ?? $"manifest.{key}");
    }

    private static string Describe(Type type) =>
        type == typeof(string) ? "a string" : type == typeof(long) ? "an integer" : type == typeof(bool) ? "true or false"
        : type == typeof(TomlArray) ? "a list" : "a table";
}
